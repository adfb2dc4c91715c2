import { runStartingAt } from './form-rows';
import {
  COMPLETION_LIKELIHOODS,
  DEVIATION_CAUSE_CATEGORIES,
  formatWan,
  parseYuan,
  PROGRESS_STATUS_NAMES,
  TAIL_NOTE,
  yesNo,
  type CheckpointForecast,
  type DeviationExplanation,
  type MonitoredExecution,
  type MonitoredIndicator,
  type MonitoredProject,
  type MonitoringReport,
} from '@app/domain';
import type { Block, Cell, ColumnSpec, DocumentTree, HeaderCell, TableBlock } from './model/document-model';
import { targetText } from './self-evaluation-tables';

/**
 * The 绩效监控 report as the standard 项目支出绩效目标执行监控表 (SPEC §6, §12), one table per project (and 部门整体),
 * then a summary table of every project's pace and next-checkpoint forecast:
 * 项目名称; 主管部门 and 实施单位; 项目资金（万元） with 年初预算数 / 全年预算数 / 1-N月执行数 / 执行率 for 年度资金总额,
 * 其中：财政拨款 and 其他资金, and the execution line's 偏差原因分析 / 完善措施; the pace against the 用款计划 and the
 * forecast at the next checkpoint; 年度总体目标 (预期目标 | 1-N月实际完成情况); 绩效指标 (一级 / 二级 / 三级指标,
 * 年度指标值, 1-N月执行情况, 全年预计完成情况, 完成可能性, 偏差原因分析, 完善措施). N is the month of the report date.
 * Yes/no indicators print 是/否; a deviation without its recorded cause prints 【待补充：偏差原因】 and 【待补充：完善措施】.
 * Amount cells carry 分 shown in 万元; `report` is in 元.
 */

/**
 * Ten columns, printed portrait as the form is: a block label, then 一级 / 二级 / 三级指标, 年度指标值, 1-N月执行情况,
 * 全年预计完成情况, 完成可能性, 偏差原因分析, 完善措施 (the fund block reuses them for its figures).
 */
const PROJECT_COLUMNS: ColumnSpec[] = [
  { width: 4, kind: 'text' },
  { width: 9, kind: 'text' },
  { width: 9, kind: 'text' },
  { width: 13, kind: 'text' },
  { width: 10, kind: 'text' },
  { width: 10, kind: 'text' },
  { width: 9, kind: 'text' },
  { width: 8, kind: 'text' },
  { width: 14, kind: 'text' },
  { width: 14, kind: 'text' },
];

const text = (value: string, colSpan = 1, extra: { rowSpan?: number; align?: 'left' | 'center' | 'right' } = {}): Cell => ({
  kind: 'text',
  text: value,
  ...(colSpan > 1 ? { colSpan } : {}),
  ...(extra.rowSpan && extra.rowSpan > 1 ? { rowSpan: extra.rowSpan } : {}),
  ...(extra.align ? { align: extra.align } : {}),
});
const label = (value: string, colSpan = 1, rowSpan = 1): Cell => text(value, colSpan, { rowSpan, align: 'center' });
const amount = (yuan: string): Cell => ({ kind: 'amount', fen: parseYuan(yuan), unit: 'wan' });
const rate = (value: string | null): Cell => ({ kind: 'rate', value });
const placeholder = (what: string, colSpan = 1): Cell => ({ kind: 'placeholder', what, ...(colSpan > 1 ? { colSpan } : {}) });

/** 1-N月 of the form's column headers; 1月 for January. */
export function periodLabel(month: number): string {
  return month <= 1 ? '1月' : `1-${month}月`;
}

/** 2024-09-30 → 2024年9月30日. */
const dateText = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
/** 元 → 万元 text with two decimals (SPEC §1). */
const wanText = (yuan: string) => formatWan(parseYuan(yuan));

export const statusText = (status: string | null) => (status === null ? '—' : PROGRESS_STATUS_NAMES[status as keyof typeof PROGRESS_STATUS_NAMES] ?? status);

