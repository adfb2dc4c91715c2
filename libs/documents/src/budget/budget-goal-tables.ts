import { formatWan, parseYuan, TAIL_NOTE, type BudgetDepartmentGoal, type BudgetGoalIndicator, type BudgetProjectGoal } from '@app/domain';
import { runStartingAt } from '../form-rows';
import type { Cell, ColumnSpec, TableBlock } from '../model/document-model';
import { targetText } from '../self-evaluation-tables';
import { BUDGET_GOAL_FORM as FORM } from './budget-table-forms';

/**
 * 项目支出绩效目标表 (SPEC §14), one per budgeted project, as seed 001 prints them (七、部门项目预算安排情况及绩效目标):
 * 项目编码 | 项目名称; 预算规模及资金用途 (预算数, 其中：财政资金, 其他资金, then the 资金用途 text); 资金支出计划（%）
 * with the plan's checkpoints as column heads (3月底 6月底 10月底 12月底 under the default plan) and their cumulative
 * percents; 绩效目标; then the indicators: 一级指标 (merged down) | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 |
 * 指标值确定依据. A text not declared (资金用途, 绩效目标, a description or basis) is a 【待补充：…】 placeholder.
 *
 * Seven columns: the label column, then six under which the upper part pairs labels and figures and the indicator
 * part puts its six columns (绩效指标描述 over two).
 */
// Relative widths: 其中：财政资金 on one line in the fourth column, the 指标值确定依据 (often a list of documents) widest.
const COLUMNS: ColumnSpec[] = [
  { width: 9, kind: 'text' },
  { width: 7, kind: 'text' },
  { width: 10, kind: 'text' },
  { width: 11.5, kind: 'text' },
  { width: 7, kind: 'text' },
  { width: 7, kind: 'text' },
  { width: 17, kind: 'text' },
];
const WIDE = COLUMNS.length - 1;

const cell = (text: string, extra: { colSpan?: number; rowSpan?: number; align?: 'left' | 'center'; bold?: boolean } = {}): Cell => ({
  kind: 'text',
  text,
  ...(extra.colSpan && extra.colSpan > 1 ? { colSpan: extra.colSpan } : {}),
  ...(extra.rowSpan && extra.rowSpan > 1 ? { rowSpan: extra.rowSpan } : {}),
  align: extra.align ?? 'center',
  ...(extra.bold ? { bold: true } : {}),
});
const missing = (what: string, colSpan = 1): Cell => ({ kind: 'placeholder', what, ...(colSpan > 1 ? { colSpan } : {}) });
const money = (fen: bigint, always: boolean): Cell => ({ kind: 'amount', fen, unit: 'wan', blankIfZero: !always });

const roundedWan = (fen: bigint) => parseYuan(formatWan(fen));

/** 指标值 as the 绩效目标表 prints it: ≥5000部, ≤2%, and an equality target bare (seeds 001, 004: 100%, 7人, not =100%). */
export function goalTargetText(indicator: Pick<BudgetGoalIndicator, 'comparator' | 'target' | 'unit'>): string {
  return targetText(indicator).replace(/^=/, '');
}

/** A declared text as the lines it was written in (seed 001 prints the 绩效目标 1. … 2. … 3. … one a line). */
const linesOf = (text: string | null) => (text ?? '').split(/\n+/).map((l) => l.trim()).filter(Boolean);

/** A labelled block of text lines: the label merged down beside them, each line across the six columns. */
function textBlock(labelCell: Cell | null, lines: string[], missingWhat: string): Cell[][] {
  const body = lines.length ? lines.map((l) => cell(l, { colSpan: WIDE, align: 'left' })) : [missing(missingWhat, WIDE)];
  return body.map((c, i) => (i === 0 && labelCell ? [labelCell, c] : [c]));
}

/** `n` cells over the six columns: spans as even as whole columns allow, wider ones first. */
function spans(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(WIDE / n) + (i < WIDE % n ? 1 : 0));
}

