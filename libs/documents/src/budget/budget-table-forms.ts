import { BUDGET_TABLE_LABELS, type BudgetSummaryIncomeKey, type ThreePublicItem } from '@app/domain';
import { STANDARD_FUNCTION_CLASSES_2023, type AmountColumn } from '../final-accounts/public-table-forms';
import type { HeaderCell } from '../model/document-model';

/**
 * The 部门预算公开表 (SPEC §14) as declarations: titles, header rows, standard row lists and notes, one declaration per
 * form, checked against the published 部门预算 of seed 001 (秦皇岛市海港区人民政府办公室 2024) and seed 004 (2023).
 * A region's variant is a new template here (`BUDGET_TABLE_TEMPLATES`), not new code in the builder
 * (`budget-public-tables.ts`).
 */
export type BudgetTableKey = keyof typeof BUDGET_TABLE_LABELS;

/** The titles as the seeds print them: every form is 部门预算… (the domain's labels, with the prefix where they lack it). */
export const BUDGET_TABLE_TITLES = Object.fromEntries(
  Object.entries(BUDGET_TABLE_LABELS).map(([key, label]) => [key, label.startsWith('部门预算') ? label : `部门预算${label}`]),
) as Record<BudgetTableKey, string>;

/**
 * The 类 rows of 收支总表 and 财政拨款收支总表 as both seeds print them (一、一般公共服务支出 … 三十一、人行科目): the 2023
 * 决算 list plus 209 社会保险基金支出, 227 预备费, 230 转移性支出 and 233 债务发行费用支出, 215 named as the budget form
 * names it, and the form's last row 人行科目, which has no 支出功能分类 code (its key never meets a figure). A 类 with a
 * figure that is not listed is still printed, inserted in code order.
 */
export const BUDGET_FUNCTION_CLASSES: readonly { code: string; name: string }[] = [
  ...[
    ...STANDARD_FUNCTION_CLASSES_2023.filter((c) => c.code !== '215'),
    { code: '209', name: '社会保险基金支出' },
    { code: '215', name: '资源勘探工业信息等支出' },
    { code: '227', name: '预备费' },
    { code: '230', name: '转移性支出' },
    { code: '233', name: '债务发行费用支出' },
  ].sort((a, b) => a.code.localeCompare(b.code)),
  { code: '人行科目', name: '人行科目' },
];

/** A row of the 收支总表's income side: its label and the summary figure it prints. */
export interface BudgetIncomeItem {
  label: string;
  key: BudgetSummaryIncomeKey;
}

/** 部门预算收支总表: income items on the left (per template), the 类 on the right, totals under both (seeds 001, 004). */
export const BUDGET_SUMMARY_FORM = {
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
    [{ text: '项  目' }, { text: '预算数' }, { text: '项  目' }, { text: '预算数' }],
  ] as HeaderCell[][],
  /** 上年结转结余 / 年终结转结余 are printed blank: the budget tables hold INITIAL issues only (SPEC §14). */
  totals: { year: ['本年收入合计', '本年支出合计'], balances: ['上年结转结余', '年终结转结余'], grand: ['收入总计', '支出总计'] },
} as const;

/** 部门预算财政拨款收支总表 (seeds 001, 004): 年初财政拨款结转和结余 and its three funds printed blank, as above. */
export const BUDGET_FISCAL_SUMMARY_FORM = {
  funds: [
    { label: '一般公共预算拨款', key: 'generalBudget' },
    { label: '政府性基金预算拨款', key: 'govFund' },
    { label: '国有资本经营预算拨款', key: 'stateCapital' },
  ] as const,
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 5 }],
    [
      { text: '项  目' },
      { text: '金额' },
      { text: '项  目' },
      { text: '合计' },
      { text: '一般公共预算财政拨款' },
      { text: '政府性基金预算财政拨款' },
      { text: '国有资本经营预算财政拨款' },
    ],
  ] as HeaderCell[][],
  totals: { year: ['本年收入合计', '本年支出合计'], balances: ['年初财政拨款结转和结余', '年末财政拨款结转和结余'], grand: ['收入总计', '支出总计'] },
} as const;

/**
 * An amount column of a coded budget form. `notInTables`: a column the budget tables hold no figure for (上年结转,
 * SPEC §14: INITIAL issues only), printed blank.
 */
