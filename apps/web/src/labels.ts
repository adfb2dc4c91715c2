import {
  EXPENDITURE_KINDS as DOMAIN_EXPENDITURE_KINDS,
  FUND_SOURCES as DOMAIN_FUND_SOURCES,
  PAYMENT_METHODS as DOMAIN_PAYMENT_METHODS,
} from '../../../libs/domain/src/codes';
import type { GroupBy, Status } from './types';

/** Progress status (SPEC §5) in Chinese, with the code kept beside it. */
export const STATUS_LABELS: Record<Exclude<Status, null>, string> = {
  ON_TRACK: '正常',
  WARNING: '预警',
  ALERT: '滞后',
  OVERSPENT: '超支',
};

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
