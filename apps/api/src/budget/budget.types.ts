/**
 * The JSON answer of `GET …/budget` (SPEC §14): the 部门预算 tables with every amount a string in 元 (or 万元 with
 * `?unit=wan`), the 项目支出绩效目标表, the 情况说明 sentences and the tables' 勾稽 checks. Named here so the controller
 * is checked against it and the OpenAPI description is generated from it.
 */
import type {
  BudgetBasicColumn,
  BudgetBasicProjectColumn,
  BudgetExpenditureColumn,
  BudgetFiscalColumn,
  BudgetIncomeColumn,
  BudgetProjectFundColumn,
  BudgetGoalIndicator,
  BudgetSummaryIncomeKey,
  ThreePublicItem,
} from '@app/domain';
import type { AmountUnit, CheckResult } from '../final-accounts/final-accounts.types';

type AmountsJson<K extends string> = Record<K, string>;
/** A row of a coded table: the code (类/款/项, or TOTAL), its name (null where neither catalogue nor events name it). */
type CodeRowJson<K extends string> = { code: string; name: string | null } & AmountsJson<K>;

/** The tables; all-zero rows omitted, TOTAL kept (as `final-accounts`). */
export interface BudgetTablesJson {
  /** 部门预算收支总表. */
  summary: {
    income: AmountsJson<BudgetSummaryIncomeKey>;
    expenditure: { rows: { code: string; name: string | null; amount: string }[]; totalExpenditure: string; grandTotal: string };
  };
  /** 部门预算收入总表. */
  income: { rows: CodeRowJson<BudgetIncomeColumn>[] };
  /** 部门预算支出总表. */
  expenditure: { rows: CodeRowJson<BudgetExpenditureColumn>[] };
  /** 部门预算财政拨款收支总表 (类 rows). */
  fiscalSummary: { income: AmountsJson<BudgetFiscalColumn>; expenditure: { rows: CodeRowJson<BudgetFiscalColumn>[] } };
  /** 一般公共预算财政拨款支出表. */
  generalBudgetExpenditure: { rows: CodeRowJson<BudgetBasicProjectColumn>[] };
  /** 一般公共预算财政拨款基本支出表 (economic 类/款). */
  generalBudgetBasic: { rows: CodeRowJson<BudgetBasicColumn>[] };
  /** 财政拨款“三公”经费支出表: per item, 合计 and per fiscal fund. */
  threePublic: Record<ThreePublicItem, AmountsJson<BudgetFiscalColumn>>;
  govFund: { rows: CodeRowJson<BudgetBasicProjectColumn>[] };
  stateCapital: { rows: CodeRowJson<BudgetBasicProjectColumn>[] };
  /** 项目支出表: one row per project. */
  projects: { rows: ({ projectCode: string; projectName: string | null; unitCodes: string[]; functionCodes: string[] } & AmountsJson<BudgetProjectFundColumn>)[] };
}

/** An indicator of a 项目支出绩效目标表, with its 指标值 as the published table prints it: ≥5000部, 100%, 是. */
export interface BudgetGoalIndicatorJson extends BudgetGoalIndicator {
  targetText: string;
}

/** One 项目支出绩效目标表. */
export interface BudgetProjectGoalJson {
  projectCode: string;
  projectName: string | null;
  budget: string;
  fiscal: string;
  other: string;
  purpose: string | null;
  expected: string | null;
  plan: { month: number; cumulativePercent: string }[];
  indicators: BudgetGoalIndicatorJson[];
}

export interface BudgetResponse {
  departmentCode: string;
  departmentName: string | null;
  fiscalYear: number;
  asOf: string | null;
  unit: AmountUnit;
  tables: BudgetTablesJson;
  /** 机关运行经费 (GENERAL_BUDGET basic 公用经费). */
  agencyOperatingCosts: string;
  /** CARRY_IN issues of the year: not in the budget tables (they hold the INITIAL issues only). */
  carriedIn: string;
  projectGoals: BudgetProjectGoalJson[];
  /** 部门整体绩效目标: the PerformanceGoalSet and indicators of "*". */
  departmentGoal: { expected: string | null; indicators: BudgetGoalIndicatorJson[] };
  /** The 情况说明 sentences, with 【待补充：…】 where an input is missing. */
  narrative: { overall: string; agencyOperatingCosts: string; threePublic: string };
  /** Whether last year's budget (its INITIAL issues) is in the system, which the comparisons need. */
  priorYearBudget: boolean;
  checks: CheckResult[];
}
