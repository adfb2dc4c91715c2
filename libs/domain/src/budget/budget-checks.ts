import { checkAmounts, parentSumChecks, type ConsistencyCheck } from '../final-accounts/consistency-checks';
import { THREE_PUBLIC_ITEMS } from '../final-accounts/final-accounts-tables';
import { formatYuan as two, type Fen } from '../money';
import { BUDGET_FISCAL_COLUMNS, type BudgetTables } from './budget-tables';

/**
 * 勾稽关系 of the 部门预算 tables (SPEC §14, in the manner of §9): over the tables themselves, so that they pass on the
 * tables we build and find the slips of a published or typed-in 部门预算 (amounts in the tables' smallest unit: 分, or
 * 0.01万元 for a published document).
 */
export const BUDGET_TABLE_LABELS = {
  summary: '部门预算收支总表',
  income: '部门预算收入总表',
  expenditure: '部门预算支出总表',
  fiscalSummary: '部门预算财政拨款收支总表',
  generalBudgetExpenditure: '一般公共预算财政拨款支出表',
  generalBudgetBasic: '一般公共预算财政拨款基本支出表',
  threePublic: '财政拨款“三公”经费支出表',
  govFund: '政府性基金预算财政拨款支出表',
  stateCapital: '国有资本经营预算财政拨款支出表',
  projects: '项目支出表',
} as const;

/** The figures a 部门预算 情况说明 states, to hold against its tables (a published document's, or ours). */
export interface BudgetNarrativeFigures {
  totalIncome?: Fen;
  totalExpenditure?: Fen;
  basic?: Fen;
  project?: Fen;
  personnel?: Fen;
  public?: Fen;
  agencyOperatingCosts?: Fen;
  /** The 机关运行经费 sentence's items, by economic 款. */
  agencyOperatingItems?: ReadonlyMap<string, Fen>;
  threePublic?: Partial<Record<(typeof THREE_PUBLIC_ITEMS)[number], Fen>>;
}

