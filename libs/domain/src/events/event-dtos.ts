import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
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
  PAYMENT_METHODS,
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

export class PaymentMadeData {
  @IsString() @LocalId('lineId') lineId!: string;
  @IsAmount() amount!: string;
  @IsString() @Matches(ECONOMIC_CODE_5_PATTERN, { message: 'economicCode of a payment must be a 5-digit 款 code, e.g. "30201"' }) economicCode!: string;
  @IsOptional() @IsString() @Text(200) payee?: string;
  @IsOptional() @IsIn(Object.keys(PAYMENT_METHODS)) method?: keyof typeof PAYMENT_METHODS;
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
}

export class CarryForwardDto {
  @IsString() @LocalId('carryForward[].lineId') lineId!: string;
  @IsAmount({ allowZero: true }) amount!: string;
}

export class YearEndClosedData {
  @IsArray() @ArrayMaxSize(1_000_000) @ValidateNested({ each: true }) @Type(() => CarryForwardDto) carryForward!: CarryForwardDto[];
}

export const DATA_DTO_BY_TYPE: Record<EventType, new () => object> = {
  DepartmentRegistered: DepartmentRegisteredData,
  AppropriationIssued: AppropriationIssuedData,
  AppropriationAdjusted: AppropriationAdjustedData,
  AppropriationTransferred: AppropriationTransferredData,
  PaymentMade: PaymentMadeData,
  PaymentReversed: PaymentReversedData,
  IncomeRecorded: IncomeRecordedData,
  DisbursementPlanSet: DisbursementPlanSetData,
  IndicatorDefined: IndicatorDefinedData,
  IndicatorMeasured: IndicatorMeasuredData,
  IndicatorScored: IndicatorScoredData,
  VarianceExplained: VarianceExplainedData,
  PriorYearActualsDeclared: PriorYearActualsDeclaredData,
  YearEndClosed: YearEndClosedData,
};
