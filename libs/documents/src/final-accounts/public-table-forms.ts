import type { FinalAccountsTables, FundKey, ThreePublicItem } from '@app/domain';
import type { HeaderCell } from '../model/document-model';

/**
 * The nine 公开表 of the 部门决算 (SPEC §7, §11) as declarations: title, 公开NN表 numbering per regional template,
 * standard row lists, column headers and notes, one declaration per form, checked against seed 000 (泉港区人民政府办公室
 * 2023 部门决算, the published forms of the 2023 财政部 template). A region's variant is a new declaration here, not
 * new code in the builder (`public-tables.ts`).
 */
export type PublicTableKey = keyof Omit<FinalAccountsTables, 'provisional'>;

export const PUBLIC_TABLE_TITLES: Record<PublicTableKey, string> = {
  summary: '收入支出决算总表',
  income: '收入决算表',
  expenditure: '支出决算表',
  fiscalSummary: '财政拨款收入支出决算总表',
  generalBudgetExpenditure: '一般公共预算财政拨款支出决算表',
  generalBudgetBasic: '一般公共预算财政拨款基本支出决算表',
  govFund: '政府性基金预算财政拨款收入支出决算表',
  stateCapital: '国有资本经营预算财政拨款支出决算表',
  threePublic: '一般公共预算财政拨款“三公”经费支出决算表',
};

/** 注：本表反映… as printed under each form (seed 000; the same sentences as the 财政部 template). */
export const PUBLIC_TABLE_NOTES: Record<Exclude<PublicTableKey, 'threePublic'>, string> = {
  summary: '本表反映部门本年度的总收支和年末结转结余情况。',
  income: '本表反映部门本年度取得的各项收入情况。',
  expenditure: '本表反映部门本年度各项支出情况。',
  fiscalSummary: '本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。',
  generalBudgetExpenditure: '本表反映部门本年度一般公共预算财政拨款支出情况。',
  generalBudgetBasic: '本表反映部门本年度一般公共预算财政拨款基本支出明细情况。',
  govFund: '本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。',
  stateCapital: '本表反映部门本年度国有资本经营预算财政拨款支出情况。',
};

/**
 * The 类 rows of 01 and 04, in the order and with the names the 2023 form prints (seed 000; its 十四 is the form's
 * 资源勘探信息等支出 where the catalogue says 资源勘探工业信息等支出). The catalogue's 209 社会保险基金支出, 227 预备费,
 * 230 转移性支出 and 233 债务发行费用支出 are not on the departmental form; a 类 with a figure that is not listed here is
 * still printed (inserted in code order), so nothing is dropped.
 */
export const STANDARD_FUNCTION_CLASSES_2023: readonly { code: string; name: string }[] = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化旅游体育与传媒支出' },
  { code: '208', name: '社会保障和就业支出' },
  { code: '210', name: '卫生健康支出' },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出' },
  { code: '213', name: '农林水支出' },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探信息等支出' },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出' },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '自然资源海洋气象等支出' },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出' },
  { code: '223', name: '国有资本经营预算支出' },
  { code: '224', name: '灾害防治及应急管理支出' },
  { code: '229', name: '其他支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '234', name: '抗疫特别国债安排的支出' },
];

/** 01 收入支出决算总表: the income items 一…八 on the left (seed 000). */
export const SUMMARY_FORM = {
  incomeItems: [
    { label: '一般公共预算财政拨款收入', key: 'generalBudget' },
    { label: '政府性基金预算财政拨款收入', key: 'govFund' },
    { label: '国有资本经营预算财政拨款收入', key: 'stateCapital' },
    { label: '上级补助收入', key: 'higherLevelSubsidy' },
    { label: '事业收入', key: 'business' },
    { label: '经营收入', key: 'operating' },
    { label: '附属单位上缴收入', key: 'subsidiaryRemittance' },
    { label: '其他收入', key: 'other' },
  ],
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
    [{ text: '项目' }, { text: '决算数' }, { text: '项目（按支出功能分类）' }, { text: '决算数' }],
  ] as HeaderCell[][],
  /** The rows under the 类 list, left and right, as printed; 使用非财政拨款结余 / 结余分配 have no figure in our ledger. */
  totals: {
    year: ['本年收入合计', '本年支出合计'],
    nonFiscalBalance: ['使用非财政拨款结余', '结余分配'],
    balances: ['年初结转和结余', '年末结转和结余'],
    grand: ['总计', '总计'],
  },
} as const;