export function budgetChecks(t: BudgetTables, narrative?: BudgetNarrativeFigures): ConsistencyCheck[] {
  const L = BUDGET_TABLE_LABELS;
  const s = t.summary;
  const incomeTotal = t.income.rows[0]?.values;
  const expenditureTotal = t.expenditure.rows[0]?.values;
  const fiscalTotal = t.fiscalSummary.expenditure.rows[0]?.values;
  const gbTotal = t.generalBudgetExpenditure.rows[0]?.values;
  const basicTotal = t.generalBudgetBasic.rows.find((r) => r.code === 'TOTAL')?.values;
  const checks: ConsistencyCheck[] = [
    checkAmounts('BUDGET_BALANCED', s.expenditure.grandTotal, s.income.grandTotal, `${L.summary} 收入总计 = 支出总计`),
    checkAmounts('BUDGET_UNIT_FUNDS_EQUAL_CATEGORIES', s.income.business + s.income.operating + s.income.higherLevelSubsidy + s.income.subsidiaryRemittance + s.income.other, s.income.unitFunds,
      `${L.summary} 单位资金 = 事业收入 + 经营收入 + 上级补助收入 + 附属单位上缴收入 + 其他收入`),
    checkAmounts('BUDGET_SUMMARY_INCOME_EQUALS_ITEMS', s.income.generalBudget + s.income.govFund + s.income.stateCapital + s.income.specialAccount + s.income.unitFunds, s.income.totalIncome,
      `${L.summary} 本年收入合计 = 各项收入之和`),
    checkAmounts('BUDGET_SUMMARY_INCOME_EQUALS_INCOME_TABLE', s.income.totalIncome, incomeTotal?.total ?? 0n, `${L.summary} 本年收入合计 = ${L.income} 合计`),
    checkAmounts('BUDGET_SUMMARY_EXPENDITURE_EQUALS_EXPENDITURE_TABLE', s.expenditure.totalExpenditure, expenditureTotal?.total ?? 0n, `${L.summary} 本年支出合计 = ${L.expenditure} 合计`),
    checkAmounts('BUDGET_FISCAL_INCOME_EQUALS_INCOME_TABLE', t.fiscalSummary.income.total, incomeTotal?.fiscal ?? 0n, `${L.fiscalSummary} 本年收入合计 = ${L.income} 财政拨款收入`),
    checkAmounts('BUDGET_FISCAL_BALANCED', t.fiscalSummary.income.total, fiscalTotal?.total ?? 0n, `${L.fiscalSummary} 本年收入合计 = 本年支出合计`),
    checkAmounts('BUDGET_GENERAL_BUDGET_EQUALS_FISCAL', fiscalTotal?.generalBudget ?? 0n, gbTotal?.total ?? 0n, `${L.fiscalSummary} 一般公共预算财政拨款 = ${L.generalBudgetExpenditure} 合计`),
    checkAmounts('BUDGET_BASIC_EQUALS_BASIC_TABLE', gbTotal?.basic ?? 0n, basicTotal?.total ?? 0n, `${L.generalBudgetExpenditure} 基本支出 = ${L.generalBudgetBasic} 合计`),
    checkAmounts('BUDGET_BASIC_PERSONNEL_PLUS_PUBLIC', basicTotal?.total ?? 0n, (basicTotal?.personnel ?? 0n) + (basicTotal?.public ?? 0n), `${L.generalBudgetBasic} 合计 = 人员经费 + 公用经费`),
  ];
  for (const column of BUDGET_FISCAL_COLUMNS) {
    const x = (item: (typeof THREE_PUBLIC_ITEMS)[number]) => t.threePublic[item][column];
    const where = column === 'total' ? '合计' : { generalBudget: '一般公共预算财政拨款', govFund: '政府性基金预算拨款', stateCapital: '国有资本经营预算财政拨款' }[column];
    const items = checkAmounts('BUDGET_THREE_PUBLIC_TOTAL_EQUALS_ITEMS', x('overseasTravel') + x('vehicleTotal') + x('reception'), x('total'), `${L.threePublic} ${where}：小计 = 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费`);
    const vehicle = checkAmounts('BUDGET_THREE_PUBLIC_VEHICLE_EQUALS_ITEMS', x('vehiclePurchase') + x('vehicleOperation'), x('vehicleTotal'), `${L.threePublic} ${where}：公务用车购置及运维费 = 购置费 + 运行维护费`);
    if (column === 'total' || !items.passed) checks.push(items);
    if (column === 'total' || !vehicle.passed) checks.push(vehicle);
  }
  const classTotals = new Map(t.expenditure.rows.filter((r) => r.code.length === 3).map((r) => [r.code, r.values.total]));
  const classFailures = [...new Set([...classTotals.keys(), ...s.expenditure.rows.map((r) => r.code)])].sort().flatMap((code) => {
    const inSummary = s.expenditure.rows.find((r) => r.code === code)?.amount ?? 0n;
    const inTable = classTotals.get(code) ?? 0n;
    return inSummary === inTable ? [] : [checkAmounts('BUDGET_CLASS_ROWS_EQUAL', inTable, inSummary, `${L.summary} 支出 ${code} = ${L.expenditure} ${code}`)];
  });
  checks.push(...(classFailures.length ? classFailures : [checkAmounts('BUDGET_CLASS_ROWS_EQUAL', 0n, 0n, `${L.summary} 各类支出 = ${L.expenditure} 各类合计`)]));
  if (t.projects.length) {
    checks.push(checkAmounts('BUDGET_PROJECTS_EQUAL_PROJECT_SPENDING', expenditureTotal?.project ?? 0n, t.projects.reduce((a, p) => a + p.amounts.total, 0n), `${L.projects} 合计 = ${L.expenditure} 项目支出`));
  }
  checks.push(
    ...parentSumChecks(L.income, t.income, [3, 5, 7]),
    ...parentSumChecks(L.expenditure, t.expenditure, [3, 5, 7]),
    ...parentSumChecks(L.fiscalSummary, t.fiscalSummary.expenditure, [3, 5, 7]),
    ...parentSumChecks(L.generalBudgetExpenditure, t.generalBudgetExpenditure, [3, 5, 7]),
    ...parentSumChecks(L.generalBudgetBasic, t.generalBudgetBasic, [3, 5]),
    ...parentSumChecks(L.govFund, t.govFund, [3, 5, 7]),
    ...parentSumChecks(L.stateCapital, t.stateCapital, [3, 5, 7]),
  );
  checks.push(
    t.unclassifiedBasic.length
      ? {
          rule: 'BUDGET_ECONOMIC_CODES',
          passed: false,
          expected: 0n,
          actual: t.unclassifiedBasic.reduce((a, l) => a + l.amount, 0n),
          detail: `一般公共预算基本支出指标缺少5位经济分类款级科目，无法列入${L.generalBudgetBasic}：${t.unclassifiedBasic.map((l) => `${l.lineId}（${two(l.amount)}）`).join('；')}`,
        }
      : checkAmounts('BUDGET_ECONOMIC_CODES', 0n, 0n, '一般公共预算基本支出指标均有经济分类款级科目'),
  );
  if (narrative) checks.push(...budgetNarrativeChecks(t, narrative));
  return checks;
}

