/** Enumerations of SPEC §2 with the Chinese names used in documents and messages. */

export const FUND_SOURCES = {
  GENERAL_BUDGET: '一般公共预算',
  GOV_FUND: '政府性基金预算',
  STATE_CAPITAL: '国有资本经营预算',
  SPECIAL_ACCOUNT: '财政专户管理资金',
  UNIT_FUNDS: '单位资金',
} as const;
export type FundSource = keyof typeof FUND_SOURCES;
/** The three fiscal funds (财政拨款) of SPEC §7. */
export const FISCAL_FUND_SOURCES: readonly FundSource[] = ['GENERAL_BUDGET', 'GOV_FUND', 'STATE_CAPITAL'];

export const EXPENDITURE_KINDS = {
  BASIC: '基本支出',
  PROJECT: '项目支出',
  REMIT_TO_HIGHER: '上缴上级支出',
  OPERATING: '经营支出',
  SUBSIDY_TO_SUBSIDIARY: '对附属单位补助支出',
} as const;
export type ExpenditureKind = keyof typeof EXPENDITURE_KINDS;

export const APPROPRIATION_STAGES = {
  INITIAL: '年初预算',
  SUPPLEMENTARY: '追加',
  CARRY_IN: '上年结转',
} as const;
export type AppropriationStage = keyof typeof APPROPRIATION_STAGES;

export const INCOME_CATEGORIES = {
  HIGHER_LEVEL_SUBSIDY: '上级补助收入',
  BUSINESS: '事业收入',
  OPERATING: '经营收入',
  SUBSIDIARY_REMITTANCE: '附属单位上缴收入',
  OTHER: '其他收入',
} as const;
export type IncomeCategory = keyof typeof INCOME_CATEGORIES;

export const PAYMENT_METHODS = { DIRECT: '直接支付', AUTHORIZED: '授权支付' } as const;
export type PaymentMethod = keyof typeof PAYMENT_METHODS;

export const COMPARATORS = ['GTE', 'LTE', 'EQ', 'BOOL', 'QUALITATIVE'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const INDICATOR_LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;
export type IndicatorLevel1 = (typeof INDICATOR_LEVEL1)[number];

/** 三公 economic codes (SPEC §1). */
export const THREE_PUBLIC_CODES = {
  '30212': 'overseasTravel',
  '31013': 'vehiclePurchase',
  '30231': 'vehicleOperation',
  '30217': 'reception',
} as const;

/** 人员经费 = economic classes 301 and 303; every other class is 公用经费 (SPEC §1). */
export function isPersonnelEconomicCode(economicCode: string): boolean {
  return economicCode.startsWith('301') || economicCode.startsWith('303');
}

export const FUNCTION_CODE_PATTERN = /^[0-9]{3}([0-9]{2}([0-9]{2})?)?$/;
export const FUNCTION_CODE_7_PATTERN = /^[0-9]{7}$/;
export const ECONOMIC_CODE_PATTERN = /^[0-9]{3}([0-9]{2})?$/;
export const ECONOMIC_CODE_5_PATTERN = /^[0-9]{5}$/;
export const EVENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const DEPARTMENT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** lineId, unitCode, projectCode, indicatorId: identifiers scoped to (department, year) (SPEC §10). */
export const LOCAL_ID_PATTERN = /^[^\u0000-\u001f\u007f]{1,128}$/;
