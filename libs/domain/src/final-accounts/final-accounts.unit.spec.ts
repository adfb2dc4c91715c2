import { parseYuan } from '../money';
import { consistencyChecks, narrativeChecks } from './consistency-checks';
import { yearFigures } from './variance';
import { buildFinalAccounts, FinalAccountsTables, LineFacts } from './final-accounts-tables';

/**
 * A small department whose tables are computed by hand (元):
 * - L1 一般公共预算 基本 2010301: carry-in 100, issued 1 000, paid 30101 600 + 30201 150 + 30217 (公务接待) 20; closes
 *   carrying forward 200 → available 1 100 − 770 = 330, lapse 130.
 * - L2 一般公共预算 项目 2010350, own economic code 30231 (公务用车运行维护): issued 400, paid 30231 300 → carries 100, lapse 0.
 * - L3 政府性基金 项目 2120801: carry-in 50, issued 500, paid 31002 520 → carries 30, lapse 0.
 * - L4 单位资金 基本 2010301: paid 30201 80 — with 其他收入 90 on 2010301.
 */
const line = (l: Partial<LineFacts> & Pick<LineFacts, 'functionCode' | 'fundSource' | 'expenditureKind'>, paid: Record<string, string>): LineFacts => ({
  economicCode: null,
  budget: 0n,
  carriedIn: 0n,
  carriedForward: null,
  lapsed: null,
  ...l,
  paidByEconomic: new Map(Object.entries(paid).map(([code, amount]) => [code, parseYuan(amount)])),
});
const y = parseYuan;

