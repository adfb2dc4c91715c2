import Decimal from 'decimal.js';

/**
 * Money is held as an exact integer number of 分 (fen) in a bigint — never a float (SPEC §1).
 * Amount strings are decimal 元 with at most two decimals; responses always write two decimals.
 */
export type Fen = bigint;

/** The amount format of SPEC §10: a JSON string, optional minus, at most two decimals. */
export const AMOUNT_PATTERN = /^-?[0-9]+(\.[0-9]{1,2})?$/;
/** Largest magnitude accepted: 10^15 元 (numeric(20,2) in PostgreSQL holds it with room to spare). */
const MAX_ABS_FEN = 10n ** 17n;

export function isAmountString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 24 && AMOUNT_PATTERN.test(value);
}

/** Parses a 元 string ("1234.5") to 分 (123450n), any size (stored sums too). Throws on anything else. */
export function parseYuan(value: string): Fen {
  // Hot path (every amount of every event, several times): a character scan; integers below 10^13 元 are summed
  // exactly as safe integers (< 2^53) before one BigInt; longer ones take the general path.
  const length = value.length;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let whole = 0;
  for (; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) throw new Error(`not an amount: ${JSON.stringify(value)}`);
    whole = whole * 10 + (c - 48);
  }
  const wholeDigits = i - start;
  let cents = 0;
  if (i < length) {
    const fracDigits = length - i - 1;
    const d1 = value.charCodeAt(i + 1) - 48;
    const d2 = fracDigits === 2 ? value.charCodeAt(i + 2) - 48 : 0;
    if (fracDigits < 1 || fracDigits > 2 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) throw new Error(`not an amount: ${JSON.stringify(value)}`);
    cents = d1 * 10 + d2;
  }
  if (wholeDigits === 0) throw new Error(`not an amount: ${JSON.stringify(value)}`);
  if (wholeDigits > 13) return parseLongYuan(value);
  const fen = BigInt(whole * 100 + cents);
  return start === 1 ? -fen : fen;
}

function parseLongYuan(value: string): Fen {
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  const [whole, frac = ''] = digits.split('.');
  const fen = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -fen : fen;
}

/** An event's amount is at most 10^15 元 (validation rule). */
export function isAmountInRange(value: string): boolean {
  const fen = parseYuan(value);
  return (fen < 0n ? -fen : fen) <= MAX_ABS_FEN;
}

/** A line's running totals stay well inside numeric(20,2) (10^18 元). */
export const MAX_LINE_TOTAL_FEN = 10n ** 19n;

/** Formats 分 as a 元 string with exactly two decimals: 123450n → "1234.50". */
export function formatYuan(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** 元 → 万元, rounded half-up (away from zero) to two decimals (SPEC §1, published tables' unit). */
export function formatWan(fen: Fen): string {
  return roundToCents(new Decimal(fen.toString()).div(1_000_000));
}

/** The standard note of every rendered table in 万元 (SPEC §1): rounded rows need not add up to the rounded total (尾差). */
export const TAIL_NOTE = '本表金额转换为万元时，因四舍五入可能存在尾差';

/** "2658.28" → "2,658.28": groups an exact decimal string as the published documents print amounts (never via a float). */
export function withThousands(decimal: string): string {
  const negative = decimal.startsWith('-');
  const [whole, frac] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** Rounds an exact decimal once, half-up, and writes exactly two decimals (decimal.js arithmetic, no float). */
export function roundToCents(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** A percentage rate numerator/denominator × 100, rounded once half-up to two decimals; null when the denominator is 0 (SPEC §1, §10). */
export function percent(numerator: Fen, denominator: Fen): string | null {
  if (denominator === 0n) return null;
  return roundToCents(new Decimal(numerator.toString()).mul(100).div(denominator.toString()));
}

export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}
