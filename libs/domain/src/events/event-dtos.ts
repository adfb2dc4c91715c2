import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  APPROPRIATION_STAGES,
  COMPARATORS,
  COMPLETION_LIKELIHOODS,
  DEVIATION_CAUSE_CATEGORIES,
  EXECUTION_SCORE_SCHEMES,
  DEPARTMENT_CODE_PATTERN,
  ECONOMIC_CODE_5_PATTERN,
  ECONOMIC_CODE_PATTERN,
  EVENT_ID_PATTERN,
  EXPENDITURE_KINDS,
  FUNCTION_CODE_7_PATTERN,
  FUNCTION_CODE_PATTERN,
  FUND_SOURCES,
  INCOME_CATEGORIES,
  INDICATOR_LEVEL1,
  LOCAL_ID_PATTERN,
  NARRATIVE_SECTIONS,
  PAYMENT_METHODS,
  PROCUREMENT_CATEGORIES,
  VEHICLE_KINDS,
} from '../codes';
import { EVENT_TYPES, EventType } from './event-types';
import { IsAmount, IsDecimalString } from './validators';
import { THREE_PUBLIC_ITEMS } from '../final-accounts/final-accounts-tables';

/**
 * One class-validator DTO per event type of SPEC §2. Rules that need two fields at once
 * (PROJECT needs projectCode, a transfer between two different lines, plan checkpoints, date windows)
 * live in `validate-event.ts`; rules that need ledger state live in the ledger (SPEC §10).
 */

const LocalId = (what: string) => Matches(LOCAL_ID_PATTERN, { message: `${what} must be 1..128 characters without control characters` });
const FunctionCode7 = () => Matches(FUNCTION_CODE_7_PATTERN, { message: 'functionCode must be a 7-digit 项 code of 支出功能分类科目, e.g. "2010301"' });
const Text = (max: number) => Length(1, max);

export class EventEnvelopeDto {
  @IsString() @Matches(EVENT_ID_PATTERN, { message: 'eventId must be 1..128 characters of [A-Za-z0-9._:-]' })
  eventId!: string;

  @IsIn(EVENT_TYPES as EventType[], { message: `type must be one of ${EVENT_TYPES.join(', ')}` })
  type!: EventType;

  @IsInt({ message: 'fiscalYear must be an integer year such as 2023' }) @Min(2000) @Max(2100)
  fiscalYear!: number;

  @IsString() @Matches(DEPARTMENT_CODE_PATTERN, { message: 'departmentCode must be 1..32 characters of [A-Za-z0-9_-]' })
  departmentCode!: string;

  @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'occurredOn must be a date YYYY-MM-DD' })
  occurredOn!: string;

  @IsOptional() @IsString() @Length(1, 64)
  source?: string;

  @IsObject({ message: 'data must be an object' })
  data!: object;
}

export class UnitDto {
  @IsString() @LocalId('units[].code') code!: string;
  @IsString() @Text(200) name!: string;
}

export class DepartmentRegisteredData {
  @IsString() @Text(200) name!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => UnitDto) units?: UnitDto[];
  @IsOptional() @IsString() @Length(0, 200_000) profile?: string;
}

export class AppropriationIssuedData {
  @IsString() @LocalId('lineId') lineId!: string;
  @IsString() @LocalId('unitCode') unitCode!: string;
  @IsString() @FunctionCode7() functionCode!: string;
  @IsOptional() @IsString() @Text(200) functionName?: string;
  @IsOptional() @IsString() @Matches(ECONOMIC_CODE_PATTERN, { message: 'economicCode must be a 3- or 5-digit code of 部门预算支出经济分类' }) economicCode?: string;
  @IsOptional() @IsString() @Text(200) economicName?: string;
  @IsIn(Object.keys(FUND_SOURCES)) fundSource!: keyof typeof FUND_SOURCES;
  @IsIn(Object.keys(EXPENDITURE_KINDS)) expenditureKind!: keyof typeof EXPENDITURE_KINDS;
  @IsOptional() @IsString() @LocalId('projectCode') projectCode?: string;
  @IsOptional() @IsString() @Text(200) projectName?: string;
  @IsIn(Object.keys(APPROPRIATION_STAGES)) stage!: keyof typeof APPROPRIATION_STAGES;
  @IsAmount() amount!: string;
  @IsOptional() @IsString() @Text(128) documentNo?: string;
}

export class AppropriationAdjustedData {
  @IsString() @LocalId('lineId') lineId!: string;
  @IsAmount({ allowNegative: true }) amount!: string;
  @IsString() @Text(2000) reason!: string;
  @IsOptional() @IsString() @Text(128) documentNo?: string;
}