export type BudgetAmountColumn = AmountColumn & { notInTables?: true };

/** The coded forms: 科目编码 | 科目名称 | amount columns; rows with a figure only, as the seeds print them. */
export interface BudgetCodedForm {
  key: 'income' | 'expenditure' | 'generalBudgetExpenditure' | 'generalBudgetBasic' | 'govFund' | 'stateCapital';
  /** The header over 科目编码 and 科目名称, and which classification the codes are of. */
  codeGroup: string;
  classification: 'function' | 'economic';
  orientation: 'portrait' | 'landscape';
  columns: BudgetAmountColumn[];
  /** Relative width of the amount columns (default `BUDGET_TABLE_WIDTHS.amount`): narrower where there are many. */
  amountWidth?: number;
  /** Printed, with a blank row, when the table has no figure at all (seeds 001, 004: 空表列示). */
  emptyNote?: string;
}

const BASIC_PROJECT_COLUMNS: BudgetAmountColumn[] = [
  { key: 'total', label: '合计', total: true },
  { key: 'basic', label: '基本支出' },
  { key: 'project', label: '项目支出' },
];

export const BUDGET_CODED_FORMS: Record<BudgetCodedForm['key'], BudgetCodedForm> = {
  income: {
    key: 'income',
    codeGroup: '功能分类科目',
    classification: 'function',
    orientation: 'landscape',
    // Ten amount columns: their heads wrap after four characters (财政拨款/收入), as the seeds print them.
    amountWidth: 6.5,
    columns: [
      { key: 'total', label: '合计', total: true },
      { key: 'total', label: '小计', group: '本年收入', total: true },
      { key: 'fiscal', label: '财政拨款收入', group: '本年收入' },
      { key: 'specialAccount', label: '财政专户收入', group: '本年收入' },
      { key: 'business', label: '事业收入', group: '本年收入' },
      { key: 'operating', label: '经营收入', group: '本年收入' },
      { key: 'higherLevelSubsidy', label: '上级补助收入', group: '本年收入' },
      { key: 'subsidiaryRemittance', label: '附属单位上缴收入', group: '本年收入' },
      { key: 'other', label: '其他收入', group: '本年收入' },
      { key: 'carriedIn', label: '上年结转', notInTables: true },
    ],
  },
  expenditure: {
    key: 'expenditure',
    codeGroup: '功能分类科目',
    classification: 'function',
    orientation: 'landscape',
    columns: [
      { key: 'total', label: '合计', total: true },
      { key: 'basic', label: '基本支出' },
      { key: 'project', label: '项目支出' },
      { key: 'operating', label: '经营支出' },
      { key: 'remitToHigher', label: '上解上级支出' },
      { key: 'subsidyToSubsidiary', label: '对附属单位补助支出' },
    ],
  },
  generalBudgetExpenditure: { key: 'generalBudgetExpenditure', codeGroup: '功能分类科目', classification: 'function', orientation: 'portrait', columns: BASIC_PROJECT_COLUMNS },
  generalBudgetBasic: {
    key: 'generalBudgetBasic',
    codeGroup: '支出部门经济分类科目',
    classification: 'economic',
    orientation: 'portrait',
    columns: [
      { key: 'total', label: '合计', group: '一般公共预算基本支出', total: true },
      { key: 'personnel', label: '人员经费', group: '一般公共预算基本支出' },
      { key: 'public', label: '公用经费', group: '一般公共预算基本支出' },
    ],
  },
  govFund: { key: 'govFund', codeGroup: '功能分类科目', classification: 'function', orientation: 'portrait', columns: BASIC_PROJECT_COLUMNS, emptyNote: '无政府性基金预算财政拨款预算，空表列示。' },
  stateCapital: { key: 'stateCapital', codeGroup: '功能分类科目', classification: 'function', orientation: 'portrait', columns: BASIC_PROJECT_COLUMNS, emptyNote: '无国有资本经营预算财政拨款预算，空表列示。' },
};

/**
 * 部门预算财政拨款“三公”经费支出表 (seeds 001, 004): 项目 × 资金性质. `alwaysPrinted` columns print 0.00 where the item
 * has no budget under a template with `threePublicZeros: 'printed'` — seed 001 prints its zero 三公 figures
 * (因公出国（境）费 0), statements rather than empty cells; seed 004 leaves them blank.
 */
