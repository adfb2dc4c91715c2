import { FISCAL_FUND_SOURCES, INCOME_CATEGORIES, isPersonnelEconomicCode, THREE_PUBLIC_CODES, type Comparator, type ExpenditureKind, type FundSource, type IncomeCategory } from '../codes';
import type { PlanCheckpoint } from '../events/event-types';
import type { LineAttributesView } from '../ledger/line-views';
import { ECONOMIC_LEVELS, FUNCTION_LEVELS, RollUp, zeros, type Amounts, type CodeTable, type ThreePublicItem, THREE_PUBLIC_ITEMS } from '../final-accounts/final-accounts-tables';
import type { Fen } from '../money';

/**
 * The 部门预算 tables (SPEC §14) of a department-year, exact in 分: what the 人大 approved at the start of the year —
 * the `INITIAL` issues of every line and the planned non-fiscal income of `IncomeBudgeted` — in the shape of the
 * published 部门预算 (seeds 001, 004): 收支总表, 收入总表, 支出总表, 财政拨款收支总表, 一般公共预算支出表,
 * 一般公共预算基本支出表, “三公”经费支出表, 政府性基金 and 国有资本经营 支出表, 项目支出表.
 *
 * One definition of 年初预算数 for the whole product: a line's INITIAL issues. Supplementary appropriations, adjustments,
 * transfers and CARRY_IN are not in these tables (they are in the 决算's 全年预算数); the year's carry-in is reported
 * beside them (`carriedIn`) so a document can say it is left out rather than print an empty 上年结转 as if it were zero.
 *
 * Income: 财政拨款收入 = INITIAL issues of the three fiscal funds (per fund); 财政专户管理资金收入 = INITIAL issues of
 * SPECIAL_ACCOUNT lines (the 核拨 is an appropriation); 单位资金 = IncomeBudgeted by category. Expenditure = INITIAL
 * issues of every line by kind. The budget balances when the 单位资金 planned equals the INITIAL of UNIT_FUNDS lines.
 */
/** A line's attributes (SPEC §2) with its fund and kind typed; its own economic code places it in the 基本支出表 by 款 and among the 三公 items (SPEC §1). */
export interface LineDescription extends Omit<LineAttributesView, 'fundSource' | 'expenditureKind'> {
  fundSource: FundSource;
  expenditureKind: ExpenditureKind;
}

export interface BudgetLineFacts extends LineDescription {
  /** INITIAL issues (年初预算数). */
  initial: Fen;
  /** CARRY_IN issues (上年结转), not part of the budget tables. */
  carriedIn: Fen;
}

export interface BudgetIncomeFacts {
  unitCode: string;
  functionCode: string;
  category: IncomeCategory;
  amount: Fen;
}

export interface BudgetFacts {
  lines: readonly BudgetLineFacts[];
  income: readonly BudgetIncomeFacts[];
}