/** 资金支出计划（%）: month heads over their cumulative percents, six checkpoints a row pair. */
function planRows(goal: BudgetProjectGoal, name: string): Cell[][] {
  const chunks: (typeof goal.plan)[] = [];
  for (let i = 0; i < goal.plan.length; i += FORM.checkpointsPerRow) chunks.push(goal.plan.slice(i, i + FORM.checkpointsPerRow));
  const head = cell(FORM.labels.plan, { rowSpan: Math.max(2 * chunks.length, 1) });
  if (!chunks.length) return [[head, missing(`${name}资金支出计划`, WIDE)]];
  return chunks.flatMap((chunk, k) => {
    const widths = spans(chunk.length);
    const months = chunk.map((c, i) => cell(FORM.checkpoint(c.month), { colSpan: widths[i] }));
    const percents = chunk.map((c, i) => cell(`${c.cumulativePercent}%`, { colSpan: widths[i] }));
    return [k === 0 ? [head, ...months] : months, percents];
  });
}

function indicatorRows(indicators: readonly BudgetGoalIndicator[], name: string): Cell[][] {
  if (!indicators.length) return [[missing(`${name}绩效指标`, COLUMNS.length)]];
  return [
    FORM.indicatorHeader.map((h, i) => cell(h, { colSpan: i === 3 ? 2 : 1, bold: true })),
    ...indicators.map((indicator, index) => {
      const span = runStartingAt(indicators, index, (x) => x.level1);
      return [
        ...(span ? [cell(indicator.level1, { rowSpan: span })] : []),
        cell(indicator.level2),
        cell(indicator.name, { align: 'left' }),
        indicator.description ? cell(indicator.description, { colSpan: 2, align: 'left' }) : missing(`${indicator.name}绩效指标描述`, 2),
        cell(goalTargetText(indicator)),
        indicator.basis ? cell(indicator.basis, { align: 'left' }) : missing(`${indicator.name}指标值确定依据`),
      ];
    }),
  ];
}

function goalTable(goal: BudgetProjectGoal, index: number): TableBlock {
  const name = goal.projectName ?? `项目${goal.projectCode}`;
  const L = FORM.labels;
  const purpose = linesOf(goal.purpose);
  const expected = linesOf(goal.expected);
  return {
    key: `projectGoal-${goal.projectCode}`,
    sheetName: `绩效目标-${name}`,
    title: `${index + 1}、${FORM.title(name)}`,
    unitLabel: '单位：万元',
    orientation: 'portrait',
    columns: COLUMNS,
    header: [],
    rows: [
      [
        cell(L.code),
        { kind: 'code', code: goal.projectCode, colSpan: 2 },
        cell(L.name),
        goal.projectName ? cell(goal.projectName, { colSpan: 3, align: 'left' }) : missing(`项目${goal.projectCode}名称`, 3),
      ],
      [
        cell(L.scale, { rowSpan: 1 + Math.max(purpose.length, 1) }),
        cell(L.budget),
        money(goal.budget, true),
        cell(L.fiscal),
        money(goal.fiscal, false),
        cell(L.other),
        money(goal.other, false),
      ],
      ...textBlock(null, purpose, `${name}资金用途`),
      ...planRows(goal, name),
      ...textBlock(cell(L.goal, { rowSpan: Math.max(expected.length, 1) }), expected, `${name}绩效目标`),
      ...indicatorRows(goal.indicators, name),
    ],
    // 尾差: the rounded 财政资金 and 其他资金 need not add up to the rounded 预算数 (SPEC §1).
    notes: roundedWan(goal.fiscal) + roundedWan(goal.other) !== roundedWan(goal.budget) ? [TAIL_NOTE] : [],
  };
}

/** The 部门整体 indicators (IndicatorDefined for "*") in the indicator part of the form; none → no table. */
export function departmentIndicatorTable(goal: BudgetDepartmentGoal, departmentName: string): TableBlock | null {
  if (!goal.indicators.length) return null;
  return {
    key: 'departmentGoal',
    sheetName: '部门整体绩效目标',
    title: `${departmentName}部门整体绩效指标`,
    orientation: 'portrait',
    columns: COLUMNS,
    header: [],
    rows: indicatorRows(goal.indicators, '部门整体'),
    notes: [],
  };
}

/** The 项目支出绩效目标表 of every budgeted project, in 项目支出表 order. */
export function budgetGoalTables(goals: readonly BudgetProjectGoal[]): TableBlock[] {
  return goals.map(goalTable);
}
