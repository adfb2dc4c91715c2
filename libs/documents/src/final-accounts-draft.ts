import { formatWan, withThousands, reasonText, Rational, type YearFigures, isPersonnelEconomicCode, type Disclosures, type Fen, type FinalAccountsTables, type VarianceItem, type VehicleKind, VEHICLE_KINDS } from '@app/domain';
import { SUMMARY_FORM } from './final-accounts/public-tables';
import { placeholderText, type Block, type ChartBlock, type DocumentTree, type Inline, type TableBlock } from './model/document-model';

/**
 * The year-end 部门决算 draft (SPEC §11) as one document tree, in the structure of the published 部门决算 (seed 000):
 * 封面 and 目录; 第一部分 部门概况 (职责, 机构设置 and the 决算单位构成 table); 第二部分 the nine 公开表; 第三部分 情况说明
 * (收入支出总体 … 三公 with its activity counts, 预算绩效情况说明, 机关运行经费, 政府采购, 国有资产占用); 第四部分 名词解释;
 * 第五部分 附件 (自评表). Every figure comes from the tables, variance items, disclosures and self-evaluation it is given;
 * a missing input is a visible 【待补充：…】 placeholder, never a zero or an invented claim.
 */

/** §11 disclosures (the domain's `Disclosures`), as the draft prints them. */
export type DraftDisclosures = Pick<Disclosures, 'procurement' | 'assets' | 'threePublicActivity' | 'narratives'>;

/** What §11's 预算绩效情况说明 sentence needs from the self-evaluation (§12 `summary`). */
export interface DraftPerformanceSummary {
  evaluated: number;
  projectNames: string[];
  /** The funds the evaluation covers: the evaluated projects' 全年执行数. */
  paid: Fen;
  grades: { EXCELLENT: number; GOOD: number; FAIR: number; POOR: number };
}

export interface DraftPrior {
  source: 'EVENTS' | 'DECLARED' | 'NONE';
}

export interface FinalAccountsDraftInput {
  departmentName: string;
  fiscalYear: number;
  units: { code: string; name: string }[];
  /** The legacy free-text profile of DepartmentRegistered, used for 部门职责 when no DUTIES narrative is declared. */
  profile: string | null;
  tables: FinalAccountsTables;
  /** The nine 公开表 in template order. */
  tableBlocks: TableBlock[];
  variance: {
    priorSource: DraftPrior['source'];
    items: readonly VarianceItem[];
    /** The prior year's 财政拨款 and 一般公共预算 totals when known (events, or declared). */
    prior?: Pick<YearFigures, 'fiscalIncome' | 'fiscalExpenditure' | 'generalBudgetExpenditure'>;
    /** VarianceExplained {fiscal: true}: why 财政拨款 income and spending moved. */
    fiscalReason?: string | null;
  };
  disclosures: DraftDisclosures;
  performance: DraftPerformanceSummary | null;
  /** 附件: 项目支出绩效自评表 and 部门整体支出绩效自评表. */
  appendixTables: TableBlock[];
  economicName: (code: string) => string | undefined;
  functionName: (code: string) => string | undefined;
}

const CHINESE = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const wan = (fen: Fen) => withThousands(formatWan(fen < 0n ? -fen : fen));
const share = (part: Fen, whole: Fen): string | null => (whole === 0n ? null : new Rational(part * 100n, whole).toFixed2());

