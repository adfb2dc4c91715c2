import {
  EXPENDITURE_KINDS as DOMAIN_EXPENDITURE_KINDS,
  FUND_SOURCES as DOMAIN_FUND_SOURCES,
  PAYMENT_METHODS as DOMAIN_PAYMENT_METHODS,
  PROGRESS_STATUS_NAMES,
} from '../../../libs/domain/src/codes';
import type { GroupBy, Status } from './types';

/** Progress status (SPEC §5): the one Chinese word every page and document prints (正常 / 预警 / 滞后 / 超支). */
export const STATUS_LABELS: Readonly<Record<Exclude<Status, null>, string>> = PROGRESS_STATUS_NAMES;

export function statusLabel(status: Status): string {
  return status ? STATUS_LABELS[status] : '无预算';
}

export const GROUP_LABELS: Record<Exclude<GroupBy, 'department'>, string> = {
  project: '项目',
  unit: '单位',
  function: '功能科目',
  line: '指标',
};

/** The enumerations' Chinese names come from the domain library (one home; plain constants, bundled by Vite). */
export const FUND_SOURCES: Readonly<Record<string, string>> = DOMAIN_FUND_SOURCES;
export const EXPENDITURE_KINDS: Readonly<Record<string, string>> = DOMAIN_EXPENDITURE_KINDS;
export const PAYMENT_METHODS: Readonly<Record<string, string>> = DOMAIN_PAYMENT_METHODS;

export const COMPARATORS: Record<string, string> = { GTE: '≥', LTE: '≤', EQ: '=', BOOL: '', QUALITATIVE: '' };

export const REASON_SOURCES: Record<string, string> = { EXPLAINED: '已说明', SUGGESTED: '建议', MISSING: '待补充' };

export const DIRECTIONS: Record<string, string> = { INCREASE: '增加', DECREASE: '减少', FLAT: '持平', NEW: '新增', DISCONTINUED: '不再发生' };

/** The nine 决算 tables in the default (MOF) numbering, SPEC §7. */
export const FINAL_TABLES: { key: string; title: string }[] = [
  { key: 'summary', title: '01 收入支出决算总表' },
  { key: 'income', title: '02 收入决算表' },
  { key: 'expenditure', title: '03 支出决算表' },
  { key: 'fiscalSummary', title: '04 财政拨款收入支出决算总表' },
  { key: 'generalBudgetExpenditure', title: '05 一般公共预算财政拨款支出决算表' },
  { key: 'generalBudgetBasic', title: '06 一般公共预算财政拨款基本支出决算表' },
  { key: 'govFund', title: '07 政府性基金预算财政拨款收入支出决算表' },
  { key: 'stateCapital', title: '08 国有资本经营预算财政拨款支出决算表' },
  { key: 'threePublic', title: '09 “三公”经费支出决算表' },
];

/** Column headings of the row tables, by table (the same key means different things in 02 and 03). */
export const TABLE_COLUMNS: Record<string, { key: string; label: string }[]> = {
  income: [
    { key: 'total', label: '本年收入合计' },
    { key: 'fiscal', label: '财政拨款收入' },
    { key: 'higherLevelSubsidy', label: '上级补助收入' },
    { key: 'business', label: '事业收入' },
    { key: 'operating', label: '经营收入' },
    { key: 'subsidiaryRemittance', label: '附属单位上缴收入' },
    { key: 'other', label: '其他收入' },
  ],
  expenditure: [
    { key: 'total', label: '本年支出合计' },
    { key: 'basic', label: '基本支出' },
    { key: 'project', label: '项目支出' },
    { key: 'remitToHigher', label: '上缴上级支出' },
    { key: 'operating', label: '经营支出' },
    { key: 'subsidyToSubsidiary', label: '对附属单位补助支出' },
  ],
  generalBudgetExpenditure: [
    { key: 'total', label: '合计' },
    { key: 'basic', label: '基本支出' },
    { key: 'project', label: '项目支出' },
  ],
  generalBudgetBasic: [{ key: 'amount', label: '决算数' }],
  govFund: [
    { key: 'openingBalance', label: '年初结转和结余' },
    { key: 'income', label: '本年收入' },
    { key: 'total', label: '本年支出合计' },
    { key: 'basic', label: '基本支出' },
    { key: 'project', label: '项目支出' },
    { key: 'closingBalance', label: '年末结转和结余' },
  ],
  stateCapital: [
    { key: 'total', label: '合计' },
    { key: 'basic', label: '基本支出' },
    { key: 'project', label: '项目支出' },
  ],
  fiscalSummary: [
    { key: 'total', label: '合计' },
    { key: 'generalBudget', label: '一般公共预算财政拨款' },
    { key: 'govFund', label: '政府性基金预算财政拨款' },
    { key: 'stateCapital', label: '国有资本经营预算财政拨款' },
  ],
};

