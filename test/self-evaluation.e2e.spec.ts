import { selfEvaluationCheck, SelfEvaluationService } from '../apps/api/src/self-evaluation/self-evaluation.service';
import { issue, pay, type EventJson } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * 绩效自评 over HTTP (SPEC §12), on seed 000's 机关服务专项经费 (1,086.49 / 709.62 万元) and 参事事务专项经费
 * (89.56 / 64.62) with their published indicators, 泉港's TIERED rule (≥ 80 % full, ≥ 60 % half) declared on
 * 10 January of the next year, a goal and the published 偏差原因; plus a project with fiscal and unit funds, a
 * supplementary issue and an unmeasured indicator. Expected figures are the published ones or worked out by hand.
 */
const D = 'QG';
const o = { departmentCode: D, fiscalYear: 2023 };
let n = 0;
const ev = (type: string, occurredOn: string, data: Record<string, unknown>): EventJson => ({ eventId: `se-${type}-${++n}`, type, ...o, occurredOn, data });
const project = (lineId: string, amount: string, projectCode: string, projectName: string, extra: Record<string, unknown> = {}, occurredOn = '2023-01-10') =>
  issue(lineId, amount, { unitCode: 'QG001', functionCode: '2010350', economicCode: undefined, expenditureKind: 'PROJECT', projectCode, projectName, ...extra }, { ...o, occurredOn });
let k = 0;
const define = (projectCode: string, level1: string, level2: string, name: string, comparator: string, target: string, unit: string, weight: string, actual: string | null) => {
  const indicatorId = `${projectCode}-${++k}`;
  const events = [ev('IndicatorDefined', '2023-01-10', { indicatorId, projectCode, level1, level2, name, comparator, target, unit, weight })];
  if (actual !== null) events.push(ev('IndicatorMeasured', '2023-12-20', { indicatorId, actual }));
  return { indicatorId, events };
};

const P1 = 'JGFW';
const P2 = 'CSSW';
const P3 = 'MIXED';
const p1 = [
  define(P1, '成本指标', '经济成本指标', '成本控制率', 'LTE', '80', '%', '10', '80'),
  define(P1, '产出指标', '数量指标', '保障覆盖率', 'GTE', '80', '%', '10', '100'),
  define(P1, '产出指标', '质量指标', '资金使用合规率', 'GTE', '80', '%', '15', '65.31'),
  define(P1, '产出指标', '时效指标', '资金在规定时间内下达率', 'GTE', '80', '%', '15', '100'),
  define(P1, '效益指标', '经济效益指标', '单位正常运转率', 'GTE', '100', '%', '30', '100'),
  define(P1, '满意度指标', '服务对象满意度指标', '满意率', 'GTE', '95', '%', '10', '100'),
];
const p2 = [
  define(P2, '成本指标', '经济成本指标', '成本控制率', 'LTE', '80', '%', '10', '80'),
  define(P2, '产出指标', '数量指标', '保障覆盖率', 'GTE', '80', '%', '20', '90'),
  define(P2, '产出指标', '质量指标', '资金使用合规率', 'GTE', '80', '%', '10', '72.15'),
  define(P2, '产出指标', '时效指标', '资金在规定时间内下达率', 'GTE', '80', '%', '10', '100'),
  define(P2, '效益指标', '经济效益指标', '单位正常运转率', 'GTE', '100', '%', '30', '100'),
  define(P2, '满意度指标', '服务对象满意度指标', '投诉量', 'LTE', '10', '次', '10', '0'),
];
const p3 = [define(P3, '产出指标', '数量指标', '完成数', 'GTE', '10', '个', '90', null)];
const whole = [define('*', '产出指标', '数量指标', '重点工作完成率', 'GTE', '95', '%', '90', '100')];

