import { fiscalOnly, indicator, QUANGANG, seed000Input, yuan } from '../../../../test/support/seed-000-self-evaluation';
import { Rational } from '../progress/rational';
import { executionScoreUnder, gradeOf, selfEvaluation, selfEvaluationGaps, selfEvaluationInWan, type EvaluationPolicy, type SelfEvaluationSubject } from './self-evaluation';

describe('self-evaluation of seed 000 (泉港区人民政府办公室 2023, 附件一)', () => {
  const report = selfEvaluation(seed000Input());
  const [service, counsellor, network] = report.projects;

  it('机关服务专项经费: 1,086.49 / 709.62, 65.31 % → 5 of 10; 资金使用合规率 12.25; 总分 92.25 优', () => {
    expect([service.initialBudget, service.budget, service.paid]).toEqual(['10864900.00', '10864900.00', '7096200.00']);
    expect(service.funds.fiscal).toEqual({ initialBudget: '10864900.00', budget: '10864900.00', paid: '7096200.00', executionRate: '65.31' });
    expect(service.funds.other).toEqual({ initialBudget: '0.00', budget: '0.00', paid: '0.00', executionRate: null });
    expect([service.executionRate, service.executionWeight, service.executionScore]).toEqual(['65.31', '10.00', '5.00']);
    expect(service.indicators.map((i) => i.score)).toEqual(['10.00', '10.00', '12.25', '15.00', '30.00', '10.00']);
    expect(service.indicators[2]).toMatchObject({ actual: '65.31', deviation: true, cause: '因财政资金安排无法完全支付各项费用。', measure: '加快支付进度。', causeCategory: 'FUNDING' });
    expect([service.totalWeight, service.totalScore, service.grade]).toEqual(['100.00', '92.25', 'EXCELLENT']);
  });

  it('参事事务专项经费: 72.15 % → 5; 资金使用合规率 10 × 72.15 / 80 = 9.01875 → 9.02; 投诉量 0 ≤ 10次 → 10; 总分 94.02 优', () => {
    expect([counsellor.executionRate, counsellor.executionScore]).toEqual(['72.15', '5.00']);
    expect(counsellor.indicators.map((i) => i.score)).toEqual(['10.00', '20.00', '9.02', '10.00', '30.00', '10.00']);
    expect(counsellor.indicators[1]).toMatchObject({ actual: '90', completionRate: '100.00', deviation: false });
    expect([counsellor.totalWeight, counsellor.totalScore, counsellor.grade]).toEqual(['100.00', '94.02', 'EXCELLENT']);
  });

  it('网络及信息公开专项经费: 84.02 % → 10; 总分 100 优', () => {
    expect([network.executionRate, network.executionScore]).toEqual(['84.02', '10.00']);
    expect([network.totalWeight, network.totalScore, network.grade]).toEqual(['100.00', '100.00', 'EXCELLENT']);
  });

  it('summary: 3 projects evaluated, 1,215.47 万元 budgeted (1,086.49 + 89.56 + 39.42), 807.36 万元 executed, 优 3', () => {
    expect(report.summary).toEqual({ evaluated: 3, budget: '12154700.00', paid: '8073600.00', grades: { EXCELLENT: 3, GOOD: 0, FAIR: 0, POOR: 0 } });
    expect(selfEvaluationInWan(report).summary.paid).toBe('807.36');
    expect(selfEvaluationInWan(report).projects[0].funds.fiscal).toMatchObject({ initialBudget: '1086.49', paid: '709.62', executionRate: '65.31' });
    expect(selfEvaluationGaps(report)).toEqual([]);
  });

  it('the 部门整体 entry "*" is scored the same way over the department', () => {
    // 2,635.56 of 2,635.56: 100 % → 10; 重点工作完成率 100 ≥ 95 → 90; 100 of 100.
    expect(report.department).toMatchObject({ projectCode: '*', executionRate: '100.00', executionScore: '10.00', totalWeight: '100.00', totalScore: '100.00', grade: 'EXCELLENT' });
  });
});

describe('执行率 score under the policy (SPEC §12)', () => {
  const rate = (paid: string, budget: string) => new Rational(yuan(paid) * 100n, yuan(budget));
  const score = (policy: EvaluationPolicy, paid: string, budget: string) => executionScoreUnder(policy, rate(paid, budget))!.toFixed2();

  it('TIERED 80 → 100 %, 60 → 50 %: the highest tier reached; below every tier 0', () => {
    expect(score(QUANGANG, '80', '100')).toBe('10.00');
    expect(score(QUANGANG, '79.99', '100')).toBe('5.00');
    expect(score(QUANGANG, '60', '100')).toBe('5.00');
    expect(score(QUANGANG, '59.99', '100')).toBe('0.00');
    expect(score(QUANGANG, '120', '100')).toBe('10.00');
    // Tiers need not come sorted.
    expect(score({ ...QUANGANG, executionScore: { scheme: 'TIERED', tiers: [{ minRate: '80', percentOfWeight: '100' }, { minRate: '60', percentOfWeight: '50' }] } }, '70', '100')).toBe('5.00');
  });

  it('TIERED uses the exact rate: 79.996 % (printed 80.00) is still in the 60 % tier', () => {
    // 7 999.60 / 10 000.00 = 79.996 %
    expect(rate('7999.60', '10000.00').toFixed2()).toBe('80.00');
    expect(score(QUANGANG, '7999.60', '10000.00')).toBe('5.00');
  });

  it('PROPORTIONAL: 安阳 2023 5.68 % → 0.57; capped at 100 %; weight as set', () => {
    const proportional: EvaluationPolicy = { executionWeight: '10', executionScore: { scheme: 'PROPORTIONAL' } };
    expect(score(proportional, '5.68', '100')).toBe('0.57');
    expect(score(proportional, '130', '100')).toBe('10.00');
    expect(score({ ...proportional, executionWeight: '20' }, '65.31', '100')).toBe('13.06');
    expect(executionScoreUnder(proportional, null)).toBeNull();
  });

  it('without a policy: PROPORTIONAL over 10 (seed 000 would score 6.53)', () => {
    const report = selfEvaluation(seed000Input({ policy: null }));
    expect(report.policy).toEqual({ executionWeight: '10', executionScore: { scheme: 'PROPORTIONAL' } });
    expect(report.projects.map((p) => p.executionScore)).toEqual(['6.53', '7.22', '8.40']);
    // 6.531301… + 87.245625 = 93.776926… → 93.78
    expect(report.projects[0].totalScore).toBe('93.78');
  });
});

