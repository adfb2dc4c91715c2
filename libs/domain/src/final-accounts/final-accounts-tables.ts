import { FISCAL_FUND_SOURCES, isPersonnelEconomicCode, THREE_PUBLIC_CODES, type ExpenditureKind, type FundSource, type IncomeCategory } from '../codes';
import type { Fen } from '../money';

/**
 * The nine 决算 tables (SPEC §7, §10) computed from a department-year's facts, exact in 分. Function codes roll up
 * 项 (7) → 款 (5) → 类 (3); economic codes 款 (5) → 类 (3). Fiscal lines are GENERAL_BUDGET, GOV_FUND and
 * STATE_CAPITAL; for them opening = CARRY_IN issues, income = net appropriation − opening − lapse, closing = carried
 * forward (before YearEndClosed: the available balance, and the tables are provisional), so that
 * opening + income = expenditure + closing always. Non-fiscal lines take their income from IncomeRecorded and appear
 * in 01–03 only.
 */
export interface LineFacts {
  functionCode: string;
  /** The line's own economic code (三公 budget: SPEC §10). */
  economicCode: string | null;
  fundSource: FundSource;
  expenditureKind: ExpenditureKind;
  /** Net appropriation: issues of every stage, adjustments, transfers. */
  budget: Fen;
  /** INITIAL issues (年初预算数, SPEC §14): the same figure as the 部门预算 tables; 0 where a caller has none. */
  initial?: Fen;
  carriedIn: Fen;
  /** Paid net of reversals, by the payment's 5-digit economic code. */
  paidByEconomic: ReadonlyMap<string, Fen>;
  carriedForward: Fen | null;
  lapsed: Fen | null;
}

export interface IncomeFacts {
  functionCode: string;
  category: IncomeCategory;
  amount: Fen;
}

export interface FinalAccountsFacts {
  lines: readonly LineFacts[];
  income: readonly IncomeFacts[];
  /** True once YearEndClosed was applied: closing balances are what was carried forward. */
  closed: boolean;
}

export type Amounts<K extends string> = Record<K, Fen>;
export interface CodeRow<K extends string> {
  code: string;
  values: Amounts<K>;
}

