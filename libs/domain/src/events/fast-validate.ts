import { ClassificationCatalogue } from '../catalogue/catalogue';
import {
  APPROPRIATION_STAGES,
  DEPARTMENT_CODE_PATTERN,
  ECONOMIC_CODE_5_PATTERN,
  ECONOMIC_CODE_PATTERN,
  EVENT_ID_PATTERN,
  EXPENDITURE_KINDS,
  FUNCTION_CODE_7_PATTERN,
  FUND_SOURCES,
  LOCAL_ID_PATTERN,
  PAYMENT_METHODS,
  PROCUREMENT_CATEGORIES,
} from '../codes';
import type { LedgerEvent } from './event-types';

/**
 * A hand-written structural check for the hot event types (指标 and 支付 events, ~all of an ingest), so the common
 * case skips class-validator/class-transformer. It answers only "certainly valid": the event itself, or null for
 * anything else (another type, any doubt, any problem), and then `validateEvent` runs the DTOs of event-dtos.ts,
 * which stay the contract and produce the problems. fast-validate.unit.spec.ts checks that both agree.
 * Mirrors: the DTOs with whitelist + forbidNonWhitelisted (IsOptional skips null), IsAmount, validator.js isLength,
 * the unstorable-text rule, the plain fiscal-year window of money events and the cross-field rules (SPEC §10, §11).
 */

/** NUL and lone surrogates cannot be stored as text (shared with validate-event.ts). */
export const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text without NUL, surrogates or variation selectors: storable, and isLength counts it as `.length`. */
const NEEDS_EXACT_SCAN = /[\u0000\ud800-\udfff\ufe0e\ufe0f]/;
/** LOCAL_ID_PATTERN without surrogates: certainly storable. */
const PLAIN_LOCAL_ID = /^[^\u0000-\u001f\u007f\ud800-\udfff]{1,128}$/;

const FUND_SOURCE_SET: ReadonlySet<unknown> = new Set(Object.keys(FUND_SOURCES));
const EXPENDITURE_KIND_SET: ReadonlySet<unknown> = new Set(Object.keys(EXPENDITURE_KINDS));
const STAGE_SET: ReadonlySet<unknown> = new Set(Object.keys(APPROPRIATION_STAGES));
const PAYMENT_METHOD_SET: ReadonlySet<unknown> = new Set(Object.keys(PAYMENT_METHODS));
const PROCUREMENT_CATEGORY_SET: ReadonlySet<unknown> = new Set(Object.keys(PROCUREMENT_CATEGORIES));

type Fields = Record<string, unknown>;

/** The fields each DTO whitelists (forbidNonWhitelisted): any other key sends the event to the DTOs. */
const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(['eventId', 'type', 'fiscalYear', 'departmentCode', 'occurredOn', 'source', 'data']);
const ISSUED_FIELDS: ReadonlySet<string> = new Set(['lineId', 'unitCode', 'functionCode', 'functionName', 'economicCode', 'economicName', 'fundSource', 'expenditureKind', 'projectCode', 'projectName', 'stage', 'amount', 'documentNo']);
const ADJUSTED_FIELDS: ReadonlySet<string> = new Set(['lineId', 'amount', 'reason', 'documentNo']);
const TRANSFERRED_FIELDS: ReadonlySet<string> = new Set(['fromLineId', 'toLineId', 'amount', 'reason', 'documentNo']);
const PAYMENT_FIELDS: ReadonlySet<string> = new Set(['lineId', 'amount', 'economicCode', 'economicName', 'payee', 'method', 'procurement']);
const PROCUREMENT_FIELDS: ReadonlySet<string> = new Set(['category', 'smeAwarded', 'smallMicroAwarded']);
const REVERSED_FIELDS: ReadonlySet<string> = new Set(['lineId', 'originalEventId', 'amount', 'reason']);

