import { SEED_000_DEPARTMENT, seed000FixtureEvents } from '@app/fixtures';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { selfEvaluationCheck, SelfEvaluationService } from '../apps/api/src/self-evaluation/self-evaluation.service';
import { closeYear, issue, pay, type EventJson } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * 绩效自评 over HTTP (SPEC §12), on seed 000's 机关服务专项经费 (1,086.49 / 709.62 万元) and 参事事务专项经费
 * (89.56 / 64.62) with their published indicators, 泉港's TIERED rule (≥ 80 % full, ≥ 60 % half) declared on
 * 10 January of the next year, a goal and the published 偏差原因; plus a project with fiscal and unit funds, a
 * supplementary issue and an unmeasured indicator. Expected figures are the published ones or worked out by hand.
 * Beside it: seed 000 itself (QG-GOV, the fixture's events) for the xlsx and docx, and a department CI whose 部门整体
 * indicators 预算执行率, 结转结余率 and 三公经费控制率 are left to the ledger to compute.
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

/**
 * CI: 960 000.00 basic + a 40 000.00 公务接待费 line (30217), all 一般公共预算; 773 080.00 + 26 920.00 = 800 000.00 paid;
 * YearEndClosed carries 150 000.00 of the basic line forward (the other 36 920.00 and the 13 080.00 lapse).
 */
const CI = 'CI';
const ci = { departmentCode: CI, fiscalYear: 2023 };
const ciEv = (type: string, occurredOn: string, data: Record<string, unknown>): EventJson => ({ eventId: `ci-${type}-${++n}`, type, ...ci, occurredOn, data });
const ciIndicator = (id: string, level1: string, level2: string, name: string, comparator: string, target: string, weight: string) =>
  ciEv('IndicatorDefined', '2023-01-10', { indicatorId: id, projectCode: '*', level1, level2, name, comparator, target, unit: '%', weight });
const ciEvents: EventJson[] = [
  ciEv('DepartmentRegistered', '2023-01-01', { name: '计算指标测试局', units: [{ code: 'CI001', name: '计算指标测试局' }] }),
  issue('CI-basic', '960000.00', { unitCode: 'CI001', economicCode: '302' }, { ...ci, occurredOn: '2023-01-10' }),
  issue('CI-reception', '40000.00', { unitCode: 'CI001', economicCode: '30217' }, { ...ci, occurredOn: '2023-01-10' }),
  pay('CI-basic', '773080.00', '30201', { ...ci, occurredOn: '2023-11-10' }),
  pay('CI-reception', '26920.00', '30217', { ...ci, occurredOn: '2023-11-10' }),
  ciIndicator('CI-exec', '产出指标', '质量指标', '预算执行率', 'GTE', '90', '10'),
  ciIndicator('CI-carry', '产出指标', '质量指标', '结转结余率', 'LTE', '10', '10'),
  ciIndicator('CI-3p', '成本指标', '经济成本指标', '三公经费控制率', 'LTE', '100', '10'),
  ciIndicator('CI-work', '效益指标', '社会效益指标', '重点工作完成率', 'GTE', '95', '60'),
  ciEv('IndicatorMeasured', '2023-12-20', { indicatorId: 'CI-work', actual: '100' }),
  ciEv('PerformanceGoalSet', '2023-01-10', { projectCode: '*', expected: '保障机关正常运转，严控“三公”经费。', achieved: '机关运转正常，“三公”经费控制在预算以内。' }),
  closeYear([{ lineId: 'CI-basic', amount: '150000.00' }], { ...ci, occurredOn: '2023-12-31' }),
];

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
      ...ciEvents,
      ...seed000FixtureEvents().events,
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
    // Provisional: the fiscal closing balance is the available one, 12,261,700 − 8,143,000 = 4,118,700 of 12,261,700
    // fiscal (all but the 300.00 单位资金) = 33.59 %; no 三公 line, no rate.
    expect(body.department.computedIndicators.map((c: { key: string; value: string | null }) => [c.key, c.value])).toEqual([
      ['budgetExecutionRate', '66.41'],
      ['carryOverRate', '33.59'],
      ['threePublicControlRate', null],
    ]);
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

  describe('computed 部门整体 indicators (CI)', () => {
    const ciGet = async (query = '') => {
      const res = await t.get(`/v1/departments/${CI}/years/2023/self-evaluation${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it('after YearEndClosed: 预算执行率 80.00, 结转结余率 15.00, “三公”经费控制率 67.30, each with its definition', async () => {
      const body = await ciGet();
      expect(body.provisional).toBe(false);
      expect(body.department.computedIndicators).toEqual([
        { key: 'budgetExecutionRate', name: '预算执行率', value: '80.00', definition: '预算执行率＝全年执行数÷全年预算数×100%（全部资金）' },
        { key: 'carryOverRate', name: '结转结余率', value: '15.00', definition: '结转结余率＝财政拨款年末结转结余÷财政拨款全年预算数×100%（年终结账前按可用余额计算）' },
        { key: 'threePublicControlRate', name: '“三公”经费控制率', value: '67.30', definition: '“三公”经费控制率＝“三公”经费实际支出数÷“三公”经费预算数×100%' },
      ]);
    });

    it('scores the unmeasured indicators of those names with the computed values: 8.89 + 6.67 + 10 + 60 + 执行率 8 = 93.56 优', async () => {
      const d = (await ciGet()).department;
      expect(d.indicators.map((i: Record<string, unknown>) => [i.name, i.actual, i.actualSource, i.score])).toEqual([
        ['预算执行率', '80.00', 'COMPUTED', '8.89'],
        ['结转结余率', '15.00', 'COMPUTED', '6.67'],
        ['三公经费控制率', '67.30', 'COMPUTED', '10.00'],
        ['重点工作完成率', '100', 'MEASURED', '60.00'],
      ]);
      expect([d.executionRate, d.executionScore, d.totalScore, d.grade]).toEqual(['80.00', '8.00', '93.56', 'EXCELLENT']);
    });

    it('the day before the close the balance is still available: 200,000 of 1,000,000 = 20.00 → 5 of 10, 总分 91.89', async () => {
      const body = await ciGet('?asOf=2023-12-30');
      expect(body.provisional).toBe(true);
      expect(body.department.computedIndicators.map((c: { value: string }) => c.value)).toEqual(['80.00', '20.00', '67.30']);
      // 8 + 80/9 + 10 × 10/20 + 10 + 60 = 91.888… → 91.89
      expect([body.department.indicators[1].score, body.department.totalScore]).toEqual(['5.00', '91.89']);
    });

    it('the 部门整体支出绩效自评表 prints them as 实际完成值, named 系统计算 with their formulas in the note', async () => {
      const zip = await JSZip.loadAsync(Buffer.from((await t.download(`/v1/departments/${CI}/years/2023/self-evaluation?format=docx`)).body));
      const text = docxText(await zip.file('word/document.xml')!.async('string'));
      expect(text).toContain('部门整体支出绩效自评表');
      // 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分
      for (const row of ['预算执行率≥90%80.00108.89', '结转结余率≤10%15.00106.67', '三公经费控制率≤100%67.301010', '总分10093.56']) expect([row, text.includes(row)]).toEqual([row, true]);
      expect(text).toContain('注：自评等级：优');
      expect(text).toContain(
        '预算执行率、结转结余率、三公经费控制率的实际完成值为系统计算（根据账务数据）：预算执行率＝全年执行数÷全年预算数×100%（全部资金）；结转结余率＝财政拨款年末结转结余÷财政拨款全年预算数×100%（年终结账前按可用余额计算）；“三公”经费控制率＝“三公”经费实际支出数÷“三公”经费预算数×100%',
      );
    });
  });

  describe('the 自评表 as documents (seed 000, QG-GOV)', () => {
    const download = (query: string, dept = SEED_000_DEPARTMENT) => t.download(`/v1/departments/${dept}/years/2023/self-evaluation${query}`);

    it('computes seed 000’s “三公”经费控制率 as published (26.92万元, 完成全年预算的66.47%) and 结转结余率 0.00 (nothing carried forward)', async () => {
      const { department } = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/self-evaluation`)).body;
      expect(department.evaluated).toBe(false);
      const value = (key: string) => department.computedIndicators.find((c: { key: string }) => c.key === key).value;
      expect([value('threePublicControlRate'), value('carryOverRate')]).toEqual(['66.47', '0.00']);
    });

    it('xlsx: one sheet per 自评表 with the published figures, every sheet one page wide', async () => {
      const res = await download('?format=xlsx');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="self-evaluation.xlsx"; filename*=UTF-8''${encodeURIComponent('2023年度泉港区人民政府办公室项目支出绩效自评表.xlsx')}`,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body);
      // In the order of the project codes (QG2023-CSSW, -JGFW, -WLXX), as the 决算 draft's 附件.
      expect(book.worksheets.map((w) => w.name)).toEqual(['说明', '自评-参事事务专项经费', '自评-机关服务专项经费', '自评-网络及信息公开专项经费']);
      for (const sheet of book.worksheets) expect([sheet.name, sheet.pageSetup.fitToWidth, sheet.pageSetup.fitToHeight]).toEqual([sheet.name, 1, 0]);
      // Each sheet: 全年预算数 / 全年执行数 in 万元, 执行率, 得分, the 总分 and the 自评等级 line as published.
      const expected = [
        ['自评-参事事务专项经费', 89.56, 64.62, 72.15, 5, 94.02],
        ['自评-机关服务专项经费', 1086.49, 709.62, 65.31, 5, 92.25],
        ['自评-网络及信息公开专项经费', 39.42, 33.12, 84.02, 10, 100],
      ];
      for (const [name, budget, paid, rate, score, total] of expected) {
        const ws = book.getWorksheet(name as string)!;
        const funds = rowOf(ws, '年度资金总额');
        expect([name, ...[5, 6, 8, 9].map((c) => funds.getCell(c).value)]).toEqual([name, budget, paid, rate, score]);
        expect(funds.getCell(5).numFmt).toBe('#,##0.00');
        expect([name, rowOf(ws, '总分').getCell(7).value, rowOf(ws, '总分').getCell(8).value]).toEqual([name, 100, total]);
        expect([name, rowOf(ws, '注：自评等级：优').number]).toEqual([name, rowOf(ws, '总分').number + 1]);
      }
      // 资金使用合规率: 65.31 done of ≥80%, 12.25 of 15, with the published 偏差原因 and the fixture's 改进措施.
      const compliance = rowOf(book.getWorksheet('自评-机关服务专项经费')!, '资金使用合规率', 4);
      expect([5, 6, 7, 8].map((c) => compliance.getCell(c).value)).toEqual(['≥80%', '65.31', 15, 12.25]);
      expect(String(compliance.getCell(9).value)).toMatch(/^因财政资金安排无法完全支付各项费用。/);
    });

    it('docx: the three tables with 总分 92.25 / 94.02 / 100 and 自评等级：优, each on its own page', async () => {
      const res = await download('?format=docx');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const zip = await JSZip.loadAsync(res.body);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = docxText(xml);
      expect(text.split('项目支出绩效自评表')).toHaveLength(4);
      expect(text).not.toContain('部门整体支出绩效自评表');
      // 总分 | 100 | score, then the grade in the note under the table (the published form has no 等级 cell).
      for (const total of ['92.25', '94.02', '100']) expect([total, text.includes(`总分100${total}注：自评等级：优`)]).toEqual([total, true]);
      expect(text.split('自评等级：优')).toHaveLength(4);
      // Each table after the first starts a page (its title paragraph has pageBreakBefore).
      expect(xml.split('<w:pageBreakBefore/>')).toHaveLength(3);
      expect(text).not.toContain('【待补充');
      expect(text).not.toContain('暂定数');
    });

    it('a deviation explanation dated after asOf does not show in the table; at the year end it does', async () => {
      const text = async (query: string) => docxText(await (await JSZip.loadAsync((await download(query, D)).body)).file('word/document.xml')!.async('string'));
      const early = await text('?format=docx&asOf=2023-12-31');
      expect(early).not.toContain('因财政资金安排无法完全支付各项费用。');
      expect(early).toContain('【待补充：资金使用合规率偏差原因分析及改进措施】');
      expect(early).toContain('（数据截至2023年12月31日，年终结账前，数据为暂定数）');
      const late = await text('?format=docx');
      expect(late).toContain('因财政资金安排无法完全支付各项费用。加快支付进度。');
      expect(late).not.toContain('【待补充：资金使用合规率偏差原因分析及改进措施】');
    });
  });

  it('refuses a bad unit, year or date', async () => {
    for (const query of ['?unit=yuan2', '?asOf=2023-02-30', '?format=pdf', '?format=html', '?format=xlsx&asOf=2023-13-01']) {
      const res = await t.get(`/v1/departments/${D}/years/2023/self-evaluation${query}`);
      expect([res.status, res.body.error]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await t.get(`/v1/departments/${D}/years/23/self-evaluation`)).status).toBe(400);
  });
});

/** The text of a docx body, runs joined (cells and paragraphs run together). */
function docxText(xml: string): string {
  return xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
}

/** The first row of the sheet with a cell reading `text` (spaces ignored), in column `column` or anywhere. */
function rowOf(ws: ExcelJS.Worksheet, text: string, column?: number): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    for (let c = column ?? 1; c <= (column ?? ws.columnCount); c++) if (String(row.getCell(c).value ?? '').replace(/\s/g, '') === text) return row;
  }
  throw new Error(`${text} not in ${ws.name}`);
}
