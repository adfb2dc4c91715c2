import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { issue, pay, type EventJson } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * 绩效监控 over HTTP (SPEC §6, §12, issue 11 point 3): the monitoring JSON with 年初预算数, the 财政拨款 / 其他资金
 * split, the 年度总体目标, the DeviationExplained in force at the report date and the next-checkpoint forecast, and the
 * 项目支出绩效目标执行监控表 workbook (xlsx, docx) built from it.
 *
 * 固定电话打包费 (P): 1 500 000 一般公共预算 INITIAL + 100 000 一般公共预算 追加 (April) + 400 000 单位资金 INITIAL at
 * 434002; paid 450 000 + 150 000 fiscal and 100 000 unit funds by 30 June. Plus 资料印刷费 (Q, 100 000, nothing paid) and a
 * basic line of 500 000, 250 000 paid.
 * Every expected figure below is worked out by hand.
 */
const D = '434';
const P = '13030224P00308P12279T';
const Q = '13030224P00308P12283X';
const o = { departmentCode: D, fiscalYear: 2024 };
let n = 0;
const ev = (type: string, occurredOn: string, data: Record<string, unknown>): EventJson => ({ eventId: `mon-${type}-${++n}`, type, ...o, occurredOn, data });
const projectLine = (lineId: string, amount: string, extra: Record<string, unknown>, occurredOn = '2024-01-05') =>
  issue(lineId, amount, { functionCode: '2010350', economicCode: undefined, expenditureKind: 'PROJECT', projectCode: P, projectName: '固定电话打包费', ...extra }, { ...o, occurredOn });
const define = (indicatorId: string, level1: string, level2: string, name: string, comparator: string, target: string, unit: string, weight: string) =>
  ev('IndicatorDefined', '2024-01-10', { indicatorId, projectCode: P, level1, level2, name, comparator, target, unit, weight });
const measure = (indicatorId: string, actual: string) => ev('IndicatorMeasured', '2024-06-30', { indicatorId, actual });

