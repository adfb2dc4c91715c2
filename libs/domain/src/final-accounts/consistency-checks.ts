import { isPersonnelEconomicCode } from '../codes';
import { formatYuan as two, type Fen } from '../money';
import type { CodeTable, FinalAccountsTables } from './final-accounts-tables';
import type { YearFigures } from './variance';

/**
 * 勾稽关系 (SPEC §9): checks over the tables themselves, so that they run alike on tables we computed (where they
 * must pass) and on tables someone published or typed in (where they find the slips). Amounts are integers of the
 * tables' smallest unit (分 for our 元 tables, 0.01万元 for a published document). A failing check names its cells
 * and the difference (amounts written with two decimals of the table's unit).
 */
export interface ConsistencyCheck {
  rule: string;
  passed: boolean;
  expected: Fen;
  actual: Fen;
  detail: string;
}

/** A check of `actual` against `expected`; a failure's detail gives both and the difference (also the 部门预算's, §14). */
export const checkAmounts = (rule: string, expected: Fen, actual: Fen, detail: string): ConsistencyCheck => ({
  rule,
  passed: expected === actual,
  expected,
  actual,
  detail: expected === actual ? detail : `${detail}：应为 ${two(expected)}，实为 ${two(actual)}，差 ${two(actual - expected)}`,
});

export const TABLE_LABELS: Record<string, string> = {
  income: '02 收入决算表',
  expenditure: '03 支出决算表',
  fiscalSummary: '04 财政拨款收入支出决算总表',
  generalBudgetExpenditure: '05 一般公共预算财政拨款支出决算表',
  generalBudgetBasic: '06 一般公共预算财政拨款基本支出决算表',
  govFund: '07 政府性基金预算财政拨款收入支出决算表',
  stateCapital: '08 国有资本经营预算财政拨款支出决算表',
};

/** Every parent row equals the sum of its direct children, in every column; TOTAL equals the sum of the top level. */
export function parentSumChecks(tableKey: string, table: CodeTable<string>, levels: readonly number[]): ConsistencyCheck[] {
  const failures: ConsistencyCheck[] = [];
  const byCode = new Map(table.rows.map((r) => [r.code, r.values]));
  const columns = Object.keys(table.rows[0]?.values ?? {});
  const parents = [...(byCode.has('TOTAL') ? [{ code: 'TOTAL', childLength: levels[0] }] : []), ...table.rows.filter((r) => r.code !== 'TOTAL').map((r) => ({ code: r.code, childLength: levels[levels.indexOf(r.code.length) + 1] }))];
  for (const { code, childLength } of parents) {
    if (childLength === undefined) continue;
    const children = table.rows.filter((r) => r.code !== 'TOTAL' && r.code.length === childLength && (code === 'TOTAL' || r.code.startsWith(code)));
    if (!children.length) continue;
    for (const column of columns) {
      const sum = children.reduce((a, r) => a + (r.values[column] ?? 0n), 0n);
      const own = byCode.get(code)![column] ?? 0n;
      if (sum !== own) {
        failures.push({
          rule: 'PARENT_EQUALS_SUM_OF_CHILDREN',
          passed: false,
          expected: sum,
          actual: own,
          detail: `${TABLE_LABELS[tableKey] ?? tableKey} ${code === 'TOTAL' ? '合计' : code} ${column}: 本行 ${two(own)}，下级合计 ${two(sum)}，差 ${two(own - sum)}（${children.map((c) => c.code).join('+')}）`,
        });
      }
    }
  }
  return failures.length ? failures : [checkAmounts('PARENT_EQUALS_SUM_OF_CHILDREN', 0n, 0n, `${TABLE_LABELS[tableKey] ?? tableKey}: 各级科目均等于下级之和`)];
}

export interface OverspentLine {
  lineId: string;
  budget: Fen;
  paid: Fen;
}

