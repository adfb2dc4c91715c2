import { PROGRESS_STATUS_NAMES } from '../codes';
import { parseYuan } from '../money';
import { forecastNextCheckpoint } from './checkpoint-forecast';
import { DEFAULT_PLAN, PLAN_PRESETS } from './disbursement-plan';

const line = (budget: string, paid: string, checkpoints = DEFAULT_PLAN) => ({ budget: parseYuan(budget), paid: parseYuan(paid), checkpoints });

describe('next-checkpoint forecast at the current pace (issue 11)', () => {
  it('on 31 March, 150 000 of 1 000 000 paid will miss the 30 June 40 %: 150 000 / 90 × 181 = 301 666.67', () => {
    expect(forecastNextCheckpoint([line('1000000', '150000')], 2023, '2023-03-31')).toEqual({
      month: 6,
      date: '2023-06-30',
      cumulativePercent: '40.00',
      requiredPaid: '400000.00',
      forecastPaid: '301666.67',
      forecastRate: '30.17',
      willMeet: false,
      // 400 000 − 301 666.666… = 98 333.333…
      shortfall: '98333.33',
    });
  });

  it('on the checkpoint day itself the next one is the following checkpoint: 30 June → 31 October 60 %', () => {
    // 400 000 / 181 × 304 = 671 823.204…; 67.18 % ≥ 60 %.
    expect(forecastNextCheckpoint([line('1000000', '400000')], 2023, '2023-06-30')).toEqual({
      month: 10,
      date: '2023-10-31',
      cumulativePercent: '60.00',
      requiredPaid: '600000.00',
      forecastPaid: '671823.20',
      forecastRate: '67.18',
      willMeet: true,
      shortfall: '0.00',
    });
  });

  it('in December the last checkpoint is 31 December at 100 %: 900 000 / 349 × 365 = 941 260.74, short by 58 739.26', () => {
    const f = forecastNextCheckpoint([line('1000000', '900000')], 2023, '2023-12-15')!;
    expect([f.date, f.forecastPaid, f.forecastRate, f.willMeet, f.shortfall]).toEqual(['2023-12-31', '941260.74', '94.13', false, '58739.26']);
  });

  it('counts the leap day: 31 March 2024 is day 91, 30 June day 182 → 100 000 / 91 × 182 = 200 000 exactly', () => {
    const f = forecastNextCheckpoint([line('500000', '100000')], 2024, '2024-03-31')!;
    // Exactly 40 % of 500 000: met (compared exactly, not after rounding).
    expect([f.forecastPaid, f.forecastRate, f.willMeet, f.shortfall]).toEqual(['200000.00', '40.00', true, '0.00']);
  });

  it('follows the plan in force: under 6/9/11 on 31 March the next checkpoint is 30 June at 50 %', () => {
    const f = forecastNextCheckpoint([line('1000000', '150000', PLAN_PRESETS.JUNE_SEPT_NOV)], 2023, '2023-03-31')!;
    expect([f.date, f.cumulativePercent, f.requiredPaid, f.shortfall]).toEqual(['2023-06-30', '50.00', '500000.00', '198333.33']);
  });

  it('a group whose lines follow different plans takes the earliest next checkpoint and the budget-weighted plan there', () => {
    // 31 July (t = 212). Line A 600 000 on 3/6/10/12: next 31 October; line B 400 000 on 6/9/11: next 30 September (t = 273).
    // A's plan on 30 September: 40 + 20 × (273 − 181)/(304 − 181) = 54.959…% → 329 756.10; B: 75 % → 300 000.
    // Required 629 756.10 = 62.98 %; forecast (200 000 + 250 000) / 212 × 273 = 579 481.13 → short by 50 274.97.
    const f = forecastNextCheckpoint([line('600000', '200000'), line('400000', '250000', PLAN_PRESETS.JUNE_SEPT_NOV)], 2023, '2023-07-31');
    expect(f).toEqual({
      month: 9,
      date: '2023-09-30',
      cumulativePercent: '62.98',
      requiredPaid: '629756.10',
      forecastPaid: '579481.13',
      forecastRate: '57.95',
      willMeet: false,
      shortfall: '50274.97',
    });
  });

  it('nothing paid yet: the whole required amount is missing', () => {
    const f = forecastNextCheckpoint([line('200000', '0')], 2023, '2023-02-10')!;
    expect([f.date, f.forecastPaid, f.willMeet, f.shortfall]).toEqual(['2023-03-31', '0.00', false, '40000.00']);
  });

  it('is null with no checkpoint left, a zero budget, a whole-year read or a date outside the fiscal year', () => {
    expect(forecastNextCheckpoint([line('1000000', '1000000')], 2023, '2023-12-31')).toBeNull();
    expect(forecastNextCheckpoint([line('0', '0')], 2023, '2023-03-31')).toBeNull();
    expect(forecastNextCheckpoint([], 2023, '2023-03-31')).toBeNull();
    expect(forecastNextCheckpoint([line('1000000', '150000')], 2023, null)).toBeNull();
    expect(forecastNextCheckpoint([line('1000000', '150000')], 2023, '2024-03-31')).toBeNull();
  });
});

describe('progress status words (issue 11: one word per status everywhere)', () => {
  it('ALERT is 滞后, never 严重滞后', () => {
    expect(PROGRESS_STATUS_NAMES).toEqual({ ON_TRACK: '正常', WARNING: '预警', ALERT: '滞后', OVERSPENT: '超支' });
  });
});