export class AppropriationTransferredData {
  @IsString() @LocalId('fromLineId') fromLineId!: string;
  @IsString() @LocalId('toLineId') toLineId!: string;
  @IsAmount() amount!: string;
  @IsString() @Text(2000) reason!: string;
  @IsOptional() @IsString() @Text(128) documentNo?: string;
}

/** 政府采购 tags of a payment (SPEC §11); smallMicroAwarded true without smeAwarded true is checked in validate-event.ts. */
export class PaymentProcurementDto {
  @IsIn(Object.keys(PROCUREMENT_CATEGORIES), { message: 'procurement.category must be GOODS, WORKS or SERVICES' }) category!: keyof typeof PROCUREMENT_CATEGORIES;
  @IsOptional() @IsBoolean() smeAwarded?: boolean;
  @IsOptional() @IsBoolean() smallMicroAwarded?: boolean;
}

export class PaymentMadeData {
  @IsString() @LocalId('lineId') lineId!: string;
  @IsAmount() amount!: string;
  @IsString() @Matches(ECONOMIC_CODE_5_PATTERN, { message: 'economicCode of a payment must be a 5-digit 款 code, e.g. "30201"' }) economicCode!: string;
  @IsOptional() @IsString() @Text(200) economicName?: string;
  @IsOptional() @IsString() @Text(200) payee?: string;
  @IsOptional() @IsIn(Object.keys(PAYMENT_METHODS)) method?: keyof typeof PAYMENT_METHODS;
  @IsOptional() @IsObject({ message: 'procurement must be an object' }) @ValidateNested() @Type(() => PaymentProcurementDto) procurement?: PaymentProcurementDto;
}

export class PaymentReversedData {
  @IsString() @LocalId('lineId') lineId!: string;
  @IsString() @Matches(EVENT_ID_PATTERN, { message: 'originalEventId must be an eventId' }) originalEventId!: string;
  @IsAmount() amount!: string;
  @IsString() @Text(2000) reason!: string;
}

export class IncomeRecordedData {
  @IsString() @LocalId('unitCode') unitCode!: string;
  @IsString() @FunctionCode7() functionCode!: string;
  @IsOptional() @IsString() @Text(200) functionName?: string;
  @IsIn(Object.keys(INCOME_CATEGORIES)) category!: keyof typeof INCOME_CATEGORIES;
  @IsAmount() amount!: string;
}

/** SPEC §14: the same fields and rules as IncomeRecorded. */
export class IncomeBudgetedData extends IncomeRecordedData {}

export class PlanScopeDto {
  @IsOptional() @IsString() @LocalId('scope.lineId') lineId?: string;
  @IsOptional() @IsString() @LocalId('scope.projectCode') projectCode?: string;
  @IsOptional() @IsString() @LocalId('scope.unitCode') unitCode?: string;
}

export class PlanCheckpointDto {
  @IsInt() @Min(1) @Max(12) month!: number;
  @IsDecimalString({ min: 0, max: 100 }) cumulativePercent!: string;
}

export class DisbursementPlanSetData {
  @IsObject() @ValidateNested() @Type(() => PlanScopeDto) scope!: PlanScopeDto;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => PlanCheckpointDto)
  checkpoints!: PlanCheckpointDto[];
}

export class IndicatorDefinedData {
  @IsString() @LocalId('indicatorId') indicatorId!: string;
  @IsString() @LocalId('projectCode') projectCode!: string;
  @IsIn(INDICATOR_LEVEL1 as unknown as string[]) level1!: string;
  @IsString() @Text(100) level2!: string;
  @IsString() @Text(500) name!: string;
  @IsIn(COMPARATORS as unknown as string[]) comparator!: string;
  @IsString() @Text(500) target!: string;
  @IsOptional() @IsString() @Length(0, 50) unit?: string;
  @IsDecimalString({ min: 0, max: 100 }) weight!: string;
  @IsOptional() @IsString() @Text(2000) description?: string;
  @IsOptional() @IsString() @Text(2000) basis?: string;
}

export class IndicatorMeasuredData {
  @IsString() @LocalId('indicatorId') indicatorId!: string;
  @IsString() @Text(2000) actual!: string;
  @IsOptional() @IsString() @Length(0, 2000) note?: string;
}

export class IndicatorScoredData {
  @IsString() @LocalId('indicatorId') indicatorId!: string;
  @IsDecimalString({ min: 0 }) score!: string;
  @IsOptional() @IsString() @Length(0, 2000) note?: string;
}

