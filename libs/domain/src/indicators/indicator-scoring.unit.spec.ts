import type { LedgerEvent } from '../events/event-types';
import { executionScore, foldIndicators, IndicatorProgress, isIndicatorEvent, scoreIndicator } from './indicator-scoring';

/** Seed 001, 固定电话打包费 (179.00万元): ≥5000部, ≥83家, ≤2%, ≤2天, 100%, ≤179万元 — scored by SPEC §6. */
const indicator = (comparator: IndicatorProgress['comparator'], target: string, weight: string, actual: string | null, manualScore: string | null = null): IndicatorProgress => ({
  indicatorId: 'I',
  projectCode: '13030224P00308P12279T',
  level1: '产出指标',
  level2: '数量指标',
  name: '涉及电话的数量',
  comparator,
  target,
  unit: '部',
  weight,
  actual,
  manualScore,
});
const scored = (i: IndicatorProgress) => {
  const r = scoreIndicator(i);
  return [r.completionRate, r.score, r.deviation];
};

describe('indicator completion and score (SPEC §6)', () => {
  it('GTE: actual / target, capped at 100', () => {
    expect(scored(indicator('GTE', '5000', '20', '5123'))).toEqual(['100.00', '20.00', false]);
    // 4 600 / 5 000 = 92 %; 20 × 92 % = 18.4
    expect(scored(indicator('GTE', '5000', '20', '4600'))).toEqual(['92.00', '18.40', true]);
    // 80 / 83 = 96.385…%; 10 × 0.96385… = 9.638…
    expect(scored(indicator('GTE', '83', '10', '80'))).toEqual(['96.39', '9.64', true]);
  });

  it('LTE: 100 when within the ceiling, else target / actual', () => {
    expect(scored(indicator('LTE', '2', '10', '1.5'))).toEqual(['100.00', '10.00', false]);
    // 故障率 2.5 % against ≤ 2 %: 2 / 2.5 = 80 %
    expect(scored(indicator('LTE', '2', '10', '2.5'))).toEqual(['80.00', '8.00', true]);
    // ≤ 179万元 spent 180: 179/180 = 99.444…%, 20 × that = 19.888…
    expect(scored(indicator('LTE', '179', '20', '180'))).toEqual(['99.44', '19.89', true]);
  });

  it('EQ, BOOL and QUALITATIVE', () => {
    expect(scored(indicator('EQ', '100', '10', '100.0'))).toEqual(['100.00', '10.00', false]);
    expect(scored(indicator('EQ', '100', '10', '99'))).toEqual(['0.00', '0.00', true]);
    expect(scored(indicator('BOOL', 'true', '5', 'true'))).toEqual(['100.00', '5.00', false]);
    expect(scored(indicator('BOOL', 'true', '5', 'false'))).toEqual(['0.00', '0.00', true]);
    expect(scored(indicator('QUALITATIVE', '比上年有所提高', '10', '有所提高', '8.5'))).toEqual(['85.00', '8.50', true]);
    expect(scored(indicator('QUALITATIVE', '比上年有所提高', '10', '有所提高'))).toEqual([null, null, false]);
  });

  it('does not score a text measurement left from an earlier BOOL or QUALITATIVE definition', () => {
    expect(scored(indicator('GTE', '5000', '20', 'true'))).toEqual([null, null, false]);
  });

  it('does not score an unmeasured indicator', () => {
    expect(scored(indicator('GTE', '5000', '20', null))).toEqual([null, null, false]);
  });

  it('marks a completion just under 100 as a deviation even when it rounds to 100.00', () => {
    expect(scored(indicator('GTE', '5000', '20', '4999.99'))).toEqual(['100.00', '20.00', true]);
  });

  it('gives the 10-point execution score, capped at 100 % execution', () => {
    expect(executionScore(8_950_000n, 17_900_000n)).toBe('5.00');
    expect(executionScore(17_900_001n, 17_900_000n)).toBe('10.00');
    expect(executionScore(1n, 3n)).toBe('3.33');
    expect(executionScore(0n, 0n)).toBeNull();
  });
});

describe('folding indicator events (SPEC §10)', () => {
  let n = 0;
  const ev = (type: string, occurredOn: string, data: Record<string, unknown>) =>
    ({ eventId: `i${++n}`, type, fiscalYear: 2024, departmentCode: '434', occurredOn, data }) as LedgerEvent;
  const define = (target: string, on = '2024-01-10') =>
    ev('IndicatorDefined', on, { indicatorId: 'I1', projectCode: 'P', level1: '产出指标', level2: '数量指标', name: '部数', comparator: 'GTE', target, unit: '部', weight: '20' });

  it('takes the latest measurement by occurredOn, ties to the later processed, and keeps it across a redefinition', () => {
    const events = [
      define('5000'),
      ev('IndicatorMeasured', '2024-06-30', { indicatorId: 'I1', actual: '3000' }),
      ev('IndicatorMeasured', '2024-03-31', { indicatorId: 'I1', actual: '1000' }),
      ev('IndicatorMeasured', '2024-06-30', { indicatorId: 'I1', actual: '3100' }),
      define('6200', '2024-07-01'),
    ].filter(isIndicatorEvent);
    const [state] = foldIndicators(events);
    expect(state).toMatchObject({ target: '6200', actual: '3100' });
    expect(scoreIndicator(state)).toMatchObject({ completionRate: '50.00', score: '10.00', deviation: true });
  });
});
