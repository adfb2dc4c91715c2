import {
  formatWan,
  isPersonnelEconomicCode,
  Rational,
  type CodeTable,
  type Fen,
  type FinalAccountsTables,
  type VarianceItem,
} from '@app/domain';
import { TAIL_NOTE } from './monitoring-workbook';

/**
 * The year-end 部门决算 draft as a document model (issue 4): 第一部分 部门概况, 第二部分 决算表 (the nine tables in the
 * published layouts, 万元, full standard row lists, 公开NN表 numbering from a regional template), 第三部分 情况说明
 * (every figure taken from the same tables and variance items), 第四部分 名词解释. The xlsx, docx and html renderers
 * only lay this model out.
 */
export type TableKey = keyof Omit<FinalAccountsTables, 'provisional'>;

/** 公开NN表 numbering: the MoF default order, and seed 000's order where 三公 is 07. */
export const TABLE_TEMPLATES: Record<'MOF' | 'SEED_000', TableKey[]> = {
  MOF: ['summary', 'income', 'expenditure', 'fiscalSummary', 'generalBudgetExpenditure', 'generalBudgetBasic', 'govFund', 'stateCapital', 'threePublic'],
  SEED_000: ['summary', 'income', 'expenditure', 'fiscalSummary', 'generalBudgetExpenditure', 'generalBudgetBasic', 'threePublic', 'govFund', 'stateCapital'],
};
export type TableTemplate = keyof typeof TABLE_TEMPLATES;