export const BUDGET_THREE_PUBLIC_FORM = {
  header: [
    [{ text: '项  目', rowSpan: 2 }, { text: '资 金 性 质', colSpan: 4 }],
    [{ text: '合计' }, { text: '一般公共预算财政拨款' }, { text: '政府性基金预算拨款' }, { text: '国有资本经营预算财政拨款' }],
  ] as HeaderCell[][],
  columns: [
    { key: 'total', alwaysPrinted: true },
    { key: 'generalBudget', alwaysPrinted: true },
    { key: 'govFund', alwaysPrinted: false },
    { key: 'stateCapital', alwaysPrinted: false },
  ] as const,
  rows: [
    { key: 'total', label: '“三公”经费小计', indent: 0 },
    { key: 'overseasTravel', label: '一、因公出国（境）费', indent: 0 },
    { key: 'vehicleTotal', label: '二、公务用车购置及运维费', indent: 0 },
    { key: 'vehiclePurchase', label: '其中：公务用车购置费', indent: 0 },
    { key: 'vehicleOperation', label: '公务用车运行维护费', indent: 3 },
    { key: 'reception', label: '三、公务接待费', indent: 0 },
  ] as readonly { key: ThreePublicItem; label: string; indent: number }[],
} as const;

/**
 * 部门预算项目支出表: one row per project, its 年初预算 by fund, in the shape of the 财政部 部门预算 项目支出表 (the seeds
 * publish the projects in their 绩效目标表 only).
 */