export const SUMMARY_INCOME: { key: string; label: string }[] = [
  { key: 'generalBudget', label: '一般公共预算财政拨款收入' },
  { key: 'govFund', label: '政府性基金预算财政拨款收入' },
  { key: 'stateCapital', label: '国有资本经营预算财政拨款收入' },
  { key: 'higherLevelSubsidy', label: '上级补助收入' },
  { key: 'business', label: '事业收入' },
  { key: 'operating', label: '经营收入' },
  { key: 'subsidiaryRemittance', label: '附属单位上缴收入' },
  { key: 'other', label: '其他收入' },
  { key: 'totalIncome', label: '本年收入合计' },
  { key: 'openingBalance', label: '年初结转和结余' },
  { key: 'grandTotal', label: '总计' },
];

export const THREE_PUBLIC: { key: string; label: string }[] = [
  { key: 'total', label: '合计' },
  { key: 'overseasTravel', label: '因公出国（境）费' },
  { key: 'vehicleTotal', label: '公务用车购置及运行维护费' },
  { key: 'vehiclePurchase', label: '公务用车购置费' },
  { key: 'vehicleOperation', label: '公务用车运行维护费' },
  { key: 'reception', label: '公务接待费' },
];

/**
 * The 勾稽 and to-do checks of `GET …/checks` (SPEC §9, §11, §12) by their Chinese names; the rule id stays in a data
 * attribute only. Every rule the API writes has an entry (test/dashboard.e2e.spec.ts reads the sources to make sure).
 */
