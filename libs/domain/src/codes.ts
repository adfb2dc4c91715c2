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

/** 一级指标 (SPEC §2); v2 adds the blocks 部门整体 and some regions' 项目 self-evaluation tables score (SPEC §12). */
export const INDICATOR_LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标', '投入管理指标', '过程指标', '决策指标', '资金管理指标'] as const;
export type IndicatorLevel1 = (typeof INDICATOR_LEVEL1)[number];

/** 政府采购 categories of a tagged payment or a ProcurementDeclared (SPEC §11). */
export const PROCUREMENT_CATEGORIES = { GOODS: '货物', WORKS: '工程', SERVICES: '服务' } as const;
export type ProcurementCategory = keyof typeof PROCUREMENT_CATEGORIES;

/** 国有资产占用: vehicle kinds of AssetsDeclared, in the order the published table prints them (SPEC §11). */
export const VEHICLE_KINDS = {
  MINISTERIAL: '副部（省）级及以上领导用车',
  PRINCIPAL: '主要负责人用车',
  CONFIDENTIAL: '机要通信用车',
  EMERGENCY: '应急保障用车',
  LAW_ENFORCEMENT: '执法执勤用车',
  SPECIAL_TECHNICAL: '特种专业技术用车',
  RETIRED_CADRES: '离退休干部服务用车',
  GENERAL: '一般公务用车',
  OTHER: '其他用车',
} as const;
export type VehicleKind = keyof typeof VEHICLE_KINDS;

/** Narrative sections of the 决算 draft set by NarrativeDeclared (SPEC §11). */
export const NARRATIVE_SECTIONS = {
  DUTIES: '部门职责',
  ORGANISATION: '机构设置',
  ACHIEVEMENTS: '重点工作完成情况',
  PERFORMANCE_MANAGEMENT: '预算绩效管理工作开展情况',
  OTHER_MATTERS: '其他重要事项',
} as const;
export type NarrativeSection = keyof typeof NARRATIVE_SECTIONS;

/** 偏差原因 categories of DeviationExplained, the 监控表's columns (SPEC §12). */
export const DEVIATION_CAUSE_CATEGORIES = {
  FUNDING: '经费保障',
  INSTITUTIONAL: '制度保障',
  STAFFING: '人员保障',
  FACILITIES: '硬件条件保障',
  OTHER: '其他',
} as const;
export type DeviationCauseCategory = keyof typeof DEVIATION_CAUSE_CATEGORIES;

/** 全年预计完成情况: whether the year's target will be met (SPEC §12). */
export const COMPLETION_LIKELIHOODS = { CERTAIN: '确定能', POSSIBLE: '有可能', IMPOSSIBLE: '完全不可能' } as const;
export type CompletionLikelihood = keyof typeof COMPLETION_LIKELIHOODS;

/**
 * Progress statuses (SPEC §5) with the one Chinese word every page and document prints for them (issue 11: the
 * dashboard, the 监控表 and the overview all say 滞后 for ALERT).
 */
export const PROGRESS_STATUS_NAMES = { ON_TRACK: '正常', WARNING: '预警', ALERT: '滞后', OVERSPENT: '超支' } as const;

/** 执行率 scoring schemes of EvaluationPolicySet (SPEC §12). */
export const EXECUTION_SCORE_SCHEMES = ['PROPORTIONAL', 'TIERED'] as const;
export type ExecutionScoreScheme = (typeof EXECUTION_SCORE_SCHEMES)[number];

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
