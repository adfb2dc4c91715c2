/** Business dates are `YYYY-MM-DD` (SPEC §1); day arithmetic follows SPEC §10. */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export interface BusinessDate {
  year: number;
  month: number;
  day: number;
}

/** Parses a real calendar date; `2023-02-30` and `2023-13-01` are null. */
export function parseBusinessDate(value: unknown): BusinessDate | null {
  if (typeof value !== 'string') return null;
  const m = DATE_PATTERN.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** t(d): day of the year, 1 January = 1 (SPEC §10). */
export function dayOfYear(date: BusinessDate): number {
  let t = date.day;
  for (let m = 1; m < date.month; m++) t += daysInMonth(date.year, m);
  return t;
}

/** Whether `date` lies inside `fiscalYear`, or (when allowed) in the first six months of the next year (SPEC §10). */
export function isWithinFiscalWindow(date: BusinessDate, fiscalYear: number, allowFollowingHalfYear: boolean): boolean {
  if (date.year === fiscalYear) return true;
  return allowFollowingHalfYear && date.year === fiscalYear + 1 && date.month <= 6;
}
