import { runStartingAt } from './form-rows';
import { computedIndicatorFor, formatWan, GRADE_NAMES, parseYuan, type SelfEvaluationIndicator, type SelfEvaluationProject, type SelfEvaluationReport } from '@app/domain';
import type { Block, Cell, ColumnSpec, DocumentTree, TableBlock } from './model/document-model';

/**
 * 附件 of the 决算 draft (SPEC §11, §12): one 项目支出绩效自评表 per project with a budget and one 部门整体支出绩效自评表, in
 * the layout seed 000 publishes (泉港区人民政府办公室 2023, 附件一): 项目名称; 主管部门 and 实施单位; 项目资金（万元）with
 * 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 for 年度资金总额, 其中：当年财政拨款 and 其他资金; 年度总体目标
 * (预期目标 | 实际完成情况); 绩效指标 (一级 / 二级 / 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施);
 * 总分. A missing goal, an unmeasured indicator or an unexplained deviation is a placeholder 【待补充：…】, and so is the
 * 总分 of a table with an unscored indicator (its partial sum would be a figure whose inputs are missing).
 * The published form has no 等级 cell: the grade of SPEC §12 is a note under the table, 「自评等级：优」 (none while an
 * indicator is unscored). A 部门整体 实际完成值 the ledger computed (预算执行率, 结转结余率, “三公”经费控制率) prints as a
 * measured one would, and a note names it 系统计算 with its formula (a mark inside the narrow cell would break the figure).
 *
 * Nine columns. Spans follow HTML: a cell with rowSpan covers the cells below it, which the following rows leave out.
 * `report` is the self-evaluation in 元 (not `selfEvaluationInWan`); amount cells carry 分 shown in 万元.
 */
// Relative widths: four characters a line in the first column (项目资金 / （万元）, 年度总体 / 目标), 年初预算数 … 全年执行数
// and 实际完成值 unbroken; 偏差原因分析及改进措施 gets what its longest text needs (planColumns), the others share the rest.
const COLUMNS: ColumnSpec[] = [
  { width: 9, kind: 'text' },
  { width: 9, kind: 'text' },
  { width: 12, kind: 'text' },
  { width: 14, kind: 'text' },
  { width: 11, kind: 'text' },
  { width: 11, kind: 'text' },
  { width: 7, kind: 'text' },
  { width: 7, kind: 'text' },
  { width: 15, kind: 'text' },
];

const COMPARATOR_SIGNS: Record<string, string> = { GTE: '≥', LTE: '≤', EQ: '=' };

const text = (value: string, colSpan?: number, extra: { rowSpan?: number; align?: 'left' | 'center' | 'right' } = {}): Cell => ({
  kind: 'text',
  text: value,
  ...(colSpan && colSpan > 1 ? { colSpan } : {}),
  ...(extra.rowSpan && extra.rowSpan > 1 ? { rowSpan: extra.rowSpan } : {}),
  ...(extra.align ? { align: extra.align } : {}),
});
const label = (value: string, colSpan?: number, rowSpan?: number): Cell => text(value, colSpan, { rowSpan, align: 'center' });
const amount = (yuan: string): Cell => ({ kind: 'amount', fen: parseYuan(yuan), unit: 'wan' });
const DASH: Cell = { kind: 'text', text: '—', align: 'center' };
/** 分值 and 得分 as the form prints them, centred: 10, 12.25, 9.5. */
const points = (value: string): Cell => ({ kind: 'decimal', value: scoreText(value), align: 'center' });
/** 执行率, centred; a dash when there is no budget. */
const rate = (value: string | null): Cell => (value === null ? DASH : { kind: 'rate', value, align: 'center' });

