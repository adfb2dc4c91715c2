import { formatWan, formatYuan, percent, withThousands } from '@app/domain';
import type { Cell, ColumnSpec, DocumentTree, HeaderCell, TableBlock } from '../model/document-model';
import { placeholderText } from '../model/document-model';

/**
 * What the three renderers (docx, xlsx, html) share: the printed text of a cell, the grid positions of merged cells,
 * the 目录 entries and the column plan. Nothing here knows about finance; it reads the document model only.
 */

export { withThousands };

/** The exact decimal string of an amount in its display unit: 26582800n 分 in 万元 → "2658.28". */
export function amountDecimal(fen: bigint, unit: 'wan' | 'yuan'): string {
  return unit === 'wan' ? formatWan(fen) : formatYuan(fen);
}

/** Each value's share of their total, as exact percentages with 2 decimals (null when the total is 0). */
export function percentShares(values: bigint[]): (string | null)[] {
  const total = values.reduce((sum, v) => sum + v, 0n);
  return values.map((v) => percent(v, total));
}

export type CellAlign = 'left' | 'center' | 'right';

export interface CellDisplay {
  text: string;
  align: CellAlign;
  bold: boolean;
  /** The text is a 【待补充：…】 placeholder: every renderer marks it (red on yellow). */
  placeholder: boolean;
  /** Codes and figures never wrap. */
  noWrap: boolean;
  /** Left indent in characters (text cells of lower levels). */
  indent: number;
}

/** How a body cell is printed in docx and html (xlsx stores numbers but shows the same). */
export function cellDisplay(cell: Cell): CellDisplay {
  const base = { bold: false, placeholder: false, noWrap: false, indent: 0 };
  switch (cell.kind) {
    case 'text':
      return { ...base, text: cell.text, align: cell.align ?? 'left', bold: cell.bold ?? false, indent: cell.indent ?? 0 };
    case 'code':
      return { ...base, text: cell.code, align: 'left', noWrap: true };
    case 'amount': {
      const text = cell.blankIfZero && cell.fen === 0n ? '' : withThousands(amountDecimal(cell.fen, cell.unit));
      return { ...base, text, align: 'right', bold: cell.bold ?? false, noWrap: true };
    }
    case 'rate':
      return { ...base, text: cell.value ?? '-', align: cell.align ?? 'right', bold: cell.bold ?? false, noWrap: true };
    case 'decimal':
      return { ...base, text: cell.value ?? '', align: cell.align ?? 'right', bold: cell.bold ?? false, noWrap: true };
    case 'count':
      return { ...base, text: String(cell.value), align: 'right', noWrap: true };
    case 'placeholder':
      return { ...base, text: placeholderText(cell.what), align: 'left', placeholder: true };
    case 'empty':
      return { ...base, text: '', align: 'left' };
  }
}

export function cellSpan(cell: Cell): { colSpan: number; rowSpan: number } {
  const colSpan = 'colSpan' in cell && cell.colSpan ? cell.colSpan : 1;
  const rowSpan = 'rowSpan' in cell && cell.rowSpan ? cell.rowSpan : 1;
  return { colSpan, rowSpan };
}

export function headerSpan(cell: HeaderCell): { colSpan: number; rowSpan: number } {
  return { colSpan: cell.colSpan ?? 1, rowSpan: cell.rowSpan ?? 1 };
}

export interface Placed<T> {
  item: T;
  /** 0-based row within its grid (header or body). */
  row: number;
  /** 0-based first column. */
  col: number;
  colSpan: number;
  rowSpan: number;
}

/**
 * Places the cells of rows with col/row spans on a grid of `width` columns (as HTML does: a cell takes the first
 * column not covered by a cell spanning down from a row above). Throws when a row does not fill the grid exactly or
 * a span runs past the last row, naming the table: a tree with a malformed table is a builder's bug to see at once.
 */