export class VarianceScopeDto {
  @IsOptional() @IsString() @Matches(FUNCTION_CODE_PATTERN, { message: 'scope.functionCode must be a 3-, 5- or 7-digit code' }) functionCode?: string;
  @IsOptional() @IsString() @Matches(ECONOMIC_CODE_PATTERN, { message: 'scope.economicCode must be a 3- or 5-digit code' }) economicCode?: string;
  @IsOptional() @Equals(true) threePublic?: true;
  @IsOptional() @Equals(true) total?: true;
  @IsOptional() @Equals(true) fiscal?: true;
}

export class VarianceExplainedData {
  @IsObject() @ValidateNested() @Type(() => VarianceScopeDto) scope!: VarianceScopeDto;
  @IsString() @Text(2000) reason!: string;
}

/** 三公 items of table 09, and 机关运行经费 (operatingCosts), for prior-year rows. */
export const PRIOR_YEAR_ITEMS = [...THREE_PUBLIC_ITEMS, 'operatingCosts'] as const;

export class PriorYearActualRowDto {
  @IsOptional() @IsString() @Matches(FUNCTION_CODE_PATTERN, { message: 'rows[].functionCode must be a 3-, 5- or 7-digit code' }) functionCode?: string;
  @IsOptional() @IsString() @Matches(ECONOMIC_CODE_PATTERN, { message: 'rows[].economicCode must be a 3- or 5-digit code' }) economicCode?: string;
  @IsOptional() @IsIn(PRIOR_YEAR_ITEMS as unknown as string[]) threePublicItem?: string;
  @IsAmount({ allowZero: true }) amount!: string;
}

export class PriorYearActualsDeclaredData {
  @IsArray() @ArrayMaxSize(100_000) @ValidateNested({ each: true }) @Type(() => PriorYearActualRowDto) rows!: PriorYearActualRowDto[];
  @IsOptional() @IsAmount({ allowZero: true }) totalIncome?: string;
  @IsOptional() @IsAmount({ allowZero: true }) totalExpenditure?: string;
  @IsOptional() @IsAmount({ allowZero: true }) fiscalIncome?: string;
  @IsOptional() @IsAmount({ allowZero: true }) fiscalExpenditure?: string;
  @IsOptional() @IsAmount({ allowZero: true }) generalBudgetExpenditure?: string;
}

export class CarryForwardDto {
  @IsString() @LocalId('carryForward[].lineId') lineId!: string;
  @IsAmount({ allowZero: true }) amount!: string;
}

export class YearEndClosedData {
  @IsArray() @ArrayMaxSize(1_000_000) @ValidateNested({ each: true }) @Type(() => CarryForwardDto) carryForward!: CarryForwardDto[];
}

// ---- Year-end disclosures (SPEC §11) ----

/** Counts are non-negative JSON integers (a string or a fraction is a structural error). */
const Count = () => (target: object, propertyName: string) => {
  IsInt({ message: `${propertyName} must be a non-negative JSON integer` })(target, propertyName);
  Min(0, { message: `${propertyName} must be a non-negative JSON integer` })(target, propertyName);
  Max(1_000_000_000)(target, propertyName);
};

export class ProcurementDeclaredData {
  @IsAmount({ allowZero: true }) goods!: string;
  @IsAmount({ allowZero: true }) works!: string;
  @IsAmount({ allowZero: true }) services!: string;
  @IsAmount({ allowZero: true }) smeAwarded!: string;
  @IsAmount({ allowZero: true }) smallMicroAwarded!: string;
  @IsOptional() @IsAmount({ allowZero: true }) goodsSme?: string;
  @IsOptional() @IsAmount({ allowZero: true }) worksSme?: string;
  @IsOptional() @IsAmount({ allowZero: true }) servicesSme?: string;
  @IsOptional() @IsAmount({ allowZero: true }) total?: string;
}

export class VehicleCountDto {
  @IsIn(Object.keys(VEHICLE_KINDS), { message: `vehicles[].kind must be one of ${Object.keys(VEHICLE_KINDS).join(', ')}` }) kind!: keyof typeof VEHICLE_KINDS;
  @Count() count!: number;
}

export class AssetsDeclaredData {
  @IsArray() @ArrayMaxSize(Object.keys(VEHICLE_KINDS).length) @ValidateNested({ each: true }) @Type(() => VehicleCountDto) vehicles!: VehicleCountDto[];
  @Count() specialEquipmentOver1M!: number;
  @Count() generalEquipmentOver500K!: number;
  @IsOptional() @IsString() @Length(0, 5000) note?: string;
}