describe('GET …/self-evaluation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.post([
      ev('DepartmentRegistered', '2023-01-01', { name: '泉港区人民政府办公室', units: [{ code: 'QG001', name: '泉港区人民政府办公室' }] }),
      project('L-P1', '10864900.00', P1, '机关服务专项经费'),
      project('L-P2', '895600.00', P2, '参事事务专项经费'),
      // 年初 1,000.00 + 追加 200.00 fiscal, 年初 300.00 单位资金: 初 1,300.00, 全年 1,500.00.
      project('L-P3-fiscal', '1000.00', P3, '混合资金项目'),
      project('L-P3-fiscal', '200.00', P3, '混合资金项目', { stage: 'SUPPLEMENTARY' }, '2023-06-01'),
      project('L-P3-unit', '300.00', P3, '混合资金项目', { fundSource: 'UNIT_FUNDS' }),
      issue('L-basic', '500000.00', { unitCode: 'QG001' }, { ...o, occurredOn: '2023-01-10' }),
      pay('L-P1', '3000000.00', '30201', { ...o, occurredOn: '2023-05-10' }),
      pay('L-P1', '4096200.00', '30201', { ...o, occurredOn: '2023-11-20' }),
      pay('L-P2', '646200.00', '30201', { ...o, occurredOn: '2023-09-10' }),
      pay('L-P3-fiscal', '600.00', '30201', { ...o, occurredOn: '2023-09-10' }),
      pay('L-P3-unit', '300.00', '30201', { ...o, occurredOn: '2023-09-10' }),
      pay('L-basic', '400000.00', '30201', { ...o, occurredOn: '2023-09-10' }),
      ...[...p1, ...p2, ...p3, ...whole].flatMap((i) => i.events),
      ev('EvaluationPolicySet', '2024-01-10', { executionWeight: '10', executionScore: { scheme: 'TIERED', tiers: [{ minRate: '80', percentOfWeight: '100' }, { minRate: '60', percentOfWeight: '50' }] } }),
      ev('PerformanceGoalSet', '2023-01-10', { projectCode: P1, expected: '认真做好疫情防控后勤服务工作，进一步加强机关后勤管理、服务、保障职能。' }),
      ev('PerformanceGoalSet', '2024-01-10', { projectCode: P1, expected: '认真做好疫情防控后勤服务工作，进一步加强机关后勤管理、服务、保障职能。', achieved: '1. 加强机关物业管理。2. 开展公共节能减排工作。' }),
      ev('PerformanceGoalSet', '2024-01-10', { projectCode: P2, expected: '高标准、高质量、高效率完成。', achieved: '各项工作有序高效优质推进，取得显著成效。' }),
      ev('PerformanceGoalSet', '2024-01-10', { projectCode: '*', expected: '保障机关正常运转。', achieved: '机关运转正常。' }),
      ev('DeviationExplained', '2024-01-10', { indicatorId: p1[2].indicatorId, causeCategory: 'FUNDING', cause: '因财政资金安排无法完全支付各项费用。', measure: '加快支付进度。' }),
      ev('DeviationExplained', '2024-01-10', { indicatorId: p2[2].indicatorId, causeCategory: 'FUNDING', cause: '因财政资金安排无法完全支付参事费用。', measure: '加快支付进度。' }),
      ev('DeviationExplained', '2023-12-31', { projectCode: P1, causeCategory: 'FUNDING', cause: '部分采购合同跨年结算。', measure: '督促合同按期结算。', likelihood: 'IMPOSSIBLE' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r: { status: string }) => r.status !== 'APPLIED')).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (query = '') => {
    const res = await t.get(`/v1/departments/${D}/years/2023/self-evaluation${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const find = (body: { projects: { projectCode: string }[] }, code: string) => body.projects.find((p) => p.projectCode === code) as Record<string, any>;

  it('scores 机关服务专项经费 as published: 65.31 % → 5 under the TIERED rule, 资金使用合规率 12.25, 总分 92.25 优', async () => {
    const body = await get();
    expect(body).toMatchObject({ departmentCode: D, fiscalYear: 2023, asOf: null, provisional: true, unit: 'yuan' });
    expect(body.projects.map((p: { projectCode: string }) => p.projectCode)).toEqual([P2, P1, P3]);
    const p = find(body, P1);
    expect(p).toMatchObject({
      projectName: '机关服务专项经费',
      units: [{ code: 'QG001', name: '泉港区人民政府办公室' }],
      initialBudget: '10864900.00',
      budget: '10864900.00',
      paid: '7096200.00',
      funds: { fiscal: { initialBudget: '10864900.00', budget: '10864900.00', paid: '7096200.00', executionRate: '65.31' }, other: { initialBudget: '0.00', budget: '0.00', paid: '0.00', executionRate: null } },
      executionRate: '65.31',
      executionWeight: '10.00',
      executionScore: '5.00',
      executionExplanation: { cause: '部分采购合同跨年结算。', measure: '督促合同按期结算。', causeCategory: 'FUNDING', likelihood: 'IMPOSSIBLE', expectedActual: null },
      goal: { expected: '认真做好疫情防控后勤服务工作，进一步加强机关后勤管理、服务、保障职能。', achieved: '1. 加强机关物业管理。2. 开展公共节能减排工作。' },
      totalWeight: '100.00',
      totalScore: '92.25',
      grade: 'EXCELLENT',
      evaluated: true,
      missing: [],
    });
    expect(p.indicators.map((i: { name: string; score: string }) => [i.name, i.score])).toEqual([
      ['成本控制率', '10.00'],
      ['保障覆盖率', '10.00'],
      ['资金使用合规率', '12.25'],
      ['资金在规定时间内下达率', '15.00'],
      ['单位正常运转率', '30.00'],
      ['满意率', '10.00'],
    ]);
    expect(p.indicators[2]).toMatchObject({ target: '80', unit: '%', actual: '65.31', weight: '15', deviation: true, cause: '因财政资金安排无法完全支付各项费用。', measure: '加快支付进度。', causeCategory: 'FUNDING' });
  });

  it('scores 参事事务专项经费 72.15 % → 5, 资金使用合规率 9.02, 总分 94.02 优', async () => {
    const p = find(await get(), P2);
    expect([p.executionRate, p.executionScore, p.indicators[2].score, p.totalScore, p.grade]).toEqual(['72.15', '5.00', '9.02', '94.02', 'EXCELLENT']);
  });

  it('splits 年初 / 全年 and 财政拨款 / 其他资金, and leaves an unmeasured indicator at 0 with its project incomplete', async () => {
    const p = find(await get(), P3);
    // 900.00 of 1,500.00 = 60 % → 5; the unmeasured 完成数 adds 0: 5 of 100.
    expect(p).toMatchObject({
      initialBudget: '1300.00',
      budget: '1500.00',
      paid: '900.00',
      funds: { fiscal: { initialBudget: '1000.00', budget: '1200.00', paid: '600.00', executionRate: '50.00' }, other: { initialBudget: '300.00', budget: '300.00', paid: '300.00', executionRate: '100.00' } },
      executionRate: '60.00',
      executionScore: '5.00',
      goal: null,
      totalScore: '5.00',
      grade: 'POOR',
      missing: ['年度总体目标', '指标完成值（完成数）'],
    });
    expect(p.indicators[0]).toMatchObject({ actual: null, score: null, deviation: false });
  });

  it('gives the department entry "*" and the summary of the evaluated projects', async () => {
    const body = await get();
    // 10,864,900 + 895,600 + 1,500 + 500,000 budget (年初: 1,300 of the 1,500); 7,096,200 + 646,200 + 900 + 400,000 paid: 65.35 % → 5 + 90.
    expect(body.department).toMatchObject({ projectCode: '*', projectName: '泉港区人民政府办公室', initialBudget: '12261800.00', budget: '12262000.00', paid: '8143300.00', executionRate: '66.41', executionScore: '5.00', totalScore: '95.00', grade: 'EXCELLENT' });
    expect(body.summary).toEqual({ evaluated: 3, budget: '11762000.00', paid: '7743300.00', grades: { EXCELLENT: 2, GOOD: 0, FAIR: 0, POOR: 1 } });
  });

  it('writes 万元 with ?unit=wan', async () => {
    const body = await get('?unit=wan');
    expect(body.unit).toBe('wan');
    expect(find(body, P1)).toMatchObject({ initialBudget: '1086.49', budget: '1086.49', paid: '709.62', executionRate: '65.31', totalScore: '92.25' });
    expect(body.summary.paid).toBe('774.33');
  });

  it('as of 31 December 2023 the policy is not yet declared: PROPORTIONAL, 65.31 % → 6.53, 总分 93.78', async () => {
    const body = await get('?asOf=2023-12-31');
    expect(body.policy).toEqual({ executionWeight: '10', executionScore: { scheme: 'PROPORTIONAL' } });
    const p = find(body, P1);
    // 6.531301… + 87.245625 = 93.776926… → 93.78; the goal's 实际完成情况 and the indicator's cause came later.
    expect([p.executionScore, p.totalScore]).toEqual(['6.53', '93.78']);
    expect(p.goal).toEqual({ expected: '认真做好疫情防控后勤服务工作，进一步加强机关后勤管理、服务、保障职能。', achieved: null });
    expect(p.indicators[2]).toMatchObject({ cause: null, measure: null });
    expect(p.missing).toEqual(['实际完成情况', '偏差原因分析及改进措施（资金使用合规率）']);
    expect(p.executionExplanation).toMatchObject({ cause: '部分采购合同跨年结算。' });
  });

  it('SELF_EVALUATION_COMPLETE lists what is still missing', async () => {
    const check = await t.app.get(SelfEvaluationService).check(D, 2023, undefined);
    expect(check).toEqual({
      rule: 'SELF_EVALUATION_COMPLETE',
      passed: false,
      expected: '4',
      actual: '3',
      detail: '绩效自评待补充：混合资金项目（年度总体目标；指标完成值（完成数））',
    });
    expect(selfEvaluationCheck(await get('?asOf=2023-06-30'))).toMatchObject({ passed: false, expected: '4', actual: '0' });
  });

  it('refuses a bad unit, year or date', async () => {
    for (const query of ['?unit=yuan2', '?asOf=2023-02-30', '?format=pdf']) {
      const res = await t.get(`/v1/departments/${D}/years/2023/self-evaluation${query}`);
      expect([res.status, res.body.error]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await t.get(`/v1/departments/${D}/years/23/self-evaluation`)).status).toBe(400);
  });
});