function hasOnlyKeys(value: Fields, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

export function fastAccept(raw: unknown, catalogue: ClassificationCatalogue): LedgerEvent | null {
  if (!isPlainObject(raw)) return null;
  if (!hasOnlyKeys(raw, ENVELOPE_FIELDS)) return null;
  const fiscalYear = raw.fiscalYear;
  if (typeof fiscalYear !== 'number' || !Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) return null;
  if (!isEventId(raw.eventId)) return null;
  const departmentCode = raw.departmentCode;
  if (typeof departmentCode !== 'string' || !DEPARTMENT_CODE_PATTERN.test(departmentCode)) return null;
  // Money events must fall inside their fiscal year (neither ANY_DATE_TYPES nor FOLLOWING_HALF_YEAR_TYPES).
  if (!isDateInYear(raw.occurredOn, fiscalYear)) return null;
  if (raw.source != null && !isText(raw.source, 1, 64)) return null;
  const data = raw.data;
  if (!isPlainObject(data)) return null;
  let ok: boolean;
  switch (raw.type) {
    case 'PaymentMade':
      ok = paymentMade(data, fiscalYear, catalogue);
      break;
    case 'AppropriationIssued':
      ok = appropriationIssued(data, fiscalYear, catalogue);
      break;
    case 'AppropriationAdjusted':
      ok = appropriationAdjusted(data);
      break;
    case 'AppropriationTransferred':
      ok = appropriationTransferred(data);
      break;
    case 'PaymentReversed':
      ok = paymentReversed(data);
      break;
    default:
      return null;
  }
  return ok ? (raw as unknown as LedgerEvent) : null;
}

function appropriationIssued(data: Fields, year: number, catalogue: ClassificationCatalogue): boolean {
  if (!hasOnlyKeys(data, ISSUED_FIELDS)) return false;
  const { functionCode, economicCode, projectCode, expenditureKind } = data;
  if (!isLocalId(data.lineId) || !isLocalId(data.unitCode)) return false;
  if (typeof functionCode !== 'string' || !FUNCTION_CODE_7_PATTERN.test(functionCode)) return false;
  if (economicCode != null && (typeof economicCode !== 'string' || !ECONOMIC_CODE_PATTERN.test(economicCode))) return false;
  if (!FUND_SOURCE_SET.has(data.fundSource) || !EXPENDITURE_KIND_SET.has(expenditureKind) || !STAGE_SET.has(data.stage)) return false;
  if (!isPositiveAmount(data.amount, false)) return false;
  if (!optionalText(data.functionName, 200) || !optionalText(data.economicName, 200) || !optionalText(data.projectName, 200)) return false;
  if (!optionalText(data.documentNo, 128)) return false;
  if (projectCode != null && !isLocalId(projectCode)) return false;
  // 项目支出 lines carry their project (a LocalId is never empty).
  if (expenditureKind === 'PROJECT' && projectCode == null) return false;
  const codes = codesFor(catalogue, year);
  if (!codes) return false;
  if (!codes.functionClasses[classIndex(functionCode)]) return false;
  return economicCode == null || codes.economics.has(economicCode as string);
}

function appropriationAdjusted(data: Fields): boolean {
  if (!hasOnlyKeys(data, ADJUSTED_FIELDS)) return false;
  return isLocalId(data.lineId) && isPositiveAmount(data.amount, true) && isText(data.reason, 1, 2000) && optionalText(data.documentNo, 128);
}

function appropriationTransferred(data: Fields): boolean {
  if (!hasOnlyKeys(data, TRANSFERRED_FIELDS)) return false;
  return (
    isLocalId(data.fromLineId) &&
    isLocalId(data.toLineId) &&
    data.fromLineId !== data.toLineId &&
    isPositiveAmount(data.amount, false) &&
    isText(data.reason, 1, 2000) &&
    optionalText(data.documentNo, 128)
  );
}

function paymentMade(data: Fields, year: number, catalogue: ClassificationCatalogue): boolean {
  if (!hasOnlyKeys(data, PAYMENT_FIELDS)) return false;
  const { economicCode, method, procurement } = data;
  if (!isLocalId(data.lineId) || !isPositiveAmount(data.amount, false)) return false;
  if (typeof economicCode !== 'string' || !ECONOMIC_CODE_5_PATTERN.test(economicCode)) return false;
  if (!optionalText(data.economicName, 200) || !optionalText(data.payee, 200)) return false;
  if (method != null && !PAYMENT_METHOD_SET.has(method)) return false;
  if (procurement != null && !isProcurement(procurement)) return false;
  const codes = codesFor(catalogue, year);
  return codes !== null && codes.economics.has(economicCode);
}

/** 政府采购 tags; a small/micro enterprise is an SME, so smallMicroAwarded true requires smeAwarded true (SPEC §11). */
function isProcurement(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (!hasOnlyKeys(value, PROCUREMENT_FIELDS)) return false;
  const { smeAwarded, smallMicroAwarded } = value;
  if (!PROCUREMENT_CATEGORY_SET.has(value.category)) return false;
  if (smeAwarded != null && typeof smeAwarded !== 'boolean') return false;
  if (smallMicroAwarded != null && typeof smallMicroAwarded !== 'boolean') return false;
  return smallMicroAwarded !== true || smeAwarded === true;
}

function paymentReversed(data: Fields): boolean {
  if (!hasOnlyKeys(data, REVERSED_FIELDS)) return false;
  return isLocalId(data.lineId) && isEventId(data.originalEventId) && isPositiveAmount(data.amount, false) && isText(data.reason, 1, 2000);
}

// ---- field formats ----

/** Plain objects only (arrays and class instances go to the DTO path). */
function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isEventId(value: unknown): boolean {
  return typeof value === 'string' && EVENT_ID_PATTERN.test(value);
}

/** LOCAL_ID_PATTERN (1..128 UTF-16 units, no control characters), storable. */
function isLocalId(value: unknown): boolean {
  return typeof value === 'string' && (PLAIN_LOCAL_ID.test(value) || (LOCAL_ID_PATTERN.test(value) && !UNSTORABLE_TEXT.test(value)));
}

function optionalText(value: unknown, max: number): boolean {
  return value == null || isText(value, 1, max);
}

/**
 * IsString + Length(min, max) as validator.js isLength counts (a surrogate pair is one character, and so is a
 * character followed by a variation selector U+FE0E/U+FE0F), and storable (no NUL, no lone surrogate).
 */
function isText(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string') return false;
  const units = value.length;
  if (!NEEDS_EXACT_SCAN.test(value)) return units >= min && units <= max;
  let length = units;
  for (let i = 0; i < units; i++) {
    const c = value.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      length--;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    } else if ((c === 0xfe0e || c === 0xfe0f) && i > 0) {
      const prev = value.charCodeAt(i - 1);
      if (prev !== 0xfe0e && prev !== 0xfe0f) length--;
    }
  }
  return length >= min && length <= max;
}