export function consistencyChecks(t: FinalAccountsTables, overspent: readonly OverspentLine[] = []): ConsistencyCheck[] {
  const s = t.summary;
  const checks: ConsistencyCheck[] = [
    checkAmounts('INCOME_EQUALS_EXPENDITURE_PLUS_CLOSING_MINUS_OPENING', s.expenditure.totalExpenditure + s.expenditure.closingBalance - s.income.openingBalance, s.income.totalIncome,
      '01 本年收入合计 = 本年支出合计 + 年末结转和结余 − 年初结转和结余'),
    checkAmounts('SUMMARY_GRAND_TOTALS_EQUAL', s.income.grandTotal, s.expenditure.grandTotal, '01 收入总计 = 支出总计'),
    checkAmounts('INCOME_TOTAL_01_EQUALS_02', s.income.totalIncome, t.income.rows[0]?.values.total ?? 0n, '01 本年收入合计 = 02 收入决算表合计'),
    checkAmounts('EXPENDITURE_TOTAL_01_EQUALS_03', s.expenditure.totalExpenditure, t.expenditure.rows[0]?.values.total ?? 0n, '01 本年支出合计 = 03 支出决算表合计'),
    checkAmounts('GENERAL_BUDGET_04_EQUALS_05', t.fiscalSummary.expenditure.rows[0]?.values.generalBudget ?? 0n, t.generalBudgetExpenditure.rows[0]?.values.total ?? 0n,
      '04 一般公共预算财政拨款支出合计 = 05 合计'),
    checkAmounts('BASIC_05_EQUALS_06_PERSONNEL_PLUS_PUBLIC', t.generalBudgetExpenditure.rows[0]?.values.basic ?? 0n, t.generalBudgetBasic.personnelTotal + t.generalBudgetBasic.publicTotal,
      '05 基本支出合计 = 06 人员经费合计 + 公用经费合计'),
  ];
  // 06: 人员经费合计 = classes 301 + 303, 公用经费合计 = the other classes.
  const classes = t.generalBudgetBasic.rows.filter((r) => r.code.length === 3);
  checks.push(
    checkAmounts('BASIC_PERSONNEL_TOTAL_EQUALS_CLASSES', classes.filter((r) => isPersonnelEconomicCode(r.code)).reduce((a, r) => a + r.amount, 0n), t.generalBudgetBasic.personnelTotal,
      `06 人员经费合计 = ${classes.filter((r) => isPersonnelEconomicCode(r.code)).map((r) => r.code).join(' + ') || '（无）'}`),
    checkAmounts('BASIC_PUBLIC_TOTAL_EQUALS_CLASSES', classes.filter((r) => !isPersonnelEconomicCode(r.code)).reduce((a, r) => a + r.amount, 0n), t.generalBudgetBasic.publicTotal,
      `06 公用经费合计 = ${classes.filter((r) => !isPersonnelEconomicCode(r.code)).map((r) => r.code).join(' + ') || '（无）'}`),
  );
  // 01 per-类 rows = 03 per-类 totals.
  const classTotals = new Map(t.expenditure.rows.filter((r) => r.code.length === 3).map((r) => [r.code, r.values.total]));
  const classCodes = new Set([...classTotals.keys(), ...s.expenditure.rows.map((r) => r.code)]);
  const classFailures = [...classCodes].sort().flatMap((code) => {
    const in01 = s.expenditure.rows.find((r) => r.code === code)?.amount ?? 0n;
    const in03 = classTotals.get(code) ?? 0n;
    return in01 === in03 ? [] : [checkAmounts('CLASS_ROWS_01_EQUAL_03', in03, in01, `01 支出 ${code} = 03 ${code} 合计`)];
  });
  checks.push(...(classFailures.length ? classFailures : [checkAmounts('CLASS_ROWS_01_EQUAL_03', 0n, 0n, '01 各类支出 = 03 各类合计')]));

  checks.push(
    ...parentSumChecks('income', t.income, [3, 5, 7]),
    ...parentSumChecks('expenditure', t.expenditure, [3, 5, 7]),
    ...parentSumChecks('fiscalSummary', t.fiscalSummary.expenditure, [3, 5, 7]),
    ...parentSumChecks('generalBudgetExpenditure', t.generalBudgetExpenditure, [3, 5, 7]),
    ...parentSumChecks('generalBudgetBasic', { rows: t.generalBudgetBasic.rows.map((r) => ({ code: r.code, values: { amount: r.amount } })) }, [3, 5]),
    ...parentSumChecks('govFund', t.govFund, [3, 5, 7]),
    ...parentSumChecks('stateCapital', t.stateCapital, [3, 5, 7]),
  );
  for (const side of ['initialBudget', 'budget', 'actual'] as const) {
    const x = t.threePublic[side];
    const label = { initialBudget: '年初预算数', budget: '全年预算数', actual: '决算数' }[side];
    checks.push(checkAmounts('THREE_PUBLIC_TOTAL_EQUALS_ITEMS', x.overseasTravel + x.vehicleTotal + x.reception, x.total, `09 三公${label}：合计 = 因公出国（境）+ 公务用车 + 公务接待`));
    checks.push(checkAmounts('THREE_PUBLIC_VEHICLE_EQUALS_ITEMS', x.vehiclePurchase + x.vehicleOperation, x.vehicleTotal, `09 三公${label}：公务用车 = 购置 + 运行维护`));
  }
  checks.push(
    overspent.length
      ? { rule: 'NO_OVERSPENT_LINES', passed: false, expected: overspent.reduce((a, l) => a + l.budget, 0n), actual: overspent.reduce((a, l) => a + l.paid, 0n), detail: `超支指标：${overspent.map((l) => `${l.lineId}（预算 ${two(l.budget)}，支出 ${two(l.paid)}）`).join('；')}` }
      : checkAmounts('NO_OVERSPENT_LINES', 0n, 0n, '没有支出超过预算的指标'),
  );
  return checks;
}

