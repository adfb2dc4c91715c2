import type { IndicatorResult } from '../indicators/indicator-scoring';
import { parseYuan } from '../money';
import { DEFAULT_PLAN } from '../progress/disbursement-plan';
import { Rational } from '../progress/rational';
import type { SelfEvaluationProject } from '../self-evaluation/self-evaluation';
import { monitoringMonth, monitoringReport, type MonitoringInput } from './monitoring-report';

const line = (budget: string, paid: string, planned: string) => ({ budget: parseYuan(budget), paid: parseYuan(paid), planned: Rational.parse(planned), checkpoints: DEFAULT_PLAN });
const indicator = (indicatorId: string, comparator: IndicatorResult['comparator'], target: string, actual: string | null, completionRate: string | null): IndicatorResult => ({
  indicatorId, level1: '产出指标', level2: '数量指标', name: indicatorId, comparator, target, unit: comparator === 'GTE' ? '家' : null, weight: '10',
  actual, completionRate, score: null, deviation: completionRate !== null && completionRate !== '100.00',
});
const funds = (initialBudget: string, budget: string, paid: string, executionRate: string | null) => ({ initialBudget, budget, paid, executionRate });

/** The self-evaluation of project P at the same date: what the monitoring report takes from it. */
const evaluation = {
  projectCode: 'P', projectName: '固定电话打包费', units: [{ code: '434002', name: '区电子政务中心' }],
  initialBudget: '900000.00', budget: '1000000.00', paid: '300000.00',
  funds: { fiscal: funds('900000.00', '900000.00', '250000.00', '27.78'), other: funds('0.00', '100000.00', '50000.00', '50.00') },
  executionExplanation: { cause: '合同7月签订', measure: '签约后一次性支付', causeCategory: 'OTHER', expectedActual: null, likelihood: null },
  goal: { expected: '保障电话畅通', achieved: null },
  indicators: [
    { indicatorId: 'units', cause: '单位撤并', measure: '7月底前对接', causeCategory: 'STAFFING', expectedActual: '83', likelihood: 'CERTAIN' },
    { indicatorId: 'online', cause: null, measure: null, causeCategory: null, expectedActual: null, likelihood: null },
  ],
} as unknown as SelfEvaluationProject;

const input = (asOf: string | null): MonitoringInput => ({
  departmentCode: '434', departmentName: '海港区政府办公室', fiscalYear: 2024, asOf, timeProgress: '49.73',
  thresholds: { warningGap: '10' }, forecastMethod: 'f', checkpointMethod: 'c',
  projects: [{
    projectCode: 'P', projectName: '固定电话打包费', evaluation, executionScore: '3.00',
    // 300 000 of 1 000 000 paid on 30 June, plan 40 % → gap −10.00 → WARNING (−10 ≤ gap < 0).
    lines: [line('1000000', '300000', '40')],
    indicators: [indicator('units', 'GTE', '83', '80', '96.39'), indicator('online', 'BOOL', 'true', 'false', '0.00'), indicator('phones', 'GTE', '5000', '5120', '100.00')],
  }],
  department: { projectCode: '434', projectName: '海港区政府办公室', evaluation: null, lines: [line('1000000', '300000', '40'), line('500000', '250000', '40')] },
});

describe('the 绩效监控 report (SPEC §6, §12)', () => {
  const report = monitoringReport(input('2024-06-30'));
  const p = report.projects[0];

  it('takes 年初预算数, the fund split, 实施单位 and the goal from the self-evaluation at the same date', () => {
    expect(p).toMatchObject({ initialBudget: '900000.00', budget: '1000000.00', paid: '300000.00', executionRate: '30.00', gap: '-10.00', status: 'WARNING' });
    expect(p.funds.other).toEqual(funds('0.00', '100000.00', '50000.00', '50.00'));
    expect(p.units).toEqual([{ code: '434002', name: '区电子政务中心' }]);
    expect(p.goal).toEqual({ expected: '保障电话畅通', achieved: null });
  });

  it('gives each indicator its recorded explanation, and the items to explain their reason and measure', () => {
    expect(p.indicators.map((i) => [i.indicatorId, i.cause, i.measure, i.causeCategory, i.expectedActual, i.likelihood])).toEqual([
      ['units', '单位撤并', '7月底前对接', 'STAFFING', '83', 'CERTAIN'],
      ['online', null, null, null, null, null],
      ['phones', null, null, null, null, null],
    ]);
    expect(p.deviations.map((d) => [d.kind, d.indicatorId, d.expected, d.actual, d.reason, d.measures, d.causeCategory])).toEqual([
      ['EXECUTION', null, '计划进度 40.00%', '执行率 30.00%', '合同7月签订', '签约后一次性支付', 'OTHER'],
      ['INDICATOR', 'units', '≥83家', '80家（完成 96.39%）', '单位撤并', '7月底前对接', 'STAFFING'],
      // Yes/no: 是 / 否, never true / false.
      ['INDICATOR', 'online', '是', '否（完成 0.00%）', null, null, null],
    ]);
    expect(report.deviations).toHaveLength(3);
  });

  it('forecasts the next checkpoint per project and for the department', () => {
    // 30 June 2024 = day 182; 31 October = day 305 at 60 %. 300 000 / 182 × 305 = 502 747.25 → 50.27 %, short by 97 252.75.
    expect(p.nextCheckpoint).toMatchObject({ date: '2024-10-31', forecastPaid: '502747.25', forecastRate: '50.27', willMeet: false, shortfall: '97252.75' });
    // Department: 550 000 / 182 × 305 = 921 703.30 of 1 500 000 → 61.45 % ≥ 60 %.
    expect(report.department.nextCheckpoint).toMatchObject({ forecastPaid: '921703.30', forecastRate: '61.45', willMeet: true, shortfall: '0.00' });
    // Without a self-evaluation entry the fund figures are zero, not missing.
    expect(report.department).toMatchObject({ initialBudget: '0.00', goal: null, executionExplanation: null, units: [] });
    expect(monitoringReport(input(null)).department.nextCheckpoint).toBeNull();
  });

  it('prints 1-N月 with N the month of the report date', () => {
    expect([report.throughMonth, monitoringMonth(2024, '2024-07-31'), monitoringMonth(2024, null), monitoringMonth(2024, '2025-03-01'), monitoringMonth(2024, '2023-12-31')]).toEqual([6, 7, 12, 12, 0]);
  });
});