/** The forecast sentence: 2024年9月30日检查点（计划累计60.00%）：按当前支出节奏预计执行率51.23%，预计不能完成，尚需加快支付…万元. */
export function checkpointText(next: CheckpointForecast | null): string {
  if (next === null) return '本年度已无后续用款计划检查点';
  const head = `${dateText(next.date)}检查点（用款计划累计${next.cumulativePercent}%）：按当前支出节奏预计执行率${next.forecastRate}%`;
  return next.willMeet ? `${head}，预计能够完成` : `${head}，预计不能完成，需在当前节奏之外加快支付${wanText(next.shortfall)}万元`;
}

/** 偏差原因分析 as the form reads it: 经费保障：cause (the category where recorded). */
function causeText(category: keyof typeof DEVIATION_CAUSE_CATEGORIES | null, cause: string): string {
  return category ? `${DEVIATION_CAUSE_CATEGORIES[category]}：${cause}` : cause;
}

/** A value as the form prints it: 是/否 for yes/no indicators, with the unit after a figure. */
function valueText(i: MonitoredIndicator, value: string): string {
  if (i.comparator === 'BOOL') return yesNo(value);
  if (i.comparator === 'QUALITATIVE') return value;
  return `${value}${i.unit ?? ''}`;
}

function indicatorRows(p: MonitoredProject, month: number): Cell[][] {
  const rows: Cell[][] = [];
  p.indicators.forEach((i, index) => {
    const row: Cell[] = [];
    const span = runStartingAt(p.indicators, index, (x) => x.level1);
    if (span) row.push(label(i.level1, 1, span));
    const measured = i.actual !== null ? text(valueText(i, i.actual), 1, { align: 'center' }) : placeholder(`${periodLabel(month)}执行情况`);
    row.push(
      text(i.level2),
      text(i.name),
      text(targetText(i), 1, { align: 'center' }),
      measured,
      i.expectedActual !== null ? text(valueText(i, i.expectedActual), 1, { align: 'center' }) : { kind: 'empty' },
      i.likelihood !== null ? label(COMPLETION_LIKELIHOODS[i.likelihood]) : { kind: 'empty' },
      i.cause !== null ? text(causeText(i.causeCategory, i.cause)) : i.deviation ? placeholder('偏差原因') : { kind: 'empty' },
      i.measure !== null ? text(i.measure) : i.deviation ? placeholder('完善措施') : { kind: 'empty' },
    );
    rows.push(row);
  });
  return rows;
}

/**
 * The execution line's 偏差原因分析 and 完善措施 beside the three fund rows: recorded (merged down the three rows), a
 * to-do while behind plan or overspent, else blank. Returns the cells of the 年度资金总额 row and of each 其中 row.
 */
function executionExplanationCells(p: MonitoredExecution): { total: Cell[]; below: Cell[] } {
  const why: DeviationExplanation | null = p.executionExplanation;
  if (why !== null) return { total: [text(causeText(why.causeCategory, why.cause), 1, { rowSpan: 3 }), text(why.measure, 1, { rowSpan: 3 })], below: [] };
  const needed = p.status === 'WARNING' || p.status === 'ALERT' || p.status === 'OVERSPENT';
  const empty: Cell = { kind: 'empty' };
  return { total: needed ? [placeholder('偏差原因'), placeholder('完善措施')] : [empty, empty], below: [empty, empty] };
}