/**
 * §9 "narrative figures = table figures": the figures the 情况说明 states (per 项 of 一般公共预算财政拨款 spending, the
 * totals, 三公 and 机关运行经费, as the variance report computes them from the facts) against the tables' cells.
 */
export function narrativeChecks(t: FinalAccountsTables, narrative: YearFigures): ConsistencyCheck[] {
  const failures: ConsistencyCheck[] = [];
  const items05 = new Map(t.generalBudgetExpenditure.rows.filter((r) => r.code.length === 7).map((r) => [r.code, r.values.total]));
  for (const code of new Set([...items05.keys(), ...narrative.functions.keys()])) {
    const text = narrative.functions.get(code)?.amount ?? 0n;
    const table = items05.get(code) ?? 0n;
    if (text !== table) failures.push(checkAmounts('NARRATIVE_MATCHES_TABLES', table, text, `情况说明 ${code} 与 05 表`));
  }
  const pairs: [string, Fen, Fen][] = [
    ['情况说明 本年收入合计 与 01 表', t.summary.income.totalIncome, narrative.totalIncome],
    ['情况说明 本年支出合计 与 01 表', t.summary.expenditure.totalExpenditure, narrative.totalExpenditure],
    ['情况说明 “三公”经费 与 三公表', t.threePublic.actual.total, narrative.threePublic],
    ['情况说明 机关运行经费 与 06 表公用经费', t.generalBudgetBasic.publicTotal, narrative.operatingCosts],
  ];
  for (const [label, table, text] of pairs) if (table !== text) failures.push(checkAmounts('NARRATIVE_MATCHES_TABLES', table, text, label));
  return failures.length ? failures : [checkAmounts('NARRATIVE_MATCHES_TABLES', 0n, 0n, '情况说明的数字与决算表一致')];
}
