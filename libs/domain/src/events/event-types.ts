import type {
  AppropriationStage,
  Comparator,
  CompletionLikelihood,
  DeviationCauseCategory,
  ExpenditureKind,
  FundSource,
  IncomeCategory,
  IndicatorLevel1,
  NarrativeSection,
  PaymentMethod,
  ProcurementCategory,
  VehicleKind,
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
    economicName?: string;
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

/** A payment under a 政府采购 contract (SPEC §11); `smallMicroAwarded` true implies `smeAwarded` true. */
export interface PaymentProcurement {
  category: ProcurementCategory;
  smeAwarded?: boolean;
  smallMicroAwarded?: boolean;
}

export type PaymentMade = Envelope<
  'PaymentMade',
  {
    lineId: string;
    amount: string;
    economicCode: string;
    economicName?: string;
    payee?: string;
    method?: PaymentMethod;
    procurement?: PaymentProcurement;
  }
>;

export type PaymentReversed = Envelope<
  'PaymentReversed',
  { lineId: string; originalEventId: string; amount: string; reason: string }
>;

export type IncomeRecorded = Envelope<
  'IncomeRecorded',
  { unitCode: string; functionCode: string; functionName?: string; category: IncomeCategory; amount: string }
>;

/** 部门预算 planned non-fiscal income (单位资金) of a unit and 功能科目, by category (SPEC §14). */
export type IncomeBudgeted = Envelope<
  'IncomeBudgeted',
  { unitCode: string; functionCode: string; functionName?: string; category: IncomeCategory; amount: string }
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
    /** 绩效指标描述 and 指标值确定依据, printed by the 项目支出绩效目标表 of the 部门预算 (SPEC §14). */
    description?: string;
    basis?: string;
  }
>;

export type IndicatorMeasured = Envelope<'IndicatorMeasured', { indicatorId: string; actual: string; note?: string }>;

export type IndicatorScored = Envelope<'IndicatorScored', { indicatorId: string; score: string; note?: string }>;

/** `{ fiscal: true }` explains the change of 财政拨款 income and spending (情况说明 二), beside the totals' `{ total: true }`. */
export type VarianceScope = { functionCode: string } | { economicCode: string } | { threePublic: true } | { total: true } | { fiscal: true };
export type VarianceExplained = Envelope<'VarianceExplained', { scope: VarianceScope; reason: string }>;

export interface PriorYearActualRow {
  functionCode?: string;
  economicCode?: string;
  threePublicItem?: string;
  amount: string;
}
export type PriorYearActualsDeclared = Envelope<
  'PriorYearActualsDeclared',
  {
    rows: PriorYearActualRow[];
    totalIncome?: string;
    totalExpenditure?: string;
    /** 财政拨款收入 / 支出 (table 04) and 一般公共预算财政拨款支出 (table 05) of the prior year, for 情况说明 二 and 三. */
    fiscalIncome?: string;
    fiscalExpenditure?: string;
    generalBudgetExpenditure?: string;
  }
>;

export type YearEndClosed = Envelope<'YearEndClosed', { carryForward: { lineId: string; amount: string }[] }>;

// ---- Year-end disclosures (SPEC §11) ----

/** 政府采购 figures declared for feeds without tagged payments; amounts in 元, ≥ 0. `total` (optional) is the published 总额. */
export interface ProcurementDeclaredData {
  goods: string;
  works: string;
  services: string;
  smeAwarded: string;
  smallMicroAwarded: string;
  goodsSme?: string;
  worksSme?: string;
  servicesSme?: string;
  total?: string;
}
export type ProcurementDeclared = Envelope<'ProcurementDeclared', ProcurementDeclaredData>;

/** 国有资产占用 at 31 December: vehicles by kind (each kind at most once), equipment counts. */
export interface AssetsDeclaredData {
  vehicles: { kind: VehicleKind; count: number }[];
  specialEquipmentOver1M: number;
  generalEquipmentOver500K: number;
  note?: string;
}
export type AssetsDeclared = Envelope<'AssetsDeclared', AssetsDeclaredData>;

/** 三公 activity counts (团组, 人次, 车辆, 接待批次), non-negative integers. */
export interface ThreePublicActivityData {
  outboundGroups: number;
  outboundPeople: number;
  vehiclesPurchased: number;
  vehiclesHeld: number;
  receptionBatches: number;
  receptionPeople: number;
  foreignReceptionBatches?: number;
  foreignReceptionPeople?: number;
}
export type ThreePublicActivityDeclared = Envelope<'ThreePublicActivityDeclared', ThreePublicActivityData>;

export interface NarrativeDeclaredData {
  section: NarrativeSection;
  text: string;
}
export type NarrativeDeclared = Envelope<'NarrativeDeclared', NarrativeDeclaredData>;

