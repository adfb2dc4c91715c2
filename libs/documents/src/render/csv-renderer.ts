import type { Cell, TableBlock } from '../model/document-model';
import { placeholderText } from '../model/document-model';
import { amountDecimal, noteLines, tableGrid } from './common';

/**
 * The CSV writer of the document model (STYLE.md, "one model, one renderer per format"): one `TableBlock` → one CSV
 * file, as Excel and WPS open it with a double click. UTF-8 with a byte order mark (without it Excel reads GBK and
 * garbles every Chinese header), CRLF line ends, RFC 4180 quoting (a field holding a comma, a quote, CR or LF is
 * quoted, quotes doubled).
 *
 * Values are exact: an amount is its decimal string in the cell's unit (`1234.50`, no thousands separator, blank
 * when the tree asks for a blank zero), a rate or decimal its string, an unknown rate an empty field; codes are
 * written as they are. Merged header cells are unmerged as Excel does: the text in the first column or row of the
 * span, the covered fields empty.
 *
 * A text field beginning with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by a spreadsheet (payee or
 * project names come from posting systems): it is written behind an apostrophe, which Excel and WPS hide (OWASP
 * "CSV injection"). Amounts, rates and codes are never prefixed.
 */
export interface CsvOptions {
  /**
   * `true` (default): the table as a form prints it — number and title, the 部门 and 单位 lines above the header,
   * the 注 lines below — for a 公开表 a finance office reads. `false`: the header row(s) then the rows only, for a list
   * loaded into a spreadsheet or another system (the unit then belongs in the column headers, e.g. 预算数（元）).
   */
  caption?: boolean;
}

export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records → CSV text (CRLF after every record, the last included), without the BOM. */
export function csvRecords(records: readonly (readonly string[])[]): string {
  return records.map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}

/** A text a person or a posting system wrote: neutralised if a spreadsheet would read it as a formula. */
function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The exact value of a body cell as a CSV field. */
export function csvCellValue(cell: Cell): string {
  switch (cell.kind) {
    case 'text':
      return safeText(cell.text);
    case 'code':
      return cell.code;
    case 'amount':
      return cell.blankIfZero && cell.fen === 0n ? '' : amountDecimal(cell.fen, cell.unit);
    case 'rate':
    case 'decimal':
      return cell.value ?? '';
    case 'count':
      return String(cell.value);
    case 'placeholder':
      return placeholderText(cell.what);
    case 'empty':
      return '';
  }
}

/** Records of a table: each row `width` fields, spanned cells unmerged. */
function tableRecords(table: TableBlock): string[][] {
  const width = table.columns.length;
  const grid = tableGrid(table);
  const place = <T>(rows: { item: T; row: number; col: number }[][], value: (item: T) => string): string[][] => {
    const out = rows.map(() => new Array<string>(width).fill(''));
    for (const row of rows) for (const placed of row) out[placed.row][placed.col] = value(placed.item);
    return out;
  };
  return [...place(grid.header, (h) => safeText(h.text)), ...place(grid.body, csvCellValue)];
}

/** Renders one table of the model as a CSV file (UTF-8 with BOM, CRLF, RFC 4180). */
export function renderCsv(table: TableBlock, options: CsvOptions = {}): Buffer {
  const width = table.columns.length;
  const line = (...fields: string[]): string[] => [...fields, ...new Array<string>(Math.max(0, width - fields.length)).fill('')];
  const records: string[][] = [];
  const caption = options.caption ?? true;
  if (caption) {
    records.push(line(...[table.number, table.title].filter((t): t is string => !!t).map(safeText)));
    if (table.department || table.unitLabel) records.push(line(safeText(table.department ?? ''), safeText(table.unitLabel ?? '')));
  }
  records.push(...tableRecords(table));
  if (caption) for (const note of noteLines(table.notes)) records.push(line(safeText(note)));
  return Buffer.from(CSV_BOM + csvRecords(records), 'utf8');
}