/** “narrative figures = table figures” for the 部门预算 情况说明 (the seeds' 收支预算、机关运行经费、三公 sentences). */
export function budgetNarrativeChecks(t: BudgetTables, n: BudgetNarrativeFigures): ConsistencyCheck[] {
  const basic = t.generalBudgetBasic.rows.find((r) => r.code === 'TOTAL')?.values;
  const byCode = new Map(t.generalBudgetBasic.rows.map((r) => [r.code, r.values.public]));
  const pairs: [string, Fen, Fen | undefined][] = [
    ['情况说明 收入预算 与 收支总表', t.summary.income.totalIncome, n.totalIncome],
    ['情况说明 支出预算 与 收支总表', t.summary.expenditure.totalExpenditure, n.totalExpenditure],
    ['情况说明 基本支出 与 支出总表', t.expenditure.rows[0]?.values.basic ?? 0n, n.basic],
    ['情况说明 项目支出 与 支出总表', t.expenditure.rows[0]?.values.project ?? 0n, n.project],
    ['情况说明 人员经费 与 基本支出表', basic?.personnel ?? 0n, n.personnel],
    ['情况说明 公用经费 与 基本支出表', basic?.public ?? 0n, n.public],
    ['情况说明 机关运行经费 与 基本支出表公用经费', t.agencyOperatingCosts, n.agencyOperatingCosts],
    ...[...(n.agencyOperatingItems ?? new Map<string, Fen>())].map(([code, amount]): [string, Fen, Fen] => [`情况说明 机关运行经费 ${code} 与 基本支出表`, byCode.get(code) ?? 0n, amount]),
    ...Object.entries(n.threePublic ?? {}).map(([item, amount]): [string, Fen, Fen | undefined] => [
      `情况说明 “三公”经费 ${THREE_PUBLIC_ITEM_NAMES[item as keyof typeof THREE_PUBLIC_ITEM_NAMES]} 与 三公表`,
      t.threePublic[item as keyof typeof THREE_PUBLIC_ITEM_NAMES].total,
      amount,
    ]),
  ];
  const failures = pairs.filter(([, table, text]) => text !== undefined && text !== table).map(([label, table, text]) => checkAmounts('BUDGET_NARRATIVE_MATCHES_TABLES', table, text!, label));
  return failures.length ? failures : [checkAmounts('BUDGET_NARRATIVE_MATCHES_TABLES', 0n, 0n, '部门预算情况说明的数字与预算表一致')];
}

export const THREE_PUBLIC_ITEM_NAMES = {
  total: '“三公”经费',
  overseasTravel: '因公出国（境）费',
  vehicleTotal: '公务用车购置及运维费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
  reception: '公务接待费',
} as const;
