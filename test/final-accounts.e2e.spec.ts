import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { closeYear, issue, nextId, pay, reverse } from './support/events';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * The 决算 tables and checks through the ledger (SPEC §7, §9, §10), on a department computed by hand (元):
 * - L1 一般公共预算 基本 2010301: carry-in 100 + 1 000; paid 30101 600, 30201 200 − 50 reversed, 30217 (公务接待) 20.
 * - L2 一般公共预算 项目 2010350, its own code 30231 (公务用车运行维护): 400; paid 300.
 * - L3 政府性基金 项目 2120801 (not in the catalogue: its issue carries functionName): carry-in 50 + 500; paid 31002 520.
 * - L4 单位资金 基本 2010301: 80, paid 80; 其他收入 90 on 2010301.
 * Year end (2023-12-31) carries forward L1 200, L2 100, L3 30: L1 lapses 330 − 200 = 130.
 */
describe.each(TRANSPORTS)('GET …/final-accounts and …/checks over the %s transport', (transport) => {
  let t: TestApp;
  const o = { departmentCode: 'FA' };
  const p = pay('L1', '200', '30201', { ...o, occurredOn: '2023-05-10' });

  beforeAll(async () => {
    t = await startTestApp(transport);
    const res = await t.post([
      issue('L1', '100', { stage: 'CARRY_IN' }, { ...o, occurredOn: '2023-01-02' }),
      issue('L1', '1000', {}, o),
      issue('L2', '400', { functionCode: '2010350', economicCode: '30231', expenditureKind: 'PROJECT', projectCode: 'P' }, o),
      issue('L3', '50', { functionCode: '2120801', functionName: '征地和拆迁补偿支出', fundSource: 'GOV_FUND', expenditureKind: 'PROJECT', projectCode: 'G', stage: 'CARRY_IN' }, { ...o, occurredOn: '2023-01-02' }),
      issue('L3', '500', { functionCode: '2120801', fundSource: 'GOV_FUND', expenditureKind: 'PROJECT', projectCode: 'G' }, o),
      issue('L4', '80', { fundSource: 'UNIT_FUNDS' }, o),
      pay('L1', '600', '30101', { ...o, occurredOn: '2023-04-10' }),
      p,
      reverse('L1', p.eventId, '50', { ...o, occurredOn: '2023-06-01' }),
      pay('L1', '20', '30217', { ...o, occurredOn: '2023-06-05' }),
      pay('L2', '300', '30231', { ...o, occurredOn: '2023-07-01' }),
      pay('L3', '520', '31002', { ...o, occurredOn: '2023-08-01' }),
      pay('L4', '80', '30201', { ...o, occurredOn: '2023-09-01' }),
      { eventId: nextId('income'), type: 'IncomeRecorded', fiscalYear: 2023, departmentCode: 'FA', occurredOn: '2023-09-15', data: { unitCode: '434001', functionCode: '2010301', category: 'OTHER', amount: '90' } },
    ]);
    expect(res.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (path: string) => {
    const res = await t.get(`/v1/departments/FA/years/2023/${path}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const row = (table: { rows: { code: string }[] }, code: string) => table.rows.find((r) => r.code === code);

  it('is provisional before YearEndClosed: the available balance is the closing balance', async () => {
    const body = await get('final-accounts');
    expect(body).toMatchObject({ departmentCode: 'FA', fiscalYear: 2023, unit: 'yuan', provisional: true });
    // 一般公共预算: income 1 000 + 400 = 1 400; closing (1 100 − 770) + (400 − 300) = 430
    expect(body.tables.fiscalSummary).toMatchObject({
      income: { generalBudget: '1400.00', govFund: '500.00', stateCapital: '0.00', total: '1900.00' },
      openingBalance: { generalBudget: '100.00', govFund: '50.00', total: '150.00' },
      closingBalance: { generalBudget: '430.00', govFund: '30.00', total: '460.00' },
    });
  });

  it('after YearEndClosed: lapse leaves income, carry-forward is the closing balance', async () => {
    const res = await t.post([closeYear([{ lineId: 'L1', amount: '200' }, { lineId: 'L2', amount: '100' }, { lineId: 'L3', amount: '30' }], o)]);
    expect(res.body.results[0].status).toBe('APPLIED');
    const body = await get('final-accounts');
    expect(body.provisional).toBe(false);
    const tables = body.tables;
    expect(tables.summary.income).toEqual({
      generalBudget: '1270.00', govFund: '500.00', stateCapital: '0.00', higherLevelSubsidy: '0.00', business: '0.00', operating: '0.00',
      subsidiaryRemittance: '0.00', other: '90.00', totalIncome: '1860.00', openingBalance: '150.00', grandTotal: '2010.00',
    });
    expect(tables.summary.expenditure).toEqual({
      rows: [{ code: '201', name: '一般公共服务支出', amount: '1150.00' }, { code: '212', name: '城乡社区支出', amount: '520.00' }],
      totalExpenditure: '1670.00', closingBalance: '340.00', grandTotal: '2010.00',
    });
    expect(row(tables.income, '2010301')).toMatchObject({ name: '行政运行', total: '960.00', fiscal: '870.00', other: '90.00' });
    expect(row(tables.expenditure, '20103')).toMatchObject({ total: '1150.00', basic: '850.00', project: '300.00' });
    expect(tables.fiscalSummary.closingBalance).toMatchObject({ generalBudget: '300.00', govFund: '30.00', total: '330.00' });
    expect(row(tables.generalBudgetExpenditure, 'TOTAL')).toMatchObject({ total: '1070.00', basic: '770.00', project: '300.00' });
    expect(tables.generalBudgetBasic).toEqual({
      rows: [
        { code: 'TOTAL', name: '合计', amount: '770.00' },
        { code: '301', name: '工资福利支出', amount: '600.00' },
        { code: '30101', name: '基本工资', amount: '600.00' },
        { code: '302', name: '商品和服务支出', amount: '170.00' },
        { code: '30201', name: '办公费', amount: '150.00' },
        { code: '30217', name: '公务接待费', amount: '20.00' },
      ],
      personnelTotal: '600.00',
      publicTotal: '170.00',
    });
    expect(row(tables.govFund, '2120801')).toMatchObject({ openingBalance: '50.00', income: '500.00', total: '520.00', project: '520.00', closingBalance: '30.00' });
    expect(tables.stateCapital.rows).toEqual([expect.objectContaining({ code: 'TOTAL', total: '0.00' })]);
    expect(tables.threePublic).toEqual({
      // 年初预算数 (SPEC §14): the 三公 line's INITIAL issue.
      initialBudget: { total: '400.00', overseasTravel: '0.00', vehicleTotal: '400.00', vehiclePurchase: '0.00', vehicleOperation: '400.00', reception: '0.00' },
      budget: { total: '400.00', overseasTravel: '0.00', vehicleTotal: '400.00', vehiclePurchase: '0.00', vehicleOperation: '400.00', reception: '0.00' },
      actual: { total: '320.00', overseasTravel: '0.00', vehicleTotal: '300.00', vehiclePurchase: '0.00', vehicleOperation: '300.00', reception: '20.00' },
    });
    // Unit funds (L4) are in 03 but in none of 04–09: 201 in 04 is L1's 770 + L2's 300 only; 04 lists 类 rows only (SPEC §7).
    expect(row(tables.expenditure, '2010301')).toMatchObject({ total: '850.00' });
    expect(row(tables.fiscalSummary.expenditure, '201')).toMatchObject({ total: '1070.00', generalBudget: '1070.00' });
    expect(tables.fiscalSummary.expenditure.rows.map((r: { code: string }) => r.code)).toEqual(['TOTAL', '201', '212']);
  });

  it('answers as of a date before the close as provisional, and writes 万元 on request', async () => {
    expect((await get('final-accounts?asOf=2023-12-30')).provisional).toBe(true);
    expect((await get('final-accounts?asOf=2023-06-01')).tables.summary.expenditure.totalExpenditure).toBe('750.00');
    const wan = await get('final-accounts?unit=wan');
    expect(wan.unit).toBe('wan');
    // 1 860 元 = 0.186 万元 → 0.19; 1 670 元 → 0.17
    expect(wan.tables.summary.income.totalIncome).toBe('0.19');
    expect(wan.tables.summary.expenditure.totalExpenditure).toBe('0.17');
  });

  it('passes every table 勾稽 check on its own tables, and flags an overspent line', async () => {
    const body = await get('checks');
    expect(body.checks.length).toBeGreaterThan(10);
    // No prior year and no explanations: the 情况说明 rule is open; the year is closed without 国有资产 / 三公 counts (SPEC §11).
    // No self-evaluation inputs and a draft with placeholders: both listed as to-dos.
    expect(body.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { rule: string }) => c.rule)).toEqual(['VARIANCES_EXPLAINED', 'DISCLOSURES_DECLARED', 'SELF_EVALUATION_COMPLETE', 'DRAFT_PLACEHOLDERS']);
    const over = await t.post([issue('X1', '10', {}, { departmentCode: 'FX' }), pay('X1', '12.5', '30201', { departmentCode: 'FX', occurredOn: '2023-03-01' })]);
    expect(over.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    const checks = (await t.get('/v1/departments/FX/years/2023/checks')).body.checks;
    const todo = ['VARIANCES_EXPLAINED', 'SELF_EVALUATION_COMPLETE', 'DRAFT_PLACEHOLDERS'];
    expect(checks.filter((c: { passed: boolean; rule: string }) => !c.passed && !todo.includes(c.rule))).toEqual([
      { rule: 'NO_OVERSPENT_LINES', passed: false, expected: '10.00', actual: '12.50', detail: '超支指标：X1（预算 10.00，支出 12.50）' },
    ]);
  });

  it('gives the same tables after a rebuild', async () => {
    const before = await get('final-accounts');
    expect((await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(200);
    expect(await get('final-accounts')).toEqual(before);
  });

  it('drafts the 情况说明 sentences against declared prior-year actuals, in the published style', async () => {
    const v = { departmentCode: 'VA' };
    const res = await t.post([
      issue('V1', '8000000', {}, v),
      pay('V1', '5000000', '30101', { ...v, occurredOn: '2023-05-01' }),
      pay('V1', '2478000', '30201', { ...v, occurredOn: '2023-06-01' }),
      issue('V2', '400000', { functionCode: '2080505', expenditureKind: 'BASIC' }, v),
      pay('V2', '300000', '30108', { ...v, occurredOn: '2023-06-01' }),
      {
        eventId: nextId('prior'), type: 'PriorYearActualsDeclared', fiscalYear: 2023, departmentCode: 'VA', occurredOn: '2024-03-01',
        data: { rows: [{ functionCode: '2010301', amount: '7209300' }, { functionCode: '2010350', amount: '500000' }, { threePublicItem: 'operatingCosts', amount: '1000000' }], totalExpenditure: '7709300' },
      },
      { eventId: nextId('why'), type: 'VarianceExplained', fiscalYear: 2023, departmentCode: 'VA', occurredOn: '2024-03-02', data: { scope: { functionCode: '2010301' }, reason: '机构改革人员增加' } },
    ]);
    expect(res.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
    const body = (await t.get('/v1/departments/VA/years/2023/variance')).body;
    expect(body.priorSource).toBe('DECLARED');
    const byCodeIn = (report: { items: { scope: { functionCode?: string } }[] }, code: string) => report.items.find((i) => i.scope.functionCode === code) as Record<string, unknown>;
    const byCode = (code: string) => byCodeIn(body, code);
    // Seed 000's own sentence: 747.80 − 720.93 = 26.87万元; 26.87 / 720.93 = 3.727…%
    expect(byCode('2010301')).toEqual({
      scope: { functionCode: '2010301' }, name: '行政运行', current: '7478000.00', prior: '7209300.00', change: '268700.00', changeRate: '3.73',
      direction: 'INCREASE', reason: '机构改革人员增加', reasonSource: 'EXPLAINED',
      sentence: '2010301-行政运行(政府办公厅（室）及相关机构事务)747.80万元，较上年决算数增加26.87万元，增长3.73%。主要原因是机构改革人员增加。',
    });
    expect(byCode('2010350')).toMatchObject({ direction: 'DISCONTINUED', reasonSource: 'SUGGESTED', changeRate: '-100.00', sentence: '2010350-事业运行(政府办公厅（室）及相关机构事务)本年无支出，上年决算数50.00万元。【建议】主要原因是本年未安排该项支出。' });
    expect(byCode('2080505')).toMatchObject({ direction: 'NEW', changeRate: null, sentence: '2080505-机关事业单位基本养老保险缴费支出(行政事业单位养老支出)30.00万元，较上年决算数增加30.00万元（上年无此项支出）。【建议】主要原因是本年新增该项支出。' });
    // 机关运行经费 = 一般公共预算 基本支出 公用经费: 30201 2 478 000 vs 1 000 000 declared
    const operating = body.items.find((i: { scope: { operatingCosts?: true } }) => i.scope.operatingCosts);
    expect(operating).toMatchObject({ current: '2478000.00', prior: '1000000.00', changeRate: '147.80', reasonSource: 'MISSING', sentence: '机关运行经费支出247.80万元，较上年决算数增加147.80万元，增长147.80%。主要原因是【待补充：变动原因】。' });
    // 支出合计: 7 778 000 vs 7 709 300 → +68 700 = 0.89 %
    const spending = body.items.find((i: { scope: { total?: string } }) => i.scope.total === 'expenditure');
    expect(spending).toMatchObject({ current: '7778000.00', prior: '7709300.00', change: '68700.00', changeRate: '0.89' });
    expect(body.todo.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['机关运行经费', '本年支出合计']));
    // A later explanation replaces it; as of a date before it, the earlier one still stands.
    const later = await t.post([{ eventId: nextId('why'), type: 'VarianceExplained', fiscalYear: 2023, departmentCode: 'VA', occurredOn: '2024-04-01', data: { scope: { functionCode: '2010301' }, reason: '新增编制人员' } }]);
    expect(later.body.results[0].status).toBe('APPLIED');
    expect(byCodeIn((await t.get('/v1/departments/VA/years/2023/variance')).body, '2010301').reason).toBe('新增编制人员');
    expect(byCodeIn((await t.get('/v1/departments/VA/years/2023/variance?asOf=2024-03-31')).body, '2010301').reason).toBe('机构改革人员增加');
    const open = (await t.get('/v1/departments/VA/years/2023/checks')).body.checks.find((c: { rule: string }) => c.rule === 'VARIANCES_EXPLAINED');
    expect(open.passed).toBe(false);
    expect(open.detail).toContain('2010350（有建议，待确认）');
  });

  it('compares with the events of the prior year when the system has them', async () => {
    const w = { departmentCode: 'VB' };
    const res = await t.post([
      issue('W1', '100000', {}, { ...w, fiscalYear: 2022, occurredOn: '2022-01-10' }),
      pay('W1', '40000', '30101', { ...w, fiscalYear: 2022, occurredOn: '2022-05-01' }),
      pay('W1', '10000', '30201', { ...w, fiscalYear: 2022, occurredOn: '2022-05-01' }),
      issue('W1', '100000', {}, w),
      pay('W1', '40000', '30101', { ...w, occurredOn: '2023-05-01' }),
      pay('W1', '30000', '30201', { ...w, occurredOn: '2023-05-01' }),
    ]);
    expect(res.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
    const body = (await t.get('/v1/departments/VB/years/2023/variance?unit=wan')).body;
    expect(body).toMatchObject({ priorSource: 'EVENTS', unit: 'wan' });
    // 7.00 vs 5.00万元: +2.00, 40 %; the driver is 商品和服务支出 (302) +2.00万元
    expect(body.items[0]).toMatchObject({ current: '7.00', prior: '5.00', change: '2.00', changeRate: '40.00', reasonSource: 'SUGGESTED', reason: '商品和服务支出（公用经费及其他）增加2.00万元' });
  });

  const download = async (path: string) => (await t.download(path)).body;

  it('renders the draft as xlsx: one sheet per table, amounts as 万元 number cells, every sheet one page wide, numbering by template', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await download('/v1/departments/VA/years/2023/final-accounts?format=xlsx'));
    const names = book.worksheets.map((w) => w.name);
    expect(names.filter((n) => /^公开\d\d表$/.test(n))).toEqual(['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表']);
    /** The cell right of the first cell whose text is `label` (the published forms put the figure beside its label). */
    const beside = (sheet: string, label: string, offset = 1) => {
      const ws = book.getWorksheet(sheet)!;
      for (let r = 1; r <= ws.rowCount; r++) {
        for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(r, c).text === label) return ws.getCell(r, c + offset);
      }
      throw new Error(`${label} not in ${sheet}`);
    };
    // Fiscal income while provisional = net appropriation 8 000 000 + 400 000 元 = 840.00万元; 201 spent 747.80.
    const income = beside('公开01表', '一、一般公共预算财政拨款收入');
    expect(income.value).toBe(840);
    expect(income.numFmt).toBe('#,##0.00');
    expect(beside('公开01表', '一、一般公共服务支出').value).toBe(747.8);
    expect(beside('公开01表', '二、外交支出').value ?? null).toBeNull();
    expect(beside('公开01表', '本年支出合计').value).toBe(777.8);
    expect(beside('公开05表', '行政运行').value).toBe(747.8);
    expect(beside('公开06表', '基本工资').value).toBe(500);
    expect(beside('公开06表', '津贴补贴').value ?? null).toBeNull();
    for (const sheet of book.worksheets.filter((w) => /^公开/.test(w.name))) {
      expect({ sheet: sheet.name, fitToWidth: sheet.pageSetup.fitToWidth, fitToHeight: sheet.pageSetup.fitToHeight }).toEqual({ sheet: sheet.name, fitToWidth: 1, fitToHeight: 0 });
    }
    const title = (wb: ExcelJS.Workbook, sheet: string) => wb.getWorksheet(sheet)!.getRow(1).values as unknown[];
    expect(title(book, '公开09表').join('')).toContain('“三公”经费支出决算表');
    const seedOrder = new ExcelJS.Workbook();
    await seedOrder.xlsx.load(await download('/v1/departments/VA/years/2023/final-accounts?format=xlsx&template=SEED_000'));
    expect(title(seedOrder, '公开07表').join('')).toContain('“三公”经费支出决算表');
  });

  it('renders the draft as docx in the published structure, with the 情况说明 sentences of the variance report', async () => {
    const zip = await JSZip.loadAsync(await download('/v1/departments/VA/years/2023/final-accounts?format=docx&asOf=2024-03-31'));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const heading of ['目录', '第一部分 部门概况', '第二部分 2023年度部门决算表', '第三部分 2023年度部门决算情况说明', '第四部分 名词解释', '第五部分 附件', '收入支出决算总表', '公开01表']) expect(text).toContain(heading);
    expect(text).toContain('2010301-行政运行(政府办公厅（室）及相关机构事务)747.80万元，较上年决算数增加26.87万元，增长3.73%。主要原因是机构改革人员增加。');
    expect(text).toContain('1. 基本支出777.80万元，占100.00%。');
    expect(text).toContain('本部门2023年度没有使用政府性基金预算财政拨款安排的支出。');
    expect(text).toContain('机关运行经费支出247.80万元');
    // Nothing declared: 政府采购 and 国有资产 are placeholders, not zeros.
    expect(text).toContain('【待补充：政府采购支出情况');
    expect(text).toContain('【待补充：国有资产占用情况');
    expect(text).not.toContain('政府采购支出总额0.00万元');
  });

  it('drafts a department without prior year or disclosures with placeholders and no comparison claim, naming an uncatalogued code by its event', async () => {
    const zip = await JSZip.loadAsync(await download('/v1/departments/FA/years/2023/final-accounts?format=docx'));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const explanation = text.slice(text.lastIndexOf('第三部分'), text.lastIndexOf('第四部分'));
    expect(explanation).not.toMatch(/持平|新增|上年无此项|【建议】/);
    expect(explanation).toContain('与上年决算数相比，【待补充：上年决算数】。');
    expect(text).not.toMatch(/【待补充：[^】]*[A-Za-z]{4,}/);
    for (const todo of ['部门主要职责', '纳入决算编制范围的单位', '出国团组数', '政府采购支出情况', '国有资产占用情况', '项目支出绩效自评表']) expect(text).toContain(`【待补充：${todo}`);
    // No prior year: no 变动图; 2120801 is not in the catalogue, its AppropriationIssued named it.
    expect(text).toContain('征地和拆迁补偿支出');
    const checks = (await get('checks')).checks as { rule: string; passed: boolean; detail: string }[];
    const todo = checks.find((c) => c.rule === 'DRAFT_PLACEHOLDERS')!;
    expect(todo.passed).toBe(false);
    expect(todo.detail).toContain('上年决算数（PriorYearActualsDeclared，或上年的事件）');
    expect(todo.detail).toContain('国有资产占用情况');
    // Without a prior year the open 情况说明 to-do is the prior year itself, not a reason per item.
    expect(checks.find((c) => c.rule === 'VARIANCES_EXPLAINED')!.detail).toBe('待补充上年决算数（PriorYearActualsDeclared），之后逐项说明差异原因');
    expect((await get('variance')).todo).toEqual([{ scope: { priorYear: true }, name: '上年决算数', message: '请提供上年决算数（PriorYearActualsDeclared），或导入上年的事件' }]);
  });

  it('renders the draft as html with the same figures', async () => {
    const res = await t.get('/v1/departments/VA/years/2023/final-accounts?format=html&asOf=2024-03-31');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toMatch(/<td class="[^"]*amount[^"]*">747\.80<\/td>/);
    expect(res.text).toContain('增长3.73%。主要原因是机构改革人员增加。');
  });
});