export function layoutGrid<T>(rows: T[][], width: number, span: (item: T) => { colSpan: number; rowSpan: number }, where: string): Placed<T>[][] {
  const covered: boolean[][] = rows.map(() => new Array<boolean>(width).fill(false));
  return rows.map((row, r) => {
    const placed: Placed<T>[] = [];
    let col = 0;
    for (const item of row) {
      while (col < width && covered[r][col]) col += 1;
      const { colSpan, rowSpan } = span(item);
      if (colSpan < 1 || rowSpan < 1 || !Number.isInteger(colSpan) || !Number.isInteger(rowSpan)) throw new Error(`${where}第${r + 1}行：合并单元格的跨度无效`);
      if (col + colSpan > width) throw new Error(`${where}第${r + 1}行超出${width}列`);
      if (r + rowSpan > rows.length) throw new Error(`${where}第${r + 1}行的单元格向下合并超出表格`);
      for (let dr = 0; dr < rowSpan; dr += 1) for (let dc = 0; dc < colSpan; dc += 1) covered[r + dr][col + dc] = true;
      placed.push({ item, row: r, col, colSpan, rowSpan });
      col += colSpan;
    }
    if (covered[r].some((c) => !c)) throw new Error(`${where}第${r + 1}行不足${width}列`);
    return placed;
  });
}

export interface TableGrid {
  header: Placed<HeaderCell>[][];
  body: Placed<Cell>[][];
}

/** Validates a table and places its header and body cells (see `layoutGrid`). */
export function tableGrid(table: TableBlock): TableGrid {
  const width = table.columns.length;
  const name = `表「${table.title}」`;
  if (width === 0) throw new Error(`${name}没有列`);
  return {
    header: layoutGrid(table.header, width, headerSpan, `${name}表头`),
    body: layoutGrid(table.rows, width, cellSpan, name),
  };
}

export interface TocEntry {
  level: 1 | 2;
  text: string;
  id: string;
}

/** The 目录: level-1 and level-2 headings that carry an id, in document order. */
export function tocEntries(tree: DocumentTree): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const block of tree.blocks) {
    if (block.kind === 'heading' && block.id && (block.level === 1 || block.level === 2)) entries.push({ level: block.level, text: block.text, id: block.id });
  }
  return entries;
}

/** Notes as printed: the first line carries 注： unless it already starts with 注. */
export function noteLines(notes: string[]): string[] {
  return notes.map((note, i) => (i === 0 && !/^注/.test(note) ? `注：${note}` : note));
}

/**
 * Width of a text in ems of its font size: CJK and full-width forms 1 em, digits and Latin letters about 0.55 em.
 * Good enough to plan columns so that a 7-digit code or `12,345.67` stays on one line.
 */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef)) em += 1;
    else if (ch === ' ') em += 0.3;
    else if (ch === '.' || ch === ',') em += 0.3;
    else em += 0.55;
  }
  return em;
}

/** Padding of a cell (both sides together) in ems: Word's cell margins plus a little slack. */
export const CELL_PADDING_EM = 0.9;

/**
 * Column widths in ems for a table printed `totalEm` wide: the builder's relative widths, raised so that no code or
 * figure wraps and no name runs over three lines, the extra taken from columns with room to spare.
 */
