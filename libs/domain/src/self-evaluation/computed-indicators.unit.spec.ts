import { indicator, seed000Input, yuan } from '../../../../test/support/seed-000-self-evaluation';
import { computedDepartmentIndicators, computedIndicatorFor, type ComputedIndicatorFigures } from './computed-indicators';
import { selfEvaluation, type SelfEvaluationSubject } from './self-evaluation';

/**
 * A department of 1 000 000.00 budgeted (fiscal), 800 000.00 paid, 150 000.00 carried forward at YearEndClosed (the other
 * 50 000.00 lapsed); 三公 budget 40 000.00, spent 26 920.00. Expected values worked out by hand:
 * 预算执行率 800 000 / 1 000 000 = 80.00 %; 结转结余率 150 000 / 1 000 000 = 15.00 %; 三公 26 920 / 40 000 = 67.30 %.
 */
const FIGURES: ComputedIndicatorFigures = {
  budget: yuan('1000000'),
  paid: yuan('800000'),
  fiscalBudget: yuan('1000000'),
  fiscalClosingBalance: yuan('150000'),
  threePublicBudget: yuan('40000'),
  threePublicActual: yuan('26920'),
};
const valueOf = (figures: ComputedIndicatorFigures) => Object.fromEntries(computedDepartmentIndicators(figures).map((c) => [c.key, c.value]));

describe('computed 部门整体 indicators (SPEC §12, issue 11)', () => {
  it('预算执行率 80.00, 结转结余率 15.00, “三公”经费控制率 67.30, named and defined in Chinese', () => {
    expect(computedDepartmentIndicators(FIGURES)).toEqual([
      { key: 'budgetExecutionRate', name: '预算执行率', value: '80.00', definition: '预算执行率＝全年执行数÷全年预算数×100%（全部资金）' },
      { key: 'carryOverRate', name: '结转结余率', value: '15.00', definition: '结转结余率＝财政拨款年末结转结余÷财政拨款全年预算数×100%（年终结账前按可用余额计算）' },
      { key: 'threePublicControlRate', name: '“三公”经费控制率', value: '67.30', definition: '“三公”经费控制率＝“三公”经费实际支出数÷“三公”经费预算数×100%' },
    ]);
  });

  it('before YearEndClosed the closing balance is the available balance: 200 000 / 1 000 000 = 20.00', () => {
    expect(valueOf({ ...FIGURES, fiscalClosingBalance: yuan('200000') }).carryOverRate).toBe('20.00');
  });

  it('结转结余率 divides by the fiscal budget only: 150 000 of 750 000 fiscal = 20.00 (with 250 000 of unit funds beside)', () => {
    expect(valueOf({ ...FIGURES, fiscalBudget: yuan('750000') })).toMatchObject({ budgetExecutionRate: '80.00', carryOverRate: '20.00' });
  });

  it('rounds once, half-up: 1 / 3 → 33.33, 2 / 3 → 66.67, 26 925 / 40 000 = 67.3125 → 67.31', () => {
    expect(valueOf({ ...FIGURES, paid: yuan('1'), budget: yuan('3') }).budgetExecutionRate).toBe('33.33');
    expect(valueOf({ ...FIGURES, paid: yuan('2'), budget: yuan('3') }).budgetExecutionRate).toBe('66.67');
    expect(valueOf({ ...FIGURES, threePublicActual: yuan('26925') }).threePublicControlRate).toBe('67.31');
  });

  it('null when a denominator is 0: no 三公 budget, no fiscal budget, no budget at all', () => {
    expect(valueOf({ ...FIGURES, threePublicBudget: 0n, threePublicActual: yuan('100') }).threePublicControlRate).toBeNull();
    expect(valueOf({ budget: 0n, paid: 0n, fiscalBudget: 0n, fiscalClosingBalance: 0n, threePublicBudget: 0n, threePublicActual: 0n })).toEqual({
      budgetExecutionRate: null,
      carryOverRate: null,
      threePublicControlRate: null,
    });
  });

  it('a 三级指标 name matches with or without the quotes around 三公', () => {
    const computed = computedDepartmentIndicators(FIGURES);
    expect(['“三公”经费控制率', '"三公"经费控制率', '三公经费控制率', ' 预算执行率 ', '结转结余率'].map((n) => computedIndicatorFor(n, computed)?.key)).toEqual([
      'threePublicControlRate',
      'threePublicControlRate',
      'threePublicControlRate',
      'budgetExecutionRate',
      'carryOverRate',
    ]);
    expect(computedIndicatorFor('预算执行偏差率', computed)).toBeNull();
  });
});