/** 04 财政拨款收入支出决算总表: 7 columns, 类 rows only, the per-fund breakdown of 年初 under it (seed 000). */
export const FISCAL_SUMMARY_FORM = {
  funds: [
    { label: '一般公共预算财政拨款', key: 'generalBudget' },
    { label: '政府性基金预算财政拨款', key: 'govFund' },
    { label: '国有资本经营预算财政拨款', key: 'stateCapital' },
  ] as { label: string; key: Exclude<FundKey, 'total'> }[],
  header: [
    [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 5 }],
    [
      { text: '项目' },
      { text: '金额' },
      { text: '项目（按功能分类）' },
      { text: '合计' },
      { text: '一般公共预算财政拨款' },
      { text: '政府性基金预算财政拨款' },
      { text: '国有资本经营预算财政拨款' },
    ],
  ] as HeaderCell[][],
  totals: {
    year: ['本年收入合计', '本年支出合计'],
    balances: ['年初财政拨款结转和结余', '年末财政拨款结转和结余'],
    grand: ['总计', '总计'],
  },
} as const;

/** An amount column of a 类/款/项 form; `group` spans a header over consecutive columns; `total` prints 0.00 in 合计. */
export interface AmountColumn {
  key: string;
  label: string;
  group?: string;
  total?: boolean;
}

/** 02, 03, 05, 07 (政府性基金), 08 (国有资本): 类 | 款 | 项 | 科目名称 | amount columns, all-zero rows omitted. */
export interface CodedForm {
  key: 'income' | 'expenditure' | 'generalBudgetExpenditure' | 'govFund' | 'stateCapital';
  orientation: 'portrait' | 'landscape';
  columns: AmountColumn[];
  /** Printed when the table has no figure at all (合计 0.00 and a row 无), as seed 000 prints it. */
  emptyNote?: (fiscalYear: number) => string;
}

export const CODED_FORMS: Record<CodedForm['key'], CodedForm> = {
  income: {
    key: 'income',
    orientation: 'landscape',
    columns: [
      { key: 'total', label: '本年收入合计', total: true },
      { key: 'fiscal', label: '财政拨款收入' },
      { key: 'higherLevelSubsidy', label: '上级补助收入' },
      { key: 'business', label: '事业收入' },
      { key: 'operating', label: '经营收入' },
      { key: 'subsidiaryRemittance', label: '附属单位上缴收入' },
      { key: 'other', label: '其他收入' },
    ],
  },
  expenditure: {
    key: 'expenditure',
    orientation: 'landscape',
    columns: [
      { key: 'total', label: '本年支出合计', total: true },
      { key: 'basic', label: '基本支出' },
      { key: 'project', label: '项目支出' },
      { key: 'remitToHigher', label: '上缴上级支出' },
      { key: 'operating', label: '经营支出' },
      { key: 'subsidyToSubsidiary', label: '对附属单位补助支出' },
    ],
  },
  generalBudgetExpenditure: {
    key: 'generalBudgetExpenditure',
    orientation: 'portrait',
    columns: [
      { key: 'total', label: '小计', group: '本年支出', total: true },
      { key: 'basic', label: '基本支出', group: '本年支出' },
      { key: 'project', label: '项目支出', group: '本年支出' },
    ],
  },
  govFund: {
    key: 'govFund',
    orientation: 'landscape',
    columns: [
      { key: 'openingBalance', label: '年初结转和结余' },
      { key: 'income', label: '本年收入', total: true },
      { key: 'total', label: '小计', group: '本年支出', total: true },
      { key: 'basic', label: '基本支出', group: '本年支出' },
      { key: 'project', label: '项目支出', group: '本年支出' },
      { key: 'closingBalance', label: '年末结转和结余' },
    ],
    emptyNote: (year) => `本部门${year}年度没有使用政府性基金预算拨款安排的收支。`,
  },
  stateCapital: {
    key: 'stateCapital',
    orientation: 'portrait',
    columns: [
      { key: 'total', label: '合计', group: '本年支出', total: true },
      { key: 'basic', label: '基本支出', group: '本年支出' },
      { key: 'project', label: '项目支出', group: '本年支出' },
    ],
    emptyNote: (year) => `本部门${year}年度没有使用国有资本经营预算财政拨款安排的支出。`,
  },
};