export class ThreePublicActivityDeclaredData {
  @Count() outboundGroups!: number;
  @Count() outboundPeople!: number;
  @Count() vehiclesPurchased!: number;
  @Count() vehiclesHeld!: number;
  @Count() receptionBatches!: number;
  @Count() receptionPeople!: number;
  @IsOptional() @Count() foreignReceptionBatches?: number;
  @IsOptional() @Count() foreignReceptionPeople?: number;
}

export class NarrativeDeclaredData {
  @IsIn(Object.keys(NARRATIVE_SECTIONS), { message: `section must be one of ${Object.keys(NARRATIVE_SECTIONS).join(', ')}` }) section!: keyof typeof NARRATIVE_SECTIONS;
  @IsString() @Text(200_000) text!: string;
}

// ---- Performance self-evaluation (SPEC §12) ----

export class ExecutionScoreTierDto {
  @IsDecimalString({ min: 0, max: 100 }) minRate!: string;
  @IsDecimalString({ min: 0, max: 100 }) percentOfWeight!: string;
}

/** `{scheme: PROPORTIONAL}` or `{scheme: TIERED, tiers}`; the pairing is checked in validate-event.ts. */
export class ExecutionScoreDto {
  @IsIn(EXECUTION_SCORE_SCHEMES as unknown as string[], { message: 'executionScore.scheme must be PROPORTIONAL or TIERED' }) scheme!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ExecutionScoreTierDto) tiers?: ExecutionScoreTierDto[];
}

export class EvaluationPolicySetData {
  @IsOptional() @IsDecimalString({ min: 0, max: 100 }) executionWeight?: string;
  @IsObject({ message: 'executionScore must be an object' }) @ValidateNested() @Type(() => ExecutionScoreDto) executionScore!: ExecutionScoreDto;
}

export class PerformanceGoalSetData {
  @IsString() @LocalId('projectCode') projectCode!: string;
  @IsString() @Text(20_000) expected!: string;
  @IsOptional() @IsString() @Text(20_000) achieved?: string;
  @IsOptional() @IsString() @Text(20_000) purpose?: string;
}

export class DeviationExplainedData {
  @IsOptional() @IsString() @LocalId('indicatorId') indicatorId?: string;
  @IsOptional() @IsString() @LocalId('projectCode') projectCode?: string;
  @IsOptional() @IsIn(Object.keys(DEVIATION_CAUSE_CATEGORIES), { message: `causeCategory must be one of ${Object.keys(DEVIATION_CAUSE_CATEGORIES).join(', ')}` })
  causeCategory?: keyof typeof DEVIATION_CAUSE_CATEGORIES;
  @IsString() @Text(5000) cause!: string;
  @IsString() @Text(5000) measure!: string;
  @IsOptional() @IsString() @Text(500) expectedActual?: string;
  @IsOptional() @IsIn(Object.keys(COMPLETION_LIKELIHOODS), { message: 'likelihood must be CERTAIN, POSSIBLE or IMPOSSIBLE' }) likelihood?: keyof typeof COMPLETION_LIKELIHOODS;
}

export const DATA_DTO_BY_TYPE: Record<EventType, new () => object> = {
  DepartmentRegistered: DepartmentRegisteredData,
  AppropriationIssued: AppropriationIssuedData,
  AppropriationAdjusted: AppropriationAdjustedData,
  AppropriationTransferred: AppropriationTransferredData,
  PaymentMade: PaymentMadeData,
  PaymentReversed: PaymentReversedData,
  IncomeRecorded: IncomeRecordedData,
  IncomeBudgeted: IncomeBudgetedData,
  DisbursementPlanSet: DisbursementPlanSetData,
  IndicatorDefined: IndicatorDefinedData,
  IndicatorMeasured: IndicatorMeasuredData,
  IndicatorScored: IndicatorScoredData,
  VarianceExplained: VarianceExplainedData,
  PriorYearActualsDeclared: PriorYearActualsDeclaredData,
  YearEndClosed: YearEndClosedData,
  ProcurementDeclared: ProcurementDeclaredData,
  AssetsDeclared: AssetsDeclaredData,
  ThreePublicActivityDeclared: ThreePublicActivityDeclaredData,
  NarrativeDeclared: NarrativeDeclaredData,
  EvaluationPolicySet: EvaluationPolicySetData,
  PerformanceGoalSet: PerformanceGoalSetData,
  DeviationExplained: DeviationExplainedData,
};