function projectTable(report: MonitoringReport, p: MonitoredProject): TableBlock {
  const whole = p.projectCode === '*';
  const month = report.throughMonth;
  const period = periodLabel(month);
  const departmentName = report.departmentName ?? report.departmentCode;
  const implementer = p.units.length ? p.units.map((u) => u.name ?? u.code).join('、') : departmentName;
  const { fiscal, other } = p.funds;
  const name = p.projectName ?? p.projectCode;
  const explanation = executionExplanationCells(p);
  const pace = [
    `计划进度${p.plannedRate ?? '—'}%`,
    `序时进度${p.timeProgress}%`,
    `偏差${p.gap ?? '—'}个百分点`,
    `进度状态：${statusText(p.status)}`,
    `全年预计执行率${p.forecast.executionRate ?? '—'}%${p.forecast.paid !== null ? `（预计支出${wanText(p.forecast.paid)}万元）` : ''}`,
  ].join('；');
  const rows: Cell[][] = [
    [label(whole ? '部门名称' : '项目名称', 2), text(whole ? departmentName : name, 8)],
    [label('主管部门', 2), text(departmentName, 3), label('实施单位', 2), text(implementer, 3)],
    [
      label(whole ? '部门资金（万元）' : '项目资金（万元）', 2, 4),
      { kind: 'empty', colSpan: 2 },
      label('年初预算数'),
      label('全年预算数'),
      label(`${period}执行数`),
      label('执行率（%）'),
      label('偏差原因分析'),
      label('完善措施'),
    ],
    [label('年度资金总额', 2), amount(p.initialBudget), amount(p.budget), amount(p.paid), rate(p.executionRate), ...explanation.total],
    [label('其中：财政拨款', 2), amount(fiscal.initialBudget), amount(fiscal.budget), amount(fiscal.paid), rate(fiscal.executionRate), ...explanation.below],
    [label('其他资金', 2), amount(other.initialBudget), amount(other.budget), amount(other.paid), rate(other.executionRate), ...explanation.below],
    [label('执行进度', 2, 2), text(pace, 8)],
    [text(`下一检查点：${checkpointText(p.nextCheckpoint)}`, 8)],
    [label('年度总体目标', 2, 2), label('预期目标', 4), label(`${period}实际完成情况`, 4)],
    [
      p.goal === null ? placeholder('预期目标', 4) : text(p.goal.expected, 4),
      p.goal?.achieved ? text(p.goal.achieved, 4) : placeholder(`${period}实际完成情况`, 4),
    ],
    [
      label('绩效指标', 1, Math.max(p.indicators.length, 1) + 1),
      label('一级指标'),
      label('二级指标'),
      label('三级指标'),
      label('年度指标值'),
      label(`${period}执行情况`),
      label('全年预计完成情况'),
      label('完成可能性'),
      label('偏差原因分析'),
      label('完善措施'),
    ],
    ...(p.indicators.length ? indicatorRows(p, month) : [[placeholder('绩效指标', 9)]]),
  ];
  return {
    key: `monitoring-${p.projectCode}`,
    title: whole ? '部门整体绩效目标执行监控表' : '项目支出绩效目标执行监控表',
    sheetName: `监控-${name}`,
    department: `（${report.fiscalYear}年度，监控时点：${report.asOf === null ? `${report.fiscalYear}年12月31日` : dateText(report.asOf)}）`,
    orientation: 'portrait',
    columns: PROJECT_COLUMNS,
    header: [],
    rows,
    notes: tailDifference(p) ? [TAIL_NOTE] : [],
  };
}

/** 尾差 (SPEC §1): the rounded 财政拨款 and 其他资金 do not add up to the rounded 年度资金总额 in some column. */
function tailDifference(p: MonitoredExecution): boolean {
  const wanFen = (yuan: string) => parseYuan(formatWan(parseYuan(yuan)));
  return (['initialBudget', 'budget', 'paid'] as const).some((c) => wanFen(p.funds.fiscal[c]) + wanFen(p.funds.other[c]) !== wanFen(p[c]));
}

