import { dayOfYear, daysInYear, isWithinFiscalWindow, parseBusinessDate } from './dates';

describe('business dates (SPEC §1, §10)', () => {
  it.each(['2023-02-29', '2023-02-30', '2023-13-01', '2023-04-31', '23-01-01', '2023-1-1', '2023-00-10'])('refuses impossible date %s', (d) =>
    expect(parseBusinessDate(d)).toBeNull(),
  );

  it('knows leap days and day-of-year', () => {
    expect(parseBusinessDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(daysInYear(2023)).toBe(365);
    expect(daysInYear(2024)).toBe(366);
    expect(dayOfYear(parseBusinessDate('2023-03-31')!)).toBe(90);
    expect(dayOfYear(parseBusinessDate('2024-03-31')!)).toBe(91);
    expect(dayOfYear(parseBusinessDate('2023-12-31')!)).toBe(365);
  });

  it('allows the first six months of the following year only where asked', () => {
    const d = parseBusinessDate('2024-06-30')!;
    expect(isWithinFiscalWindow(d, 2023, true)).toBe(true);
    expect(isWithinFiscalWindow(d, 2023, false)).toBe(false);
    expect(isWithinFiscalWindow(parseBusinessDate('2024-07-01')!, 2023, true)).toBe(false);
  });
});