export const CHECK_RULE_NAMES: Readonly<Record<string, string>> = {
  INCOME_EQUALS_EXPENDITURE_PLUS_CLOSING_MINUS_OPENING: '收支平衡',
  SUMMARY_GRAND_TOTALS_EQUAL: '收入总计等于支出总计',
  INCOME_TOTAL_01_EQUALS_02: '表间一致（01表与02表收入）',
  EXPENDITURE_TOTAL_01_EQUALS_03: '表间一致（01表与03表支出）',
  CLASS_ROWS_01_EQUAL_03: '表间一致（01表与03表各类支出）',
  GENERAL_BUDGET_04_EQUALS_05: '表间一致（04表与05表一般公共预算）',
  BASIC_05_EQUALS_06_PERSONNEL_PLUS_PUBLIC: '表间一致（05表基本支出与06表）',
  PARENT_EQUALS_SUM_OF_CHILDREN: '上级科目等于下级之和',
  BASIC_PERSONNEL_TOTAL_EQUALS_CLASSES: '人员经费合计等于各款之和',
  BASIC_PUBLIC_TOTAL_EQUALS_CLASSES: '公用经费合计等于各款之和',
  THREE_PUBLIC_TOTAL_EQUALS_ITEMS: '“三公”经费合计等于各项之和',
  THREE_PUBLIC_VEHICLE_EQUALS_ITEMS: '公务用车费等于购置费与运行维护费之和',
  NARRATIVE_MATCHES_TABLES: '情况说明与决算表一致',
  NO_OVERSPENT_LINES: '没有超预算支出',
  CODE_NAMES: '科目编码均有名称',
  VARIANCES_EXPLAINED: '差异原因已说明',
  DISCLOSURES_DECLARED: '公开信息已填报',
  PROCUREMENT_SHARES: '政府采购金额与占比一致',
  SELF_EVALUATION_COMPLETE: '绩效自评表已填写完整',
  DRAFT_PLACEHOLDERS: '决算草稿待补充',
  // 部门预算公开表 (SPEC §14): the tables built from the year's INITIAL issues and IncomeBudgeted.
  BUDGET_BALANCED: '部门预算收支平衡',
  BUDGET_UNIT_FUNDS_EQUAL_CATEGORIES: '部门预算单位资金等于各类收入之和',
  BUDGET_SUMMARY_INCOME_EQUALS_ITEMS: '部门预算本年收入合计等于各项收入之和',
  BUDGET_SUMMARY_INCOME_EQUALS_INCOME_TABLE: '部门预算表间一致（收支总表与收入总表）',
  BUDGET_SUMMARY_EXPENDITURE_EQUALS_EXPENDITURE_TABLE: '部门预算表间一致（收支总表与支出总表）',
  BUDGET_FISCAL_INCOME_EQUALS_INCOME_TABLE: '部门预算表间一致（财政拨款收支总表与收入总表）',
  BUDGET_FISCAL_BALANCED: '部门预算财政拨款收支平衡',
  BUDGET_GENERAL_BUDGET_EQUALS_FISCAL: '部门预算表间一致（财政拨款收支总表与一般公共预算支出表）',
  BUDGET_BASIC_EQUALS_BASIC_TABLE: '部门预算表间一致（一般公共预算支出表与基本支出表）',
  BUDGET_BASIC_PERSONNEL_PLUS_PUBLIC: '部门预算基本支出等于人员经费与公用经费之和',
  BUDGET_THREE_PUBLIC_TOTAL_EQUALS_ITEMS: '部门预算“三公”经费合计等于各项之和',
  BUDGET_THREE_PUBLIC_VEHICLE_EQUALS_ITEMS: '部门预算公务用车费等于购置费与运行维护费之和',
  BUDGET_CLASS_ROWS_EQUAL: '部门预算表间一致（收支总表与支出总表各类支出）',
  BUDGET_PROJECTS_EQUAL_PROJECT_SPENDING: '项目支出表合计等于项目支出预算',
  BUDGET_ECONOMIC_CODES: '基本支出预算均有经济分类款级科目',
  BUDGET_NARRATIVE_MATCHES_TABLES: '部门预算情况说明与预算表一致',
  // Year N's 结转 (YearEndClosed) against year N+1's 上年结转 (CARRY_IN issues), per fund.
  CARRY_FORWARD_MATCHES_PRIOR_YEAR: '上年结转与上年年终结转数一致',
};

export function checkRuleName(rule: string): string {
  return CHECK_RULE_NAMES[rule] ?? '其他检查';
}

/**
 * Event types and JSON fields the API names in a check's detail for whoever posts the events; the page says in
 * Chinese what they record instead.
 */
const API_TERMS: Readonly<Record<string, string>> = {
  PriorYearActualsDeclared: '上年决算数',
  YearEndClosed: '年终结账',
  IncomeBudgeted: '单位资金收入预算',
  VarianceExplained: '差异原因说明',
  AssetsDeclared: '国有资产占用情况',
  ThreePublicActivityDeclared: '“三公”经费活动量',
  functionName: '功能科目名称',
  economicName: '经济科目名称',
};

/** A word of four or more Latin letters (not part of a code such as 13030224P00308P12281R or BIG500). */
const ENGLISH_WORD = /(?<![A-Za-z0-9_])[A-Za-z_]*[A-Za-z]{4,}[A-Za-z_]*(?![A-Za-z0-9_])/;

/**
 * A check's detail (or a draft's 【待补充】 note) without the API's event and field names, which tell whoever posts
 * the events what to send: a bracketed hint after the Chinese description goes (「部门主要职责（NarrativeDeclared
 * DUTIES）」 → 「部门主要职责」), a name in the sentence is said in Chinese (functionName → 功能科目名称).
 */
export function chineseDetail(text: string): string {
  return text
    .replace(/（[^（）]*）/g, (hint) => (ENGLISH_WORD.test(hint) ? '' : hint))
    .replace(new RegExp(ENGLISH_WORD.source, 'g'), (word) => API_TERMS[word] ?? word);
}