export const BUDGET_INCOME_COLUMNS = ['total', 'fiscal', 'specialAccount', 'business', 'operating', 'higherLevelSubsidy', 'subsidiaryRemittance', 'other'] as const;
export const BUDGET_EXPENDITURE_COLUMNS = ['total', 'basic', 'project', 'operating', 'remitToHigher', 'subsidyToSubsidiary'] as const;
export const BUDGET_FISCAL_COLUMNS = ['total', 'generalBudget', 'govFund', 'stateCapital'] as const;
export const BUDGET_BASIC_PROJECT_COLUMNS = ['total', 'basic', 'project'] as const;
export const BUDGET_BASIC_COLUMNS = ['total', 'personnel', 'public'] as const;
export const BUDGET_PROJECT_FUND_COLUMNS = ['total', 'generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const;
export const BUDGET_SUMMARY_INCOME_KEYS = [
  'generalBudget',
  'govFund',
  'stateCapital',
  'specialAccount',
  'unitFunds',
  'business',
  'operating',
  'higherLevelSubsidy',
  'subsidiaryRemittance',
  'other',
  'totalIncome',
  'grandTotal',
] as const;

export type BudgetIncomeColumn = (typeof BUDGET_INCOME_COLUMNS)[number];
export type BudgetExpenditureColumn = (typeof BUDGET_EXPENDITURE_COLUMNS)[number];
export type BudgetFiscalColumn = (typeof BUDGET_FISCAL_COLUMNS)[number];
export type BudgetBasicProjectColumn = (typeof BUDGET_BASIC_PROJECT_COLUMNS)[number];
export type BudgetBasicColumn = (typeof BUDGET_BASIC_COLUMNS)[number];
export type BudgetProjectFundColumn = (typeof BUDGET_PROJECT_FUND_COLUMNS)[number];
export type BudgetSummaryIncomeKey = (typeof BUDGET_SUMMARY_INCOME_KEYS)[number];

/** 项目支出表: one row per project, its INITIAL by fund. */
export interface BudgetProjectRow {
  projectCode: string;
  projectName: string | null;
  unitCodes: string[];
  functionCodes: string[];
  amounts: Amounts<BudgetProjectFundColumn>;
}

export interface BudgetTables {
  /** 部门预算收支总表. */
  summary: {
    income: Amounts<BudgetSummaryIncomeKey>;
    expenditure: { rows: { code: string; amount: Fen }[]; totalExpenditure: Fen; grandTotal: Fen };
  };
  /** 部门预算收入总表: 类/款/项 × 合计, 财政拨款, 财政专户, 事业, 经营, 上级补助, 附属单位上缴, 其他. */
  income: CodeTable<BudgetIncomeColumn>;
  /** 部门预算支出总表: 类/款/项 × 合计, 基本, 项目, 经营, 上解上级, 对附属单位补助. */
  expenditure: CodeTable<BudgetExpenditureColumn>;
  /** 部门预算财政拨款收支总表. */
  fiscalSummary: { income: Amounts<BudgetFiscalColumn>; expenditure: CodeTable<BudgetFiscalColumn> };
  /** 一般公共预算财政拨款支出表. */
  generalBudgetExpenditure: CodeTable<BudgetBasicProjectColumn>;
  /** 一般公共预算财政拨款基本支出表: economic 类/款 × 合计, 人员经费, 公用经费. */
  generalBudgetBasic: CodeTable<BudgetBasicColumn>;
  /** 财政拨款“三公”经费支出表: items × 合计 and the three fiscal funds. */
  threePublic: Record<ThreePublicItem, Amounts<BudgetFiscalColumn>>;
  govFund: CodeTable<BudgetBasicProjectColumn>;
  stateCapital: CodeTable<BudgetBasicProjectColumn>;
  /** 项目支出表. */
  projects: BudgetProjectRow[];
  /** 机关运行经费 (SPEC §8): GENERAL_BUDGET basic 公用经费, as the 基本支出表's 公用经费 column. */
  agencyOperatingCosts: Fen;
  /** The year's CARRY_IN issues, not in these tables (see above). */
  carriedIn: Fen;
  /** GENERAL_BUDGET basic lines without a 5-digit economic code: counted in 合计, placed in no 款 (check BUDGET_ECONOMIC_CODES). */
  unclassifiedBasic: { lineId: string; amount: Fen }[];
}

const FUND_COLUMN: Partial<Record<FundSource, 'generalBudget' | 'govFund' | 'stateCapital'>> = {
  GENERAL_BUDGET: 'generalBudget',
  GOV_FUND: 'govFund',
  STATE_CAPITAL: 'stateCapital',
};
const PROJECT_FUND_COLUMN: Record<FundSource, Exclude<BudgetProjectFundColumn, 'total'>> = {
  GENERAL_BUDGET: 'generalBudget',
  GOV_FUND: 'govFund',
  STATE_CAPITAL: 'stateCapital',
  SPECIAL_ACCOUNT: 'specialAccount',
  UNIT_FUNDS: 'unitFunds',
};
const KIND_COLUMN: Record<ExpenditureKind, Exclude<BudgetExpenditureColumn, 'total'>> = {
  BASIC: 'basic',
  PROJECT: 'project',
  OPERATING: 'operating',
  REMIT_TO_HIGHER: 'remitToHigher',
  SUBSIDY_TO_SUBSIDIARY: 'subsidyToSubsidiary',
};
const INCOME_COLUMN: Record<IncomeCategory, Exclude<BudgetIncomeColumn, 'total' | 'fiscal' | 'specialAccount'>> = {
  HIGHER_LEVEL_SUBSIDY: 'higherLevelSubsidy',
  BUSINESS: 'business',
  OPERATING: 'operating',
  SUBSIDIARY_REMITTANCE: 'subsidiaryRemittance',
  OTHER: 'other',
};

export function buildBudgetTables(facts: BudgetFacts): BudgetTables {
  const income = new RollUp(BUDGET_INCOME_COLUMNS, FUNCTION_LEVELS);
  const expenditure = new RollUp(BUDGET_EXPENDITURE_COLUMNS, FUNCTION_LEVELS);
  const fiscal = new RollUp(BUDGET_FISCAL_COLUMNS, FUNCTION_LEVELS);
  const generalBudget = new RollUp(BUDGET_BASIC_PROJECT_COLUMNS, FUNCTION_LEVELS);
  const govFund = new RollUp(BUDGET_BASIC_PROJECT_COLUMNS, FUNCTION_LEVELS);
  const stateCapital = new RollUp(BUDGET_BASIC_PROJECT_COLUMNS, FUNCTION_LEVELS);
  const basic = new RollUp(BUDGET_BASIC_COLUMNS, ECONOMIC_LEVELS);
  const fundIncome = zeros(BUDGET_FISCAL_COLUMNS);
  const threePublic = Object.fromEntries(THREE_PUBLIC_ITEMS.map((item) => [item, zeros(BUDGET_FISCAL_COLUMNS)])) as Record<ThreePublicItem, Amounts<BudgetFiscalColumn>>;
  const projects = new Map<string, BudgetProjectRow>();
  const unclassifiedBasic: { lineId: string; amount: Fen }[] = [];
  let specialAccount = 0n;
  let carriedIn = 0n;

  for (const line of facts.lines) {
    carriedIn += line.carriedIn;
    const amount = line.initial;
    if (amount === 0n) continue;
    expenditure.add(line.functionCode, { total: amount, [KIND_COLUMN[line.expenditureKind]]: amount });
    const basicOrProject = line.expenditureKind === 'BASIC' ? { basic: amount } : line.expenditureKind === 'PROJECT' ? { project: amount } : {};
    const fund = FUND_COLUMN[line.fundSource];
    if (line.fundSource === 'SPECIAL_ACCOUNT') {
      specialAccount += amount;
      income.add(line.functionCode, { total: amount, specialAccount: amount });
    }
    if (fund && FISCAL_FUND_SOURCES.includes(line.fundSource)) {
      income.add(line.functionCode, { total: amount, fiscal: amount });
      fiscal.add(line.functionCode, { total: amount, [fund]: amount });
      fundIncome[fund] += amount;
      fundIncome.total += amount;
      const item = line.economicCode ? THREE_PUBLIC_CODES[line.economicCode as keyof typeof THREE_PUBLIC_CODES] : undefined;
      if (item) {
        const targets: ThreePublicItem[] = [item, 'total', ...(item === 'vehiclePurchase' || item === 'vehicleOperation' ? (['vehicleTotal'] as const) : [])];
        for (const t of targets) {
          threePublic[t][fund] += amount;
          threePublic[t].total += amount;
        }
      }
      if (fund === 'generalBudget') {
        generalBudget.add(line.functionCode, { total: amount, ...basicOrProject });
        if (line.expenditureKind === 'BASIC') {
          if (line.economicCode && line.economicCode.length === 5) {
            basic.add(line.economicCode, { total: amount, [isPersonnelEconomicCode(line.economicCode) ? 'personnel' : 'public']: amount });
          } else {
            basic.add('', { total: amount });
            unclassifiedBasic.push({ lineId: line.lineId, amount });
          }
        }
      } else if (fund === 'govFund') govFund.add(line.functionCode, { total: amount, ...basicOrProject });
      else stateCapital.add(line.functionCode, { total: amount, ...basicOrProject });
    }
    if (line.projectCode !== null) {
      const row =
        projects.get(line.projectCode) ??
        projects.set(line.projectCode, { projectCode: line.projectCode, projectName: null, unitCodes: [], functionCodes: [], amounts: zeros(BUDGET_PROJECT_FUND_COLUMNS) }).get(line.projectCode)!;
      row.projectName ??= line.projectName;
      if (!row.unitCodes.includes(line.unitCode)) row.unitCodes.push(line.unitCode);
      if (!row.functionCodes.includes(line.functionCode)) row.functionCodes.push(line.functionCode);
      row.amounts[PROJECT_FUND_COLUMN[line.fundSource]] += amount;
      row.amounts.total += amount;
    }
  }
  for (const entry of facts.income) income.add(entry.functionCode, { total: entry.amount, [INCOME_COLUMN[entry.category]]: entry.amount });

  const incomeTable = income.table();
  const expenditureTable = expenditure.table();
  const basicTable = basic.table();
  const incomeTotals = incomeTable.rows[0].values;
  const unitFunds = incomeTotals.business + incomeTotals.operating + incomeTotals.higherLevelSubsidy + incomeTotals.subsidiaryRemittance + incomeTotals.other;
  const totalIncome = fundIncome.total + specialAccount + unitFunds;
  const totalExpenditure = expenditureTable.rows[0].values.total;
  return {
    summary: {
      income: {
        generalBudget: fundIncome.generalBudget,
        govFund: fundIncome.govFund,
        stateCapital: fundIncome.stateCapital,
        specialAccount,
        unitFunds,
        business: incomeTotals.business,
        operating: incomeTotals.operating,
        higherLevelSubsidy: incomeTotals.higherLevelSubsidy,
        subsidiaryRemittance: incomeTotals.subsidiaryRemittance,
        other: incomeTotals.other,
        totalIncome,
        grandTotal: totalIncome,
      },
      expenditure: {
        rows: expenditureTable.rows.filter((r) => r.code.length === 3).map((r) => ({ code: r.code, amount: r.values.total })),
        totalExpenditure,
        grandTotal: totalExpenditure,
      },
    },
    income: incomeTable,
    expenditure: expenditureTable,
    fiscalSummary: { income: fundIncome, expenditure: fiscal.table() },
    generalBudgetExpenditure: generalBudget.table(),
    // The unclassified lines' row '' would be a 款 without a code: they stay in TOTAL only.
    generalBudgetBasic: { rows: basicTable.rows.filter((r) => r.code !== '') },
    threePublic,
    govFund: govFund.table(),
    stateCapital: stateCapital.table(),
    projects: [...projects.values()].sort((a, b) => (a.projectCode < b.projectCode ? -1 : a.projectCode > b.projectCode ? 1 : 0)),
    agencyOperatingCosts: basicTable.rows[0].values.public,
    carriedIn,
    unclassifiedBasic,
  };
}

/** The income categories of 单位资金 in the order the 收入总表 prints them (seed 001: 事业, 经营, 上级补助, 附属单位上缴, 其他). */
export const BUDGET_UNIT_FUND_CATEGORIES: readonly { key: Exclude<BudgetIncomeColumn, 'total' | 'fiscal' | 'specialAccount'>; name: string }[] = [
  { key: 'business', name: INCOME_CATEGORIES.BUSINESS },
  { key: 'operating', name: INCOME_CATEGORIES.OPERATING },
  { key: 'higherLevelSubsidy', name: INCOME_CATEGORIES.HIGHER_LEVEL_SUBSIDY },
  { key: 'subsidiaryRemittance', name: INCOME_CATEGORIES.SUBSIDIARY_REMITTANCE },
  { key: 'other', name: INCOME_CATEGORIES.OTHER },
];

/** An indicator as the 项目支出绩效目标表 prints it (SPEC §14): 一级/二级/三级指标, 绩效指标描述, 指标值, 指标值确定依据. */
export interface BudgetGoalIndicator {
  indicatorId: string;
  level1: string;
  level2: string;
  name: string;
  description: string | null;
  comparator: Comparator;
  target: string;
  unit: string | null;
  basis: string | null;
}

/** One 项目支出绩效目标表: the project's 年初预算 (财政资金 / 其他资金), 资金用途, 资金支出计划, 绩效目标 and indicators. */
export interface BudgetProjectGoal {
  projectCode: string;
  projectName: string | null;
  budget: Fen;
  fiscal: Fen;
  other: Fen;
  /** 资金用途 (PerformanceGoalSet.purpose), null when not declared. */
  purpose: string | null;
  /** 绩效目标 (PerformanceGoalSet.expected), null when not declared. */
  expected: string | null;
  /** 资金支出计划: the plan's checkpoints (the project's, else the department's, else the default). */
  plan: readonly PlanCheckpoint[];
  indicators: BudgetGoalIndicator[];
}

/** 部门整体绩效目标 (SPEC §14, seed 001's 五、部门整体绩效目标): PerformanceGoalSet and IndicatorDefined for "*". */
export interface BudgetDepartmentGoal {
  expected: string | null;
  indicators: BudgetGoalIndicator[];
}

export function budgetDepartmentGoal(inputs: {
  goals: ReadonlyMap<string, { expected: string }>;
  indicators: readonly (BudgetGoalIndicator & { projectCode: string })[];
}): BudgetDepartmentGoal {
  return {
    expected: inputs.goals.get('*')?.expected ?? null,
    indicators: inputs.indicators.filter((i) => i.projectCode === '*').map(({ projectCode: _, ...i }) => i),
  };
}

/** The 项目支出绩效目标表 of every budgeted project, in 项目支出表 order; indicators in definition order. */
export function budgetProjectGoals(
  tables: BudgetTables,
  inputs: {
    goals: ReadonlyMap<string, { expected: string; purpose?: string | null }>;
    indicators: readonly (BudgetGoalIndicator & { projectCode: string })[];
    planOf: (projectCode: string) => readonly PlanCheckpoint[];
  },
): BudgetProjectGoal[] {
  return tables.projects.map((p) => {
    const goal = inputs.goals.get(p.projectCode);
    const fiscal = p.amounts.generalBudget + p.amounts.govFund + p.amounts.stateCapital;
    return {
      projectCode: p.projectCode,
      projectName: p.projectName,
      budget: p.amounts.total,
      fiscal,
      other: p.amounts.total - fiscal,
      purpose: goal?.purpose ?? null,
      expected: goal?.expected ?? null,
      plan: inputs.planOf(p.projectCode),
      indicators: inputs.indicators.filter((i) => i.projectCode === p.projectCode).map(({ projectCode: _, ...i }) => i),
    };
  });
}