const DIGIT_0 = 48;
const DIGIT_1 = 49;
const DIGIT_9 = 57;
const MINUS = 45;
const DOT = 46;
/** Digits of the largest amount, 10^15 元 (money.ts: |amount| ≤ 10^17 分). */
const MAX_WHOLE_DIGITS = 16;

/**
 * IsAmount without allowZero: a JSON string of at most 24 characters matching AMOUNT_PATTERN
 * (`^-?[0-9]+(\.[0-9]{1,2})?$`, leading zeros allowed), not zero, |amount| ≤ 10^15 元, negative only when allowed.
 */
function isPositiveAmount(value: unknown, allowNegative: boolean): boolean {
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n === 0 || n > 24) return false;
  let i = 0;
  if (value.charCodeAt(0) === MINUS) {
    if (!allowNegative) return false;
    i = 1;
  }
  const wholeStart = i;
  let firstNonZero = -1;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) break;
    if (firstNonZero < 0 && c !== DIGIT_0) firstNonZero = i;
  }
  const wholeEnd = i;
  if (wholeEnd === wholeStart) return false;
  let fractionNonZero = false;
  if (i < n) {
    if (value.charCodeAt(i) !== DOT) return false;
    const fractionStart = ++i;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c < DIGIT_0 || c > DIGIT_9) return false;
      if (c !== DIGIT_0) fractionNonZero = true;
    }
    const fractionDigits = i - fractionStart;
    if (fractionDigits < 1 || fractionDigits > 2) return false;
  }
  if (firstNonZero < 0) return fractionNonZero;
  const wholeDigits = wholeEnd - firstNonZero;
  if (wholeDigits < MAX_WHOLE_DIGITS) return true;
  if (wholeDigits > MAX_WHOLE_DIGITS || fractionNonZero || value.charCodeAt(firstNonZero) !== DIGIT_1) return false;
  for (let j = firstNonZero + 1; j < wholeEnd; j++) if (value.charCodeAt(j) !== DIGIT_0) return false;
  return true;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD`, a real calendar date, in `year`. */
function isDateInYear(value: unknown, year: number): boolean {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== MINUS || value.charCodeAt(7) !== MINUS) return false;
  const y = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (y !== year || month < 1 || month > 12 || day < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** The number written by `count` ASCII digits at `start`, or -1. */
function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = value.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) return -1;
    n = n * 10 + (c - DIGIT_0);
  }
  return n;
}

// ---- catalogue look-ups without allocation ----

interface YearCodes {
  /** 1 for each 3-digit 类 of the function catalogue, indexed by its number. */
  functionClasses: Uint8Array;
  economics: ReadonlyMap<string, string>;
}

const STOCK_IS_KNOWN_FUNCTION = ClassificationCatalogue.prototype.isKnownFunctionCode;
const STOCK_IS_KNOWN_ECONOMIC = ClassificationCatalogue.prototype.isKnownEconomicCode;
const codesByCatalogue = new WeakMap<ClassificationCatalogue, Map<number, YearCodes>>();
let lastCatalogue: ClassificationCatalogue | null = null;
let lastYear = 0;
let lastCodes: YearCodes | null = null;

/** The catalogue's tables for a year, mirroring isKnownFunctionCode/isKnownEconomicCode; null for a catalogue with other rules. */
function codesFor(catalogue: ClassificationCatalogue, year: number): YearCodes | null {
  if (catalogue.isKnownFunctionCode !== STOCK_IS_KNOWN_FUNCTION || catalogue.isKnownEconomicCode !== STOCK_IS_KNOWN_ECONOMIC) return null;
  if (catalogue === lastCatalogue && year === lastYear) return lastCodes;
  let byYear = codesByCatalogue.get(catalogue);
  if (!byYear) codesByCatalogue.set(catalogue, (byYear = new Map()));
  let codes = byYear.get(year);
  if (!codes) {
    const functionClasses = new Uint8Array(1000);
    for (const code of catalogue.functions.forYear(year).keys()) if (/^[0-9]{3}$/.test(code)) functionClasses[Number(code)] = 1;
    codes = { functionClasses, economics: catalogue.economics.forYear(year) };
    byYear.set(year, codes);
  }
  lastCatalogue = catalogue;
  lastYear = year;
  lastCodes = codes;
  return codes;
}

/** The 类 (first three digits) of a 7-digit function code as a number. */
function classIndex(functionCode: string): number {
  return (functionCode.charCodeAt(0) - DIGIT_0) * 100 + (functionCode.charCodeAt(1) - DIGIT_0) * 10 + (functionCode.charCodeAt(2) - DIGIT_0);
}
