import { closeYear, issue, nextId, pay, type EventJson } from './support/events';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * One year rolling into the next (SPEC §14, issue 14), worked by hand in 元, over both transports:
 * 2023 — L1 一般公共预算 project P1 (2010302) 100 000, 60 000 paid; L2 basic 行政运行 办公费 (30201) 50 000, all paid;
 *        L4 单位资金 project P3 20 000 with 事业收入 20 000 budgeted (IncomeBudgeted), 5 000 paid.
 *        YearEndClosed carries 40 000 of L1 and 15 000 of L4 forward; the rest lapses.
 * 2024 — CARRY_IN: L1 again (same lineId) 40 000; L4's 15 000 on a re-numbered line L4-2024 (same fund, unit, 功能科目,
 *        project); INITIAL L5 basic 60 000.
 * Department CF carries exactly; department CG types L1's carry-in as 39 000 (a crafted mismatch), and has a 公务接待费
 * line (30217) of 3 000 at the start of 2023 plus 1 000 supplementary: 年初预算数 3 000, 全年预算数 4 000.
 */
type Json = Record<string, unknown>;
type Check = { rule: string; passed: boolean; expected: string; actual: string; detail: string };

function years(dept: string, l1CarryIn: string): { y2023: EventJson[]; y2024: EventJson[] } {
  const o = { departmentCode: dept };
  const o24 = { departmentCode: dept, fiscalYear: 2024, occurredOn: '2024-01-10' };
  const project = (code: string) => ({ functionCode: '2010302', expenditureKind: 'PROJECT', projectCode: code, projectName: `项目${code}` });
  return {
    y2023: [
      issue('L1', '100000', { ...project('P1') }, o),
      issue('L2', '50000', { economicCode: '30201' }, o),
      issue('L4', '20000', { ...project('P3'), fundSource: 'UNIT_FUNDS' }, o),
      { eventId: nextId('budgeted'), type: 'IncomeBudgeted', fiscalYear: 2023, departmentCode: dept, occurredOn: '2023-01-10', data: { unitCode: '434001', functionCode: '2010302', category: 'BUSINESS', amount: '20000' } },
      pay('L1', '60000', '30201', { ...o, occurredOn: '2023-06-01' }),
      pay('L2', '50000', '30201', { ...o, occurredOn: '2023-06-01' }),
      pay('L4', '5000', '30201', { ...o, occurredOn: '2023-06-01' }),
      closeYear([{ lineId: 'L1', amount: '40000' }, { lineId: 'L4', amount: '15000' }], o),
    ],
    y2024: [
      issue('L1', l1CarryIn, { ...project('P1'), stage: 'CARRY_IN' }, o24),
      issue('L4-2024', '15000', { ...project('P3'), fundSource: 'UNIT_FUNDS', stage: 'CARRY_IN' }, o24),
      issue('L5', '60000', { economicCode: '30201' }, o24),
    ],
  };
}

