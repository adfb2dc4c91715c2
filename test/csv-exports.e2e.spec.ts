import { defineIndicator, issue, measure, pay, register } from './support/events';
import { csvText, dispositionName, parseCsv } from './support/csv';
import { startTestApp, TestApp } from './support/test-app';

/**
 * `?format=csv` (issue 13, SPEC §13): progress, lines, payments, indicators and each 决算 公开表 as a CSV file a finance
 * office opens in Excel or WPS — UTF-8 with a byte order mark, CRLF, RFC 4180 quoting, Chinese headers, amounts the
 * exact 元 strings of the JSON — sent as an attachment with a Chinese file name.
 *
 * One project line: issued 1 000.00 (一般公共预算, 项目支出, 2010301 行政运行), paid 250.50 on 15 March; its project
 * name holds a comma, quotes and a line break, its payee looks like a spreadsheet formula.
 */
describe('CSV exports', () => {
  let t: TestApp;
  const o = { departmentCode: 'CSV' };
  const projectName = '运维,二期"重点"\n第二行';
  const base = '/v1/departments/CSV/years/2023';

  beforeAll(async () => {
    t = await startTestApp('embedded');
    const payment = pay('L1', '250.50', '30201', { ...o, occurredOn: '2023-03-15', eventId: 'csv-p1' });
    const res = await t.post([
      register('测试局', o),
      issue('L1', '1000.00', { expenditureKind: 'PROJECT', projectCode: 'P1', projectName }, o),
      { ...payment, data: { ...payment.data, payee: '=1+2' } },
      { ...defineIndicator('I1', 'GTE', '10', '20', { ...o, occurredOn: '2023-01-10' }), data: { ...defineIndicator('I1', 'GTE', '10', '20').data, projectCode: 'P1' } },
      measure('I1', '8', { ...o, occurredOn: '2023-06-30' }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('APPLIED'));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A CSV download: status 200, text/csv, BOM, parsed records, and the decoded file names. */
  async function csv(path: string) {
    const res = await t.download(`${base}/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    const { bom, text } = csvText(res.body);
    expect(bom).toBe(true);
    return { records: parseCsv(text), text, name: dispositionName(res.headers['content-disposition']) };
  }

  /** The row of `records` whose first field is `first`, as header → value. */
  function row(records: string[][], first: string): Record<string, string> {
    const found = records.slice(1).filter((r) => r[0] === first);
    expect(found).toHaveLength(1);
    return Object.fromEntries(records[0].map((h, i) => [h, found[0][i]]));
  }

  it('lines: Chinese headers, 1 000.00 issued, 250.50 paid, 749.50 available; the project name round-trips', async () => {
    const { records, name } = await csv('lines?format=csv');
    expect(records[0]).toEqual(['指标编号', '预算单位编码', '功能分类科目', '经济分类科目', '资金性质', '支出类型', '项目代码', '项目名称', '预算数（元）', '已支付（元）', '可用余额（元）', '是否超支']);
    expect(records).toHaveLength(2);
    expect(row(records, 'L1')).toEqual({
      指标编号: 'L1',
      预算单位编码: '434001',
      功能分类科目: '2010301',
      经济分类科目: '302',
      资金性质: '一般公共预算',
      支出类型: '项目支出',
      项目代码: 'P1',
      项目名称: projectName,
      '预算数（元）': '1000.00',
      '已支付（元）': '250.50',
      '可用余额（元）': '749.50',
      是否超支: '否',
    });
    expect(name).toEqual({ ascii: 'lines-CSV-2023.csv', utf8: 'CSV-2023年-指标余额.csv' });
  });

  it('payments: one row of 250.50, nothing reversed; a formula-like payee is written as text', async () => {
    const { records, text } = await csv('payments?format=csv');
    expect(records[0]).toEqual(['支付编号', '支付日期', '指标编号', '预算单位编码', '功能分类科目', '经济分类科目', '经济分类科目名称', '项目代码', '项目名称', '收款人', '支付方式', '支付金额（元）', '已退回金额（元）', '净支付金额（元）']);
    expect(row(records, 'csv-p1')).toMatchObject({
      支付日期: '2023-03-15',
      经济分类科目: '30201',
      经济分类科目名称: '办公费',
      项目名称: projectName,
      收款人: "'=1+2",
      支付方式: '直接支付',
      '支付金额（元）': '250.50',
      '已退回金额（元）': '0.00',
      '净支付金额（元）': '250.50',
    });
    // RFC 4180 on the wire: the name quoted, its quotes doubled, its line break inside the quotes; records end in CRLF.
    expect(text).toContain('"运维,二期""重点""\n第二行"');
    expect(text.split('\r\n').at(-1)).toBe('');
  });

  it('progress by project: 250.50 / 1 000.00 = 25.05 %, against a plan of 100 % for the whole year (滞后)', async () => {
    const { records, name } = await csv('progress?format=csv&groupBy=project');
    expect(records[0]).toEqual(['项目代码', '项目名称', '预算数（元）', '已支付（元）', '执行率（%）', '计划进度（%）', '序时进度（%）', '进度偏差（百分点）', '状态']);
    expect(row(records, 'P1')).toEqual({
      项目代码: 'P1',
      项目名称: projectName,
      '预算数（元）': '1000.00',
      '已支付（元）': '250.50',
      '执行率（%）': '25.05',
      '计划进度（%）': '100.00',
      '序时进度（%）': '100.00',
      '进度偏差（百分点）': '-74.95',
      状态: '滞后',
    });
    expect(name.utf8).toBe('CSV-2023年-预算执行进度（按项目）.csv');
    // The same figures as the JSON answer.
    const json = (await t.get(`${base}/progress?groupBy=project`)).body.groups[0];
    expect([json.budget, json.paid, json.executionRate]).toEqual(['1000.00', '250.50', '25.05']);
  });

  it('progress as of a date: by 31 March, 250.50 paid; the file name says the date', async () => {
    // Default plan: 20 % by 31 March (SPEC §2) → plannedRate 20.00; 序时进度 90/365 = 24.66 %.
    const { records, name } = await csv('progress?format=csv&asOf=2023-03-31');
    expect(row(records, 'CSV')).toMatchObject({ '已支付（元）': '250.50', '执行率（%）': '25.05', '计划进度（%）': '20.00', '序时进度（%）': '24.66', 状态: '正常' });
    expect(name.utf8).toBe('CSV-2023年-预算执行进度（按部门）-截至2023-03-31.csv');
  });

  it('indicators: 8 of ≥10 部 → 80.00 %, 16.00 of 20 points, a deviation to explain', async () => {
    const { records } = await csv('indicators?format=csv');
    expect(records[0]).toEqual(['项目代码', '项目名称', '指标编号', '一级指标', '二级指标', '三级指标', '年度指标值', '计量单位', '分值', '实际完成值', '完成率（%）', '得分', '是否需说明偏差']);
    expect(row(records, 'P1')).toEqual({
      项目代码: 'P1',
      项目名称: projectName,
      指标编号: 'I1',
      一级指标: '产出指标',
      二级指标: '数量指标',
      三级指标: '电话部数',
      年度指标值: '≥10部',
      计量单位: '部',
      分值: '20',
      实际完成值: '8',
      '完成率（%）': '80.00',
      得分: '16.00',
      是否需说明偏差: '是',
    });
  });

  it('决算 公开01表 in 元: the form as printed, income 1 000.00, 一般公共服务支出 250.50, 749.50 carried', async () => {
    const { records, name } = await csv('final-accounts?format=csv&table=01');
    expect(records[0].slice(0, 2)).toEqual(['公开01表', '收入支出决算总表']);
    expect(records[1].slice(0, 2)).toEqual(['部门：测试局', '单位：元']);
    expect(records[3]).toEqual(['项目', '决算数', '项目（按支出功能分类）', '决算数']);
    const byLabel = (label: string, col: number) => records.find((r) => r[col] === label)!;
    expect(byLabel('一、一般公共预算财政拨款收入', 0)[1]).toBe('1000.00');
    expect(byLabel('一、一般公共服务支出', 2)[3]).toBe('250.50');
    expect(byLabel('年末结转和结余', 2)[3]).toBe('749.50');
    expect(byLabel('总计', 0)).toEqual(['总计', '1000.00', '总计', '1000.00']);
    // 元: the 万元 尾差 note is not printed.
    expect(records.flat().some((f) => f.includes('尾差'))).toBe(false);
    expect(name).toEqual({ ascii: 'final-accounts-CSV-2023-summary.csv', utf8: '2023年度测试局部门决算-公开01表-收入支出决算总表.csv' });
    // The same figures as the JSON.
    const json = (await t.get(`${base}/final-accounts`)).body.tables.summary;
    expect(json.income.generalBudget).toBe('1000.00');
  });

  it('决算 公开05表 by its key, in 万元: 250.50 元 → 0.03 万元 (half-up), with the 尾差 note', async () => {
    const { records } = await csv('final-accounts?format=csv&table=generalBudgetExpenditure&unit=wan');
    expect(records[0].slice(0, 2)).toEqual(['公开05表', '一般公共预算财政拨款支出决算表']);
    expect(records[1].slice(0, 2)).toEqual(['部门：测试局', '单位：万元']);
    expect(records.find((r) => r[2] === '2010301')).toEqual(['', '', '2010301', '行政运行', '0.03', '', '0.03']);
    expect(records.some((r) => r[0].includes('本表金额转换为万元时，因四舍五入可能存在尾差'))).toBe(true);
  });

  it('reads with knownAt like the JSON (an instant after the events: the same figures)', async () => {
    const { records } = await csv(`lines?format=csv&knownAt=${new Date().toISOString()}`);
    expect(row(records, 'L1')['可用余额（元）']).toBe('749.50');
  });

  it('payments: the export lists every matching payment, not the JSON page of 1 000', async () => {
    const b = { departmentCode: 'CSVB' };
    const payments = Array.from({ length: 1001 }, (_, i) => pay('B1', '0.01', '30201', { ...b, occurredOn: '2023-04-01', eventId: `csvb-${i}` }));
    const res = await t.post([issue('B1', '100.00', {}, b), ...payments]);
    expect(res.status).toBe(200);
    expect((await t.get('/v1/departments/CSVB/years/2023/payments')).body.payments).toHaveLength(1000);
    const all = await t.download('/v1/departments/CSVB/years/2023/payments?format=csv');
    const records = parseCsv(csvText(all.body).text);
    expect(records).toHaveLength(1 + 1001);
    // 1 001 × 0.01 = 10.01, summed in 分 by the test.
    const column = records[0].indexOf('支付金额（元）');
    const fen = records.slice(1).reduce((sum, r) => sum + BigInt(r[column].replace('.', '')), 0n);
    expect(fen).toBe(1001n);
    // An explicit limit is honoured.
    expect(parseCsv(csvText((await t.download('/v1/departments/CSVB/years/2023/payments?format=csv&limit=3')).body).text)).toHaveLength(4);
  });

  it('决算: the number follows the template (SEED_000 numbers 三公 07)', async () => {
    const { records } = await csv('final-accounts?format=csv&template=SEED_000&table=公开07表');
    expect(records[0].slice(0, 2)).toEqual(['公开07表', '一般公共预算财政拨款“三公”经费支出决算表']);
  });
});
