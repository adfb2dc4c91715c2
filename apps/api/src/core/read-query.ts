import { daysInMonth, LOCAL_ID_PATTERN, parseBusinessDate } from '@app/domain';
import { ApiError } from './api-error';

/**
 * Strict query parameters of the read routes (SPEC §4, §13; issue 13): a read answers exactly what was asked or
 * refuses with 400 `VALIDATION_FAILED` naming the parameter and what it accepts — an unknown parameter (`?asof=`), a
 * repeated one (`?asOf=a&asOf=b`), a malformed value or an unsupported `format` is never silently ignored.
 *
 * Every read accepts `knownAt` (an RFC 3339 instant) and `format=json`; `asOf` where the route declares it (the
 * department-year reads do); the rest is per route:
 *
 *   const q = readQuery(query, { formats: ['csv'], params: { groupBy: oneOf(GROUP_BY) } });
 *   q.asOf      // 'YYYY-MM-DD' | undefined
 *   q.knownAt   // Date | undefined
 *   q.format    // 'json' | 'csv'
 *   q.params.groupBy // 'department' | … | undefined
 */

/** A parameter's rule: what a valid value looks like (Chinese, for the message) and its typed value. */
export interface Param<T> {
  /** e.g. 「department、unit、function、project、line 之一」: completes 「groupBy 须为…」. */
  readonly describe: string;
  /** The values a client may send, when they are a closed list (for `problems[].allowed`). */
  readonly allowed?: readonly string[];
  /** An empty value (`?projectCode=`) means "not given" instead of malformed (a cleared filter). */
  readonly emptyIsAbsent?: boolean;
  /** The typed value, or `undefined` when `value` is malformed. */
  parse(value: string): T | undefined;
  /**
   * The same rule as a JSON Schema for the OpenAPI description (`@ApiReadQuery`, apps/api/src/openapi): type, bounds,
   * pattern, format. `allowed` becomes its `enum`.
   */
  readonly schema?: ParamSchema;
}

/** What the OpenAPI description says of a query parameter's value (a subset of JSON Schema). */
export interface ParamSchema {
  type: 'string' | 'integer';
  format?: 'date' | 'date-time';
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

type ParamValue<P> = P extends Param<infer T> ? T : never;

/** One of a closed list of values. */
export function oneOf<const V extends string>(values: readonly V[]): Param<V> {
  return {
    describe: `${values.join('、')} 之一`,
    allowed: values,
    schema: { type: 'string' },
    parse: (value) => (values as readonly string[]).includes(value) ? (value as V) : undefined,
  };
}

/** A project, line or unit code filter (the events' own id rule: 1..128 characters, no control characters). */
export const localId: Param<string> = {
  describe: '1–128 个字符的编码（不含控制字符）',
  emptyIsAbsent: true,
  schema: { type: 'string', maxLength: 128, pattern: LOCAL_ID_PATTERN.source },
  parse: (value) => (LOCAL_ID_PATTERN.test(value) ? value : undefined),
};

/** A list length cap: an integer 1..max written in plain digits. */
export function limit(max = 10_000): Param<number> {
  return {
    describe: `1–${max} 的整数`,
    schema: { type: 'integer', minimum: 1, maximum: max },
    parse: (value) => {
      if (!/^[1-9]\d{0,5}$/.test(value)) return undefined;
      const n = Number(value);
      return n <= max ? n : undefined;
    },
  };
}

/** A fiscal year: four digits, 2000–2100. */
export const year: Param<number> = {
  describe: '2000–2100 的四位年份，如 2023',
  schema: { type: 'integer', minimum: 2000, maximum: 2100 },
  parse: (value) => {
    if (!/^\d{4}$/.test(value)) return undefined;
    const n = Number(value);
    return n >= 2000 && n <= 2100 ? n : undefined;
  },
};

/** A business date `YYYY-MM-DD` that exists in the calendar (SPEC §1). */
export const businessDate: Param<string> = {
  describe: '有效日期 YYYY-MM-DD，如 2023-06-30',
  schema: { type: 'string', format: 'date' },
  parse: (value) => (parseBusinessDate(value) ? value : undefined),
};

/**
 * RFC 3339 §5.6 date-time: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, `T` and `Z` in either case. The offset is required
 * (an instant, not a wall-clock time). A `+` sent unencoded in a URL arrives as a space (form decoding); a space
 * exactly where the offset's sign belongs has no other reading, so it is taken as `+`.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+\- ])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 instant strictly (real calendar date, hours 0–23, offset within ±23:59); `undefined` if not. */
export function parseInstant(value: string): Date | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000);
}

/** `knownAt`: an RFC 3339 instant (SPEC §13). */
export const instant: Param<Date> = {
  describe: 'RFC 3339 时刻（须带时区），如 2026-07-01T09:00:00+08:00 或 2026-07-01T01:00:00Z',
  schema: { type: 'string', format: 'date-time' },
  parse: parseInstant,
};