describe('totals, incompleteness and grades', () => {
  it('sums the exact scores and rounds once: 12.245625 + 9.01875 = 21.26 (not 12.25 + 9.02 = 21.27)', () => {
    const subject = fiscalOnly('P', '项目', yuan('100'), yuan('100'), yuan('0'), [
      indicator('P', '产出指标', '质量指标', '合规率甲', 'GTE', '80', '%', '15', '65.31'),
      indicator('P', '产出指标', '质量指标', '合规率乙', 'GTE', '80', '%', '10', '72.15'),
    ]);
    const report = selfEvaluation(seed000Input({ projects: [subject] }));
    expect(report.projects[0].indicators.map((i) => i.score)).toEqual(['12.25', '9.02']);
    expect([report.projects[0].executionScore, report.projects[0].totalWeight, report.projects[0].totalScore]).toEqual(['0.00', '35.00', '21.26']);
  });

  it('an unmeasured indicator adds 0 and leaves its project incomplete; no goal and an unexplained deviation too', () => {
    const subject = fiscalOnly('P9', '未评项目', yuan('100'), yuan('100'), yuan('100'), [
      indicator('P9', '产出指标', '数量指标', '完成数', 'GTE', '10', '个', '50', null),
      indicator('P9', '效益指标', '社会效益指标', '覆盖率', 'GTE', '80', '%', '40', '40'),
    ]);
    const report = selfEvaluation(seed000Input({ projects: [subject] }));
    const p = report.projects[0];
    expect(p.indicators[0]).toMatchObject({ actual: null, score: null, completionRate: null, deviation: false });
    // 10 (100 %) + 0 + 40 × 40 / 80 = 30
    expect([p.totalWeight, p.totalScore, p.grade]).toEqual(['100.00', '30.00', 'POOR']);
    expect(selfEvaluationGaps(report)).toEqual([{ projectCode: 'P9', projectName: '未评项目', missing: ['年度总体目标', '指标完成值（完成数）', '偏差原因分析及改进措施（覆盖率）'] }]);
  });

  it('a project without budget is listed but not evaluated, nor counted in the summary', () => {
    const idle = fiscalOnly('P0', '未下达项目', 0n, 0n, 0n, []);
    const base = seed000Input();
    const report = selfEvaluation({ ...base, projects: [...base.projects, idle] });
    expect(report.projects[3]).toMatchObject({ projectCode: 'P0', evaluated: false, executionRate: null, executionScore: null, totalScore: '0.00', grade: null });
    expect(report.summary.evaluated).toBe(3);
    expect(selfEvaluationGaps(report)).toEqual([]);
  });

  it('funds split: other = UNIT_FUNDS and SPECIAL_ACCOUNT, totals add both', () => {
    const mixed: SelfEvaluationSubject = { ...fiscalOnly('M', '混合', yuan('800'), yuan('900'), yuan('450'), []), other: { initialBudget: yuan('100'), budget: yuan('100'), paid: yuan('100') } };
    const p = selfEvaluation(seed000Input({ projects: [mixed] })).projects[0];
    expect([p.initialBudget, p.budget, p.paid, p.executionRate]).toEqual(['900.00', '1000.00', '550.00', '55.00']);
    expect([p.funds.fiscal.executionRate, p.funds.other.executionRate]).toEqual(['50.00', '100.00']);
  });

  it('grade boundaries on totalScore × 100 / totalWeight: 90 优, 80 良, 60 中', () => {
    expect(['90.00', '89.99', '80.00', '79.99', '60.00', '59.99', '0.00'].map((s) => gradeOf(s, '100.00'))).toEqual(['EXCELLENT', 'GOOD', 'GOOD', 'FAIR', 'FAIR', 'POOR', 'POOR']);
    // 99 of 110 is exactly 90 %; 98.99 of 110 is below.
    expect([gradeOf('99.00', '110.00'), gradeOf('98.99', '110.00')]).toEqual(['EXCELLENT', 'GOOD']);
    expect(gradeOf('0.00', '0.00')).toBeNull();
  });

  it('the printed 总分 decides the grade: an exact 89.995 prints 90.00 and is 优', () => {
    // PROPORTIONAL 99.95 % → 9.995; 80 of 80; 0 of 10 (EQ missed): 89.995 of 100.
    const subject = fiscalOnly('B', '边界', yuan('10000'), yuan('10000'), yuan('9995'), [
      indicator('B', '产出指标', '数量指标', '甲', 'GTE', '1', '个', '80', '1'),
      indicator('B', '产出指标', '质量指标', '乙', 'EQ', '1', '个', '10', '2'),
    ]);
    const p = selfEvaluation(seed000Input({ policy: null, projects: [subject] })).projects[0];
    expect([p.executionScore, p.totalScore, p.grade]).toEqual(['10.00', '90.00', 'EXCELLENT']);
  });
});
