import { parseBusinessDate } from '@app/domain/dates';
import { formatYuan } from '@app/domain/money';

/**
 * Cell values of a treasury export (CSV text, or XLSX cells already turned into text by `xlsxCellText`) read as
 * SPEC §1 values: 元 amounts, business dates, codes with their names. Each parser answers the value or a Chinese
 * reason naming what was found, so a rejected row says exactly which cell was wrong.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Largest amount an event may carry: 10^15 元 (SPEC §10's validation rule). */
const MAX_FEN = 10n ** 17n;

/**
 * A 元 amount as exported: `1234.5`, `1,234.56`, `¥1,234.56`, `1234.56元`, ` 1 234.56 `. With `unit: 'wan'` the
 * cell is in 万元 (up to 6 decimals) and is converted exactly to 元. The result is a SPEC amount string (2 decimals),
 * strictly positive.
 */
export function parseAmountCell(text: string, unit: 'yuan' | 'wan' = 'yuan'): Parsed<string> {
  const shown = text.trim();
  if (shown === '') return fail('金额为空');
  const cleaned = shown.replace(/[\s,，¥￥]/g, '').replace(/(人民币)?元$/, '');
  const scale = unit === 'wan' ? 6 : 2;
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(cleaned);
  if (!m) return fail(`金额「${shown}」不是有效的数字`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return fail(`金额「${shown}」的小数超过 ${scale} 位（${unit === 'wan' ? '万元' : '元，精确到分'}）`);
  // The digits padded to the scale are 分 (元 × 10^2; 万元 × 10^6 = 分 too): integers, no float on the way.
  const fen = BigInt(m[2] + fraction.padEnd(scale, '0'));
  const signed = m[1] === '-' ? -fen : fen;
  if (signed <= 0n) return fail(`金额「${shown}」须大于 0`);
  if (signed > MAX_FEN) return fail(`金额「${shown}」超过上限（10^15 元）`);
  return ok(formatYuan(signed));
}

/** Excel's day 0 is 1899-12-30 (its serial 60 is the fictitious 1900-02-29, so later serials count from here). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * A business date as exported: `2024-03-15`, `2024/3/15`, `2024.3.15`, `20240315`, `2024年3月15日`, a date with a
 * time after it (`2024-03-15 10:22:33`), or an Excel serial day number (`45366`) from a cell that was not formatted
 * as a date.
 */
export function parseDateCell(text: string): Parsed<string> {
  const shown = text.trim();
  if (shown === '') return fail('日期为空');
  let y: number, mo: number, d: number;
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(shown);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(shown))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (/^\d{5}$/.test(shown) && Number(shown) >= 20_000 && Number(shown) <= 80_000) {
    const date = new Date(EXCEL_EPOCH_UTC + Number(shown) * 86_400_000);
    [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else return fail(`日期「${shown}」无法识别（应为 YYYY-MM-DD）`);
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!parseBusinessDate(iso)) return fail(`日期「${shown}」不是有效的日期`);
  return ok(iso);
}

/**
 * A code cell with an optional name: `2010301 行政运行`, `[2010301]行政运行`, `【2010301】行政运行`,
 * `2010301-行政运行`, `2010301`, or a code and name in one token `2010301行政运行`. The code is the leading run of
 * [A-Za-z0-9_.-]; a cell with no such run is all name (code null).
 */
export function splitCodeAndName(text: string): { code: string | null; name: string | null } {
  const shown = text.trim();
  const m = /^[[【(（]?\s*([A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+)*)\s*[\]】)）]?\s*[-—:：、]?\s*(.*)$/.exec(shown);
  if (!m) return { code: null, name: shown || null };
  return { code: m[1], name: m[2].trim() || null };
}

/** 支出功能分类科目 项 (7 digits) with its name. */
export function parseFunctionCell(text: string): Parsed<{ code: string; name: string | null }> {
  const shown = text.trim();
  if (shown === '') return fail('功能分类科目为空');
  const { code, name } = splitCodeAndName(shown);
  if (!code || !/^[0-9]{7}$/.test(code)) return fail(`功能分类科目「${shown}」须以 7 位项级科目编码开头（如 2010301 行政运行）`);
  return ok({ code, name });
}

/** 部门预算支出经济分类科目: 3-digit 类 or 5-digit 款 (`digits: 5` for a payment). */
export function parseEconomicCell(text: string, digits: 3 | 5 | 'any'): Parsed<{ code: string; name: string | null }> {
  const shown = text.trim();
  if (shown === '') return fail('经济分类科目为空');
  const { code, name } = splitCodeAndName(shown);
  const pattern = digits === 5 ? /^[0-9]{5}$/ : digits === 3 ? /^[0-9]{3}$/ : /^[0-9]{3}([0-9]{2})?$/;
  if (!code || !pattern.test(code)) {
    const wanted = digits === 5 ? '5 位款级编码（如 30201 办公费）' : digits === 3 ? '3 位类级编码' : '3 位类级或 5 位款级编码';
    return fail(`经济分类科目「${shown}」须以 ${wanted}开头`);
  }
  return ok({ code, name });
}

/** A unit or department code: the code part of `434001 某单位`, or the whole cell when it has no code part. */
export function parseOrgCell(text: string, what: string, pattern: RegExp): Parsed<string> {
  const shown = text.trim();
  if (shown === '') return fail(`${what}为空`);
  const { code } = splitCodeAndName(shown);
  const value = code ?? shown;
  if (!pattern.test(value)) return fail(`${what}「${shown}」不是有效的编码`);
  return ok(value);
}

/** A fiscal year cell: `2024`, `2024年`, `2024年度`. */
export function parseYearCell(text: string): Parsed<number> {
  const m = /^\s*(\d{4})\s*(年度?)?\s*$/.exec(text);
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2100) return fail(`年度「${text.trim()}」须为 2000–2100 的四位年份`);
  return ok(Number(m[1]));
}