describe('the 部门整体 self-evaluation takes the computed values where the department measured nothing', () => {
  // 960 000 basic + 40 000 三公 line, fiscal; 800 000 paid; 150 000 carried forward; default PROPORTIONAL policy.
  const department: SelfEvaluationSubject = {
    projectCode: '*',
    projectName: '计算指标局',
    units: [],
    fiscal: { initialBudget: yuan('1000000'), budget: yuan('1000000'), paid: yuan('800000') },
    other: { initialBudget: 0n, budget: 0n, paid: 0n },
    indicators: [
      indicator('*', '产出指标', '质量指标', '预算执行率', 'GTE', '90', '%', '10', null),
      indicator('*', '产出指标', '质量指标', '结转结余率', 'LTE', '10', '%', '10', null),
      indicator('*', '成本指标', '经济成本指标', '三公经费控制率', 'LTE', '100', '%', '10', null),
      indicator('*', '效益指标', '社会效益指标', '重点工作完成率', 'GTE', '95', '%', '60', '100'),
    ],
  };
  const input = seed000Input({
    policy: null,
    projects: [],
    department,
    departmentLedger: { fiscalClosingBalance: yuan('150000'), threePublicBudget: yuan('40000'), threePublicActual: yuan('26920') },
  });
  const report = selfEvaluation(input);

  it('exposes department.computedIndicators', () => {
    expect(report.department.computedIndicators.map((c) => [c.name, c.value])).toEqual([
      ['预算执行率', '80.00'],
      ['结转结余率', '15.00'],
      ['“三公”经费控制率', '67.30'],
    ]);
  });

  it('scores them: 10 × 80 / 90 = 8.89, 10 × 10 / 15 = 6.67, 67.30 ≤ 100 → 10; total 8 + 80/9 + 20/3 + 10 + 60 = 93.56 优', () => {
    const d = report.department;
    expect(d.indicators.map((i) => [i.name, i.actual, i.actualSource, i.score, i.deviation])).toEqual([
      ['预算执行率', '80.00', 'COMPUTED', '8.89', true],
      ['结转结余率', '15.00', 'COMPUTED', '6.67', true],
      ['三公经费控制率', '67.30', 'COMPUTED', '10.00', false],
      ['重点工作完成率', '100', 'MEASURED', '60.00', false],
    ]);
    // 执行率 line: PROPORTIONAL 10 × 80 / 100 = 8.
    expect([d.executionRate, d.executionScore, d.totalWeight, d.totalScore, d.grade]).toEqual(['80.00', '8.00', '100.00', '93.56', 'EXCELLENT']);
    // A computed value below target still needs its 偏差原因.
    expect(d.missing).toEqual(['偏差原因分析及改进措施（预算执行率、结转结余率）']);
  });

  it('a value the department measured stays its own; a computed value that is null leaves the indicator unmeasured', () => {
    const measured = { ...department.indicators[0], actual: '95' };
    const noThreePublic = selfEvaluation({
      ...input,
      department: { ...department, indicators: [measured, department.indicators[2]] },
      departmentLedger: { ...input.departmentLedger, threePublicBudget: 0n, threePublicActual: 0n },
    }).department;
    expect(noThreePublic.indicators.map((i) => [i.actual, i.actualSource, i.score])).toEqual([
      ['95', 'MEASURED', '10.00'],
      [null, null, null],
    ]);
  });

  it('project indicators are never filled from the department’s ledger figures', () => {
    const project: SelfEvaluationSubject = { ...department, projectCode: 'P', projectName: '项目', indicators: [indicator('P', '产出指标', '质量指标', '预算执行率', 'GTE', '90', '%', '10', null)] };
    const p = selfEvaluation({ ...input, projects: [project] }).projects[0];
    expect(p.indicators[0]).toMatchObject({ actual: null, actualSource: null, score: null });
  });
});