export const TABLE_TITLES: Record<TableKey, string> = {
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

export interface DocTable {
  key: TableKey;
  number: string;
  title: string;
  header: string[];
  rows: string[][];
}

export interface DocSection {
  heading: string;
  paragraphs: string[];
}

export interface FinalAccountsDocument {
  title: string;
  departmentName: string;
  fiscalYear: number;
  provisional: boolean;
  profile: DocSection[];
  tables: DocTable[];
  explanations: DocSection[];
  glossary: DocSection[];
  note: string;
}

export interface DocumentInput {
  departmentName: string;
  profile: string | null;
  fiscalYear: number;
  tables: FinalAccountsTables;
  variance: readonly VarianceItem[];
  template: TableTemplate;
  functionName: (code: string) => string | undefined;
  economicName: (code: string) => string | undefined;
  /** The catalogue's codes for the standard full row lists: function 类 and economic 类/款. */
  functionClasses: readonly string[];
  economicCodes: readonly string[];
}

/** The income items of table 01 and of the 收入 section, in the published order. */
const INCOME_ITEMS = [
  ['一般公共预算财政拨款收入', 'generalBudget'],
  ['政府性基金预算财政拨款收入', 'govFund'],
  ['国有资本经营预算财政拨款收入', 'stateCapital'],
  ['上级补助收入', 'higherLevelSubsidy'],
  ['事业收入', 'business'],
  ['经营收入', 'operating'],
  ['附属单位上缴收入', 'subsidiaryRemittance'],
  ['其他收入', 'other'],
] as const;

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七', '二十八', '二十九', '三十', '三十一', '三十二'];

/** A table cell in 万元: blank for zero, as the published tables print it. */
const cell = (fen: Fen | undefined) => (!fen ? '' : formatWan(fen));
/** A total cell always shows its figure. */
const total = (fen: Fen | undefined) => formatWan(fen ?? 0n);
const wan = (fen: Fen) => formatWan(fen);
const share = (part: Fen, whole: Fen) => (whole === 0n ? '0.00' : new Rational(part * 100n, whole).toFixed2());

function codeTableRows<K extends string>(table: CodeTable<K>, columns: readonly K[], name: (code: string) => string | undefined): string[][] {
  const [head, ...rest] = table.rows;
  const rows = rest.filter((r) => columns.some((c) => r.values[c] !== 0n));
  return [
    ['合计', '', ...columns.map((c) => total(head?.values[c]))],
    ...(rows.length ? rows.map((r) => [r.code, name(r.code) ?? '', ...columns.map((c) => cell(r.values[c]))]) : [['', '无', ...columns.map(() => '')]]),
  ];
}

function buildTables(input: DocumentInput): DocTable[] {
  const t = input.tables;
  const s = t.summary;
  const fn = input.functionName;
  const classRow = (code: string, i: number, amount: Fen | undefined) => [`${CHINESE_NUMERALS[i]}、${fn(code) ?? code}`, cell(amount)];
  const summaryExpenditure = input.functionClasses.map((code, i) => classRow(code, i, s.expenditure.rows.find((r) => r.code === code)?.amount));
  const incomeSide: [string, Fen][] = INCOME_ITEMS.map(([label, key], i) => [`${CHINESE_NUMERALS[i]}、${label}`, s.income[key]]);
  const pair = (left: string[][], right: string[][]) =>
    Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [...(left[i] ?? ['', '']), ...(right[i] ?? ['', ''])]);
  const summaryRows = [
    ...pair(incomeSide.map(([label, v]) => [label, cell(v)]), summaryExpenditure),
    ['本年收入合计', total(s.income.totalIncome), '本年支出合计', total(s.expenditure.totalExpenditure)],
    ['年初结转和结余', total(s.income.openingBalance), '年末结转和结余', total(s.expenditure.closingBalance)],
    ['总计', total(s.income.grandTotal), '总计', total(s.expenditure.grandTotal)],
  ];
  const f = t.fiscalSummary;
  const fiscalClassRows = input.functionClasses.map((code, i) => {
    const v = f.expenditure.rows.find((r) => r.code === code)?.values;
    return [`${CHINESE_NUMERALS[i]}、${fn(code) ?? code}`, cell(v?.total), cell(v?.generalBudget), cell(v?.govFund), cell(v?.stateCapital)];
  });
  const fiscalIncome = [
    ['一、一般公共预算财政拨款', cell(f.income.generalBudget)],
    ['二、政府性基金预算财政拨款', cell(f.income.govFund)],
    ['三、国有资本经营预算财政拨款', cell(f.income.stateCapital)],
  ];
  const fiscalRows = [
    ...fiscalClassRows.map((r, i) => [...(fiscalIncome[i] ?? ['', '']), ...r]),
    ['本年收入合计', total(f.income.total), '本年支出合计', total(f.expenditure.rows[0]?.values.total), total(f.expenditure.rows[0]?.values.generalBudget), total(f.expenditure.rows[0]?.values.govFund), total(f.expenditure.rows[0]?.values.stateCapital)],
    ['年初财政拨款结转和结余', total(f.openingBalance.total), '年末财政拨款结转和结余', total(f.closingBalance.total), total(f.closingBalance.generalBudget), total(f.closingBalance.govFund), total(f.closingBalance.stateCapital)],
    ['总计', total(f.income.total + f.openingBalance.total), '总计', total((f.expenditure.rows[0]?.values.total ?? 0n) + f.closingBalance.total), '', '', ''],
  ];
  const basicAmounts = new Map(t.generalBudgetBasic.rows.map((r) => [r.code, r.amount]));
  const basicRows = [
    ...input.economicCodes.map((code) => [code, input.economicName(code) ?? '', cell(basicAmounts.get(code))]),
    ['人员经费合计', '', total(t.generalBudgetBasic.personnelTotal)],
    ['公用经费合计', '', total(t.generalBudgetBasic.publicTotal)],
  ];
  const three = t.threePublic;
  const threeKeys = ['total', 'overseasTravel', 'vehicleTotal', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;

  const byKey: Record<TableKey, Omit<DocTable, 'number' | 'key' | 'title'>> = {
    summary: { header: ['收入项目', '决算数', '支出项目', '决算数'], rows: summaryRows },
    income: { header: ['科目编码', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'], rows: codeTableRows(t.income, ['total', 'fiscal', 'higherLevelSubsidy', 'business', 'operating', 'subsidiaryRemittance', 'other'], fn) },
    expenditure: { header: ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'], rows: codeTableRows(t.expenditure, ['total', 'basic', 'project', 'remitToHigher', 'operating', 'subsidyToSubsidiary'], fn) },
    fiscalSummary: { header: ['收入项目', '决算数', '支出项目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'], rows: fiscalRows },
    generalBudgetExpenditure: { header: ['科目编码', '科目名称', '合计', '基本支出', '项目支出'], rows: codeTableRows(t.generalBudgetExpenditure, ['total', 'basic', 'project'], fn) },
    generalBudgetBasic: { header: ['科目编码', '科目名称', '决算数'], rows: basicRows },
    govFund: { header: ['科目编码', '科目名称', '年初结转和结余', '本年收入', '本年支出合计', '基本支出', '项目支出', '年末结转和结余'], rows: codeTableRows(t.govFund, ['openingBalance', 'income', 'total', 'basic', 'project', 'closingBalance'], fn) },
    stateCapital: { header: ['科目编码', '科目名称', '合计', '基本支出', '项目支出'], rows: codeTableRows(t.stateCapital, ['total', 'basic', 'project'], fn) },
    threePublic: {
      header: ['', '合计', '因公出国（境）费', '公务用车购置及运行维护费小计', '公务用车购置费', '公务用车运行维护费', '公务接待费'],
      rows: [['预算数', ...threeKeys.map((k) => total(three.budget[k]))], ['决算数', ...threeKeys.map((k) => total(three.actual[k]))]],
    },
  };
  return TABLE_TEMPLATES[input.template].map((key, i) => ({ key, number: `公开${String(i + 1).padStart(2, '0')}表`, title: TABLE_TITLES[key], ...byKey[key] }));
}

function explanations(input: DocumentInput, tables: DocTable[]): DocSection[] {
  const t = input.tables;
  const s = t.summary;
  const y = input.fiscalYear;
  const number = (key: TableKey) => tables.find((x) => x.key === key)!.number;
  const sentence = (match: (i: VarianceItem) => boolean) => input.variance.find(match)?.sentence ?? '';
  const incomeItem = input.variance.find((i) => 'total' in i.scope && i.scope.total === 'income');
  const spendingItem = input.variance.find((i) => 'total' in i.scope && i.scope.total === 'expenditure');
  const change = (i: VarianceItem | undefined) =>
    !i || i.direction === 'FLAT' ? '持平' : i.prior === 0n ? `增加${wan(i.change)}万元` : `${i.change > 0n ? '增加' : '减少'}${wan(i.change < 0n ? -i.change : i.change)}万元，${i.change > 0n ? '增长' : '下降'}${i.changeRate!.replace('-', '')}%`;
  const overall =
    change(incomeItem) === change(spendingItem)
      ? `与上年决算数相比，各${change(spendingItem)}。`
      : `与上年决算数相比，收入${change(incomeItem)}，支出${change(spendingItem)}。`;
  const totalIncome = s.income.totalIncome;
  const incomeParts = INCOME_ITEMS.map(([label, key]): [string, Fen] => [label, s.income[key]]).filter(([, v]) => v !== 0n);
  const exp = t.expenditure.rows[0]?.values;
  const expenditureParts = ([
    ['基本支出', exp?.basic ?? 0n],
    ['项目支出', exp?.project ?? 0n],
    ['上缴上级支出', exp?.remitToHigher ?? 0n],
    ['经营支出', exp?.operating ?? 0n],
    ['对附属单位补助支出', exp?.subsidyToSubsidiary ?? 0n],
  ] as [string, Fen][]).filter(([, v]) => v !== 0n);
  const gb = t.generalBudgetExpenditure.rows[0]?.values;
  const basicNames = (personnel: boolean) =>
    t.generalBudgetBasic.rows.filter((r) => /^[0-9]{5}$/.test(r.code) && r.amount !== 0n && isPersonnelEconomicCode(r.code) === personnel).map((r) => input.economicName(r.code) ?? r.code).join('、');
  const three = t.threePublic;
  const completion = (actual: Fen, budget: Fen) => (budget === 0n ? '' : `，完成全年预算的${share(actual, budget)}%`);
  const gov = t.govFund.rows[0]?.values;
  const state = t.stateCapital.rows[0]?.values;

  return [
    {
      heading: '一、收入支出决算总体情况说明',
      paragraphs: [
        `${y}年度收入总计${wan(s.income.grandTotal)}万元，支出总计${wan(s.expenditure.grandTotal)}万元，${overall}${spendingItem?.reasonClause ?? ''}`,
      ],
    },
    {
      heading: '二、收入决算情况说明',
      paragraphs: [`本年收入合计${wan(totalIncome)}万元，其中：${incomeParts.map(([n, v]) => `${n}${wan(v)}万元，占${share(v, totalIncome)}%`).join('；') || '无'}。`],
    },
    {
      heading: '三、支出决算情况说明',
      paragraphs: [`本年支出合计${wan(s.expenditure.totalExpenditure)}万元，其中：${expenditureParts.map(([n, v]) => `${n}${wan(v)}万元，占${share(v, s.expenditure.totalExpenditure)}%`).join('；') || '无'}。`],
    },
    {
      heading: '四、财政拨款收入支出决算总体情况说明',
      paragraphs: [`${y}年度财政拨款收入${wan(t.fiscalSummary.income.total)}万元，财政拨款支出${wan(t.fiscalSummary.expenditure.rows[0]?.values.total ?? 0n)}万元，年初财政拨款结转和结余${wan(t.fiscalSummary.openingBalance.total)}万元，年末财政拨款结转和结余${wan(t.fiscalSummary.closingBalance.total)}万元。`],
    },
    {
      heading: '五、一般公共预算财政拨款支出决算情况说明',
      paragraphs: [
        `${y}年度一般公共预算财政拨款支出${wan(gb?.total ?? 0n)}万元，其中基本支出${wan(gb?.basic ?? 0n)}万元，项目支出${wan(gb?.project ?? 0n)}万元。具体如下：`,
        ...input.variance.filter((i) => 'functionCode' in i.scope).map((i) => i.sentence),
      ],
    },
    {
      heading: '六、一般公共预算财政拨款基本支出决算情况说明',
      paragraphs: [
        `${y}年度一般公共预算财政拨款基本支出${wan(gb?.basic ?? 0n)}万元，其中：人员经费${wan(t.generalBudgetBasic.personnelTotal)}万元，主要包括：${basicNames(true) || '无'}；公用经费${wan(t.generalBudgetBasic.publicTotal)}万元，主要包括：${basicNames(false) || '无'}。`,
      ],
    },
    {
      heading: '七、一般公共预算财政拨款“三公”经费支出决算情况说明',
      paragraphs: [
        `${y}年度${sentence((i) => 'threePublic' in i.scope)}`,
        `其中：因公出国（境）费${wan(three.actual.overseasTravel)}万元${completion(three.actual.overseasTravel, three.budget.overseasTravel)}；公务用车购置及运行维护费${wan(three.actual.vehicleTotal)}万元${completion(three.actual.vehicleTotal, three.budget.vehicleTotal)}（公务用车购置费${wan(three.actual.vehiclePurchase)}万元，公务用车运行维护费${wan(three.actual.vehicleOperation)}万元）；公务接待费${wan(three.actual.reception)}万元${completion(three.actual.reception, three.budget.reception)}。`,
      ],
    },
    { heading: '八、机关运行经费支出情况说明', paragraphs: [sentence((i) => 'operatingCosts' in i.scope)] },
    {
      heading: '九、政府性基金预算财政拨款收入支出决算情况说明',
      paragraphs: [
        gov && (gov.total !== 0n || gov.income !== 0n || gov.openingBalance !== 0n)
          ? `${y}年度政府性基金预算财政拨款收入${wan(gov.income)}万元，支出${wan(gov.total)}万元，年初结转和结余${wan(gov.openingBalance)}万元，年末结转和结余${wan(gov.closingBalance)}万元。`
          : `本部门${y}年度没有使用政府性基金预算财政拨款安排的支出，故《政府性基金预算财政拨款收入支出决算表》（${number('govFund')}）无数据。`,
      ],
    },
    {
      heading: '十、国有资本经营预算财政拨款支出决算情况说明',
      paragraphs: [
        state && state.total !== 0n
          ? `${y}年度国有资本经营预算财政拨款支出${wan(state.total)}万元。`
          : `本部门${y}年度没有使用国有资本经营预算财政拨款安排的支出，故《国有资本经营预算财政拨款支出决算表》（${number('stateCapital')}）无数据。`,
      ],
    },
  ];
}

const GLOSSARY: [string, string][] = [
  ['财政拨款收入', '指本级财政当年拨付的资金，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。'],
  ['上级补助收入', '指从主管部门和上级单位取得的非财政补助收入。'],
  ['事业收入', '指事业单位开展专业业务活动及其辅助活动取得的收入。'],
  ['经营收入', '指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。'],
  ['附属单位上缴收入', '指事业单位附属独立核算单位按照有关规定上缴的收入。'],
  ['其他收入', '指除上述收入以外的各项收入。'],
  ['年初结转和结余', '指以前年度尚未完成、结转到本年按有关规定继续使用的资金。'],
  ['年末结转和结余', '指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。'],
  ['基本支出', '指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。'],
  ['项目支出', '指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。'],
  ['“三公”经费', '指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。'],
  ['机关运行经费', '指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。'],
];

export function finalAccountsDocument(input: DocumentInput): FinalAccountsDocument {
  const tables = buildTables(input);
  return {
    title: `${input.fiscalYear}年度${input.departmentName}部门决算`,
    departmentName: input.departmentName,
    fiscalYear: input.fiscalYear,
    provisional: input.tables.provisional,
    profile: [{ heading: '一、部门主要职责及机构设置', paragraphs: (input.profile ?? '（部门概况待补充：请以 DepartmentRegistered.profile 提供）').split(/\n+/).filter(Boolean) }],
    tables,
    explanations: explanations(input, tables),
    glossary: GLOSSARY.map(([term, text], i) => ({ heading: `${CHINESE_NUMERALS[i]}、${term}`, paragraphs: [text] })),
    note: TAIL_NOTE,
  };
}
