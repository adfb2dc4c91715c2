/**
 * The JSON answers of `GET …/final-accounts`, `…/checks` and `…/variance` (SPEC §7–§9, §11): the domain's tables and
 * items with every amount written as a string in 元 (or 万元 with `?unit=wan`), as `final-accounts.service.ts` renders
 * them. Named here so the controllers are checked against them and the OpenAPI description is generated from them.
 */
import type {
  AssetsDisclosure,
  BasicProjectColumn,
  ExpenditureColumn,
  FiscalColumn,
  FundKey,
  GovFundColumn,
  IncomeColumn,
  NarrativeSection,
  ProcurementDisclosure,
  ThreePublicActivityDisclosure,
  ThreePublicItem,
  VarianceItem,
} from '@app/domain';

export type AmountUnit = 'yuan' | 'wan';

/** Amounts of the keys `K`, each a string in the answer's unit. */
type AmountsJson<K extends string> = Record<K, string>;

/** A row of a coded table: the code (类/款/项, or TOTAL), its name (null where neither catalogue nor events name it). */
type CodeRowJson<K extends string> = { code: string; name: string | null } & AmountsJson<K>;

/** `summary.income`'s keys (01 收入支出决算总表). */
type SummaryIncomeKey =
  | 'generalBudget'
  | 'govFund'
  | 'stateCapital'
  | 'higherLevelSubsidy'
  | 'business'
  | 'operating'
  | 'subsidiaryRemittance'
  | 'other'
  | 'totalIncome'
  | 'openingBalance'
  | 'grandTotal';

/** The nine 公开表 (SPEC §7): all-zero rows omitted, TOTAL kept. */
export interface FinalAccountsTablesJson {
  summary: {
    income: AmountsJson<SummaryIncomeKey>;
    expenditure: { rows: { code: string; name: string | null; amount: string }[]; totalExpenditure: string; closingBalance: string; grandTotal: string };
  };
  income: { rows: CodeRowJson<IncomeColumn>[] };
  expenditure: { rows: CodeRowJson<ExpenditureColumn>[] };
  fiscalSummary: {
    income: AmountsJson<FundKey>;
    openingBalance: AmountsJson<FundKey>;
    expenditure: { rows: CodeRowJson<FiscalColumn>[] };
    closingBalance: AmountsJson<FundKey>;
  };
  generalBudgetExpenditure: { rows: CodeRowJson<BasicProjectColumn>[] };
  generalBudgetBasic: { rows: { code: string; name: string | null; amount: string }[]; personnelTotal: string; publicTotal: string };
  govFund: { rows: CodeRowJson<GovFundColumn>[] };
  stateCapital: { rows: CodeRowJson<BasicProjectColumn>[] };
  /** 年初预算数 (INITIAL issues, SPEC §14), 全年预算数 and 决算数. */
  threePublic: { initialBudget: AmountsJson<ThreePublicItem>; budget: AmountsJson<ThreePublicItem>; actual: AmountsJson<ThreePublicItem> };
}

/** The 政府采购 disclosure with its amounts written in the answer's unit. */
export type ProcurementDisclosureJson = Omit<ProcurementDisclosure, 'total' | 'goods' | 'works' | 'services' | 'smeAwarded' | 'smallMicroAwarded' | 'goodsSme' | 'worksSme' | 'servicesSme'> & {
  total: string;
  goods: string;
  works: string;
  services: string;
  smeAwarded: string;
  smallMicroAwarded: string;
  goodsSme: string | null;
  worksSme: string | null;
  servicesSme: string | null;
};

/** SPEC §11: `assets` and `threePublicActivity` are null until declared. */
export interface DisclosuresJson {
  procurement: ProcurementDisclosureJson;
  assets: AssetsDisclosure | null;
  threePublicActivity: ThreePublicActivityDisclosure | null;
  agencyOperatingCosts: string;
  narratives: Partial<Record<NarrativeSection, string>>;
}

/** `GET …/final-accounts` (JSON). */
export interface FinalAccountsResponse {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  unit: AmountUnit;
  /** True before YearEndClosed: closing balances are the available balances, not what was carried forward. */
  provisional: boolean;
  tables: FinalAccountsTablesJson;
  disclosures: DisclosuresJson;
}

/** A 勾稽 check or a to-do check (SPEC §9, §11, §12): expected and actual written as strings (元, or counts). */
export interface CheckResult {
  rule: string;
  passed: boolean;
  expected: string;
  actual: string;
  detail: string;
}

/** `GET …/checks`. */
export interface ChecksResponse {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  provisional: boolean;
  checks: CheckResult[];
}

/** A 情况说明 variance item (SPEC §8) with its amounts in the answer's unit. */
export interface VarianceItemJson {
  scope: VarianceItem['scope'];
  name: string;
  current: string;
  prior: string;
  change: string;
  changeRate: string | null;
  direction: VarianceItem['direction'];
  reason: string | null;
  reasonSource: VarianceItem['reasonSource'];
  sentence: string;
}

/** What the department still has to supply before the 情况说明 is complete. */
export interface VarianceTodo {
  scope: VarianceItem['scope'] | { priorYear: true };
  name: string;
  message: string;
}

/** `GET …/variance`. */
export interface VarianceResponse {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  unit: AmountUnit;
  /** Where the prior year's figures come from: its events, a PriorYearActualsDeclared, or nowhere yet. */
  priorSource: 'EVENTS' | 'DECLARED' | 'NONE';
  items: VarianceItemJson[];
  todo: VarianceTodo[];
}