/** A score or weight as the published form prints it: "10.00" → "10", "12.25", "9.50" → "9.5". */
export function scoreText(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

const booleanText = (value: string) => (value === 'true' ? '是' : value === 'false' ? '否' : value);

/** 年度指标值 as published: ≥80%, ≤10次, =1项; BOOL and QUALITATIVE targets as written. */
export function targetText(indicator: Pick<SelfEvaluationIndicator, 'comparator' | 'target' | 'unit'>): string {
  if (indicator.comparator === 'BOOL') return booleanText(indicator.target);
  const sign = COMPARATOR_SIGNS[indicator.comparator] ?? '';
  return `${sign}${indicator.target}${sign ? indicator.unit ?? '' : ''}`;
}

/** 偏差原因分析及改进措施: the cause, then the measure. */
function causeText(i: SelfEvaluationIndicator): string | null {
  if (i.cause === null) return null;
  if (!i.measure) return i.cause;
  return /[。；;.!！]$/.test(i.cause) ? `${i.cause}${i.measure}` : `${i.cause}；${i.measure}`;
}

function indicatorRows(p: SelfEvaluationProject): Cell[][] {
  const rows: Cell[][] = [];
  p.indicators.forEach((i, index) => {
    const row: Cell[] = [];
    const span = runStartingAt(p.indicators, index, (x) => x.level1);
    if (span) row.push(label(i.level1, 1, span));
    const cause = causeText(i);
    row.push(
      text(i.level2),
      text(i.name),
      text(targetText(i), 1, { align: 'center' }),
      i.actual === null
        ? { kind: 'placeholder', what: `${i.name}实际完成值` }
        : text(booleanText(i.actual), 1, { align: 'center' }),
      points(i.weight),
      i.score === null ? { kind: 'placeholder', what: `${i.name}得分` } : points(i.score),
      cause !== null ? text(cause) : i.deviation ? { kind: 'placeholder', what: `${i.name}偏差原因分析及改进措施` } : { kind: 'empty' },
    );
    rows.push(row);
  });
  return rows;
}

function evaluationTable(
  p: SelfEvaluationProject,
  title: string,
  nameLabel: string,
  fundsLabel: string,
  departmentName: string,
  fiscalYear: number,
  key: string,
  definitions: ReadonlyMap<string, string> = new Map(),
): TableBlock {
  const named = p.units.map((u) => u.name ?? u.code);
  const implementer = p.units.some((u) => u.name !== null) ? named.join('、') : departmentName;
  const { fiscal, other } = p.funds;
  const unscored = p.indicators.some((i) => i.score === null);
  const rows: Cell[][] = [
    [label(nameLabel, 2), text(p.projectName ?? p.projectCode, 7)],
    [label('主管部门', 2), text(departmentName, 3), label('实施单位'), text(implementer, 3)],
    [label(fundsLabel, 1, 4), { kind: 'empty', colSpan: 2 }, label('年初预算数'), label('全年预算数'), label('全年执行数'), label('分值'), label('执行率'), label('得分')],
    [label('年度资金总额', 2), amount(p.initialBudget), amount(p.budget), amount(p.paid), points(p.executionWeight), rate(p.executionRate), p.executionScore === null ? DASH : points(p.executionScore)],
    [label('其中：当年财政拨款', 2), amount(fiscal.initialBudget), amount(fiscal.budget), amount(fiscal.paid), DASH, rate(fiscal.executionRate), DASH],
    [label('其他资金', 2), amount(other.initialBudget), amount(other.budget), amount(other.paid), DASH, rate(other.executionRate), DASH],
    [label('年度总体目标', 1, 2), label('预期目标', 4), label('实际完成情况', 4)],
    [
      p.goal === null ? { kind: 'placeholder', what: `${p.projectName ?? p.projectCode}预期目标`, colSpan: 4 } : text(p.goal.expected, 4, { align: 'left' }),
      p.goal?.achieved ? text(p.goal.achieved, 4, { align: 'left' }) : { kind: 'placeholder', what: `${p.projectName ?? p.projectCode}实际完成情况`, colSpan: 4 },
    ],
    [
      label('绩效指标', 1, p.indicators.length + 1),
      label('一级指标'),
      label('二级指标'),
      label('三级指标'),
      label('年度指标值'),
      label('实际完成值'),
      label('分值'),
      label('得分'),
      label('偏差原因分析及改进措施'),
    ],
    // Under the 绩效指标 cell opened by the header row (its rowSpan covers them).
    ...indicatorRows(p),
    [
      label('总分', 6),
      points(p.totalWeight),
      unscored ? { kind: 'placeholder', what: `${p.projectName ?? p.projectCode}总分（有指标未评分）` } : points(p.totalScore),
      { kind: 'empty' },
    ],
  ];
  // 尾差: the rounded 财政拨款 and 其他资金 need not add up to the rounded 年度资金总额 (SPEC §1).
  const columns = (['initialBudget', 'budget', 'paid'] as const).map((c) => [parseYuan(fiscal[c]), parseYuan(other[c]), parseYuan(p[c])]);
  const tailDifference = columns.some(([f, o, total]) => parseYuan(formatWan(f)) + parseYuan(formatWan(o)) !== parseYuan(formatWan(total)));
  const computed = p.indicators.filter((i) => i.actualSource === 'COMPUTED');
  const notes = [
    ...(p.grade !== null && !unscored ? [`自评等级：${GRADE_NAMES[p.grade]}`] : []),
    ...(computed.length
      ? [`${computed.map((i) => i.name).join('、')}的实际完成值为系统计算（根据账务数据）：${computed.map((i) => definitions.get(i.name) ?? i.name).join('；')}`]
      : []),
    ...(tailDifference ? ['本表金额转换为万元时，因四舍五入可能存在尾差'] : []),
  ];
  return {
    key,
    title,
    sheetName: `自评-${p.projectName ?? p.projectCode}`,
    department: `（${fiscalYear}年度）`,
    orientation: 'portrait',
    columns: COLUMNS,
    header: [],
    rows,
    notes,
  };
}

/**
 * The 附件 tables: a 项目支出绩效自评表 for every evaluated project (a budget and indicators), in the report's order,
 * then the 部门整体支出绩效自评表 when the department has 部门整体 indicators.
 */
export function selfEvaluationTables(report: SelfEvaluationReport, departmentName: string, fiscalYear: number): TableBlock[] {
  return [
    ...report.projects.filter((p) => p.evaluated).map((p) => evaluationTable(p, '项目支出绩效自评表', '项目名称', '项目资金（万元）', departmentName, fiscalYear, `selfEvaluation-${p.projectCode}`)),
    ...(report.department.evaluated
      ? [
          evaluationTable(
            { ...report.department, projectName: report.department.projectName ?? departmentName },
            '部门整体支出绩效自评表',
            '部门名称',
            '部门资金（万元）',
            departmentName,
            fiscalYear,
            'selfEvaluation-department',
            computedDefinitions(report),
          ),
        ]
      : []),
  ];
}

/** The formula of each computed indicator, by the 三级指标 name the department gave it. */
function computedDefinitions(report: SelfEvaluationReport): Map<string, string> {
  const byName = new Map<string, string>();
  for (const i of report.department.indicators) {
    const found = i.actualSource === 'COMPUTED' ? computedIndicatorFor(i.name, report.department.computedIndicators) : null;
    if (found) byName.set(i.name, found.definition);
  }
  return byName;
}

/**
 * `GET …/self-evaluation?format=docx|xlsx` (SPEC §12): the 自评表 alone, each on its own page (docx) or sheet (xlsx,
 * one page wide) — every evaluated project's 项目支出绩效自评表, then the 部门整体支出绩效自评表 when evaluated. Before
 * YearEndClosed, or at an earlier asOf, a line above the first table says the figures are provisional.
 */
export function selfEvaluationDocument(report: SelfEvaluationReport, departmentName: string, fiscalYear: number): DocumentTree {
  const tables = selfEvaluationTables(report, departmentName, fiscalYear);
  const hasProjects = tables.some((t) => t.key !== 'selfEvaluation-department');
  const hasDepartment = tables.some((t) => t.key === 'selfEvaluation-department');
  const kind = hasProjects && hasDepartment ? '项目支出和部门整体支出绩效自评表' : hasDepartment ? '部门整体支出绩效自评表' : '项目支出绩效自评表';
  const blocks: Block[] = [];
  const status = [report.asOf ? `数据截至${dateText(report.asOf)}` : null, report.provisional ? '年终结账前，数据为暂定数' : null].filter(Boolean);
  if (status.length) blocks.push({ kind: 'paragraph', content: [`（${status.join('，')}）`], align: 'center', size: 'small' });
  tables.forEach((table, i) => {
    if (i > 0) blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'table', table });
  });
  if (!tables.length) blocks.push({ kind: 'paragraph', content: [{ placeholder: '项目支出绩效自评表（绩效指标、完成值与自评得分）' }] });
  return { title: `${fiscalYear}年度${departmentName}${kind}`, blocks };
}

/** 2023-12-31 → 2023年12月31日. */
const dateText = (date: string) => {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
