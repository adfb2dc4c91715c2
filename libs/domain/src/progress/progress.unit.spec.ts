import { parseBusinessDate } from '../dates';
import { parseYuan } from '../money';
import { DEFAULT_PLAN, PLAN_PRESETS, planInForce, plannedPercentAt, PlanVersion } from './disbursement-plan';
import { forecastYearEnd, groupFigures, statusOf, timeProgress, DEFAULT_THRESHOLDS } from './execution-progress';
import { Rational } from './rational';

const d = (s: string) => parseBusinessDate(s)!;
const at = (s: string, plan = DEFAULT_PLAN) => plannedPercentAt(plan, d(s)).toFixed2();

describe('rational rounding (SPEC §10: exact, then once half-up)', () => {
  it.each([
    [new Rational(65305n, 1000n), '65.31'],
    [new Rational(-5n, 1000n), '-0.01'],
    [new Rational(-4n, 1000n), '0.00'],
    [new Rational(1n, 3n), '0.33'],
    [new Rational(2n, 3n), '0.67'],
    [Rational.parse('-12.345'), '-12.35'],
  ])('%p → %s', (r, text) => expect(r.toFixed2()).toBe(text));
});

describe('the plan curve (SPEC §5, §10)', () => {
  it('hits every default checkpoint exactly on the last day of its month', () => {
    expect(at('2023-03-31')).toBe('20.00');
    expect(at('2023-06-30')).toBe('40.00');
    expect(at('2023-10-31')).toBe('60.00');
    expect(at('2023-12-31')).toBe('100.00');
  });

  it('is linear from 0 % on 1 January: t/90 × 20 in the first quarter of 2023', () => {
    // 1 January is the end of day 1: 1/90 × 20 = 0.2222…
    expect(at('2023-01-01')).toBe('0.22');
    // 15 February: t = 46 → 46/90 × 20 = 10.2222…
    expect(at('2023-02-15')).toBe('10.22');
  });

  it('interpolates between checkpoints: 15 May 2023 is 20 + 20 × (135 − 90)/(181 − 90)', () => {
    // 20 + 20 × 45/91 = 29.8901…
    expect(at('2023-05-15')).toBe('29.89');
    // 30 November: t = 334, between 304 (60 %) and 365 (100 %): 60 + 40 × 30/61 = 79.6721…
    expect(at('2023-11-30')).toBe('79.67');
  });

  it('uses the leap day: 31 March 2024 is t = 91 and still exactly 20 %', () => {
    expect(at('2024-03-31')).toBe('20.00');
    expect(at('2024-02-29')).toBe(new Rational(60n * 20n, 91n).toFixed2());
  });

  it('follows a custom plan, including a flat stretch', () => {
    const plan = [
      { month: 6, cumulativePercent: '50' },
      { month: 9, cumulativePercent: '50' },
      { month: 12, cumulativePercent: '100' },
    ];
    expect(at('2023-06-30', plan)).toBe('50.00');
    expect(at('2023-08-01', plan)).toBe('50.00');
    expect(at('2023-12-31', plan)).toBe('100.00');
  });
});

describe('regional presets', () => {
  it('LINEAR is 序时进度 itself', () => {
    for (const day of ['2023-01-01', '2023-05-15', '2023-06-30', '2023-11-30']) expect(at(day, PLAN_PRESETS.LINEAR)).toBe(timeProgress(d(day)));
  });
  it('JUNE_SEPT_NOV reaches 50 / 75 / 90 % at the ends of June, September and November', () => {
    expect(at('2023-06-30', PLAN_PRESETS.JUNE_SEPT_NOV)).toBe('50.00');
    expect(at('2023-09-30', PLAN_PRESETS.JUNE_SEPT_NOV)).toBe('75.00');
    expect(at('2023-11-30', PLAN_PRESETS.JUNE_SEPT_NOV)).toBe('90.00');
    // 31 March: 50 × 90/181 = 24.861…
    expect(at('2023-03-31', PLAN_PRESETS.JUNE_SEPT_NOV)).toBe('24.86');
  });
  it('is what a line without a plan of its own falls back to', () => {
    expect(planInForce([], { lineId: 'L', projectCode: null, unitCode: 'U' }, null, PLAN_PRESETS.LINEAR)).toBe(PLAN_PRESETS.LINEAR);
  });
});