export const INCOME_COLUMNS = ['total', 'fiscal', 'higherLevelSubsidy', 'business', 'operating', 'subsidiaryRemittance', 'other'] as const;
export const EXPENDITURE_COLUMNS = ['total', 'basic', 'project', 'remitToHigher', 'operating', 'subsidyToSubsidiary'] as const;
export const FISCAL_COLUMNS = ['total', 'generalBudget', 'govFund', 'stateCapital'] as const;
export const BASIC_PROJECT_COLUMNS = ['total', 'basic', 'project'] as const;
export const GOV_FUND_COLUMNS = ['openingBalance', 'income', 'total', 'basic', 'project', 'closingBalance'] as const;
export const THREE_PUBLIC_ITEMS = ['total', 'overseasTravel', 'vehicleTotal', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;
export const SUMMARY_INCOME_KEYS = ['generalBudget', 'govFund', 'stateCapital', 'higherLevelSubsidy', 'business', 'operating', 'subsidiaryRemittance', 'other', 'totalIncome', 'openingBalance', 'grandTotal'] as const;
export const FUND_KEYS = ['generalBudget', 'govFund', 'stateCapital', 'total'] as const;

export type IncomeColumn = (typeof INCOME_COLUMNS)[number];
export type ExpenditureColumn = (typeof EXPENDITURE_COLUMNS)[number];
export type FiscalColumn = (typeof FISCAL_COLUMNS)[number];
export type BasicProjectColumn = (typeof BASIC_PROJECT_COLUMNS)[number];
export type GovFundColumn = (typeof GOV_FUND_COLUMNS)[number];
export type ThreePublicItem = (typeof THREE_PUBLIC_ITEMS)[number];
export type FundKey = (typeof FUND_KEYS)[number];

/** Rows keyed by code, the first row "TOTAL". */
export interface CodeTable<K extends string> {
  rows: CodeRow<K>[];
}

export interface FinalAccountsTables {
  provisional: boolean;
  summary: {
    income: Amounts<(typeof SUMMARY_INCOME_KEYS)[number]>;
    expenditure: { rows: { code: string; amount: Fen }[]; totalExpenditure: Fen; closingBalance: Fen; grandTotal: Fen };
  };
  income: CodeTable<IncomeColumn>;
  expenditure: CodeTable<ExpenditureColumn>;
  fiscalSummary: {
    income: Amounts<FundKey>;
    openingBalance: Amounts<FundKey>;
    expenditure: CodeTable<FiscalColumn>;
    closingBalance: Amounts<FundKey>;
  };
  generalBudgetExpenditure: CodeTable<BasicProjectColumn>;
  generalBudgetBasic: { rows: { code: string; amount: Fen }[]; personnelTotal: Fen; publicTotal: Fen };
  govFund: CodeTable<GovFundColumn>;
  stateCapital: CodeTable<BasicProjectColumn>;
  /** 年初预算数 (INITIAL issues, as the 部门预算's 三公 table), 全年预算数 (SPEC §10) and 决算数. */
  threePublic: { initialBudget: Amounts<ThreePublicItem>; budget: Amounts<ThreePublicItem>; actual: Amounts<ThreePublicItem> };
}

const FUND_KEY: Partial<Record<FundSource, 'generalBudget' | 'govFund' | 'stateCapital'>> = {
  GENERAL_BUDGET: 'generalBudget',
  GOV_FUND: 'govFund',
  STATE_CAPITAL: 'stateCapital',
};
const KIND_COLUMN: Record<ExpenditureKind, ExpenditureColumn> = {
  BASIC: 'basic',
  PROJECT: 'project',
  REMIT_TO_HIGHER: 'remitToHigher',
  OPERATING: 'operating',
  SUBSIDY_TO_SUBSIDIARY: 'subsidyToSubsidiary',
};
const INCOME_COLUMN: Record<IncomeCategory, IncomeColumn> = {
  HIGHER_LEVEL_SUBSIDY: 'higherLevelSubsidy',
  BUSINESS: 'business',
  OPERATING: 'operating',
  SUBSIDIARY_REMITTANCE: 'subsidiaryRemittance',
  OTHER: 'other',
};

export const zeros = <K extends string>(keys: readonly K[]): Amounts<K> => Object.fromEntries(keys.map((k) => [k, 0n])) as Amounts<K>;
const paidOf = (line: LineFacts): Fen => [...line.paidByEconomic.values()].reduce((a, b) => a + b, 0n);
const isFiscal = (line: LineFacts) => FISCAL_FUND_SOURCES.includes(line.fundSource);

/** Fiscal income of a line (财政拨款收入): net appropriation − opening − lapse (SPEC §7). */
export function fiscalIncome(line: LineFacts): Fen {
  return line.budget - line.carriedIn - (line.lapsed ?? 0n);
}

/** Closing balance of a fiscal line: carried forward, or the available balance while provisional. */
export function fiscalClosing(line: LineFacts, closed: boolean): Fen {
  return closed ? (line.carriedForward ?? 0n) : line.budget - paidOf(line);
}

/** Adds `values` to the 项 row of `code` and to its 款 and 类 rows and TOTAL, creating rows as needed (also the 部门预算 tables, §14). */
export class RollUp<K extends string> {
  private readonly rows = new Map<string, Amounts<K>>();
  constructor(private readonly keys: readonly K[], private readonly levels: readonly number[]) {}

  add(code: string, values: Partial<Amounts<K>>): void {
    for (const target of ['TOTAL', ...this.levels.filter((l) => l <= code.length).map((l) => code.slice(0, l))]) {
      const row = this.rows.get(target) ?? zeros(this.keys);
      for (const [k, v] of Object.entries(values) as [K, Fen][]) row[k] += v;
      this.rows.set(target, row);
    }
  }

  table(): CodeTable<K> {
    if (!this.rows.has('TOTAL')) this.rows.set('TOTAL', zeros(this.keys));
    const codes = [...this.rows.keys()].filter((c) => c !== 'TOTAL').sort();
    return { rows: ['TOTAL', ...codes].map((code) => ({ code, values: this.rows.get(code)! })) };
  }
}

export const FUNCTION_LEVELS = [3, 5, 7];
export const ECONOMIC_LEVELS = [3, 5];

export function buildFinalAccounts(facts: FinalAccountsFacts): FinalAccountsTables {
  const income = new RollUp(INCOME_COLUMNS, FUNCTION_LEVELS);
  const expenditure = new RollUp(EXPENDITURE_COLUMNS, FUNCTION_LEVELS);
  const fiscalExpenditure = new RollUp(FISCAL_COLUMNS, FUNCTION_LEVELS);
  const generalBudget = new RollUp(BASIC_PROJECT_COLUMNS, FUNCTION_LEVELS);
  const basicByEconomic = new RollUp(['amount'] as const, ECONOMIC_LEVELS);
  const govFund = new RollUp(GOV_FUND_COLUMNS, FUNCTION_LEVELS);
  const stateCapital = new RollUp(BASIC_PROJECT_COLUMNS, FUNCTION_LEVELS);
  const fundIncome = zeros(FUND_KEYS);
  const fundOpening = zeros(FUND_KEYS);
  const fundClosing = zeros(FUND_KEYS);
  const threeInitial = zeros(THREE_PUBLIC_ITEMS);
  const threeBudget = zeros(THREE_PUBLIC_ITEMS);
  const threeActual = zeros(THREE_PUBLIC_ITEMS);
  let openingAll = 0n;

  const threePublicAdd = (target: Amounts<ThreePublicItem>, economicCode: string | null, amount: Fen) => {
    const item = economicCode ? THREE_PUBLIC_CODES[economicCode as keyof typeof THREE_PUBLIC_CODES] : undefined;
    if (!item) return;
    target[item] += amount;
    target.total += amount;
    if (item === 'vehiclePurchase' || item === 'vehicleOperation') target.vehicleTotal += amount;
  };

  for (const line of facts.lines) {
    const paid = paidOf(line);
    const kind = KIND_COLUMN[line.expenditureKind];
    openingAll += line.carriedIn;
    expenditure.add(line.functionCode, { total: paid, [kind]: paid });
    const fund = FUND_KEY[line.fundSource];
    if (!fund || !isFiscal(line)) continue;

    const lineIncome = fiscalIncome(line);
    const closing = fiscalClosing(line, facts.closed);
    income.add(line.functionCode, { total: lineIncome, fiscal: lineIncome });
    fiscalExpenditure.add(line.functionCode, { total: paid, [fund]: paid });
    for (const target of [fund, 'total'] as const) {
      fundIncome[target] += lineIncome;
      fundOpening[target] += line.carriedIn;
      fundClosing[target] += closing;
    }
    const basicOrProject = line.expenditureKind === 'BASIC' ? { basic: paid } : line.expenditureKind === 'PROJECT' ? { project: paid } : {};
    if (fund === 'generalBudget') {
      generalBudget.add(line.functionCode, { total: paid, ...basicOrProject });
      if (line.expenditureKind === 'BASIC') for (const [code, amount] of line.paidByEconomic) basicByEconomic.add(code, { amount });
      threePublicAdd(threeInitial, line.economicCode, line.initial ?? 0n);
      threePublicAdd(threeBudget, line.economicCode, line.budget);
      for (const [code, amount] of line.paidByEconomic) threePublicAdd(threeActual, code, amount);
    } else if (fund === 'govFund') {
      govFund.add(line.functionCode, { openingBalance: line.carriedIn, income: lineIncome, total: paid, ...basicOrProject, closingBalance: closing });
    } else {
      stateCapital.add(line.functionCode, { total: paid, ...basicOrProject });
    }
  }
  for (const entry of facts.income) {
    const column = INCOME_COLUMN[entry.category];
    income.add(entry.functionCode, { total: entry.amount, [column]: entry.amount });
  }

  const expenditureTable = expenditure.table();
  const incomeTable = income.table();
  const totalIncome = incomeTable.rows[0].values.total;
  const totalExpenditure = expenditureTable.rows[0].values.total;
  const other = (category: IncomeColumn) => incomeTable.rows[0].values[category];
  const closingBalance = openingAll + totalIncome - totalExpenditure;
  const basicTable = basicByEconomic.table();
  const basicRows = basicTable.rows.map((r) => ({ code: r.code, amount: r.values.amount }));
  const classRows = basicRows.filter((r) => r.code.length === 3);

  return {
    provisional: !facts.closed,
    summary: {
      income: {
        generalBudget: fundIncome.generalBudget,
        govFund: fundIncome.govFund,
        stateCapital: fundIncome.stateCapital,
        higherLevelSubsidy: other('higherLevelSubsidy'),
        business: other('business'),
        operating: other('operating'),
        subsidiaryRemittance: other('subsidiaryRemittance'),
        other: other('other'),
        totalIncome,
        openingBalance: openingAll,
        grandTotal: totalIncome + openingAll,
      },
      expenditure: {
        rows: expenditureTable.rows.filter((r) => r.code.length === 3).map((r) => ({ code: r.code, amount: r.values.total })),
        totalExpenditure,
        closingBalance,
        grandTotal: totalExpenditure + closingBalance,
      },
    },
    income: incomeTable,
    expenditure: expenditureTable,
    fiscalSummary: { income: fundIncome, openingBalance: fundOpening, expenditure: fiscalExpenditure.table(), closingBalance: fundClosing },
    generalBudgetExpenditure: generalBudget.table(),
    generalBudgetBasic: {
      rows: basicRows,
      personnelTotal: classRows.filter((r) => isPersonnelEconomicCode(r.code)).reduce((a, r) => a + r.amount, 0n),
      publicTotal: classRows.filter((r) => !isPersonnelEconomicCode(r.code)).reduce((a, r) => a + r.amount, 0n),
    },
    govFund: govFund.table(),
    stateCapital: stateCapital.table(),
    threePublic: { initialBudget: threeInitial, budget: threeBudget, actual: threeActual },
  };
}