/** A sentence whose 【待补充：…】 parts become placeholder nodes, so every renderer marks them and `checks` lists them. */
export function inlineText(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /【待补充：([^】]*)】/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ placeholder: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const para = (...content: (string | Inline)[]): Block => ({ kind: 'paragraph', indent: true, content: content.flatMap((c) => (typeof c === 'string' ? inlineText(c) : [c])) });
const missing = (what: string): Inline => ({ placeholder: what });
const h1 = (text: string, id: string): Block => ({ kind: 'heading', level: 1, text, id, pageBreakBefore: true, align: 'center' });
const h2 = (text: string, id?: string): Block => ({ kind: 'heading', level: 2, text, id });
const h3 = (text: string): Block => ({ kind: 'heading', level: 3, text });

/** The income items of 表01, in the published order (one declaration, shared with the 公开表). */
const INCOME_ITEMS = SUMMARY_FORM.incomeItems.map(({ label, key }) => [label, key] as const);
const VEHICLES = Object.entries(VEHICLE_KINDS) as [VehicleKind, string][];

/** 名词解释 as seed 000 publishes them (the standard wording of the MoF template). */
export const GLOSSARY: [string, string][] = [
  ['财政拨款收入', '指单位从本级财政部门取得的财政预算资金，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。'],
  ['事业收入', '指事业单位开展专业业务活动及辅助活动所取得的收入。'],
  ['经营收入', '指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。'],
  ['其他收入', '指除上述“财政拨款收入”“事业收入”“上级补助收入”“附属单位上缴收入”“经营收入”等以外取得的各项收入。'],
  ['使用非财政拨款结余', '指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。'],
  ['年初结转和结余', '指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。'],
  ['结余分配', '指事业单位按照会计制度规定缴纳的所得税、提取的专用结余以及转入非财政拨款结余的金额等。'],
  ['年末结转和结余', '指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。'],
  ['基本支出', '指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。'],
  ['项目支出', '指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。'],
  ['经营支出', '指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。'],
  [
    '“三公”经费',
    '纳入本级财政预决算管理的“三公”经费，是指本级部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税、牌照费）及燃料费、维修费、过桥过路费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。',
  ],
  [
    '机关运行经费',
    '为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。',
  ],
];

function pie(key: string, title: string, slices: [string, Fen][]): Block[] {
  const data = slices.filter(([, v]) => v > 0n).map(([label, fen]) => ({ label, fen }));
  // No chart where its data is missing (SPEC §11, issue 10): nothing to draw when every slice is zero.
  return data.length ? [{ kind: 'chart', chart: { key, title, type: 'pie', series: [{ name: title, data }] } satisfies ChartBlock }] : [];
}

/** 与上年决算数相比 … for a pair of variance items (收入, 支出), in the published wording (各增加… when equal). */
/**
 * The placeholders of the draft, in Chinese only (the document is what the office reads), and what fills each: the
 * hint `checks` gives the integrator (DRAFT_PLACEHOLDERS) and the README's table repeats.
 */
export const PLACEHOLDER_SOURCES: Readonly<Record<string, string>> = {
  上年决算数: 'PriorYearActualsDeclared，或上年的事件',
  上年财政拨款收支决算数: 'PriorYearActualsDeclared 的 fiscalIncome、fiscalExpenditure',
  上年一般公共预算财政拨款支出决算数: 'PriorYearActualsDeclared 的 generalBudgetExpenditure',
  变动原因: 'VarianceExplained',
  部门主要职责: 'NarrativeDeclared DUTIES',
  机构设置情况: 'NarrativeDeclared ORGANISATION',
  纳入决算编制范围的单位: 'DepartmentRegistered.units',
  出国团组数: 'ThreePublicActivityDeclared',
  出国人次: 'ThreePublicActivityDeclared',
  购置车辆数: 'ThreePublicActivityDeclared',
  公务用车保有量: 'ThreePublicActivityDeclared',
  接待批次: 'ThreePublicActivityDeclared',
  接待人次: 'ThreePublicActivityDeclared',
  预算绩效管理工作开展情况及项目绩效自评结果: 'IndicatorDefined、IndicatorMeasured、PerformanceGoalSet，或 NarrativeDeclared PERFORMANCE_MANAGEMENT',
  政府采购支出情况: 'PaymentMade 的 procurement 标记，或 ProcurementDeclared',
  国有资产占用情况: 'AssetsDeclared',
  项目支出绩效自评表: 'IndicatorDefined、IndicatorMeasured、PerformanceGoalSet',
};

const NO_PRIOR_YEAR = placeholderText('上年决算数');

/** 与上年决算数相比 … for an income and a spending figure, in the published wording (各增加… when both moved alike). */
function yearOnYear(income: { current: Fen; prior: Fen } | null, spending: { current: Fen; prior: Fen } | null, missingWhat = NO_PRIOR_YEAR): string {
  if (!income || !spending) return `与上年决算数相比，${missingWhat}。`;
  const change = ({ current, prior }: { current: Fen; prior: Fen }) => {
    const delta = current - prior;
    if (delta === 0n) return '持平';
    if (prior === 0n) return `增加${wan(delta)}万元`;
    const rate = new Rational((delta < 0n ? -delta : delta) * 100n, prior).toFixed2();
    return `${delta > 0n ? '增加' : '减少'}${wan(delta)}万元，${delta > 0n ? '增长' : '下降'}${rate}%`;
  };
  return change(income) === change(spending) ? `与上年决算数相比，各${change(spending)}。` : `与上年决算数相比，收入${change(income)}，支出${change(spending)}。`;
}

function profileSection(input: FinalAccountsDraftInput): Block[] {
  const n = input.disclosures.narratives;
  const lines = (text: string) => text.split(/\n+/).map((l) => l.trim()).filter(Boolean).map((l) => para(l));
  const duties = n.DUTIES ?? input.profile;
  const unitRows = input.units.map((u, i) => [{ kind: 'text' as const, text: String(i + 1), align: 'center' as const }, { kind: 'text' as const, text: u.name }]);
  const unitsTable: TableBlock = {
    key: 'units',
    title: '部门决算单位构成',
    orientation: 'portrait',
    columns: [{ width: 1, kind: 'count' }, { width: 6, kind: 'text' }],
    header: [[{ text: '序号' }, { text: '单位名称' }]],
    rows: unitRows.length ? unitRows : [[{ kind: 'empty' }, { kind: 'placeholder', what: '纳入决算编制范围的单位' }]],
    notes: [],
  };
  return [
    h1('第一部分 部门概况', 'part1'),
    h2('一、部门主要职责', 'part1-duties'),
    ...(duties ? lines(duties) : [para(missing('部门主要职责'))]),
    h2('二、部门决算单位构成', 'part1-units'),
    ...(n.ORGANISATION ? lines(n.ORGANISATION) : [para(missing('机构设置情况'))]),
    { kind: 'table', table: unitsTable },
    ...(n.ACHIEVEMENTS ? [h2('三、部门主要工作总结', 'part1-achievements'), ...lines(n.ACHIEVEMENTS)] : []),
  ];
}

function explanationSection(input: FinalAccountsDraftInput): Block[] {
  const y = input.fiscalYear;
  const t = input.tables;
  const s = t.summary;
  const d = input.disclosures;
  const priorKnown = input.variance.priorSource !== 'NONE';
  const find = (match: (i: VarianceItem) => boolean) => input.variance.items.find(match);
  const incomeItem = find((i) => 'total' in i.scope && i.scope.total === 'income');
  const spendingItem = find((i) => 'total' in i.scope && i.scope.total === 'expenditure');
  const threeItem = find((i) => 'threePublic' in i.scope);
  const operatingItem = find((i) => 'operatingCosts' in i.scope);
  const totalsEqualGrand = s.income.grandTotal === s.income.totalIncome && s.expenditure.grandTotal === s.expenditure.totalExpenditure;
  const blocks: Block[] = [h1(`第三部分 ${y}年度部门决算情况说明`, 'part3')];

  // 一、收入支出决算总体情况说明. 总计 and 合计 are one figure only when there are no balances; the comparison is of 合计.
  const totals = priorKnown && incomeItem && spendingItem ? [incomeItem, spendingItem] : [null, null];
  const overall = totalsEqualGrand
    ? `${y}年度本部门收入总计${wan(s.income.grandTotal)}万元，支出总计${wan(s.expenditure.grandTotal)}万元，${yearOnYear(totals[0], totals[1])}`
    : `${y}年度本部门收入总计${wan(s.income.grandTotal)}万元（其中本年收入合计${wan(s.income.totalIncome)}万元），支出总计${wan(s.expenditure.grandTotal)}万元（其中本年支出合计${wan(s.expenditure.totalExpenditure)}万元）。本年收入合计、本年支出合计${yearOnYear(totals[0], totals[1])}`;
  const totalsReason = priorKnown && spendingItem && spendingItem.change !== 0n ? spendingItem.reasonClause : '';
  // (二)/(三) lead: the totals' variance sentence without its reason (the reason is printed once, in (一)).
  const lead = (item: VarianceItem | undefined, label: string, current: Fen) =>
    `${item ? item.sentence.slice(0, item.sentence.length - item.reasonClause.length).replace(/^本年(收入|支出)合计/, `${y}年度${label}`) : `${y}年度${label}${wan(current)}万元。`}`.replace(/。$/, '，具体情况如下：');
  const exp = t.expenditure.rows[0]?.values;
  const basic = exp?.basic ?? 0n;
  // 人员经费/公用经费 of 基本支出 are known from table 06 only when every 基本支出 is 一般公共预算财政拨款 (as in seed 000).
  const gbBasic = t.generalBudgetExpenditure.rows[0]?.values.basic ?? 0n;
  const basicSplit = basic !== 0n && basic === gbBasic ? `其中，人员经费${wan(t.generalBudgetBasic.personnelTotal)}万元，公用经费${wan(t.generalBudgetBasic.publicTotal)}万元。` : '';
  blocks.push(
    h2('一、收入支出决算总体情况说明', 'part3-1'),
    h3('（一）收入支出决算总体情况说明'),
    para(overall + totalsReason),
    ...(priorKnown && incomeItem && spendingItem
      ? [{ kind: 'chart', chart: { key: 'overall-change', title: '收支决算总体情况变动图（万元）', type: 'bar', series: [
          { name: `${y - 1}年度`, data: [{ label: '本年收入合计', fen: incomeItem.prior }, { label: '本年支出合计', fen: spendingItem.prior }] },
          { name: `${y}年度`, data: [{ label: '本年收入合计', fen: incomeItem.current }, { label: '本年支出合计', fen: spendingItem.current }] },
        ] } } as Block]
      : []),
    h3('（二）收入决算情况说明'),
    para(lead(incomeItem, '收入', s.income.totalIncome)),
    ...INCOME_ITEMS.map(([label, key], i) => para(`${i + 1}. ${label}${wan(s.income[key])}万元${s.income.totalIncome && s.income[key] ? `，占${share(s.income[key], s.income.totalIncome)}%` : ''}。`)),
    ...pie('income-structure', '收入决算结构图（万元）', INCOME_ITEMS.map(([label, key]) => [label, s.income[key]])),
    h3('（三）支出决算情况说明'),
    para(lead(spendingItem, '支出', s.expenditure.totalExpenditure)),
    para(`1. 基本支出${wan(basic)}万元${s.expenditure.totalExpenditure && basic ? `，占${share(basic, s.expenditure.totalExpenditure)}%` : ''}。${basicSplit}`),
    para(`2. 项目支出${wan(exp?.project ?? 0n)}万元${s.expenditure.totalExpenditure && exp?.project ? `，占${share(exp.project, s.expenditure.totalExpenditure)}%` : ''}。`),
    para(`3. 上缴上级支出${wan(exp?.remitToHigher ?? 0n)}万元。`),
    para(`4. 经营支出${wan(exp?.operating ?? 0n)}万元。`),
    para(`5. 对附属单位补助支出${wan(exp?.subsidyToSubsidiary ?? 0n)}万元。`),
    ...pie('expenditure-structure', '支出决算结构图（万元）', [
      ['基本支出', basic],
      ['项目支出', exp?.project ?? 0n],
      ['上缴上级支出', exp?.remitToHigher ?? 0n],
      ['经营支出', exp?.operating ?? 0n],
      ['对附属单位补助支出', exp?.subsidyToSubsidiary ?? 0n],
    ]),
  );

  // 二、财政拨款收入支出决算总体情况说明: 本年财政拨款收入 and 支出 against the prior year's (its events, or the declared
  // fiscalIncome / fiscalExpenditure), with the reason of VarianceExplained {fiscal: true}.
  const f = t.fiscalSummary;
  const fiscalSpending = f.expenditure.rows[0]?.values.total ?? 0n;
  const prior = input.variance.prior;
  const fiscalPrior =
    priorKnown && prior?.fiscalIncome !== undefined && prior?.fiscalExpenditure !== undefined
      ? { income: { current: f.income.total, prior: prior.fiscalIncome }, spending: { current: fiscalSpending, prior: prior.fiscalExpenditure } }
      : null;
  const fiscalMissing = priorKnown ? placeholderText('上年财政拨款收支决算数') : NO_PRIOR_YEAR;
  const fiscalMoved = fiscalPrior !== null && (fiscalPrior.income.current !== fiscalPrior.income.prior || fiscalPrior.spending.current !== fiscalPrior.spending.prior);
  const fiscalReason = !fiscalMoved ? '' : input.variance.fiscalReason ? reasonText(input.variance.fiscalReason) : `主要原因是${placeholderText('变动原因')}。`;
  const fiscalBalances = f.openingBalance.total !== 0n || f.closingBalance.total !== 0n;
  blocks.push(
    h2('二、财政拨款收入支出决算总体情况说明', 'part3-2'),
    para(
      `${y}年度财政拨款收入总计${wan(f.income.total + f.openingBalance.total)}万元，支出总计${wan(fiscalSpending + f.closingBalance.total)}万元${
        fiscalBalances
          ? `（其中本年财政拨款收入${wan(f.income.total)}万元、年初财政拨款结转和结余${wan(f.openingBalance.total)}万元；本年财政拨款支出${wan(fiscalSpending)}万元、年末财政拨款结转和结余${wan(f.closingBalance.total)}万元）。本年财政拨款收入、支出`
          : '，'
      }${yearOnYear(fiscalPrior?.income ?? null, fiscalPrior?.spending ?? null, fiscalMissing)}${fiscalReason}`,
    ),
  );

  // 三、一般公共预算财政拨款支出决算情况说明: per 项 sentences from the variance items (§8).
  const gb = t.generalBudgetExpenditure.rows[0]?.values;
  const functionItems = input.variance.items.filter((i) => 'functionCode' in i.scope && i.current !== 0n);
  const discontinued = input.variance.items.filter((i) => 'functionCode' in i.scope && i.current === 0n);
  const classRows = t.generalBudgetExpenditure.rows.filter((r) => r.code.length === 3);
  const gbPrior = priorKnown ? prior?.generalBudgetExpenditure : undefined;
  const generalBudgetChange =
    gbPrior === undefined
      ? `较上年决算数${priorKnown ? placeholderText('上年一般公共预算财政拨款支出决算数') : NO_PRIOR_YEAR}；`
      : (gb?.total ?? 0n) === gbPrior
        ? '与上年决算数持平；'
        : yearOnYear({ current: gb?.total ?? 0n, prior: gbPrior }, { current: gb?.total ?? 0n, prior: gbPrior }).replace(/^与上年决算数相比，各/, '较上年决算数').replace(/。$/, '；');
  blocks.push(
    h2('三、一般公共预算财政拨款支出决算情况说明', 'part3-3'),
    para(`${y}年度一般公共预算财政拨款支出${wan(gb?.total ?? 0n)}万元，${generalBudgetChange}其中基本支出${wan(gb?.basic ?? 0n)}万元，项目支出${wan(gb?.project ?? 0n)}万元。具体情况如下（按项级科目分类统计）：`),
    ...functionItems.map((i, k) => para(`（${CHINESE[k] ?? k + 1}）${i.sentence}`)),
    ...(discontinued.length ? [para(`上年有支出、本年无支出的科目：${discontinued.map((i) => i.sentence).join('')}`)] : []),
    ...pie('general-budget-structure', '一般公共预算财政拨款支出结构图（按功能分类，万元）', classRows.map((r) => [input.functionName(r.code) ?? r.code, r.values.total])),
  );

  // 四、五: the funds the department did not use are stated from the tables (a fact, not a claim).
  const gov = t.govFund.rows[0]?.values;
  const state = t.stateCapital.rows[0]?.values;
  blocks.push(
    h2('四、政府性基金预算财政拨款支出决算情况说明', 'part3-4'),
    para(
      gov && (gov.total !== 0n || gov.income !== 0n || gov.openingBalance !== 0n)
        ? `${y}年度政府性基金预算财政拨款收入${wan(gov.income)}万元，支出${wan(gov.total)}万元，年初结转和结余${wan(gov.openingBalance)}万元，年末结转和结余${wan(gov.closingBalance)}万元。`
        : `本部门${y}年度没有使用政府性基金预算财政拨款安排的支出。`,
    ),
    h2('五、国有资本经营预算财政拨款支出决算情况说明', 'part3-5'),
    para(state && state.total !== 0n ? `${y}年度国有资本经营预算财政拨款支出${wan(state.total)}万元。` : `本部门${y}年度没有使用国有资本经营预算财政拨款安排的支出。`),
  );

  // 六、基本支出: 人员经费 and 公用经费 with the economic items that carry spending.
  const names = (personnel: boolean) =>
    t.generalBudgetBasic.rows.filter((r) => /^[0-9]{5}$/.test(r.code) && r.amount !== 0n && isPersonnelEconomicCode(r.code) === personnel).map((r) => input.economicName(r.code) ?? r.code).join('、');
  blocks.push(
    h2('六、一般公共预算财政拨款基本支出决算情况说明', 'part3-6'),
    para(`${y}年度一般公共预算财政拨款基本支出${wan(gb?.basic ?? 0n)}万元，其中：`),
    para(`（一）人员经费${wan(t.generalBudgetBasic.personnelTotal)}万元${names(true) ? `，主要包括：${names(true)}` : ''}。`),
    para(`（二）公用经费${wan(t.generalBudgetBasic.publicTotal)}万元${names(false) ? `，主要包括：${names(false)}` : ''}。`),
  );

  // 七、三公 with the activity counts (§11 ThreePublicActivityDeclared) or placeholders.
  const three = t.threePublic;
  const act = d.threePublicActivity;
  const completion = (actual: Fen, budget: Fen) => (budget === 0n ? '' : `，完成全年预算的${share(actual, budget)}%`);
  const count = (value: number | undefined | null, what: string) => (act && value != null ? String(value) : placeholderText(what));
  blocks.push(
    h2('七、一般公共预算财政拨款“三公”经费支出决算情况说明', 'part3-7'),
    para(`${y}年度${threeItem?.sentence ?? `一般公共预算财政拨款“三公”经费支出${wan(three.actual.total)}万元。`}具体情况如下：`),
    para(
      `（一）因公出国（境）费支出${wan(three.actual.overseasTravel)}万元${completion(three.actual.overseasTravel, three.budget.overseasTravel)}。全年安排因公出国（境）团组${count(act?.outboundGroups, '出国团组数')}个，累计${count(act?.outboundPeople, '出国人次')}人次。`,
    ),
    para(
      `（二）公务用车购置及运行维护费支出${wan(three.actual.vehicleTotal)}万元${completion(three.actual.vehicleTotal, three.budget.vehicleTotal)}。其中：公务用车购置费${wan(three.actual.vehiclePurchase)}万元，${y}年度购置公务用车${count(act?.vehiclesPurchased, '购置车辆数')}辆；公务用车运行维护费${wan(three.actual.vehicleOperation)}万元${completion(three.actual.vehicleOperation, three.budget.vehicleOperation)}，截至${y}年12月31日，公务用车保有量为${count(act?.vehiclesHeld, '公务用车保有量')}辆。`,
    ),
    para(
      `（三）公务接待费支出${wan(three.actual.reception)}万元${completion(three.actual.reception, three.budget.reception)}。全年国内公务接待${count(act?.receptionBatches, '接待批次')}批次、${count(act?.receptionPeople, '接待人次')}人次${
        act?.foreignReceptionBatches != null ? `；外事接待${act.foreignReceptionBatches}批次、${act.foreignReceptionPeople ?? 0}人次` : ''
      }。`,
    ),
    ...pie('three-public-structure', '“三公”经费结构图（万元）', [
      ['因公出国（境）费', three.actual.overseasTravel],
      ['公务用车购置及运行维护费', three.actual.vehicleTotal],
      ['公务接待费', three.actual.reception],
    ]),
  );

  // 八、预算绩效情况说明 from the self-evaluation (§12 summary).
  const perf = input.performance;
  blocks.push(h2('八、预算绩效情况说明', 'part3-8'));
  if (d.narratives.PERFORMANCE_MANAGEMENT) blocks.push(...d.narratives.PERFORMANCE_MANAGEMENT.split(/\n+/).filter(Boolean).map((l) => para(l)));
  if (perf && perf.evaluated > 0) {
    const listed = perf.projectNames.length > 3 ? `${perf.projectNames.slice(0, 3).join('、')}等` : perf.projectNames.join('、');
    blocks.push(
      para(
        `根据全面实施预算绩效管理要求，本部门组织对${y}年度${perf.evaluated}个项目开展绩效自评，分别是${listed}项目，涉及资金共计${wan(perf.paid)}万元。自评结果等次为“优”“良”“中”“差”的项目分别是${perf.grades.EXCELLENT}个、${perf.grades.GOOD}个、${perf.grades.FAIR}个、${perf.grades.POOR}个（项目支出绩效自评表详见附件）。`,
      ),
    );
  } else if (!d.narratives.PERFORMANCE_MANAGEMENT) {
    blocks.push(para(missing('预算绩效管理工作开展情况及项目绩效自评结果')));
  }

  // 九、其他重要事项情况说明: 机关运行经费, 政府采购, 国有资产占用.
  const p = d.procurement;
  const procurementKnown = p.source === 'DECLARED' || p.total > 0n;
  const pct = (value: string | null) => (value === null ? '0.00' : value);
  blocks.push(
    h2('九、其他重要事项情况说明', 'part3-9'),
    h3('（一）机关运行经费支出情况'),
    para(`${y}年度${operatingItem?.sentence ?? `机关运行经费支出${wan(t.generalBudgetBasic.publicTotal)}万元。`}`),
    h3('（二）政府采购支出情况'),
    procurementKnown
      ? para(
          `本部门${y}年度政府采购支出总额${wan(p.total)}万元，其中：政府采购货物支出${wan(p.goods)}万元、政府采购工程支出${wan(p.works)}万元、政府采购服务支出${wan(p.services)}万元。授予中小企业合同金额${wan(p.smeAwarded)}万元，占政府采购支出总额的${pct(p.smeShare)}%，其中：授予小微企业合同金额${wan(p.smallMicroAwarded)}万元，占授予中小企业合同金额的${pct(p.smallMicroShareOfSme)}%；货物采购授予中小企业合同金额占货物支出金额的${pct(p.goodsSmeShare)}%，工程采购授予中小企业合同金额占工程支出金额的${pct(p.worksSmeShare)}%，服务采购授予中小企业合同金额占服务支出金额的${pct(p.servicesSmeShare)}%。`,
        )
      : para(missing('政府采购支出情况')),
    h3('（三）国有资产占用使用情况'),
    d.assets
      ? para(
          `截至${y}年12月31日，本部门共有车辆${d.assets.vehicles.total}辆，其中：${VEHICLES.map(([kind, label]) => `${label}${d.assets!.vehicles[kind] ?? 0}辆`).join('、')}${d.assets.note ? `（${d.assets.note.replace(/[。.]$/, '')}）` : ''}；单位价值100万元以上设备（不含车辆）${d.assets.specialEquipmentOver1M}台（套），单位价值50万元以上通用设备${d.assets.generalEquipmentOver500K}台（套）。`,
        )
      : para(missing('国有资产占用情况')),
    ...(d.narratives.OTHER_MATTERS ? [h3('（四）其他需要说明的事项'), ...d.narratives.OTHER_MATTERS.split(/\n+/).filter(Boolean).map((l) => para(l))] : []),
  );
  return blocks;
}

export function finalAccountsDraft(input: FinalAccountsDraftInput): DocumentTree {
  const y = input.fiscalYear;
  const title = `${y}年度${input.departmentName}部门决算`;
  const blocks: Block[] = [
    { kind: 'toc', title: '目录' },
    ...profileSection(input),
    h1(`第二部分 ${y}年度部门决算表`, 'part2'),
    // Each 公开表 starts a page, as published (the part title stands on its own page before them).
    ...input.tableBlocks.flatMap((table, i): Block[] => [{ kind: 'heading', level: 2, text: `${CHINESE[i]}、${table.title}`, id: `table-${table.key}`, pageBreakBefore: true }, { kind: 'table', table }]),
    ...explanationSection(input),
    h1('第四部分 名词解释', 'part4'),
    ...GLOSSARY.map(([term, text], i) => para({ text: `${CHINESE[i]}、${term}：`, bold: true }, text)),
    h1('第五部分 附件', 'part5'),
    ...(input.appendixTables.length
      ? input.appendixTables.flatMap((table, i): Block[] => [i === 0 ? h2('一、绩效自评表', 'part5-self-evaluation') : { kind: 'pageBreak' }, { kind: 'table', table }])
      : [para(missing('项目支出绩效自评表'))]),
  ];
  return {
    title,
    cover: [`${y}年度`, input.departmentName, '部门决算'],
    banner: input.tables.provisional ? '（年终结账前草稿，数据为暂定数）' : undefined,
    blocks,
  };
}