/** Text normalised for comparing headers and enumeration values: no whitespace, half-width brackets, no `*` marks. */
export function normaliseLabel(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

/**
 * An enumeration cell (资金性质, 支出类型, 指标类型, 支付方式) looked up in a value map of the mapping, by the whole
 * text, then without a leading code (`1 一般公共预算`, `[11]一般公共预算`); the SPEC's own English values are accepted too.
 */
export function lookupEnum(text: string, values: Record<string, string>, allowed: readonly string[], what: string): Parsed<string> {
  const shown = text.trim();
  if (shown === '') return fail(`${what}为空`);
  const table = enumTable(values, allowed);
  const direct = table.get(normaliseLabel(shown));
  if (direct) return ok(direct);
  const { code, name } = splitCodeAndName(shown);
  const byName = code && name ? table.get(normaliseLabel(name)) : undefined;
  if (byName) return ok(byName);
  const known = Object.keys(values).slice(0, 8).join('、');
  return fail(`${what}「${shown}」无法识别（可用值如：${known}；可在 --mapping 中补充）`);
}

const enumTables = new WeakMap<Record<string, string>, Map<string, string>>();

/** A value map keyed by normalised label, built once per map (every row looks up four enumerations). */
function enumTable(values: Record<string, string>, allowed: readonly string[]): Map<string, string> {
  let table = enumTables.get(values);
  if (!table) {
    table = new Map<string, string>();
    for (const [label, value] of Object.entries(values)) table.set(normaliseLabel(label), value);
    for (const value of allowed) table.set(normaliseLabel(value), value);
    enumTables.set(values, table);
  }
  return table;
}

/**
 * An XLSX cell (exceljs value) as text: dates as YYYY-MM-DD (exceljs gives them in UTC), numbers through 15
 * significant digits (Excel's own precision: `123.45000000000002` from a formula reads as `123.45`), rich text,
 * formula results and hyperlinks by their text.
 */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}-${String(value.getUTCDate()).padStart(2, '0')}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return xlsxCellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.text !== undefined) return xlsxCellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}