export interface ReadQueryOptions<P extends Record<string, Param<unknown>>, F extends string> {
  /** Whether the route reads `?asOf=YYYY-MM-DD` (default true: the department-year reads of SPEC §4). */
  asOf?: boolean;
  /** Formats besides `json` (always accepted, the default), e.g. `['csv', 'xlsx']`. */
  formats?: readonly F[];
  /** The route's own parameters. */
  params?: P;
  /** Parameters of `params` the route cannot answer without. */
  required?: readonly (keyof P & string)[];
  /**
   * Parameters that mean something for some formats only (`?unit=` for json and csv, not for a document always
   * printed in 万元): sent with another format they are refused, never silently ignored.
   */
  onlyFor?: { readonly [K in keyof P]?: readonly ('json' | F)[] };
}

/**
 * A route's query rule, declared once as a constant: `readQuery(query, SPEC)` validates with it and
 * `@ApiReadQuery(SPEC, …)` describes it in the OpenAPI document, so the two cannot drift. (An identity function: it
 * only keeps the literal types of `formats` and `params`.)
 */
export function querySpec<P extends Record<string, Param<unknown>> = Record<never, never>, const F extends string = never>(
  options: ReadQueryOptions<P, F>,
): ReadQueryOptions<P, F> {
  return options;
}

export interface ReadQuery<P extends Record<string, Param<unknown>>, F extends string> {
  /** `YYYY-MM-DD` or undefined (everything). */
  asOf: string | undefined;
  /** Only events appended to the event store by this instant (SPEC §13), or undefined (everything). */
  knownAt: Date | undefined;
  /** The `knownAt` text as sent (validated), for a caller that wants sub-millisecond precision in SQL. */
  knownAtText: string | undefined;
  format: 'json' | F;
  params: { [K in keyof P]: ParamValue<P[K]> | undefined };
}

/** One refusal of a query parameter (the `problems` of the 400). */
export interface QueryProblem {
  path: string;
  message: string;
  allowed?: readonly string[];
}

/** How a received value is echoed in a message: short, one line. */
function shown(value: string): string {
  const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

/** Throws the 400 of a refused query parameter (for a rule a controller checks itself, e.g. one depending on two). */
export function refuseQuery(problems: QueryProblem[]): never {
  throw new ApiError(400, 'VALIDATION_FAILED', `查询参数错误：${problems.map((p) => p.message).join('；')}`, problems);
}

/** Parses a read route's query (`req.query`, as Express decoded it) or throws 400 `VALIDATION_FAILED` naming every problem. */
export function readQuery<P extends Record<string, Param<unknown>> = Record<never, never>, F extends string = never>(
  query: unknown,
  options: ReadQueryOptions<P, F> = {},
): ReadQuery<P, F> {
  const formats = ['json', ...(options.formats ?? [])] as ('json' | F)[];
  const rules: Record<string, Param<unknown>> = {
    ...(options.asOf === false ? {} : { asOf: businessDate }),
    knownAt: instant,
    format: { ...oneOf(formats), describe: `${formats.join('、')} 之一` },
    ...(options.params ?? {}),
  };
  const names = Object.keys(rules);
  const problems: QueryProblem[] = [];
  const values: Record<string, unknown> = {};
  const entries = typeof query === 'object' && query !== null ? Object.entries(query as Record<string, unknown>) : [];

  for (const [name, raw] of entries) {
    const rule = Object.prototype.hasOwnProperty.call(rules, name) ? rules[name] : undefined;
    if (!rule) {
      const near = names.find((n) => n.toLowerCase() === name.toLowerCase());
      problems.push({
        path: name,
        message: `不支持的参数 ${shown(name)}${near ? `（是否应为 ${near}？参数名区分大小写）` : ''}；此接口可用的参数：${names.join('、')}`,
        allowed: names,
      });
      continue;
    }
    if (typeof raw !== 'string') {
      problems.push({ path: name, message: `参数 ${name} 只能出现一次，且须为单个值（${rule.describe}）` });
      continue;
    }
    if (raw === '' && rule.emptyIsAbsent) continue;
    const value = rule.parse(raw);
    if (value === undefined) {
      problems.push({ path: name, message: `${name} 须为${rule.describe}（收到 ${raw === '' ? '空值' : shown(raw)}）`, ...(rule.allowed ? { allowed: rule.allowed } : {}) });
      continue;
    }
    values[name] = value;
  }
  const format = (values.format as string | undefined) ?? 'json';
  for (const [name, formatsOfParam] of Object.entries(options.onlyFor ?? {}) as [string, readonly string[]][]) {
    if (values[name] !== undefined && !formatsOfParam.includes(format)) {
      problems.push({ path: name, message: `参数 ${name} 不适用于 format=${format}，仅用于 format=${formatsOfParam.join('、')}` });
    }
  }
  for (const name of options.required ?? []) {
    if (values[name] === undefined && !problems.some((p) => p.path === name)) {
      problems.push({ path: name, message: `缺少参数 ${name}（${rules[name].describe}）` });
    }
  }
  if (problems.length) refuseQuery(problems);

  const params = {} as Record<string, unknown>;
  for (const name of Object.keys(options.params ?? {})) params[name] = values[name];
  // A space where the offset's sign belongs was a `+` (see RFC3339 above).
  const knownAtText = values.knownAt === undefined ? undefined : (query as Record<string, string>).knownAt.replace(' ', '+');
  return {
    asOf: values.asOf as string | undefined,
    knownAt: values.knownAt as Date | undefined,
    knownAtText,
    format: (values.format as 'json' | F | undefined) ?? 'json',
    params: params as ReadQuery<P, F>['params'],
  };
}
