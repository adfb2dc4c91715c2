/**
 * Display of money in the browser (issue 6): the API writes 元 as decimal strings with two decimals (SPEC §1); the
 * dashboard shows 万元 with thousands separators, rounded half away from zero like the published tables (and like
 * formatWan of libs/domain), computed on integer 分 with BigInt — never through a float.
 */

const AMOUNT = /^(-?)([0-9]+)(?:\.([0-9]{1,2}))?$/;

/** "1234.5" → 123450n (分); null for anything that is not an amount string. */
export function yuanToFen(value: string | null | undefined): bigint | null {
  if (typeof value !== 'string') return null;
  const m = AMOUNT.exec(value.trim());
  if (!m) return null;
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** 1 万元 = 10 000 元 = 1 000 000 分, so 0.01 万元 = 10 000 分: 分 → hundredths of 万元, half away from zero. */
export function fenToWanHundredths(fen: bigint): bigint {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  let q = abs / 10_000n;
  if ((abs % 10_000n) * 2n >= 10_000n) q += 1n;
  return negative ? -q : q;
}

/** "12345678" → "12,345,678". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Writes an integer count of hundredths with two decimals and thousands separators: -123456n → "-1,234.56". */
function hundredthsText(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = groupThousands((abs / 100n).toString());
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative && abs !== 0n ? '-' : ''}${whole}.${cents}`;
}

/** "5334000.00" 元 → "533.40" 万元; "123456789.99" → "12,345.68"; "—" when there is no amount. */
export function formatWan(yuan: string | null | undefined): string {
  const fen = yuanToFen(yuan);
  return fen === null ? '—' : hundredthsText(fenToWanHundredths(fen));
}

/** "1234567.8" 元 → "1,234,567.80" (for tooltips and titles: the exact 元). */
export function formatYuan(yuan: string | null | undefined): string {
  const fen = yuanToFen(yuan);
  return fen === null ? '—' : hundredthsText(fen);
}

/** 分 → 元 with thousands separators: -12345n → "-123.45". */
export function formatFen(fen: bigint): string {
  return hundredthsText(fen);
}

/** 万元 as a plain number, for chart geometry only (the labels and tooltips use formatWan / formatYuan). */
export function wanForChart(yuan: string | null | undefined): number {
  const fen = yuanToFen(yuan);
  return fen === null ? 0 : Number(fenToWanHundredths(fen)) / 100;
}

/** Exact sum of decimal strings with at most two decimals (元, scores) → a string with two decimals. */
export function sumDecimals(values: Iterable<string | null | undefined>): string {
  let total = 0n;
  for (const v of values) total += yuanToFen(v) ?? 0n;
  return hundredthsText(total).replace(/,/g, '');
}

/** Exact difference a − b of two decimal strings (元, or percents with two decimals) → a string with two decimals; null when either is missing. */
export function subtractDecimals(a: string | null | undefined, b: string | null | undefined): string | null {
  const x = yuanToFen(a);
  const y = yuanToFen(b);
  return x === null || y === null ? null : hundredthsText(x - y).replace(/,/g, '');
}

/** A percent string of the API ("38.01", null) → "38.01%" or "—". */
export function formatPercent(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${value}%`;
}

/** A signed decimal with a typographic sign: "-1.99" → "−1.99"; "0.73" → "+0.73"; "0.00" → "0.00". */
export function formatSigned(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  return /^0(\.0+)?$/.test(digits) ? digits : `${negative ? '−' : '+'}${digits}`;
}