describe('the plan in force (SPEC §2: most specific scope wins; §10: latest occurredOn ≤ d, ties to the later processed)', () => {
  const line = { lineId: 'L1', projectCode: 'P1', unitCode: 'U1' };
  const plan = (scope: PlanVersion['scope'], occurredOn: string, position: number, last: string): PlanVersion => ({
    scope,
    occurredOn,
    position: BigInt(position),
    checkpoints: [{ month: 6, cumulativePercent: last }, { month: 12, cumulativePercent: '100' }],
  });
  const first = (plans: PlanVersion[], date: string | null) => planInForce(plans, line, date)[0]?.cumulativePercent;

  it('falls back to the default plan', () => expect(planInForce([], line, null)).toBe(DEFAULT_PLAN));
  it('prefers line over project over unit over department', () => {
    const plans = [plan({}, '2023-01-01', 1, '10'), plan({ unitCode: 'U1' }, '2023-01-01', 2, '20'), plan({ projectCode: 'P1' }, '2023-01-01', 3, '30'), plan({ lineId: 'L1' }, '2023-01-01', 4, '40')];
    expect(first(plans, null)).toBe('40');
    expect(first(plans.slice(0, 3), null)).toBe('30');
    expect(first(plans.slice(0, 2), null)).toBe('20');
    expect(first(plans.slice(0, 1), null)).toBe('10');
  });
  it('ignores scopes of other lines, projects and units', () => {
    const plans = [plan({ lineId: 'L2' }, '2023-01-01', 1, '40'), plan({ projectCode: 'P2' }, '2023-01-01', 2, '30'), plan({ unitCode: 'U2' }, '2023-01-01', 3, '20')];
    expect(planInForce(plans, line, null)).toBe(DEFAULT_PLAN);
  });
  it('takes the latest occurredOn at or before the date, ties to the later processed', () => {
    const plans = [plan({}, '2023-05-01', 5, 'late'), plan({}, '2023-02-01', 9, 'early-processed-later'), plan({}, '2023-02-01', 3, 'early')];
    expect(first(plans, '2023-04-30')).toBe('early-processed-later');
    expect(first(plans, '2023-05-01')).toBe('late');
    expect(planInForce(plans, line, '2023-01-31')).toBe(DEFAULT_PLAN);
  });
  it('uses a less specific plan in force when the specific one is dated later', () => {
    const plans = [plan({}, '2023-01-01', 1, '10'), plan({ lineId: 'L1' }, '2023-07-01', 2, '40')];
    expect(first(plans, '2023-06-30')).toBe('10');
    expect(first(plans, '2023-07-01')).toBe('40');
  });
});

describe('group figures (SPEC §5)', () => {
  const line = (budget: string, paid: string, planned: string) => ({ budget: parseYuan(budget), paid: parseYuan(paid), planned: Rational.parse(planned) });

  it('weights planned rates by budget: (100 × 20 + 300 × 40) / 400 = 35', () => {
    expect(groupFigures([line('100', '30', '20'), line('300', '90', '40')])).toEqual({
      budget: '400.00',
      paid: '120.00',
      executionRate: '30.00',
      plannedRate: '35.00',
      gap: '-5.00',
      status: 'WARNING',
    });
  });

  it('gives each status', () => {
    expect(groupFigures([line('100', '20', '20')]).status).toBe('ON_TRACK');
    expect(groupFigures([line('100', '10', '20')]).status).toBe('WARNING');
    expect(groupFigures([line('100', '9.99', '20')]).status).toBe('ALERT');
    expect(groupFigures([line('100', '100.01', '100')]).status).toBe('OVERSPENT');
    expect(groupFigures([line('0', '5', '20')])).toMatchObject({ executionRate: null, plannedRate: null, status: 'OVERSPENT' });
    expect(groupFigures([line('0', '0', '20')])).toMatchObject({ executionRate: null, status: null });
  });

  it('rounds the gap from the exact difference, not from rounded rates', () => {
    // execution 1/3 × 100 = 33.333…, planned 20 × 45/91 + 20 = 29.8901…: gap 3.4432… → 3.44
    const g = groupFigures([{ budget: 300n, paid: 100n, planned: Rational.parse('20').add(new Rational(900n, 91n)) }]);
    expect(g).toMatchObject({ executionRate: '33.33', plannedRate: '29.89', gap: '3.44' });
  });

  it('takes thresholds from configuration', () => {
    expect(statusOf(100n, 50n, '-6.00', { warningGap: '5' })).toBe('ALERT');
    expect(statusOf(100n, 50n, '-6.00', DEFAULT_THRESHOLDS)).toBe('WARNING');
  });
});

describe('序时进度', () => {
  it('is days elapsed over days in the year', () => {
    expect(timeProgress(d('2023-06-30'))).toBe('49.59'); // 181/365
    expect(timeProgress(d('2024-06-30'))).toBe('49.73'); // 182/366
    expect(timeProgress(d('2023-12-31'))).toBe('100.00');
  });
});

describe('year-end forecast (绩效监控)', () => {
  const line = (budget: string, paid: string, planned: string) => ({ budget: parseYuan(budget), paid: parseYuan(paid), planned: Rational.parse(planned) });
  it('keeps the pace relative to the plan: 30 % paid against 40 % planned ends at 75 %', () => {
    expect(forecastYearEnd([line('1000', '300', '40')])).toMatchObject({ executionRate: '75.00', paid: '750.00' });
  });
  it('weights the plan by budget and rounds the amount to the fen: 100 paid of 300 against 29.89…% planned', () => {
    // planned = 20 + 20 × 45/91; forecast paid = 100 × 100 / planned = 334.5588…
    const f = forecastYearEnd([{ budget: 30000n, paid: 10000n, planned: Rational.parse('20').add(new Rational(900n, 91n)) }]);
    expect(f).toMatchObject({ paid: '334.56', executionRate: '111.52' });
  });
  it('makes no forecast before the plan expects anything, or without budget', () => {
    expect(forecastYearEnd([line('1000', '0', '0')]).executionRate).toBeNull();
    expect(forecastYearEnd([line('0', '0', '20')]).paid).toBeNull();
  });
});