const facts = (closed: boolean) => ({
  closed,
  lines: [
    line({ functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', budget: y('1100'), carriedIn: y('100'), ...(closed ? { carriedForward: y('200'), lapsed: y('130') } : {}) }, { '30101': '600', '30201': '150', '30217': '20' }),
    line({ functionCode: '2010350', economicCode: '30231', fundSource: 'GENERAL_BUDGET', expenditureKind: 'PROJECT', budget: y('400'), ...(closed ? { carriedForward: y('100'), lapsed: 0n } : {}) }, { '30231': '300' }),
    line({ functionCode: '2120801', fundSource: 'GOV_FUND', expenditureKind: 'PROJECT', budget: y('550'), carriedIn: y('50'), ...(closed ? { carriedForward: y('30'), lapsed: 0n } : {}) }, { '31002': '520' }),
    line({ functionCode: '2010301', fundSource: 'UNIT_FUNDS', expenditureKind: 'BASIC', budget: y('80') }, { '30201': '80' }),
  ],
  income: [{ functionCode: '2010301', category: 'OTHER' as const, amount: y('90') }],
});

const row = (rows: { code: string; values: Record<string, bigint> }[], code: string) => rows.find((r) => r.code === code)?.values;

describe('决算 tables (SPEC §7)', () => {
  const t = buildFinalAccounts(facts(true));

  it('01 总表: fiscal income = net appropriation − opening − lapse; opening + income = expenditure + closing', () => {
    // 一般公共预算 income: (1 100 − 100 − 130) + (400 − 0 − 0) = 1 270; 政府性基金: 550 − 50 = 500; 其他收入 90
    expect(t.summary.income).toMatchObject({ generalBudget: y('1270'), govFund: y('500'), stateCapital: 0n, other: y('90'), totalIncome: y('1860'), openingBalance: y('150'), grandTotal: y('2010') });
    // expenditure 770 + 300 + 520 + 80 = 1 670; closing = 150 + 1 860 − 1 670 = 340 (= carried 200 + 100 + 30 + unit funds 10)
    expect(t.summary.expenditure).toMatchObject({ totalExpenditure: y('1670'), closingBalance: y('340'), grandTotal: y('2010') });
    expect(t.summary.expenditure.rows).toEqual([{ code: '201', amount: y('1150') }, { code: '212', amount: y('520') }]);
    expect(t.provisional).toBe(false);
  });

  it('02/03 by function at 类/款/项; unit funds appear in 03 but in none of the fiscal tables', () => {
    expect(row(t.income.rows, '2010301')).toMatchObject({ total: y('960'), fiscal: y('870'), other: y('90') });
    expect(row(t.income.rows, '201')).toMatchObject({ total: y('1360'), fiscal: y('1270') });
    expect(row(t.expenditure.rows, '2010301')).toMatchObject({ total: y('850'), basic: y('850'), project: 0n });
    expect(row(t.expenditure.rows, '20103')).toMatchObject({ total: y('1150'), basic: y('850'), project: y('300') });
    expect(row(t.fiscalSummary.expenditure.rows, '2010301')).toMatchObject({ total: y('770'), generalBudget: y('770') });
    expect(row(t.generalBudgetExpenditure.rows, 'TOTAL')).toMatchObject({ total: y('1070'), basic: y('770'), project: y('300') });
  });

  it('04 balances per fund: opening + income = expenditure + closing', () => {
    expect(t.fiscalSummary.openingBalance).toMatchObject({ generalBudget: y('100'), govFund: y('50'), total: y('150') });
    expect(t.fiscalSummary.income).toMatchObject({ generalBudget: y('1270'), govFund: y('500'), total: y('1770') });
    expect(t.fiscalSummary.closingBalance).toMatchObject({ generalBudget: y('300'), govFund: y('30'), total: y('330') });
    // 100 + 1 270 = 1 070 + 300; 50 + 500 = 520 + 30
  });

  it('06 基本支出 by the payment economic code; 07 政府性基金 with its balances; 09 三公', () => {
    expect(t.generalBudgetBasic.rows).toEqual([
      { code: 'TOTAL', amount: y('770') },
      { code: '301', amount: y('600') },
      { code: '30101', amount: y('600') },
      { code: '302', amount: y('170') },
      { code: '30201', amount: y('150') },
      { code: '30217', amount: y('20') },
    ]);
    expect(t.generalBudgetBasic).toMatchObject({ personnelTotal: y('600'), publicTotal: y('170') });
    expect(row(t.govFund.rows, '2120801')).toEqual({ openingBalance: y('50'), income: y('500'), total: y('520'), basic: 0n, project: y('520'), closingBalance: y('30') });
    // Budget: the line whose own code is 30231 (400); actual: payments by code on general-budget lines (30217 20, 30231 300).
    expect(t.threePublic.budget).toMatchObject({ total: y('400'), vehicleOperation: y('400'), vehicleTotal: y('400'), reception: 0n });
    expect(t.threePublic.actual).toMatchObject({ total: y('320'), vehicleOperation: y('300'), vehicleTotal: y('300'), reception: y('20') });
  });

  it('is provisional before YearEndClosed: the available balance closes, nothing lapses', () => {
    const open = buildFinalAccounts(facts(false));
    expect(open.provisional).toBe(true);
    // 一般公共预算 closing = (1 100 − 770) + (400 − 300) = 430; income = 1 000 + 400 = 1 400
    expect(open.fiscalSummary.closingBalance).toMatchObject({ generalBudget: y('430'), govFund: y('30') });
    expect(open.summary.income.generalBudget).toBe(y('1400'));
  });
});

describe('勾稽关系 (SPEC §9)', () => {
  it('all pass on computed tables', () => {
    const failed = consistencyChecks(buildFinalAccounts(facts(true))).filter((c) => !c.passed);
    expect(failed).toEqual([]);
  });

  it('fail with the right cells on crafted inconsistent tables', () => {
    const t = buildFinalAccounts(facts(true));
    row(t.expenditure.rows, '2010301')!.basic += 1n; // 0.01 more on one 项
    t.generalBudgetBasic.publicTotal -= 100n; // 1.00 less 公用经费
    t.threePublic.actual.total += 5n;
    t.summary.income.totalIncome += 7n;
    const failed = consistencyChecks(t, [{ lineId: 'L9', budget: y('10'), paid: y('12') }]).filter((c) => !c.passed);
    const rules = failed.map((c) => c.rule);
    expect(rules).toEqual(expect.arrayContaining(['PARENT_EQUALS_SUM_OF_CHILDREN', 'BASIC_05_EQUALS_06_PERSONNEL_PLUS_PUBLIC', 'THREE_PUBLIC_TOTAL_EQUALS_ITEMS', 'INCOME_TOTAL_01_EQUALS_02', 'INCOME_EQUALS_EXPENDITURE_PLUS_CLOSING_MINUS_OPENING', 'NO_OVERSPENT_LINES']));
    const parent = failed.find((c) => c.rule === 'PARENT_EQUALS_SUM_OF_CHILDREN')!;
    expect(parent.detail).toContain('03 支出决算表 20103 basic');
    expect(parent.detail).toContain('差 -0.01');
    expect(failed.find((c) => c.rule === 'BASIC_05_EQUALS_06_PERSONNEL_PLUS_PUBLIC')).toMatchObject({ expected: y('770'), actual: y('769') });
    expect(failed.find((c) => c.rule === 'NO_OVERSPENT_LINES')!.detail).toContain('L9（预算 10.00，支出 12.00）');
  });
});

describe('each §9 rule fails on its own crafted inconsistency', () => {
  const mutations: [string, (t: FinalAccountsTables) => void][] = [
    ['INCOME_EQUALS_EXPENDITURE_PLUS_CLOSING_MINUS_OPENING', (t) => (t.summary.expenditure.closingBalance += 1n)],
    ['SUMMARY_GRAND_TOTALS_EQUAL', (t) => (t.summary.income.grandTotal += 1n)],
    ['INCOME_TOTAL_01_EQUALS_02', (t) => (t.income.rows[0].values.total += 1n)],
    ['EXPENDITURE_TOTAL_01_EQUALS_03', (t) => (t.expenditure.rows[0].values.total += 1n)],
    ['GENERAL_BUDGET_04_EQUALS_05', (t) => (t.generalBudgetExpenditure.rows[0].values.total += 1n)],
    ['BASIC_05_EQUALS_06_PERSONNEL_PLUS_PUBLIC', (t) => (t.generalBudgetBasic.personnelTotal += 1n)],
    ['BASIC_PERSONNEL_TOTAL_EQUALS_CLASSES', (t) => (t.generalBudgetBasic.personnelTotal += 1n)],
    ['BASIC_PUBLIC_TOTAL_EQUALS_CLASSES', (t) => (t.generalBudgetBasic.publicTotal += 1n)],
    ['CLASS_ROWS_01_EQUAL_03', (t) => (t.summary.expenditure.rows[0].amount += 1n)],
    ['PARENT_EQUALS_SUM_OF_CHILDREN', (t) => (row(t.govFund.rows, '2120801')!.closingBalance += 1n)],
    ['THREE_PUBLIC_TOTAL_EQUALS_ITEMS', (t) => (t.threePublic.budget.reception += 1n)],
    ['THREE_PUBLIC_VEHICLE_EQUALS_ITEMS', (t) => (t.threePublic.actual.vehiclePurchase += 1n)],
  ];
  it.each(mutations)('%s', (rule, mutate) => {
    const t = buildFinalAccounts(facts(true));
    mutate(t);
    const failed = consistencyChecks(t).filter((c) => !c.passed);
    const hit = failed.find((c) => c.rule === rule)!;
    expect(hit).toBeDefined();
    expect(hit.actual - hit.expected === 1n || hit.expected - hit.actual === 1n).toBe(true);
  });

  it('NARRATIVE_MATCHES_TABLES compares the 情况说明 figures with the cells', () => {
    const f = facts(true);
    const t = buildFinalAccounts(f);
    expect(narrativeChecks(t, yearFigures(f, t)).every((c) => c.passed)).toBe(true);
    const stated = yearFigures(f, t);
    stated.functions.get('2010301')!.amount += 1n;
    stated.threePublic -= 2n;
    const failed = narrativeChecks(t, stated).filter((c) => !c.passed);
    expect(failed.map((c) => c.detail)).toEqual([
      '情况说明 2010301 与 05 表：应为 770.00，实为 770.01，差 0.01',
      '情况说明 “三公”经费 与 三公表：应为 320.00，实为 319.98，差 -0.02',
    ]);
  });
});