/** 绩效监控汇总表: every project's pace and next-checkpoint forecast, then the department. */
function summaryTable(report: MonitoringReport): TableBlock {
  const period = periodLabel(report.throughMonth);
  const header: HeaderCell[][] = [
    [
      { text: '项目编码', rowSpan: 2 },
      { text: '项目名称', rowSpan: 2 },
      { text: '全年预算数', rowSpan: 2 },
      { text: `${period}执行数`, rowSpan: 2 },
      { text: '执行率（%）', rowSpan: 2 },
      { text: '计划进度（%）', rowSpan: 2 },
      { text: '偏差（百分点）', rowSpan: 2 },
      { text: '进度状态', rowSpan: 2 },
      { text: '下一检查点（按当前支出节奏）', colSpan: 5 },
      { text: '待说明偏差（项）', rowSpan: 2 },
    ],
    [{ text: '检查点' }, { text: '计划累计（%）' }, { text: '预计执行率（%）' }, { text: '能否完成' }, { text: '需加快支付' }],
  ];
  const checkpointCells = (next: CheckpointForecast | null): Cell[] =>
    next === null
      ? [text('无', 1, { align: 'center' }), rate(null), rate(null), text('—', 1, { align: 'center' }), { kind: 'empty' }]
      : [
          text(`${Number(next.date.slice(5, 7))}月${Number(next.date.slice(8, 10))}日`, 1, { align: 'center' }),
          rate(next.cumulativePercent),
          rate(next.forecastRate),
          text(next.willMeet ? '能' : '不能', 1, { align: 'center' }),
          { kind: 'amount', fen: parseYuan(next.shortfall), unit: 'wan', blankIfZero: true },
        ];
  const row = (code: Cell, name: Cell, p: MonitoredExecution, deviations: number): Cell[] => [
    code,
    name,
    amount(p.budget),
    amount(p.paid),
    rate(p.executionRate),
    rate(p.plannedRate),
    { kind: 'decimal', value: p.gap },
    text(statusText(p.status), 1, { align: 'center' }),
    ...checkpointCells(p.nextCheckpoint),
    { kind: 'count', value: deviations },
  ];
  const d = report.department;
  return {
    key: 'monitoring-summary',
    title: `${report.fiscalYear}年度项目支出绩效监控汇总表`,
    sheetName: '监控汇总',
    department: `部门：${report.departmentName ?? report.departmentCode}　监控时点：${report.asOf === null ? `${report.fiscalYear}年12月31日` : dateText(report.asOf)}　序时进度：${report.timeProgress}%`,
    unitLabel: '单位：万元',
    orientation: 'landscape',
    columns: [
      { width: 10, kind: 'code' },
      { width: 13, kind: 'name' },
      { width: 7, kind: 'amount' },
      { width: 7, kind: 'amount' },
      { width: 5, kind: 'rate' },
      { width: 5, kind: 'rate' },
      { width: 5, kind: 'rate' },
      { width: 5, kind: 'text' },
      { width: 6, kind: 'text' },
      { width: 5, kind: 'rate' },
      { width: 5, kind: 'rate' },
      { width: 5, kind: 'text' },
      { width: 7, kind: 'amount' },
      { width: 7, kind: 'count' },
    ],
    header,
    rows: [
      ...report.projects.map((p) => row({ kind: 'code', code: p.projectCode }, text(p.projectName ?? p.projectCode), p, p.deviations.length)),
      row(text('合计', 1, { align: 'center' }), text(d.projectName ?? report.departmentName ?? report.departmentCode), d, report.deviations.length),
    ],
    notes: [
      '执行进度：计划进度按各项目在监控时点适用的用款计划计算；偏差 = 执行率 − 计划进度。',
      `全年预计：${report.forecastMethod}`,
      `下一检查点：${report.checkpointMethod}`,
      `${TAIL_NOTE}。`,
    ],
  };
}

/** The tables of the 绩效监控 report: the summary, then one 监控表 per project (部门整体 last, when it has indicators). */
export function monitoringTables(report: MonitoringReport): TableBlock[] {
  return [summaryTable(report), ...report.projects.map((p) => projectTable(report, p))];
}

/** The report as a document: the summary, then each 监控表 on a page of its own. */
export function monitoringDocument(report: MonitoringReport): DocumentTree {
  const blocks: Block[] = [];
  monitoringTables(report).forEach((table, i) => {
    if (i > 0) blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'table', table });
  });
  return { title: `${report.departmentName ?? report.departmentCode}${report.fiscalYear}年度项目支出绩效目标执行监控表`, blocks };
}