export const BUDGET_PROJECTS_FORM = {
  header: [
    [
      { text: '项目编码', rowSpan: 2 },
      { text: '项目名称', rowSpan: 2 },
      { text: '单位名称', rowSpan: 2 },
      { text: '合计', rowSpan: 2 },
      { text: '财政拨款', colSpan: 3 },
      { text: '财政专户管理资金', rowSpan: 2 },
      { text: '单位资金', rowSpan: 2 },
    ],
    [{ text: '一般公共预算拨款' }, { text: '政府性基金预算拨款' }, { text: '国有资本经营预算拨款' }],
  ] as HeaderCell[][],
  columns: ['total', 'generalBudget', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const,
  emptyNote: '无项目支出预算，空表列示。',
} as const;

/** The labels of a 项目支出绩效目标表 (seed 001, 七、部门项目预算安排情况及绩效目标). */
export const BUDGET_GOAL_FORM = {
  title: (name: string) => `${name}绩效目标表`,
  labels: {
    code: '项目编码',
    name: '项目名称',
    scale: '预算规模及资金用途',
    budget: '预算数',
    fiscal: '其中：财政资金',
    other: '其他资金',
    plan: '资金支出计划（%）',
    goal: '绩效目标',
  },
  indicatorHeader: ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
  checkpoint: (month: number) => `${month}月底`,
  /** Checkpoints per row of the 资金支出计划 (the form has six columns beside its label). */
  checkpointsPerRow: 6,
} as const;

/** Variants of the forms per published template. */
export interface BudgetTableTemplateDeclaration {
  /** The tables in the order printed. */
  order: BudgetTableKey[];
  /** The income side of 收支总表. */
  incomeItems: readonly BudgetIncomeItem[];
  /** A 序号 column and a 栏次 header row, as the seeds print them. */
  numbered: boolean;
  /** Zero 三公 figures in the 合计 and 一般公共预算 columns: printed 0.00 (seed 001) or blank (seed 004). */
  threePublicZeros: 'printed' | 'blank';
}

const ORDER: BudgetTableKey[] = ['summary', 'income', 'expenditure', 'fiscalSummary', 'generalBudgetExpenditure', 'generalBudgetBasic', 'govFund', 'stateCapital', 'threePublic', 'projects'];
const FISCAL_INCOME_ITEMS: readonly BudgetIncomeItem[] = [
  { label: '一般公共预算拨款收入', key: 'generalBudget' },
  { label: '政府性基金预算拨款收入', key: 'govFund' },
  { label: '国有资本经营预算拨款收入', key: 'stateCapital' },
  { label: '财政专户管理资金收入', key: 'specialAccount' },
];

/**
 * SEED_001 (default, 2024): 单位资金 in one row (五、单位资金). SEED_004 (2023): 单位资金 by category (五、事业收入 …
 * 九、其他收入). Both: the nine published forms in the seeds' order, then the 项目支出表.
 */
export const BUDGET_TABLE_TEMPLATES: Record<'SEED_001' | 'SEED_004', BudgetTableTemplateDeclaration> = {
  SEED_001: { order: ORDER, numbered: true, threePublicZeros: 'printed', incomeItems: [...FISCAL_INCOME_ITEMS, { label: '单位资金', key: 'unitFunds' }] },
  SEED_004: {
    order: ORDER,
    numbered: true,
    threePublicZeros: 'blank',
    incomeItems: [
      ...FISCAL_INCOME_ITEMS,
      { label: '事业收入', key: 'business' },
      { label: '事业单位经营收入', key: 'operating' },
      { label: '上级补助收入', key: 'higherLevelSubsidy' },
      { label: '附属单位上缴收入', key: 'subsidiaryRemittance' },
      { label: '其他收入', key: 'other' },
    ],
  },
};
export type BudgetTableTemplate = keyof typeof BUDGET_TABLE_TEMPLATES;

/** Under 收支总表 and 收入总表 when the year has CARRY_IN issues: the tables are the 年初预算 and leave them out. */
export const carriedInNote = (wan: string) => `本表为年初预算，不含上年结转资金${wan}万元。`;

/** Relative column widths (the renderers raise them so that no code or figure wraps). */
export const BUDGET_TABLE_WIDTHS = { serial: 4, code: 7, name: 22, label: 22, amount: 8, projectCode: 16, projectName: 16, unitName: 14, projectAmount: 7 } as const;

/** 财政拨款收支总表 in portrait: the income labels, the 类 names and five amount columns share the page width. */
export const BUDGET_FISCAL_SUMMARY_WIDTHS = { incomeLabel: 16, amount: 6, classLabel: 19.5 } as const;

/** The 情况说明 sections (seed 001's 一 … 四, its 七 as 五, its 十 as 六). */
export const BUDGET_EXPLANATION_HEADINGS = {
  intro: (department: string, year: number) =>
    `按照《中华人民共和国预算法》、《地方预决算公开操作规程》和《关于进一步推进预算公开工作的实施意见》规定，现将${department}${year}年部门预算公开如下：`,
  duties: '一、部门职责及机构设置情况',
  overall: '二、部门预算安排的总体情况',
  overallLead: '按照预算管理有关规定，部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。',
  agencyOperatingCosts: '三、机关运行经费安排情况',
  threePublic: '四、财政拨款“三公”经费预算情况及增减变化原因',
  departmentGoal: '五、部门整体绩效目标',
  departmentGoalExpected: '（一）总体绩效目标',
  departmentGoalIndicators: '（二）绩效指标',
  goals: '六、项目支出绩效目标',
  glossary: '七、名词解释',
} as const;

/** 名词解释 as seed 001 publishes them (十、名词解释). */
export const BUDGET_GLOSSARY: readonly [string, string][] = [
  ['财政拨款收入', '指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。'],
  ['财政专户管理资金收入', '缴入财政专户、实行专项管理的教育收费收入。'],
  ['单位资金收入', '指除财政拨款收入和财政专户管理资金以外的收入，包括事业收入（不含教育收费）、上级补助收入、附属单位上缴收入、事业单位经营收入及其他收入，其中，其他收入主要包括债务收入、投资收益等。'],
  ['事业收入', '指事业单位开展专业业务活动及辅助活动所取得的收入。'],
  ['事业单位经营收入', '指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。'],
  ['上年结转', '指以前年度安排、结转到本年仍按原规定用途继续使用的资金。'],
  [
    '部门预算支出',
    '包括人员类项目支出、运转类项目支出和特定目标类项目支出。其中：人员类项目支出和运转类项目中的公用经费项目支出对应部门预算中的基本支出；运转类项目中的其他运转类项目支出和特定目标类项目支出对应部门预算中的项目支出，以及经营支出和往来支出。',
  ],
  ['事业单位经营支出', '指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。'],
  [
    '“三公”经费',
    '纳入财政预算管理的“三公”经费，是指预算部门（单位）用财政拨款安排的因公出国（境）费、公务用车购置及运维费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；公务用车购置及运维费反映单位公务用车购置支出（含车辆购置税、牌照费）及按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。',
  ],
  [
    '机关运行经费',
    '是指各部门（单位）的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。',
  ],
];
