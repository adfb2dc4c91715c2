import type { FinalAccountsTables } from '../final-accounts/final-accounts-tables';
import type { Fen } from '../money';
import { Rational } from '../progress/rational';

/**
 * 部门整体 indicators the ledger already knows (SPEC §12, issue 11), so a department need not type them:
 * - 预算执行率 = 全年执行数 / 全年预算数 × 100, over every line, fiscal or not (the figures of SPEC §5);
 * - 结转结余率 = 财政拨款年末结转结余 / 财政拨款全年预算数 × 100: the closing balance of the fiscal lines (GENERAL_BUDGET,
 *   GOV_FUND, STATE_CAPITAL) as the 决算 tables give it (SPEC §7: carried forward at YearEndClosed, before it the
 *   available balance) over the same lines' net appropriation (SPEC §5 budget, carry-in included);
 * - “三公”经费控制率 = “三公”经费实际支出 / “三公”经费预算 × 100, the total row of the 决算's 三公 table (SPEC §7, §10).
 * Each is a percent with 2 decimals, rounded once from the exact quotient, and null when its denominator is 0.
 * 政府采购执行率 is not offered: the system holds procurement spending (tagged payments, ProcurementDeclared) but no
 * procurement budget to divide it by.
 */
export type ComputedIndicatorKey = 'budgetExecutionRate' | 'carryOverRate' | 'threePublicControlRate';

export interface ComputedIndicatorFigures {
  /** 全年预算数, every line (SPEC §5). */
  budget: Fen;
  /** 全年执行数, every line (SPEC §5). */
  paid: Fen;
  /** Net appropriation of the fiscal lines (SPEC §5). */
  fiscalBudget: Fen;
  /** 财政拨款年末结转结余 (SPEC §7 fiscalSummary.closingBalance.total). */
  fiscalClosingBalance: Fen;
  /** “三公”经费 budget and actual, totals (SPEC §7 threePublic, §10). */
  threePublicBudget: Fen;
  threePublicActual: Fen;
}

export interface ComputedIndicator {
  key: ComputedIndicatorKey;
  /** 三级指标 name as departments write it. */
  name: string;
  /** Percent with 2 decimals ("80.00"); null when the denominator is 0. */
  value: string | null;
  /** The formula, in Chinese, as the README and the 自评表's note print it. */
  definition: string;
}

export const COMPUTED_INDICATOR_DEFINITIONS: readonly Omit<ComputedIndicator, 'value'>[] = [
  { key: 'budgetExecutionRate', name: '预算执行率', definition: '预算执行率＝全年执行数÷全年预算数×100%（全部资金）' },
  { key: 'carryOverRate', name: '结转结余率', definition: '结转结余率＝财政拨款年末结转结余÷财政拨款全年预算数×100%（年终结账前按可用余额计算）' },
  { key: 'threePublicControlRate', name: '“三公”经费控制率', definition: '“三公”经费控制率＝“三公”经费实际支出数÷“三公”经费预算数×100%' },
];

const percent = (numerator: Fen, denominator: Fen): string | null => (denominator === 0n ? null : new Rational(numerator * 100n, denominator).toFixed2());

/** The three computed 部门整体 indicators of a department-year, in the order of COMPUTED_INDICATOR_DEFINITIONS. */
export function computedDepartmentIndicators(f: ComputedIndicatorFigures): ComputedIndicator[] {
  const values: Record<ComputedIndicatorKey, string | null> = {
    budgetExecutionRate: percent(f.paid, f.budget),
    carryOverRate: percent(f.fiscalClosingBalance, f.fiscalBudget),
    threePublicControlRate: percent(f.threePublicActual, f.threePublicBudget),
  };
  return COMPUTED_INDICATOR_DEFINITIONS.map((d) => ({ ...d, value: values[d.key] }));
}

/** The figures of the 决算 tables the computed indicators need (closing balance of the fiscal lines, 三公 totals). */
export function computedIndicatorLedgerFigures(tables: Pick<FinalAccountsTables, 'fiscalSummary' | 'threePublic'>): Pick<ComputedIndicatorFigures, 'fiscalClosingBalance' | 'threePublicBudget' | 'threePublicActual'> {
  return {
    fiscalClosingBalance: tables.fiscalSummary.closingBalance.total,
    threePublicBudget: tables.threePublic.budget.total,
    threePublicActual: tables.threePublic.actual.total,
  };
}

/** A 三级指标 name as compared: quotes, brackets and spaces left out (“三公”经费控制率 = "三公"经费控制率 = 三公经费控制率). */
const normalised = (name: string) => name.replace(/[\s“”"'‘’「」『』]/g, '');

/** The computed indicator a department's 三级指标 name stands for, or null. */
export function computedIndicatorFor(name: string, computed: readonly ComputedIndicator[]): ComputedIndicator | null {
  const wanted = normalised(name);
  return computed.find((c) => normalised(c.name) === wanted) ?? null;
}