/**
 * 06 一般公共预算财政拨款基本支出决算表: 人员经费 (301, 303 and their 款) in the first column group, 公用经费 (302, 307,
 * 310, 312, 399 and their 款) flowing down the next `publicColumnGroups` groups, side by side, as seed 000 prints it
 * (27 人员经费 rows; 62 公用经费 rows in two groups of 31). The 款 come from the catalogue; a class or 款 with a figure
 * that is not listed is inserted in code order.
 */
export const BASIC_EXPENDITURE_FORM = {
  personnelClasses: ['301', '303'],
  publicClasses: ['302', '307', '310', '312', '399'],
  publicColumnGroups: 2,
  header: [
    [{ text: '人员经费', colSpan: 3 }, { text: '公用经费', colSpan: 6 }],
    [
      { text: '经济分类科目编码' },
      { text: '科目名称' },
      { text: '金额' },
      { text: '经济分类科目编码' },
      { text: '科目名称' },
      { text: '金额' },
      { text: '经济分类科目编码' },
      { text: '科目名称' },
      { text: '金额' },
    ],
  ] as HeaderCell[][],
  totals: ['人员经费合计', '公用经费合计'],
} as const;

/** The 三公 items with the labels and 行次 of the vertical form (seed 000's 公开07表). */
export const THREE_PUBLIC_ITEM_ROWS: readonly { key: ThreePublicItem; label: string; line: number }[] = [
  { key: 'total', label: '合计', line: 1 },
  { key: 'overseasTravel', label: '1. 因公出国（境）费', line: 2 },
  { key: 'vehicleTotal', label: '2. 公务用车购置及运行维护费', line: 3 },
  { key: 'vehiclePurchase', label: '其中：（1）公务用车购置费', line: 4 },
  { key: 'vehicleOperation', label: '（2）公务用车运行维护费', line: 5 },
  { key: 'reception', label: '3. 公务接待费', line: 6 },
];

/**
 * The 三公 form of a template: `columns` is the 财政部 layout (预算数 and 决算数 groups of 合计, 因公出国（境）费,
 * 公务用车购置及运行维护费 (小计, 购置费, 运行维护费), 公务接待费; one row); `rows` the vertical layout of seed 000
 * (项目 | 行次 | [预算数] | 决算数).
 */
export interface ThreePublicForm {
  layout: 'columns' | 'rows';
  /** Whether the 预算数 is printed (the vertical layout of seed 000 prints 决算数 only). */
  budget: boolean;
  /**
   * Whether the 年初预算数 (INITIAL issues, the 部门预算's 三公 table, SPEC §14) is printed before it; the 预算数 is then
   * headed 全年预算数.
   */
  initialBudget: boolean;
  notes: string[];
}

export interface PublicTableTemplateDeclaration {
  /** The tables in 公开NN表 order. */
  order: PublicTableKey[];
  threePublic: ThreePublicForm;
}

/** 公开NN表 numbering and variants per regional template: the 财政部 default order, and seed 000's (三公 is 07). */
export const PUBLIC_TABLE_TEMPLATES: Record<'MOF' | 'SEED_000', PublicTableTemplateDeclaration> = {
  MOF: {
    order: ['summary', 'income', 'expenditure', 'fiscalSummary', 'generalBudgetExpenditure', 'generalBudgetBasic', 'govFund', 'stateCapital', 'threePublic'],
    threePublic: {
      layout: 'columns',
      budget: true,
      initialBudget: true,
      notes: [
        '本表反映部门本年度“三公”经费支出预决算情况。其中，年初预算数为部门预算批复的“三公”经费预算数；全年预算数反映按规定程序调整后的预算数；决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。',
      ],
    },
  },
  SEED_000: {
    order: ['summary', 'income', 'expenditure', 'fiscalSummary', 'generalBudgetExpenditure', 'generalBudgetBasic', 'threePublic', 'govFund', 'stateCapital'],
    threePublic: {
      layout: 'rows',
      budget: false,
      initialBudget: false,
      notes: ['本表反映部门本年度“三公”经费支出决算情况，包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。'],
    },
  },
};
export type PublicTableTemplate = keyof typeof PUBLIC_TABLE_TEMPLATES;

/** Relative column widths: a 7-digit code fits the 项 column, a long 科目名称 about three amount columns. */
export const PUBLIC_TABLE_WIDTHS = { classCode: 5, itemCode: 6, subItemCode: 8, name: 24, amount: 8, label: 20, economicCode: 6, economicName: 16, line: 5 } as const;