export function planColumns(table: TableBlock, grid: TableGrid, totalEm: number): number[] {
  const columns = table.columns;
  const longest = columns.map(() => 0);
  const spanning: { col: number; colSpan: number; em: number }[] = [];
  for (const row of grid.body) {
    for (const placed of row) {
      const shown = cellDisplay(placed.item);
      const em = textEm(shown.text) + shown.indent;
      if (placed.colSpan === 1) longest[placed.col] = Math.max(longest[placed.col], em);
      else if (shown.noWrap) spanning.push({ col: placed.col, colSpan: placed.colSpan, em });
    }
  }
  const minimum = columns.map((c: ColumnSpec, i) => {
    switch (c.kind) {
      case 'code':
        // A column holding codes of its own fits 7 digits; 类/款/项 columns under one spanning code fit it together.
        return (longest[i] > 0 ? Math.max(longest[i], textEm('0000000')) : 1.5) + CELL_PADDING_EM;
      case 'amount':
      case 'rate':
      case 'count':
        return Math.max(longest[i], textEm('0.00')) + CELL_PADDING_EM;
      case 'name':
        return Math.max(Math.min(longest[i], 6), Math.ceil(longest[i] / 3)) + CELL_PADDING_EM;
      case 'text':
        return Math.max(Math.min(longest[i], 3), Math.ceil(longest[i] / 6)) + CELL_PADDING_EM;
    }
  });
  for (const s of spanning) {
    const have = minimum.slice(s.col, s.col + s.colSpan).reduce((a, b) => a + b, 0);
    const need = s.em + CELL_PADDING_EM;
    if (have < need) for (let c = s.col; c < s.col + s.colSpan; c += 1) minimum[c] += (need - have) / s.colSpan;
  }
  const relative = columns.reduce((sum, c) => sum + Math.max(c.width, 0), 0) || columns.length;
  let widths = columns.map((c, i) => Math.max(((Math.max(c.width, 0) || 1) / relative) * totalEm, minimum[i]));
  const excess = widths.reduce((a, b) => a + b, 0) - totalEm;
  if (excess > 1e-9) {
    const room = widths.map((w, i) => w - minimum[i]);
    const roomTotal = room.reduce((a, b) => a + b, 0);
    if (roomTotal >= excess) widths = widths.map((w, i) => w - (room[i] / roomTotal) * excess);
    else {
      const scale = totalEm / minimum.reduce((a, b) => a + b, 0);
      widths = minimum.map((m) => m * scale);
    }
  }
  return widths;
}

/** Table text size in points: 10 pt for narrow tables, 9 pt for wide or long ones (published tables use 9–10 pt). */
export function tableFontPt(table: TableBlock): number {
  // A long form (the 收支总表's 31 类 rows and more) prints at 9 pt so that it stays on one page, as published.
  return table.orientation === 'landscape' || table.columns.length > 6 || table.rows.length > 30 ? 9 : 10;
}

/** Estimated printed lines of a body row (the name that wraps most), given column widths in ems. */
export function rowLines(row: Placed<Cell>[], widthsEm: number[]): number {
  let lines = 1;
  for (const placed of row) {
    const width = widthsEm.slice(placed.col, placed.col + placed.colSpan).reduce((a, b) => a + b, 0) - CELL_PADDING_EM;
    const shown = cellDisplay(placed.item);
    if (shown.noWrap || width <= 0) continue;
    lines = Math.max(lines, Math.ceil((textEm(shown.text) + shown.indent) / width / Math.max(placed.rowSpan, 1)) || 1);
  }
  return lines;
}

export function headerLines(row: Placed<HeaderCell>[], widthsEm: number[]): number {
  let lines = 1;
  for (const placed of row) {
    const width = widthsEm.slice(placed.col, placed.col + placed.colSpan).reduce((a, b) => a + b, 0) - CELL_PADDING_EM;
    if (width <= 0) continue;
    lines = Math.max(lines, Math.ceil(textEm(placed.item.text) / width / placed.rowSpan) || 1);
  }
  return lines;
}

/** A4 text height in points between 2.5 cm top and bottom margins, for deciding to keep a table on one page. */
const TEXT_HEIGHT_PT = { portrait: 700, landscape: 453 } as const;

/**
 * Whether a table (with its title lines) takes at most three quarters of a page, so that it is kept on one page: a
 * CJK line is about 1.45 times the font size, plus cell padding; the title, number and 部门 lines about 80 pt. The
 * quarter left is for headings kept with it. A longer table splits, its header rows repeated.
 */
export function fitsOnPage(grid: TableGrid, widthsEm: number[], fontPt: number, orientation: 'portrait' | 'landscape'): boolean {
  const line = fontPt * 1.45 + 2.8;
  const lines = grid.header.reduce((sum, row) => sum + headerLines(row, widthsEm), 0) + grid.body.reduce((sum, row) => sum + rowLines(row, widthsEm), 0);
  return lines * line + 80 < TEXT_HEIGHT_PT[orientation] * 0.75;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
