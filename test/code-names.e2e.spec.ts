import { issue, pay } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Names of codes (SPEC §1, §11) through the ledger: the catalogue first, then the name the event carried, else the
 * check CODE_NAMES lists the code. Department CN, 2023 (元), all 一般公共预算:
 * - L1 基本 2010301 (行政运行, in the catalogue): 1 000, paid 30101 300 and 30201 40 (economicName 办公用品费).
 * - L2 项目 2129999 (not in the catalogue), functionName 其他城乡社区支出测试: 500, paid 30201 200.
 * - L3 基本 2080505 (机关事业单位基本养老保险缴费支出): 400, paid 30108 100.
 * - L4 项目 2120199 (not in the catalogue), no name: 300, paid 30201 50.
 * 04 by 类: 201 = 300 + 40 = 340, 208 = 100, 212 = 200 + 50 = 250, TOTAL 690.
 */
describe('code names: catalogue, event-supplied names and CODE_NAMES', () => {
  let t: TestApp;
  const o = { departmentCode: 'CN' };
  type Row = { code: string; name: string | null; [column: string]: string | null };
  const tables = async () => {
    const res = await t.get('/v1/departments/CN/years/2023/final-accounts');
    expect(res.status).toBe(200);
    return res.body.tables as Record<'income' | 'expenditure' | 'generalBudgetExpenditure' | 'generalBudgetBasic', { rows: Row[] }> & { fiscalSummary: { expenditure: { rows: Row[] } } };
  };
  const codeNamesCheck = async () => {
    const res = await t.get('/v1/departments/CN/years/2023/checks');
    expect(res.status).toBe(200);
    return (res.body.checks as { rule: string; passed: boolean; detail: string }[]).filter((c) => c.rule === 'CODE_NAMES');
  };
  const row = (rows: Row[], code: string) => rows.find((r) => r.code === code);

  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.post([
      issue('L1', '1000', {}, o),
      issue('L2', '500', { functionCode: '2129999', functionName: '其他城乡社区支出测试', expenditureKind: 'PROJECT', projectCode: 'P1' }, o),
      issue('L3', '400', { functionCode: '2080505' }, o),
      issue('L4', '300', { functionCode: '2120199', expenditureKind: 'PROJECT', projectCode: 'P2' }, o),
      pay('L1', '300', '30101', { ...o, occurredOn: '2023-04-01' }),
      { ...pay('L1', '40', '30201', { ...o, occurredOn: '2023-04-01' }), data: { lineId: 'L1', amount: '40', economicCode: '30201', economicName: '办公用品费' } },
      pay('L2', '200', '30201', { ...o, occurredOn: '2023-04-02' }),
      pay('L3', '100', '30108', { ...o, occurredOn: '2023-04-03' }),
      pay('L4', '50', '30201', { ...o, occurredOn: '2023-04-04' }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(9).fill('APPLIED'));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('prints the name the event carried for a 项 the catalogue lacks, and null where no event named it', async () => {
    const t1 = await tables();
    expect(row(t1.expenditure.rows, '2129999')).toMatchObject({ name: '其他城乡社区支出测试', total: '200.00', project: '200.00' });
    expect(row(t1.generalBudgetExpenditure.rows, '2129999')).toMatchObject({ name: '其他城乡社区支出测试', total: '200.00' });
    expect(row(t1.expenditure.rows, '21299')).toMatchObject({ name: '其他城乡社区支出', total: '200.00' });
    expect(row(t1.expenditure.rows, '2120199')).toMatchObject({ name: null, total: '50.00' });
    expect(row(t1.expenditure.rows, '2080505')).toMatchObject({ name: '机关事业单位基本养老保险缴费支出', total: '100.00' });
    // The catalogue comes first: 30201 stays 办公费 although a payment called it 办公用品费.
    expect(row(t1.generalBudgetBasic.rows, '30201')).toMatchObject({ name: '办公费', amount: '40.00' });
    expect(row(t1.generalBudgetBasic.rows, '30108')).toMatchObject({ name: '机关事业单位基本养老保险缴费', amount: '100.00' });
  });

  it('lists 04 by 类 only, with TOTAL', async () => {
    const t1 = await tables();
    expect(t1.fiscalSummary.expenditure.rows.map((r) => [r.code, r.name, r.total, r.generalBudget])).toEqual([
      ['TOTAL', '合计', '690.00', '690.00'],
      ['201', '一般公共服务支出', '340.00', '340.00'],
      ['208', '社会保障和就业支出', '100.00', '100.00'],
      ['212', '城乡社区支出', '250.00', '250.00'],
    ]);
  });

  it('CODE_NAMES fails naming the code nobody named, and passes once an event names it', async () => {
    expect(await codeNamesCheck()).toEqual([
      expect.objectContaining({ rule: 'CODE_NAMES', passed: false, detail: '以下科目编码缺少名称（请在事件中提供 functionName/economicName）：2120199' }),
    ]);
    const res = await t.post([issue('L5', '10', { functionCode: '2120199', functionName: '其他城乡社区管理事务支出', expenditureKind: 'PROJECT', projectCode: 'P2' }, o)]);
    expect(res.body.results[0].status).toBe('APPLIED');
    expect(await codeNamesCheck()).toEqual([expect.objectContaining({ rule: 'CODE_NAMES', passed: true })]);
    expect(row((await tables()).expenditure.rows, '2120199')).toMatchObject({ name: '其他城乡社区管理事务支出', total: '50.00' });
  });

  it('the latest name wins, and a rebuild keeps the names', async () => {
    const res = await t.post([issue('L6', '10', { functionCode: '2129999', functionName: '其他城乡社区支出（更正）', expenditureKind: 'PROJECT', projectCode: 'P1' }, { ...o, occurredOn: '2023-02-01' })]);
    expect(res.body.results[0].status).toBe('APPLIED');
    expect(row((await tables()).expenditure.rows, '2129999')).toMatchObject({ name: '其他城乡社区支出（更正）' });
    expect((await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(200);
    const rebuilt = await tables();
    expect(row(rebuilt.expenditure.rows, '2129999')).toMatchObject({ name: '其他城乡社区支出（更正）', total: '200.00' });
    expect(row(rebuilt.expenditure.rows, '2120199')).toMatchObject({ name: '其他城乡社区管理事务支出' });
    expect(await codeNamesCheck()).toEqual([expect.objectContaining({ passed: true })]);
  });
});
