import ExcelJS from 'exceljs';
import type { Block, Cell, DocumentTree, Inline, TableBlock } from '../model/document-model';
import { placeholderText } from '../model/document-model';
import { amountDecimal, cellDisplay, headerLines, noteLines, percentShares, planColumns, rowLines, tableFontPt, tableGrid, textEm, tocEntries } from './common';

/**
 * The xlsx writer of the document model: a first sheet 「说明」 with the text of the tree (cover, headings,
 * paragraphs, the 目录 and the figures of the charts, so nothing is lost), then one sheet per table as the published
 * forms print it. Every amount is a number cell (the 万元 or 元 figure read from the exact decimal string) with the
 * format `#,##0.00`, rates `0.00`, counts integers, codes text; header merges, print titles, one page wide.
 */

const AMOUNT_FORMAT = '#,##0.00';
const RATE_FORMAT = '0.00';
const FONT = 'SimSun';
const HEI = 'SimHei';
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const PLACEHOLDER_FONT = { name: FONT, size: 10, bold: true, color: { argb: 'FFC00000' } };
const PLACEHOLDER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique (case-insensitive, as Excel compares them). */
class SheetNames {
  private readonly used = new Set<string>();
  take(wanted: string): string {
    const clean = wanted.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').trim() || '表';
    let name = clean.slice(0, 31);
    for (let i = 2; this.used.has(name.toLowerCase()); i += 1) name = `${clean.slice(0, 31 - `(${i})`.length)}(${i})`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

/**
 * Column widths: an Excel width unit is the width of a digit of the default font (Calibri 11, 7 px); a CJK character
 * of `pt` points is pt × 96/72 px. A4 printable width at 1.27 cm margins: 698 px portrait, 1026 px landscape.
 */
const PX_PER_UNIT = 7;
const emPx = (pt: number) => (pt * 96) / 72;
const PRINTABLE_PX = { portrait: 698, landscape: 1026 } as const;
/** Points of one printed line of text of `pt` points (CJK fonts are about 1.45 em high). */
const linePoints = (pt: number) => pt * 1.45 + 1;

function richText(content: Inline[], size: number, bold: boolean): ExcelJS.CellRichTextValue {
  return {
    richText: content.map((item) => {
      if (typeof item === 'string') return { text: item, font: { name: FONT, size, bold } };
      if ('placeholder' in item) return { text: placeholderText(item.placeholder), font: { ...PLACEHOLDER_FONT, size } };
      return { text: item.text, font: { name: FONT, size, bold: item.bold ?? bold } };
    }),
  };
}

function inlineText(content: Inline[]): string {
  return content.map((i) => (typeof i === 'string' ? i : 'placeholder' in i ? placeholderText(i.placeholder) : i.text)).join('');
}

/** Number of decimals of an exact decimal string ("12.25" → 2). */
const decimals = (value: string) => (value.includes('.') ? value.split('.')[1].length : 0);

function writeCell(target: ExcelJS.Cell, cell: Cell, size: number): void {
  const shown = cellDisplay(cell);
  const font: Partial<ExcelJS.Font> = { name: FONT, size, bold: shown.bold };
  target.font = font;
  target.border = BORDER;
  target.alignment = { horizontal: shown.align, vertical: 'middle', wrapText: !shown.noWrap, indent: shown.indent || undefined };
  switch (cell.kind) {
    case 'amount':
      target.numFmt = AMOUNT_FORMAT;
      target.value = cell.blankIfZero && cell.fen === 0n ? null : Number(amountDecimal(cell.fen, cell.unit));
      break;
    case 'rate':
      if (cell.value === null) target.value = '-';
      else {
        target.numFmt = RATE_FORMAT;
        target.value = Number(cell.value);
      }
      break;
    case 'decimal':
      if (cell.value !== null) {
        const places = decimals(cell.value);
        target.numFmt = places === 0 ? '0' : `0.${'0'.repeat(places)}`;
        target.value = Number(cell.value);
      }
      break;
    case 'count':
      target.numFmt = '0';
      target.value = cell.value;
      break;
    case 'code':
      target.numFmt = '@';
      target.value = cell.code;
      break;
    case 'placeholder':
      target.value = shown.text;
      target.font = { ...PLACEHOLDER_FONT, size };
      target.fill = PLACEHOLDER_FILL;
      break;
    case 'text':
      target.value = cell.text;
      break;
    case 'empty':
      break;
  }
}

function tableSheet(book: ExcelJS.Workbook, name: string, table: TableBlock): void {
  const grid = tableGrid(table);
  const width = table.columns.length;
  const fontPt = tableFontPt(table);
  const widthsEm = planColumns(table, grid, PRINTABLE_PX[table.orientation] / emPx(fontPt));
  const sheet = book.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: table.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.columns = widthsEm.map((w) => ({ width: Math.round(((w * emPx(fontPt)) / PX_PER_UNIT) * 10) / 10 }));

  const titleRow = sheet.addRow([table.title]);
  sheet.mergeCells(titleRow.number, 1, titleRow.number, width);
  titleRow.getCell(1).font = { name: HEI, size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 30;

  if (table.number) {
    const row = sheet.addRow([]);
    const cell = row.getCell(width);
    cell.value = table.number;
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { horizontal: 'right' };
  }
  if (table.department || table.unitLabel) {
    const row = sheet.addRow([]);
    if (width === 1) row.getCell(1).value = [table.department, table.unitLabel].filter(Boolean).join('　');
    else {
      row.getCell(1).value = table.department ?? '';
      if (width > 2) sheet.mergeCells(row.number, 1, row.number, width - 1);
      row.getCell(width).value = table.unitLabel ?? '';
      row.getCell(width).alignment = { horizontal: 'right' };
    }
    row.getCell(1).font = { name: FONT, size: 10 };
    row.getCell(width).font = { name: FONT, size: 10 };
  }

  const headerStart = sheet.rowCount + 1;
  for (const placedRow of grid.header) {
    const row = sheet.addRow([]);
    row.height = Math.max(1, headerLines(placedRow, widthsEm)) * linePoints(fontPt) + 6;
  }
  for (const placedRow of grid.header) {
    for (const placed of placedRow) {
      const top = headerStart + placed.row;
      const left = placed.col + 1;
      if (placed.colSpan > 1 || placed.rowSpan > 1) sheet.mergeCells(top, left, top + placed.rowSpan - 1, left + placed.colSpan - 1);
      const cell = sheet.getCell(top, left);
      cell.value = placed.item.text;
      cell.font = { name: FONT, size: fontPt, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
  }
  const headerEnd = headerStart + grid.header.length - 1;
  // Borders on every header position (merged cells show the top-left cell's, Excel and LibreOffice draw the rest).
  for (let r = headerStart; r <= headerEnd; r += 1) for (let c = 1; c <= width; c += 1) sheet.getCell(r, c).border = BORDER;

  const bodyStart = headerEnd + 1;
  for (const placedRow of grid.body) {
    const row = sheet.addRow([]);
    const lines = rowLines(placedRow, widthsEm);
    if (lines > 1) row.height = lines * linePoints(fontPt) + 4;
  }
  for (const placedRow of grid.body) {
    for (const placed of placedRow) {
      const top = bodyStart + placed.row;
      const left = placed.col + 1;
      if (placed.colSpan > 1 || placed.rowSpan > 1) sheet.mergeCells(top, left, top + placed.rowSpan - 1, left + placed.colSpan - 1);
      writeCell(sheet.getCell(top, left), placed.item, fontPt);
      for (let r = top; r < top + placed.rowSpan; r += 1) for (let c = left; c < left + placed.colSpan; c += 1) sheet.getCell(r, c).border = BORDER;
    }
  }

  for (const line of noteLines(table.notes)) {
    const row = sheet.addRow([line]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { name: FONT, size: fontPt };
    row.getCell(1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    const lineEm = widthsEm.reduce((a, b) => a + b, 0);
    const lines = Math.ceil(textEm(line) / Math.max(lineEm - 1, 1));
    if (lines > 1) row.height = lines * linePoints(fontPt) + 2;
  }

  sheet.pageSetup.printTitlesRow = `${headerStart}:${headerEnd}`;
  sheet.views = [{ state: 'frozen', ySplit: headerEnd, xSplit: 0, showGridLines: false }];
}

/** The text of the tree on the first sheet: cover, headings, paragraphs, the 目录, where each table and chart went. */
function descriptionSheet(book: ExcelJS.Workbook, name: string, tree: DocumentTree, sheetOf: Map<TableBlock, string>): void {
  const sheet = book.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // One column as wide as the printable page; rows as high as their wrapped text.
  sheet.columns = [{ width: Math.floor((PRINTABLE_PX.portrait * 0.92) / PX_PER_UNIT) }];
  const perLine = (PRINTABLE_PX.portrait * 0.92) / emPx(11) - 3;
  const add = (value: ExcelJS.CellValue, font: Partial<ExcelJS.Font>, align: 'left' | 'center' | 'right' = 'left', indent = 0) => {
    const row = sheet.addRow([value]);
    const cell = row.getCell(1);
    cell.font = { name: FONT, size: 11, ...font };
    cell.alignment = { horizontal: align, vertical: 'top', wrapText: true, indent: indent || undefined };
    const text = typeof value === 'string' ? value : value && typeof value === 'object' && 'richText' in value ? value.richText.map((r) => r.text).join('') : '';
    const size = font.size ?? 11;
    const lines = Math.ceil((textEm(text) * size) / 11 / (perLine - indent));
    if (lines > 1 || size > 11) row.height = Math.max(lines, 1) * linePoints(size) + 4;
    return cell;
  };
  for (const line of tree.cover ?? [tree.title]) add(line, { name: HEI, size: 16, bold: true }, 'center');
  if (tree.banner) add(tree.banner, { size: 11 }, 'center');
  sheet.addRow([]);
  for (const block of tree.blocks as Block[]) {
    switch (block.kind) {
      case 'heading':
        add(block.text, { name: HEI, size: { 1: 14, 2: 12, 3: 11 }[block.level], bold: true }, block.align === 'center' ? 'center' : 'left');
        break;
      case 'paragraph':
        add(block.content.some((i) => typeof i === 'object' && 'placeholder' in i) ? richText(block.content, 11, false) : inlineText(block.content), {}, block.align ?? 'left', block.indent ? 2 : 0);
        break;
      case 'toc':
        add(block.title, { name: HEI, size: 14, bold: true }, 'center');
        for (const entry of tocEntries(tree)) add(entry.text, { bold: entry.level === 1 }, 'left', entry.level === 1 ? 0 : 2);
        break;
      case 'table': {
        const sheetName = sheetOf.get(block.table)!;
        const cell = add(`${block.table.number ? `${block.table.number} ` : ''}${block.table.title}：见工作表「${sheetName}」`, { color: { argb: 'FF0563C1' }, underline: true }, 'left', 2);
        cell.value = { text: cell.text, hyperlink: `#'${sheetName.replace(/'/g, "''")}'!A1` };
        break;
      }
      case 'chart': {
        add(`图：${block.chart.title}`, { bold: true }, 'left', 2);
        for (const series of block.chart.series) {
          const shares = block.chart.type === 'pie' ? percentShares(series.data.map((d) => d.fen)) : null;
          series.data.forEach((d, i) => {
            const share = shares ? `，${shares[i] ?? '-'}%` : '';
            add(`${block.chart.series.length > 1 ? `${series.name} ` : ''}${d.label}：${cellDisplay({ kind: 'amount', fen: d.fen, unit: 'wan' }).text}万元${share}`, {}, 'left', 4);
          });
        }
        break;
      }
      case 'pageBreak':
        break;
    }
  }
}

export async function renderXlsx(tree: DocumentTree): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'budget-execution-tracker';
  book.title = tree.title;
  const names = new SheetNames();
  const description = names.take('说明');
  const sheetOf = new Map<TableBlock, string>();
  const tables = tree.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
  for (const table of tables) sheetOf.set(table, names.take(table.number ?? table.sheetName ?? table.title));
  descriptionSheet(book, description, tree, sheetOf);
  for (const table of tables) tableSheet(book, sheetOf.get(table)!, table);
  return Buffer.from(await book.xlsx.writeBuffer());
}
