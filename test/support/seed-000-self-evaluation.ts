/**
 * Seed 000 附件一 (泉港区人民政府办公室 2023): the three 项目支出绩效自评表 as published — amounts in 万元, indicators with
 * their 年度指标值, 实际完成值 and 分值 — as input of the pure self-evaluation (SPEC §12). Shared by the domain and the
 * document unit tests; every expected figure stays in the tests, taken from the published tables.
 */
import type { IndicatorProgress } from '../../libs/domain/src/indicators/indicator-scoring';
import type { DeviationExplanation, EvaluationPolicy, PerformanceGoal, SelfEvaluationInput, SelfEvaluationSubject } from '../../libs/domain/src/self-evaluation/self-evaluation';

/** 万元 as printed ("1086.49") → 分. */
export const wan = (text: string): bigint => {
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole + frac.padEnd(2, '0')) * 10_000n;
};
export const yuan = (text: string): bigint => {
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole + frac.padEnd(2, '0'));
};

let nextId = 0;
export const indicator = (projectCode: string, level1: string, level2: string, name: string, comparator: IndicatorProgress['comparator'], target: string, unit: string | null, weight: string, actual: string | null): IndicatorProgress => ({
  indicatorId: `I${++nextId}`,
  projectCode,
  level1,
  level2,
  name,
  comparator,
  target,
  unit,
  weight,
  actual,
  manualScore: null,
});

export const fiscalOnly = (code: string, name: string, initial: bigint, budget: bigint, paid: bigint, indicators: IndicatorProgress[]): SelfEvaluationSubject => ({
  projectCode: code,
  projectName: name,
  units: [{ code: '001', name: '泉港区人民政府办公室' }],
  fiscal: { initialBudget: initial, budget, paid },
  other: { initialBudget: 0n, budget: 0n, paid: 0n },
  indicators,
});

/** 泉港 2023: 执行率 ≥ 80 % full marks, ≥ 60 % half (the only rule that gives 65.31 → 5, 72.15 → 5, 84.02 → 10). */
export const QUANGANG: EvaluationPolicy = { executionWeight: '10', executionScore: { scheme: 'TIERED', tiers: [{ minRate: '60', percentOfWeight: '50' }, { minRate: '80', percentOfWeight: '100' }] } };

// Seed 000 附件一, the three 项目支出绩效自评表 as published.
const serviceIndicators = (p: string) => [
  indicator(p, '成本指标', '经济成本指标', '成本控制率', 'LTE', '80', '%', '10', '80'),
  indicator(p, '产出指标', '数量指标', '保障覆盖率', 'GTE', '80', '%', '10', '100'),
  indicator(p, '产出指标', '质量指标', '资金使用合规率', 'GTE', '80', '%', '15', '65.31'),
  indicator(p, '产出指标', '时效指标', '资金在规定时间内下达率', 'GTE', '80', '%', '15', '100'),
  indicator(p, '效益指标', '经济效益指标', '单位正常运转率', 'GTE', '100', '%', '30', '100'),
  indicator(p, '满意度指标', '服务对象满意度指标', '满意率', 'GTE', '95', '%', '10', '100'),
];
const counsellorIndicators = (p: string) => [
  indicator(p, '成本指标', '经济成本指标', '成本控制率', 'LTE', '80', '%', '10', '80'),
  indicator(p, '产出指标', '数量指标', '保障覆盖率', 'GTE', '80', '%', '20', '90'),
  indicator(p, '产出指标', '质量指标', '资金使用合规率', 'GTE', '80', '%', '10', '72.15'),
  indicator(p, '产出指标', '时效指标', '资金在规定时间内下达率', 'GTE', '80', '%', '10', '100'),
  indicator(p, '效益指标', '经济效益指标', '单位正常运转率', 'GTE', '100', '%', '30', '100'),
  indicator(p, '满意度指标', '服务对象满意度指标', '投诉量', 'LTE', '10', '次', '10', '0'),
];
const networkIndicators = (p: string) => [
  indicator(p, '成本指标', '经济成本指标', '成本控制率', 'LTE', '100', '%', '10', '100'),
  indicator(p, '产出指标', '数量指标', '保障覆盖率', 'GTE', '80', '%', '15', '100'),
  indicator(p, '产出指标', '质量指标', '资金使用合规率', 'GTE', '80', '%', '15', '100'),
  indicator(p, '产出指标', '时效指标', '资金在规定时间内下达率', 'GTE', '80', '%', '10', '100'),
  indicator(p, '效益指标', '经济效益指标', '单位正常运转率', 'GTE', '100', '%', '30', '100'),
  indicator(p, '满意度指标', '服务对象满意度指标', '投诉量', 'LTE', '10', '次', '10', '0'),
];

export function seed000Input(overrides: Partial<SelfEvaluationInput> = {}): SelfEvaluationInput {
  const goals = new Map<string, PerformanceGoal>([
    ['P1', { expected: '认真做好疫情防控后勤服务工作……', achieved: '1. 加强机关物业管理。……' }],
    ['P2', { expected: '区政府办公室以习近平新时代中国特色社会主义思想为指导……', achieved: '根据区委区政府的决策部署……' }],
    ['P3', { expected: '泉州市泉港区网站建设工作在省市主管部门的指导下……', achieved: '泉州市泉港区全力做好网站与政务新媒体建设工作……' }],
    ['*', { expected: '部门整体目标', achieved: '部门整体完成情况' }],
  ]);
  const service = serviceIndicators('P1');
  const counsellor = counsellorIndicators('P2');
  const deviations = new Map<string, DeviationExplanation>([
    [`indicator:${service[2].indicatorId}`, { cause: '因财政资金安排无法完全支付各项费用。', measure: '加快支付进度。', causeCategory: 'FUNDING', expectedActual: null, likelihood: null }],
    [`indicator:${counsellor[2].indicatorId}`, { cause: '因财政资金安排无法完全支付参事费用。', measure: '加快支付进度。', causeCategory: 'FUNDING', expectedActual: null, likelihood: null }],
  ]);
  return {
    departmentCode: 'QG',
    fiscalYear: 2023,
    asOf: null,
    provisional: false,
    policy: QUANGANG,
    projects: [
      fiscalOnly('P1', '机关服务专项经费', wan('1086.49'), wan('1086.49'), wan('709.62'), service),
      fiscalOnly('P2', '参事事务专项经费', wan('89.56'), wan('89.56'), wan('64.62'), counsellor),
      fiscalOnly('P3', '网络及信息公开专项经费', wan('39.42'), wan('39.42'), wan('33.12'), networkIndicators('P3')),
    ],
    department: {
      ...fiscalOnly('*', '泉港区人民政府办公室', wan('2635.56'), wan('2635.56'), wan('2635.56'), []),
      indicators: [indicator('*', '产出指标', '数量指标', '重点工作完成率', 'GTE', '95', '%', '90', '100')],
    },
    goals,
    deviations,
    // A closed year that carried nothing forward; the 三公 figures are not needed here (computed-indicators tests).
    departmentLedger: { fiscalClosingBalance: 0n, threePublicBudget: 0n, threePublicActual: 0n },
    ...overrides,
  };
}

