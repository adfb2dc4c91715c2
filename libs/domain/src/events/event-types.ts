import type {
  AppropriationStage,
  Comparator,
  ExpenditureKind,
  FundSource,
  IncomeCategory,
  IndicatorLevel1,
  PaymentMethod,
} from '../codes';

/**
 * The ledger's events (SPEC §2) as a discriminated union: `switch (event.type)` is exhaustive,
 * so the compiler finds every place a new event type must be handled.
 * Amounts are 元 decimal strings exactly as posted; the ledger parses them to 分.
 */
interface Envelope<TType extends string, TData> {
  eventId: string;
  type: TType;
  fiscalYear: number;
  departmentCode: string;
  occurredOn: string;
  source?: string;
  data: TData;
}

export type DepartmentRegistered = Envelope<
  'DepartmentRegistered',
  { name: string; units?: { code: string; name: string }[]; profile?: string }
>;

export interface LineAttributes {
  unitCode: string;
  functionCode: string;
  economicCode?: string;
  fundSource: FundSource;
  expenditureKind: ExpenditureKind;
  projectCode?: string;
}

export type AppropriationIssued = Envelope<
  'AppropriationIssued',
  LineAttributes & {
    lineId: string;
    projectName?: string;
    functionName?: string;
    stage: AppropriationStage;
    amount: string;
    documentNo?: string;
  }
>;

export type AppropriationAdjusted = Envelope<
  'AppropriationAdjusted',
  { lineId: string; amount: string; reason: string; documentNo?: string }
>;

export type AppropriationTransferred = Envelope<
  'AppropriationTransferred',
  { fromLineId: string; toLineId: string; amount: string; reason: string; documentNo?: string }
>;

export type PaymentMade = Envelope<
  'PaymentMade',
  { lineId: string; amount: string; economicCode: string; payee?: string; method?: PaymentMethod }
>;

export type PaymentReversed = Envelope<
  'PaymentReversed',
  { lineId: string; originalEventId: string; amount: string; reason: string }
>;

export type IncomeRecorded = Envelope<
  'IncomeRecorded',
  { unitCode: string; functionCode: string; category: IncomeCategory; amount: string }
>;

export type PlanScope = { lineId: string } | { projectCode: string } | { unitCode: string } | Record<string, never>;
export interface PlanCheckpoint {
  month: number;
  cumulativePercent: string;
}
export type DisbursementPlanSet = Envelope<'DisbursementPlanSet', { scope: PlanScope; checkpoints: PlanCheckpoint[] }>;

export type IndicatorDefined = Envelope<
  'IndicatorDefined',
  {
    indicatorId: string;
    projectCode: string;
    level1: IndicatorLevel1;
    level2: string;
    name: string;
    comparator: Comparator;
    target: string;
    unit?: string;
    weight: string;
  }
>;

export type IndicatorMeasured = Envelope<'IndicatorMeasured', { indicatorId: string; actual: string; note?: string }>;

export type IndicatorScored = Envelope<'IndicatorScored', { indicatorId: string; score: string; note?: string }>;

export type VarianceScope = { functionCode: string } | { economicCode: string } | { threePublic: true } | { total: true };
export type VarianceExplained = Envelope<'VarianceExplained', { scope: VarianceScope; reason: string }>;

export interface PriorYearActualRow {
  functionCode?: string;
  economicCode?: string;
  threePublicItem?: string;
  amount: string;
}
export type PriorYearActualsDeclared = Envelope<
  'PriorYearActualsDeclared',
  { rows: PriorYearActualRow[]; totalIncome?: string; totalExpenditure?: string }
>;

export type YearEndClosed = Envelope<'YearEndClosed', { carryForward: { lineId: string; amount: string }[] }>;

export type LedgerEvent =
  | DepartmentRegistered
  | AppropriationIssued
  | AppropriationAdjusted
  | AppropriationTransferred
  | PaymentMade
  | PaymentReversed
  | IncomeRecorded
  | DisbursementPlanSet
  | IndicatorDefined
  | IndicatorMeasured
  | IndicatorScored
  | VarianceExplained
  | PriorYearActualsDeclared
  | YearEndClosed;

export type EventType = LedgerEvent['type'];

export const EVENT_TYPES: readonly EventType[] = [
  'DepartmentRegistered',
  'AppropriationIssued',
  'AppropriationAdjusted',
  'AppropriationTransferred',
  'PaymentMade',
  'PaymentReversed',
  'IncomeRecorded',
  'DisbursementPlanSet',
  'IndicatorDefined',
  'IndicatorMeasured',
  'IndicatorScored',
  'VarianceExplained',
  'PriorYearActualsDeclared',
  'YearEndClosed',
];

/** Money events: `occurredOn` inside `fiscalYear`, refused after `YearEndClosed` (SPEC §10). */
export const MONEY_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'AppropriationIssued',
  'AppropriationAdjusted',
  'AppropriationTransferred',
  'PaymentMade',
  'PaymentReversed',
  'IncomeRecorded',
]);

/** Events that may also fall in the first six months of the following year (SPEC §10). */
export const FOLLOWING_HALF_YEAR_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'YearEndClosed',
  'DisbursementPlanSet',
  'IndicatorDefined',
  'IndicatorMeasured',
  'IndicatorScored',
  'VarianceExplained',
]);

/** Events that may carry any date (SPEC §10). */
export const ANY_DATE_TYPES: ReadonlySet<EventType> = new Set<EventType>(['PriorYearActualsDeclared', 'DepartmentRegistered']);
