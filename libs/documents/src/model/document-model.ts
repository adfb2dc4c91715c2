/**
 * One document model for every document we hand to a finance office (STYLE.md, "pandoc's shape"): the 部门决算 draft,
 * the 绩效自评表, the 监控表 and the budget tables each build a `DocumentTree`; the docx, xlsx and html renderers turn any
 * tree into a file and know nothing about finance. Layout intent (landscape, header rows to repeat, 类/款/项 columns,
 * blank zero cells) lives here, in the tree, not in a renderer's special case.
 *
 * Amounts are exact: an amount cell carries 分 (bigint) and its display unit, so the xlsx writer stores a number with
 * a 万元 number format while the docx and html writers print `2,658.28`. A missing input is a `placeholder` — printed
 * as 【待补充：…】 by every renderer — never a zero or an invented sentence.
 */
export type Fen = bigint;

/** Inline text: plain runs, bold runs, and visible placeholders 【待补充：what】. */
export type Inline = string | { text: string; bold?: boolean } | { placeholder: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id?: string; pageBreakBefore?: boolean; align?: 'left' | 'center' }
  | { kind: 'paragraph'; content: Inline[]; indent?: boolean; align?: 'left' | 'center' | 'right'; size?: 'small' | 'normal' | 'large' | 'title' }
  /** A 目录: the level-1 and level-2 headings that carry an `id`, in order (renderers fill it from the tree). */
  | { kind: 'toc'; title: string }
  | { kind: 'table'; table: TableBlock }
  | { kind: 'chart'; chart: ChartBlock }
  | { kind: 'pageBreak' };

export interface DocumentTree {
  /** Document title, also the file's title property (e.g. 2023年度泉港区人民政府办公室部门决算). */
  title: string;
  /** The 封面: big centred lines (year, department, kind of document). */
  cover?: string[];
  /** A banner under the cover, e.g. （年终结账前草稿，数据为暂定数）. */
  banner?: string;
  blocks: Block[];
}

/** Number formats of amounts: 万元 with 2 decimals (published tables) or 元 with 2 decimals. */
export type AmountUnit = 'wan' | 'yuan';

export type Cell =
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; colSpan?: number; rowSpan?: number; indent?: number }
  /** A classification code (类/款/项 or economic 类/款); never wraps, never a number in xlsx. */
  | { kind: 'code'; code: string; colSpan?: number }
  /** An exact amount in 分, shown in `unit`; `blankIfZero` leaves the cell empty as the published forms do. */
  | { kind: 'amount'; fen: Fen; unit: AmountUnit; blankIfZero?: boolean; bold?: boolean; colSpan?: number }
  /** A percentage with 2 decimals as a string ("65.31"); null prints a dash. Right-aligned unless a form centres it. */
  | { kind: 'rate'; value: string | null; bold?: boolean; align?: 'center' | 'right' }
  /** A score or other exact decimal string (e.g. 分值 "10", 得分 "12.25"). Right-aligned unless a form centres it. */
  | { kind: 'decimal'; value: string | null; bold?: boolean; align?: 'center' | 'right' }
  /** An integer count (车辆, 人次, 批次). */
  | { kind: 'count'; value: number }
  | { kind: 'placeholder'; what: string; colSpan?: number }
  | { kind: 'empty'; colSpan?: number; rowSpan?: number };

export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export interface ColumnSpec {
  /** Relative width (the renderers scale to the page); a code column sized for 7 digits, a name column wide. */
  width: number;
  kind: 'code' | 'name' | 'amount' | 'rate' | 'text' | 'count';
}

export interface TableBlock {
  /** Stable key (sheet name source, anchor): e.g. `summary`, `selfEvaluation-P001`. */
  key: string;
  /** 公开01表 … (printed top right) or undefined. */
  number?: string;
  /** The xlsx sheet's name when neither number nor title tells tables apart (e.g. one 自评表 per project). */
  sheetName?: string;
  title: string;
  /** Printed under the title: 部门：… */
  department?: string;
  /** Printed top right under the number: 单位：万元 */
  unitLabel?: string;
  /** Wide tables (more than ~7 amount columns, or side-by-side blocks) print landscape. */
  orientation: 'portrait' | 'landscape';
  columns: ColumnSpec[];
  /** One or more header rows, repeated on every page; cells may span. */
  header: HeaderCell[][];
  rows: Cell[][];
  /** 注：lines under the table. */
  notes: string[];
}

export interface ChartSlice {
  label: string;
  fen: Fen;
}

/**
 * A chart drawn from the same figures as the tables beside it (amounts in 分, shown in 万元): a pie (结构图) or
 * grouped bars (变动图, one series per year). Renderers draw it with ECharts' server-side SVG; docx embeds a PNG.
 */
export interface ChartBlock {
  key: string;
  title: string;
  type: 'pie' | 'bar';
  /** pie: one series; bar: one series per year, all with the same labels. */
  series: { name: string; data: ChartSlice[] }[];
  /** Width and height in CSS pixels. */
  width?: number;
  height?: number;
}

export const PLACEHOLDER_OPEN = '【待补充：';
export const PLACEHOLDER_CLOSE = '】';
export const placeholderText = (what: string) => `${PLACEHOLDER_OPEN}${what}${PLACEHOLDER_CLOSE}`;

/** Every placeholder in a tree, in document order (checks lists them as to-dos). */
export function placeholders(tree: DocumentTree): string[] {
  const found: string[] = [];
  const inline = (items: Inline[]) => items.forEach((i) => typeof i === 'object' && 'placeholder' in i && found.push(i.placeholder));
  for (const block of tree.blocks) {
    if (block.kind === 'paragraph') inline(block.content);
    if (block.kind === 'table') for (const row of block.table.rows) for (const cell of row) if (cell.kind === 'placeholder') found.push(cell.what);
  }
  return found;
}