describe.each(TRANSPORTS)('部门预算 and the year-to-year carry check over the %s transport', (transport) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(transport);
    for (const [dept, carryIn] of [['CF', '40000'], ['CG', '39000']] as const) {
      const { y2023, y2024 } = years(dept, carryIn);
      const reception =
        dept === 'CG'
          ? [issue('L6', '3000', { economicCode: '30217' }, { departmentCode: dept }), issue('L6', '1000', { economicCode: '30217', stage: 'SUPPLEMENTARY' }, { departmentCode: dept, occurredOn: '2023-05-01' })]
          : [];
      const res = await t.post([...reception, ...y2023, ...y2024]);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(reception.length + y2023.length + y2024.length).fill('APPLIED'));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (dept: string, year: number, path: string) => {
    const res = await t.get(`/v1/departments/${dept}/years/${year}/${path}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const carryChecks = async (dept: string, year: number): Promise<Check[]> =>
    (await get(dept, year, 'checks')).checks.filter((c: Check) => c.rule === 'CARRY_FORWARD_MATCHES_PRIOR_YEAR');

  it('puts IncomeBudgeted into the 收入总表 as 事业收入 and balances the 收支总表 with the unit-funds line', async () => {
    const budget = await get('CF', 2023, 'budget');
    expect(budget.tables.summary.income).toMatchObject({ generalBudget: '150000.00', unitFunds: '20000.00', business: '20000.00', totalIncome: '170000.00', grandTotal: '170000.00' });
    expect(budget.tables.summary.expenditure.grandTotal).toBe('170000.00');
    expect(budget.tables.income.rows.find((r: Json) => r.code === '2010302')).toMatchObject({ total: '120000.00', fiscal: '100000.00', business: '20000.00' });
    expect(budget.checks.filter((c: Check) => !c.passed)).toEqual([]);
    expect(budget.checks.find((c: Check) => c.rule === 'BUDGET_BALANCED')).toMatchObject({ passed: true, expected: '170000.00', actual: '170000.00' });
  });

  it('prints one 年初预算数 everywhere: the 决算 三公 table beside the 全年预算数, and the budget’s 三公 table', async () => {
    const finalAccounts = await get('CG', 2023, 'final-accounts');
    expect(finalAccounts.tables.threePublic.initialBudget).toMatchObject({ total: '3000.00', reception: '3000.00' });
    expect(finalAccounts.tables.threePublic.budget).toMatchObject({ total: '4000.00', reception: '4000.00' });
    const budget = await get('CG', 2023, 'budget');
    expect(budget.tables.threePublic.reception).toEqual({ total: '3000.00', generalBudget: '3000.00', govFund: '0.00', stateCapital: '0.00' });
    expect(budget.narrative.threePublic).toContain('公务接待费0.30万元');
  });

  it('leaves the 2024 carry-in out of the 2024 budget tables and says so', async () => {
    const budget = await get('CF', 2024, 'budget');
    expect(budget.tables.summary.expenditure.totalExpenditure).toBe('60000.00');
    expect(budget.carriedIn).toBe('55000.00');
    expect(budget.narrative.overall).toContain('另有上年结转资金5.50万元，不在年初预算之列。');
  });

  it('passes the carry check when 2024 opens with exactly what 2023 carried, per fund, a re-numbered line included', async () => {
    expect(await carryChecks('CF', 2024)).toEqual([
      { rule: 'CARRY_FORWARD_MATCHES_PRIOR_YEAR', passed: true, expected: '40000.00', actual: '40000.00', detail: '一般公共预算：2023年结转 40000.00 元，2024年上年结转 40000.00 元，逐条一致' },
      { rule: 'CARRY_FORWARD_MATCHES_PRIOR_YEAR', passed: true, expected: '15000.00', actual: '15000.00', detail: '单位资金：2023年结转 15000.00 元，2024年上年结转 15000.00 元，逐条一致' },
    ]);
    // 2023's own checks have no prior year to compare with: no carry check there.
    expect(await carryChecks('CF', 2023)).toEqual([]);
  });

  it('fails the carry check on a crafted mismatch and names the line and the difference', async () => {
    const [general, unitFunds] = await carryChecks('CG', 2024);
    expect(general).toMatchObject({ passed: false, expected: '40000.00', actual: '39000.00' });
    expect(general.detail).toContain('2010302 项目P1（单位 434001） 2023年结转 40000.00（L1），2024年上年结转 39000.00（L1），差 -1000.00');
    expect(unitFunds).toMatchObject({ passed: true });
  });

  it('validates IncomeBudgeted as a money event: outside the year → 400, after YearEndClosed → YEAR_CLOSED, nothing applied', async () => {
    const budgeted = (occurredOn: string, fiscalYear = 2023) => ({
      eventId: nextId('budgeted'),
      type: 'IncomeBudgeted',
      fiscalYear,
      departmentCode: 'CF',
      occurredOn,
      data: { unitCode: '434001', functionCode: '2010302', category: 'OTHER', amount: '1.00' },
    });
    const outside = await t.post([budgeted('2022-12-31')]);
    expect(outside.status).toBe(400);
    expect(outside.body.error).toBe('VALIDATION_FAILED');
    const badCategory = await t.post([{ ...budgeted('2023-02-01'), data: { unitCode: '434001', functionCode: '2010302', category: 'TAX', amount: '1.00' } }]);
    expect(badCategory.status).toBe(400);
    const closed = await t.post([budgeted('2023-02-01')]);
    expect(closed.body.results[0]).toMatchObject({ status: 'REJECTED', code: 'YEAR_CLOSED' });
    expect((await get('CF', 2023, 'budget')).tables.summary.income.other).toBe('0.00');
  });
});