// ---- Performance self-evaluation (SPEC §12) ----

export interface ExecutionScoreTier {
  /** Execution rate threshold, percent, decimal string 0..100. */
  minRate: string;
  /** Share of the execution weight given at or above `minRate`, percent, decimal string 0..100. */
  percentOfWeight: string;
}
export type ExecutionScoreRule = { scheme: 'PROPORTIONAL' } | { scheme: 'TIERED'; tiers: ExecutionScoreTier[] };

export interface EvaluationPolicyData {
  /** 执行率 weight (分值), decimal string; default "10". */
  executionWeight?: string;
  executionScore: ExecutionScoreRule;
}
export type EvaluationPolicySet = Envelope<'EvaluationPolicySet', EvaluationPolicyData>;

/** 年度总体目标 of a project (or "*", 部门整体): 预期目标 and 实际完成情况. */
export interface PerformanceGoalData {
  projectCode: string;
  expected: string;
  achieved?: string;
  /** 预算规模及资金用途: what the money is for, printed by the 项目支出绩效目标表 (SPEC §14). */
  purpose?: string;
}
export type PerformanceGoalSet = Envelope<'PerformanceGoalSet', PerformanceGoalData>;

/** 偏差原因 of an indicator, or of a project's execution line (exactly one of indicatorId / projectCode). */
export type DeviationExplainedData = ({ indicatorId: string; projectCode?: undefined } | { projectCode: string; indicatorId?: undefined }) & {
  causeCategory?: DeviationCauseCategory;
  cause: string;
  measure: string;
  expectedActual?: string;
  likelihood?: CompletionLikelihood;
};
export type DeviationExplained = Envelope<'DeviationExplained', DeviationExplainedData>;

export type LedgerEvent =
  | DepartmentRegistered
  | AppropriationIssued
  | AppropriationAdjusted
  | AppropriationTransferred
  | PaymentMade
  | PaymentReversed
  | IncomeRecorded
  | IncomeBudgeted
  | DisbursementPlanSet
  | IndicatorDefined
  | IndicatorMeasured
  | IndicatorScored
  | VarianceExplained
  | PriorYearActualsDeclared
  | YearEndClosed
  | ProcurementDeclared
  | AssetsDeclared
  | ThreePublicActivityDeclared
  | NarrativeDeclared
  | EvaluationPolicySet
  | PerformanceGoalSet
  | DeviationExplained;

export type EventType = LedgerEvent['type'];

export const EVENT_TYPES: readonly EventType[] = [
  'DepartmentRegistered',
  'AppropriationIssued',
  'AppropriationAdjusted',
  'AppropriationTransferred',
  'PaymentMade',
  'PaymentReversed',
  'IncomeRecorded',
  'IncomeBudgeted',
  'DisbursementPlanSet',
  'IndicatorDefined',
  'IndicatorMeasured',
  'IndicatorScored',
  'VarianceExplained',
  'PriorYearActualsDeclared',
  'YearEndClosed',
  'ProcurementDeclared',
  'AssetsDeclared',
  'ThreePublicActivityDeclared',
  'NarrativeDeclared',
  'EvaluationPolicySet',
  'PerformanceGoalSet',
  'DeviationExplained',
];

/** Money events: `occurredOn` inside `fiscalYear`, refused after `YearEndClosed` (SPEC §10). */
export const MONEY_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'AppropriationIssued',
  'AppropriationAdjusted',
  'AppropriationTransferred',
  'PaymentMade',
  'PaymentReversed',
  'IncomeRecorded',
  'IncomeBudgeted',
]);

/** Year-end disclosures (SPEC §11) and self-evaluation inputs (SPEC §12): not money events, kept per scope with the latest in force. */
export const DECLARATION_TYPES = [
  'ProcurementDeclared',
  'AssetsDeclared',
  'ThreePublicActivityDeclared',
  'NarrativeDeclared',
  'EvaluationPolicySet',
  'PerformanceGoalSet',
  'DeviationExplained',
] as const satisfies readonly EventType[];
export type DeclarationType = (typeof DECLARATION_TYPES)[number];
export type DeclarationEvent = Extract<LedgerEvent, { type: DeclarationType }>;

/** Events that may also fall in the first six months of the following year (SPEC §10, §11, §12). */
export const FOLLOWING_HALF_YEAR_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'YearEndClosed',
  'DisbursementPlanSet',
  'IndicatorDefined',
  'IndicatorMeasured',
  'IndicatorScored',
  'VarianceExplained',
  ...DECLARATION_TYPES,
]);

/** Events that may carry any date (SPEC §10). */
export const ANY_DATE_TYPES: ReadonlySet<EventType> = new Set<EventType>(['PriorYearActualsDeclared', 'DepartmentRegistered']);