describe('GET …/monitoring: the 项目支出绩效目标执行监控表 (SPEC §12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.post([
      ev('DepartmentRegistered', '2024-01-01', { name: '海港区人民政府办公室', units: [{ code: '434001', name: '区政府办公室本级' }, { code: '434002', name: '区电子政务中心' }] }),
      projectLine('L-phone', '1500000', {}),
      projectLine('L-phone-extra', '100000', { stage: 'SUPPLEMENTARY' }, '2024-04-10'),
      projectLine('L-phone-own', '400000', { unitCode: '434002', fundSource: 'UNIT_FUNDS' }),
      issue('L-print', '100000', { functionCode: '2010350', economicCode: undefined, expenditureKind: 'PROJECT', projectCode: Q, projectName: '资料印刷费' }, { ...o, occurredOn: '2024-01-05' }),
      issue('L-basic', '500000', {}, { ...o, occurredOn: '2024-01-05' }),
      pay('L-phone', '450000', '30207', { ...o, occurredOn: '2024-03-20' }),
      pay('L-phone', '150000', '30207', { ...o, occurredOn: '2024-06-10' }),
      pay('L-phone-own', '100000', '30207', { ...o, occurredOn: '2024-05-15' }),
      pay('L-basic', '250000', '30201', { ...o, occurredOn: '2024-06-20' }),
      define('phones', '产出指标', '数量指标', '涉及电话的数量', 'GTE', '5000', '部', '15'),
      define('units', '产出指标', '数量指标', '涉及单位的数量', 'GTE', '83', '家', '15'),
      define('faults', '产出指标', '质量指标', '固定电话故障率', 'LTE', '2', '%', '10'),
      define('online', '产出指标', '时效指标', '是否开通网上预约', 'BOOL', 'true', '', '10'),
      define('bill', '效益指标', '社会效益指标', '话费账单是否按月公示', 'BOOL', 'true', '', '10'),
      measure('phones', '5120'),
      measure('units', '80'),
      measure('faults', '2.5'),
      measure('online', 'true'),
      measure('bill', 'false'),
      ev('PerformanceGoalSet', '2024-06-30', { projectCode: P, expected: '保障全区固定电话畅通，故障及时修复', achieved: '上半年固定电话运行正常' }),
      // Posted out of date order: the one dated 28 June is in force on 30 June, not the later-posted one of 1 June.
      ev('DeviationExplained', '2024-06-28', { indicatorId: 'units', causeCategory: 'STAFFING', cause: '部分单位撤并，联系人变动', measure: '7月底前完成剩余单位对接', expectedActual: '83', likelihood: 'CERTAIN' }),
      ev('DeviationExplained', '2024-06-01', { indicatorId: 'units', cause: '旧的说明', measure: '旧的措施' }),
      ev('DeviationExplained', '2024-06-29', { projectCode: P, causeCategory: 'FUNDING', cause: '追加资金4月才下达', measure: '加快合同支付进度' }),
      ev('DeviationExplained', '2024-06-29', { indicatorId: 'bill', causeCategory: 'INSTITUTIONAL', cause: '公示制度尚未出台', measure: '三季度出台话费公示办法', expectedActual: 'true', likelihood: 'POSSIBLE' }),
      // Dated after 30 June: it must not show in the report of 30 June.
      ev('DeviationExplained', '2024-07-15', { indicatorId: 'faults', causeCategory: 'FACILITIES', cause: '线路老化', measure: '更换老旧线路', likelihood: 'IMPOSSIBLE' }),
    ]);
    expect(res.body.results.filter((r: { status: string }) => r.status !== 'APPLIED')).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const report = async (asOf: string) => {
    const res = await t.get(`/v1/departments/${D}/years/2024/monitoring?asOf=${asOf}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const phoneOf = (body: { projects: { projectCode: string }[] }) => body.projects.find((p) => p.projectCode === P) as Record<string, any>;
  const indicator = (project: Record<string, any>, id: string) => project.indicators.find((i: { indicatorId: string }) => i.indicatorId === id);

  it('adds 年初预算数, the 财政拨款 / 其他资金 split, 实施单位 and the 年度总体目标 to each project', async () => {
    const body = await report('2024-06-30');
    expect(body.throughMonth).toBe(6);
    const phone = phoneOf(body);
    // 700 000 / 2 000 000 = 35 % against the default plan's 40 % on 30 June → WARNING.
    expect(phone).toMatchObject({ initialBudget: '1900000.00', budget: '2000000.00', paid: '700000.00', executionRate: '35.00', plannedRate: '40.00', gap: '-5.00', status: 'WARNING' });
    expect(phone.funds).toEqual({
      // 600 000 / 1 600 000 = 37.5 %; 100 000 / 400 000 = 25 %
      fiscal: { initialBudget: '1500000.00', budget: '1600000.00', paid: '600000.00', executionRate: '37.50' },
      other: { initialBudget: '400000.00', budget: '400000.00', paid: '100000.00', executionRate: '25.00' },
    });
    expect(phone.units).toEqual([{ code: '434001', name: '区政府办公室本级' }, { code: '434002', name: '区电子政务中心' }]);
    expect(phone.goal).toEqual({ expected: '保障全区固定电话畅通，故障及时修复', achieved: '上半年固定电话运行正常' });
  });

  it('fills each indicator with the DeviationExplained in force on the report date, the latest by occurredOn', async () => {
    const phone = phoneOf(await report('2024-06-30'));
    expect(indicator(phone, 'units')).toMatchObject({
      actual: '80', deviation: true, causeCategory: 'STAFFING', cause: '部分单位撤并，联系人变动', measure: '7月底前完成剩余单位对接', expectedActual: '83', likelihood: 'CERTAIN',
    });
    // The explanation of 15 July is after 30 June.
    expect(indicator(phone, 'faults')).toMatchObject({ deviation: true, cause: null, measure: null, causeCategory: null, expectedActual: null, likelihood: null });
    expect(indicator(phone, 'phones')).toMatchObject({ deviation: false, cause: null, measure: null });
    const items = phone.deviations.map((d: Record<string, unknown>) => [d.kind, d.indicatorId, d.reason, d.measures, d.causeCategory]);
    expect(items).toEqual([
      ['EXECUTION', null, '追加资金4月才下达', '加快合同支付进度', 'FUNDING'],
      ['INDICATOR', 'units', '部分单位撤并，联系人变动', '7月底前完成剩余单位对接', 'STAFFING'],
      ['INDICATOR', 'faults', null, null, null],
      ['INDICATOR', 'bill', '公示制度尚未出台', '三季度出台话费公示办法', 'INSTITUTIONAL'],
    ]);
    // Yes/no indicators read 是/否 in the items a user sees.
    expect(phone.deviations[3]).toMatchObject({ expected: '是', actual: '否（完成 0.00%）' });
  });

  it('shows the explanation of 15 July in the report of 31 July', async () => {
    const phone = phoneOf(await report('2024-07-31'));
    expect(indicator(phone, 'faults')).toMatchObject({ causeCategory: 'FACILITIES', cause: '线路老化', measure: '更换老旧线路', likelihood: 'IMPOSSIBLE' });
  });

  it('forecasts the next checkpoint at the current pace, per project and for the department', async () => {
    const body = await report('2024-06-30');
    // 30 June 2024 is day 182; the next default checkpoint is 31 October (day 305) at 60 %.
    // Project: 700 000 / 182 × 305 = 1 173 076.92 → 58.65 % of 2 000 000; needs 1 200 000 → short by 26 923.08.
    expect(phoneOf(body).nextCheckpoint).toEqual({
      month: 10, date: '2024-10-31', cumulativePercent: '60.00', requiredPaid: '1200000.00', forecastPaid: '1173076.92', forecastRate: '58.65', willMeet: false, shortfall: '26923.08',
    });
    // Department: 950 000 / 182 × 305 = 1 592 032.97 → 61.23 % of 2 600 000 ≥ 60 % (1 560 000).
    expect(body.department.nextCheckpoint).toEqual({
      month: 10, date: '2024-10-31', cumulativePercent: '60.00', requiredPaid: '1560000.00', forecastPaid: '1592032.97', forecastRate: '61.23', willMeet: true, shortfall: '0.00',
    });
    // 资料印刷费: nothing paid, all of its 60 000 is missing.
    expect(body.projects.find((p: { projectCode: string }) => p.projectCode === Q).nextCheckpoint).toMatchObject({ forecastPaid: '0.00', willMeet: false, shortfall: '60000.00' });
    expect(body.checkpointMethod).toContain('当前支出节奏');
    // 31 July is day 213: 700 000 / 213 × 305 = 1 002 347.42 → 50.12 %, short by 197 652.58.
    expect(phoneOf(await report('2024-07-31')).nextCheckpoint).toMatchObject({ date: '2024-10-31', forecastPaid: '1002347.42', forecastRate: '50.12', willMeet: false, shortfall: '197652.58' });
    // A whole-year read has no checkpoint left.
    expect((await t.get(`/v1/departments/${D}/years/2024/monitoring`)).body.department.nextCheckpoint).toBeNull();
  });

  /** Each row's cells as printed (merged cells once), empty cells left out. */
  const printed = (sheet: ExcelJS.Worksheet): string[][] => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const value = cell.value;
        const shown = value && typeof value === 'object' && 'richText' in value ? value.richText.map((r) => r.text).join('') : value === null || value === undefined ? '' : String(value);
        if (shown !== '') cells.push(shown);
      });
      rows.push(cells);
    });
    return rows;
  };

  it('renders the 监控表 in the form’s layout: one sheet per project, the recorded cause and measure, 是/否, to-dos', async () => {
    const res = await t.download(`/v1/departments/${D}/years/2024/monitoring?asOf=2024-06-30&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    expect(book.worksheets.map((w) => w.name)).toEqual(['说明', '监控汇总', '监控-固定电话打包费', '监控-资料印刷费']);
    const sheet = book.getWorksheet('监控-固定电话打包费')!;
    expect(sheet.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, orientation: 'portrait' });
    const rows = printed(sheet);
    expect(rows[0]).toEqual(['项目支出绩效目标执行监控表']);
    expect(rows).toContainEqual(['项目名称', '固定电话打包费']);
    expect(rows).toContainEqual(['主管部门', '海港区人民政府办公室', '实施单位', '区政府办公室本级、区电子政务中心']);
    expect(rows).toContainEqual(['项目资金（万元）', '年初预算数', '全年预算数', '1-6月执行数', '执行率（%）', '偏差原因分析', '完善措施']);
    // 万元: 190 / 200 / 70 and 35 %; the execution line's recorded explanation beside it.
    expect(rows).toContainEqual(['年度资金总额', '190', '200', '70', '35', '经费保障：追加资金4月才下达', '加快合同支付进度']);
    expect(rows).toContainEqual(['其中：财政拨款', '150', '160', '60', '37.5']);
    expect(rows).toContainEqual(['其他资金', '40', '40', '10', '25']);
    expect(rows).toContainEqual(['年度总体目标', '预期目标', '1-6月实际完成情况']);
    expect(rows).toContainEqual(['保障全区固定电话畅通，故障及时修复', '上半年固定电话运行正常']);
    expect(rows).toContainEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '1-6月执行情况', '全年预计完成情况', '完成可能性', '偏差原因分析', '完善措施']);
    expect(rows).toContainEqual(['产出指标', '数量指标', '涉及电话的数量', '≥5000部', '5120部']);
    expect(rows).toContainEqual(['数量指标', '涉及单位的数量', '≥83家', '80家', '83家', '确定能', '人员保障：部分单位撤并，联系人变动', '7月底前完成剩余单位对接']);
    // No explanation on 30 June (the one of 15 July is later): to-dos, never the later text.
    expect(rows).toContainEqual(['质量指标', '固定电话故障率', '≤2%', '2.5%', '【待补充：偏差原因】', '【待补充：完善措施】']);
    expect(rows.flat().join('')).not.toContain('线路老化');
    // Yes/no indicators: 是/否, never true/false.
    expect(rows).toContainEqual(['时效指标', '是否开通网上预约', '是', '是']);
    expect(rows).toContainEqual(['效益指标', '社会效益指标', '话费账单是否按月公示', '是', '否', '是', '有可能', '制度保障：公示制度尚未出台', '三季度出台话费公示办法']);
    expect(rows.flat().some((v) => /true|false/.test(v))).toBe(false);
    const pace = rows.flat().find((v) => v.startsWith('下一检查点'));
    expect(pace).toBe('下一检查点：2024年10月31日检查点（用款计划累计60.00%）：按当前支出节奏预计执行率58.65%，预计不能完成，需在当前节奏之外加快支付2.69万元');
    expect(rows.flat().join('')).not.toContain('改进措施');

    const summary = printed(book.getWorksheet('监控汇总')!);
    // 200 万元, 70, 35 %, plan 40 %, gap −5, 预警; 10月31日 60 % → 58.65 %, 不能, 2.69 万元; 4 items.
    expect(summary).toContainEqual([P, '固定电话打包费', '200', '70', '35', '40', '-5', '预警', '10月31日', '60', '58.65', '不能', '2.69', '4']);
    // 资料印刷费: 0 of 10 万元 against 40 % → 滞后; all of 6 万元 missing at 31 October; its execution is the 5th item.
    expect(summary).toContainEqual([Q, '资料印刷费', '10', '0', '0', '40', '-40', '滞后', '10月31日', '60', '0', '不能', '6', '1']);
    // 950 000 / 2 600 000 = 36.54 %, gap −3.46.
    expect(summary).toContainEqual(['合计', '海港区人民政府办公室', '260', '95', '36.54', '40', '-3.46', '预警', '10月31日', '60', '61.23', '能', '5']);
  });

  it('renders the same 监控表 as docx, each project on a new page', async () => {
    const res = await t.download(`/v1/departments/${D}/years/2024/monitoring?asOf=2024-06-30&format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.body)).file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    for (const heading of ['项目支出绩效目标执行监控表', '实施单位', '1-6月执行情况', '全年预计完成情况', '完善措施', '部分单位撤并，联系人变动', '【待补充：偏差原因】']) expect(plain).toContain(heading);
    // The landscape summary is a section of its own; the second project's table starts a page (pageBreakBefore).
    expect(xml.indexOf('w:orient="landscape"')).toBeLessThan(xml.indexOf('>项目支出绩效目标执行监控表<'));
    expect(xml.split('<w:pageBreakBefore/>')).toHaveLength(2);
  });

  it('refuses an unknown format', async () => {
    const res = await t.get(`/v1/departments/${D}/years/2024/monitoring?format=pdf`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
  });
});
