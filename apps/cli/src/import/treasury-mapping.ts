import { createHash } from 'node:crypto';
import { APPROPRIATION_STAGES, DEPARTMENT_CODE_PATTERN, EVENT_ID_PATTERN, EXPENDITURE_KINDS, FUND_SOURCES, LOCAL_ID_PATTERN, PAYMENT_METHODS } from '@app/domain/codes';
import {
  lookupEnum,
  normaliseLabel,
  parseAmountCell,
  parseDateCell,
  parseEconomicCell,
  parseFunctionCell,
  parseOrgCell,
  parseYearCell,
} from './cell-values';

/**
 * How a treasury export (国库集中支付系统 / 预算管理一体化系统: 指标 and 支付 lists, CSV or XLSX) becomes SPEC §2 events.
 * A row of a 指标 list is one `AppropriationIssued`; a row of a 支付 list is one `PaymentMade`. Everything here is
 * data: `budget import --print-mapping` prints `DEFAULT_MAPPING` as JSON, and `--mapping FILE` merges a JSON file
 * over it (objects merged key by key, lists replaced), so another system's column names or value labels need no code.
 */
export type TreasuryKind = 'appropriation' | 'payment';

export interface KindMapping {
  /** A header naming any of these columns marks a file as this kind (when `--kind` is not given). */
  detect: string[];
  /** Field → the header names it may have, first found wins (compared without spaces, brackets half-width). */
  columns: Record<string, string[]>;
  /** Fields that must have a column. */
  required: string[];
  /**
   * Fields whose values identify a row (its eventId, so a re-run is DUPLICATE): e.g. the 支付凭证号. When one of them
   * is empty on a row, the row's whole mapped content identifies it instead.
   */
  identity: string[];
}

export interface ImportMapping {
  /** The events' `source` (SPEC §2: the posting system). */
  source: string;
  /** Unit of the amount column: `yuan` (元) or `wan` (万元, converted exactly to 元). */
  amountUnit: 'yuan' | 'wan';
  /**
   * Fields of a line's derived lineId when the file has no lineId column (指标编号): payments find their 指标 by the
   * same fields. `economic` in the list also makes it one of the line's attributes.
   */
  lineKey: string[];
  /** Value labels of the enumerations, Chinese → SPEC value. */
  values: {
    fundSource: Record<string, string>;
    expenditureKind: Record<string, string>;
    stage: Record<string, string>;
    method: Record<string, string>;
  };
  /** Values used when a row has no such column or an empty cell. */
  defaults: { stage?: string; method?: string };
  appropriation: KindMapping;
  payment: KindMapping;
}

const LINE_COLUMNS = {
  department: ['部门编码', '主管部门编码', '一级预算单位编码', '主管部门', '部门'],
  year: ['预算年度', '年度'],
  lineId: ['指标编号', '指标ID', '指标id', '指标明细编号'],
  unit: ['预算单位编码', '单位编码', '预算单位代码', '预算单位'],
  function: ['功能分类科目', '支出功能分类科目', '功能分类', '功能科目', '功能分类编码'],
  economic: ['经济分类科目', '部门预算支出经济分类科目', '经济分类', '经济科目', '经济分类编码'],
  fundSource: ['资金性质', '资金来源'],
  expenditureKind: ['支出类型', '支出类别', '支出分类'],
  projectCode: ['项目代码', '项目编码', '项目编号'],
  amount: ['金额', '金额(元)', '指标金额', '下达金额', '支付金额', '本次支付金额'],
};

export const DEFAULT_MAPPING: ImportMapping = {
  source: 'treasury-import',
  amountUnit: 'yuan',
  lineKey: ['unit', 'function', 'fundSource', 'expenditureKind', 'projectCode'],
  values: {
    fundSource: {
      一般公共预算: 'GENERAL_BUDGET',
      一般公共预算资金: 'GENERAL_BUDGET',
      公共财政预算: 'GENERAL_BUDGET',
      一般预算: 'GENERAL_BUDGET',
      政府性基金预算: 'GOV_FUND',
      政府性基金预算资金: 'GOV_FUND',
      政府性基金: 'GOV_FUND',
      国有资本经营预算: 'STATE_CAPITAL',
      国有资本经营预算资金: 'STATE_CAPITAL',
      财政专户管理资金: 'SPECIAL_ACCOUNT',
      财政专户: 'SPECIAL_ACCOUNT',
      单位资金: 'UNIT_FUNDS',
    },
    expenditureKind: {
      基本支出: 'BASIC',
      项目支出: 'PROJECT',
      上缴上级支出: 'REMIT_TO_HIGHER',
      经营支出: 'OPERATING',
      对附属单位补助支出: 'SUBSIDY_TO_SUBSIDIARY',
    },
    stage: {
      年初预算: 'INITIAL',
      年初指标: 'INITIAL',
      年初: 'INITIAL',
      追加: 'SUPPLEMENTARY',
      追加预算: 'SUPPLEMENTARY',
      追加指标: 'SUPPLEMENTARY',
      预算追加: 'SUPPLEMENTARY',
      上年结转: 'CARRY_IN',
      上年结转指标: 'CARRY_IN',
      结转: 'CARRY_IN',
      结转指标: 'CARRY_IN',
    },
    method: { 直接支付: 'DIRECT', 直接: 'DIRECT', 授权支付: 'AUTHORIZED', 授权: 'AUTHORIZED' },
  },
  defaults: { stage: 'INITIAL' },
  appropriation: {
    detect: ['指标文号', '指标编号', '下达日期'],
    columns: {
      ...LINE_COLUMNS,
      documentNo: ['指标文号', '文号', '发文文号'],
      projectName: ['项目名称'],
      date: ['下达日期', '指标日期', '发文日期', '日期'],
      stage: ['指标类型', '指标来源', '预算类型', '指标种类'],
    },
    required: ['unit', 'function', 'fundSource', 'expenditureKind', 'amount', 'date'],
    identity: ['documentNo', 'lineId', 'stage'],
  },
  payment: {
    detect: ['支付凭证号', '支付日期', '收款人', '收款人全称'],
    columns: {
      ...LINE_COLUMNS,
      voucherNo: ['支付凭证号', '凭证号', '支付令号', '支付申请号', '凭证编号'],
      date: ['支付日期', '清算日期', '日期'],
      payee: ['收款人', '收款人全称', '收款人名称', '收款单位'],
      method: ['支付方式', '支付类型'],
    },
    required: ['unit', 'function', 'economic', 'fundSource', 'expenditureKind', 'amount', 'date'],
    identity: ['voucherNo'],
  },
};

/** Field names (English) with the Chinese column name used in messages. */
const FIELD_LABELS: Record<string, string> = {
  department: '部门编码',
  year: '预算年度',
  lineId: '指标编号',
  unit: '预算单位',
  function: '功能分类科目',
  economic: '经济分类科目',
  fundSource: '资金性质',
  expenditureKind: '支出类型',
  projectCode: '项目代码',
  projectName: '项目名称',
  amount: '金额',
  documentNo: '指标文号',
  date: '日期',
  stage: '指标类型',
  voucherNo: '支付凭证号',
  payee: '收款人',
  method: '支付方式',
};
export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

export const KIND_LABELS: Record<TreasuryKind, string> = { appropriation: '指标', payment: '支付' };

/** Merges a mapping file's JSON over the defaults: objects key by key, lists and scalars replaced. */
export function mergeMapping(base: ImportMapping, override: unknown): ImportMapping {
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === undefined) return a;
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
      for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v);
      return out;
    }
    return b;
  };
  const merged = merge(base, override) as ImportMapping;
  const problems = checkMapping(merged);
  if (problems.length) throw new MappingError(`映射文件有误：${problems.join('；')}`);
  return merged;
}

export class MappingError extends Error {}

function checkMapping(m: ImportMapping): string[] {
  const problems: string[] = [];
  const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (typeof m.source !== 'string' || m.source.length < 1 || m.source.length > 64) problems.push('source 须为 1–64 个字符');
  if (m.amountUnit !== 'yuan' && m.amountUnit !== 'wan') problems.push('amountUnit 须为 "yuan" 或 "wan"');
  if (!isStrings(m.lineKey) || m.lineKey.length === 0) problems.push('lineKey 须为字段名列表');
  for (const kind of ['appropriation', 'payment'] as const) {
    const k = m[kind];
    if (!k || typeof k !== 'object') {
      problems.push(`${kind} 缺失`);
      continue;
    }
    if (!isStrings(k.detect)) problems.push(`${kind}.detect 须为列名列表`);
    if (!isStrings(k.required)) problems.push(`${kind}.required 须为字段名列表`);
    if (!isStrings(k.identity)) problems.push(`${kind}.identity 须为字段名列表`);
    if (!k.columns || typeof k.columns !== 'object') problems.push(`${kind}.columns 须为对象`);
    else for (const [field, names] of Object.entries(k.columns)) if (!isStrings(names)) problems.push(`${kind}.columns.${field} 须为列名列表`);
  }
  for (const [name, table] of Object.entries(m.values ?? {})) {
    if (!table || typeof table !== 'object' || Object.values(table).some((v) => typeof v !== 'string')) problems.push(`values.${name} 须为「中文名称: 取值」对象`);
  }
  return problems;
}

/** Where each field's column is in a header row. */
export interface ResolvedHeader {
  kind: TreasuryKind;
  /** Field → column index. */
  index: Map<string, number>;
}

/** Finds the kind of a header row (`--kind` wins): 支付 first, since a 支付 list often also names the 指标文号. */
export function detectKind(header: string[], mapping: ImportMapping): TreasuryKind | null {
  const names = new Set(header.map(normaliseLabel));
  for (const kind of ['payment', 'appropriation'] as const) {
    if (mapping[kind].detect.some((d) => names.has(normaliseLabel(d)))) return kind;
  }
  return null;
}

/**
 * The column of every field of `kind` in `header`, or the Chinese list of what is missing. A header row is
 * recognised by its required columns, so `missing` is also how title rows above the header are skipped.
 */
export function resolveHeader(header: string[], kind: TreasuryKind, mapping: ImportMapping): { header: ResolvedHeader; missing: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normaliseLabel(name);
    if (key && !positions.has(key)) positions.set(key, i);
  });
  const index = new Map<string, number>();
  for (const [field, names] of Object.entries(mapping[kind].columns)) {
    for (const name of names) {
      const at = positions.get(normaliseLabel(name));
      if (at !== undefined) {
        index.set(field, at);
        break;
      }
    }
  }
  const missing = mapping[kind].required
    .filter((field) => !index.has(field))
    .map((field) => `${fieldLabel(field)}（可用列名：${(mapping[kind].columns[field] ?? []).join('、')}）`);
  return { header: { kind, index }, missing };
}

/** What a row needs from outside the file: `--dept`, `--year`. */
export interface RowContext {
  departmentCode?: string;
  fiscalYear?: number;
}

export type MappedRow = { ok: true; event: Record<string, unknown> } | { ok: false; reasons: string[] };

/** A summary row (合计/总计/小计) or an empty row, which carries no event. */
export function isSkippableRow(cells: string[]): boolean {
  const first = cells.find((c) => c.trim() !== '');
  if (first === undefined) return true;
  return /^(合计|总计|小计|本页合计|累计)/.test(first.trim().replace(/\s+/g, ''));
}

/**
 * One row → one event (SPEC §2), or every reason it cannot be one. Pure: the same row always gives the same event
 * and eventId.
 */
export function mapRow(cells: string[], header: ResolvedHeader, mapping: ImportMapping, context: RowContext): MappedRow {
  const reasons: string[] = [];
  const cell = (field: string) => {
    const i = header.index.get(field);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const take = <T>(parsed: { ok: true; value: T } | { ok: false; reason: string }): T | undefined => {
    if (parsed.ok) return parsed.value;
    reasons.push(parsed.reason);
    return undefined;
  };

  const occurredOn = take(parseDateCell(cell('date')));
  let departmentCode = context.departmentCode;
  if (!departmentCode) {
    if (!header.index.has('department')) reasons.push('缺少部门编码：请用 --dept 指定，或在表中提供「部门编码」列');
    else departmentCode = take(parseOrgCell(cell('department'), '部门编码', DEPARTMENT_CODE_PATTERN));
  }
  let fiscalYear = context.fiscalYear;
  if (fiscalYear === undefined) {
    if (header.index.has('year') && cell('year') !== '') fiscalYear = take(parseYearCell(cell('year')));
    else if (occurredOn) fiscalYear = Number(occurredOn.slice(0, 4));
  }
  const amount = take(parseAmountCell(cell('amount'), mapping.amountUnit));
  const line = lineOf(cell, header, mapping, reasons, header.kind === 'payment');

  if (header.kind === 'appropriation') {
    const stageText = cell('stage') || mapping.defaults.stage || '';
    const stage = take(lookupEnum(stageText, mapping.values.stage, Object.keys(APPROPRIATION_STAGES), '指标类型'));
    const documentNo = cell('documentNo');
    const projectName = cell('projectName');
    if (documentNo.length > 128) reasons.push(`指标文号「${documentNo.slice(0, 20)}…」超过 128 个字符`);
    if (reasons.length || !line || !occurredOn || !departmentCode || fiscalYear === undefined || !amount || !stage) return { ok: false, reasons };
    const data: Record<string, unknown> = {
      lineId: line.lineId,
      unitCode: line.unitCode,
      functionCode: line.functionCode,
      ...(line.functionName ? { functionName: line.functionName.slice(0, 200) } : {}),
      ...(line.economicCode ? { economicCode: line.economicCode } : {}),
      ...(line.economicCode && line.economicName ? { economicName: line.economicName.slice(0, 200) } : {}),
      fundSource: line.fundSource,
      expenditureKind: line.expenditureKind,
      ...(line.projectCode ? { projectCode: line.projectCode } : {}),
      ...(projectName ? { projectName: projectName.slice(0, 200) } : {}),
      stage,
      amount,
      ...(documentNo ? { documentNo } : {}),
    };
    return { ok: true, event: withEventId('apr', { type: 'AppropriationIssued', fiscalYear, departmentCode, occurredOn, source: mapping.source, data }, identityOf('appropriation', mapping, cell, line.lineId, stage)) };
  }

  const economic = take(parseEconomicCell(cell('economic'), 5));
  const payee = cell('payee');
  const methodText = cell('method') || mapping.defaults.method || '';
  const method = methodText ? take(lookupEnum(methodText, mapping.values.method, Object.keys(PAYMENT_METHODS), '支付方式')) : undefined;
  if (reasons.length || !line || !occurredOn || !departmentCode || fiscalYear === undefined || !amount || !economic) return { ok: false, reasons };
  const data: Record<string, unknown> = {
    lineId: line.lineId,
    amount,
    economicCode: economic.code,
    ...(economic.name ? { economicName: economic.name.slice(0, 200) } : {}),
    ...(payee ? { payee: payee.slice(0, 200) } : {}),
    ...(method ? { method } : {}),
  };
  return { ok: true, event: withEventId('pay', { type: 'PaymentMade', fiscalYear, departmentCode, occurredOn, source: mapping.source, data }, identityOf('payment', mapping, cell, line.lineId)) };
}

interface LineOfRow {
  lineId: string;
  unitCode: string;
  functionCode: string;
  functionName: string | null;
  economicCode: string | null;
  economicName: string | null;
  fundSource: string;
  expenditureKind: string;
  projectCode: string | null;
}

/**
 * The line a row issues to or pays from: its attributes, and its lineId — the 指标编号 column when the file has
 * one, else the `lineKey` fields joined with `-` (e.g. `434001-2010301-GENERAL_BUDGET-BASIC`), which a 支付 row
 * computes the same way from its own columns.
 */
function lineOf(cell: (f: string) => string, header: ResolvedHeader, mapping: ImportMapping, reasons: string[], isPayment: boolean): LineOfRow | null {
  const before = reasons.length;
  const unit = parseOrgCell(cell('unit'), '预算单位', LOCAL_ID_PATTERN);
  const fn = parseFunctionCell(cell('function'));
  const fund = lookupEnum(cell('fundSource'), mapping.values.fundSource, Object.keys(FUND_SOURCES), '资金性质');
  const kind = lookupEnum(cell('expenditureKind'), mapping.values.expenditureKind, Object.keys(EXPENDITURE_KINDS), '支出类型');
  const projectCode = cell('projectCode') || null;
  const economicInKey = mapping.lineKey.includes('economic');
  const economicText = cell('economic');
  const economic = economicInKey && economicText ? parseEconomicCell(economicText, isPayment ? 5 : 'any') : null;
  for (const p of [unit, fn, fund, kind, economic]) if (p && !p.ok) reasons.push(p.reason);
  if (projectCode && !LOCAL_ID_PATTERN.test(projectCode)) reasons.push(`项目代码「${projectCode.slice(0, 20)}」超过 128 个字符`);
  if (kind.ok && kind.value === 'PROJECT' && !projectCode) reasons.push('支出类型为项目支出时须填写项目代码');
  if (reasons.length > before || !unit.ok || !fn.ok || !fund.ok || !kind.ok) return null;
  const attributes: Record<string, string | null> = {
    unit: unit.value,
    function: fn.value.code,
    fundSource: fund.value,
    expenditureKind: kind.value,
    projectCode,
    economic: economic?.ok ? economic.value.code : null,
  };
  let lineId = header.index.has('lineId') ? cell('lineId') : '';
  if (!lineId) {
    const parts = mapping.lineKey.map((field) => attributes[field] ?? (header.index.has(field) ? cell(field) : '')).filter((p) => p);
    lineId = parts.join('-');
    if (lineId.length > 128) lineId = `L-${hash(parts).slice(0, 32)}`;
  } else if (!LOCAL_ID_PATTERN.test(lineId)) {
    reasons.push(`指标编号「${lineId.slice(0, 20)}」超过 128 个字符`);
    return null;
  }
  return {
    lineId,
    unitCode: unit.value,
    functionCode: fn.value.code,
    functionName: fn.value.name,
    economicCode: economic?.ok ? economic.value.code : null,
    economicName: economic?.ok ? economic.value.name : null,
    fundSource: fund.value,
    expenditureKind: kind.value,
    projectCode,
  };
}

/** The identity values of a row, or null when one is empty (the whole content identifies the row then). */
function identityOf(kind: TreasuryKind, mapping: ImportMapping, cell: (f: string) => string, lineId: string, stage?: string): string[] | null {
  const values = mapping[kind].identity.map((field) => (field === 'lineId' ? lineId : field === 'stage' ? (stage ?? '') : cell(field)));
  return values.length && values.every((v) => v !== '') ? values : null;
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * The deterministic eventId: `imp-<apr|pay>-<dept>-<year>-<id>` where `<id>` is the row's single identity value when
 * it is a plain id (a 支付凭证号 such as `ZF2024000123`), else the first 24 hex digits of the SHA-256 of the identity
 * values, or of the whole mapped event when the row has no identity.
 */
function withEventId(prefix: 'apr' | 'pay', event: { type: string; fiscalYear: number; departmentCode: string; occurredOn: string; source: string; data: Record<string, unknown> }, identity: string[] | null): Record<string, unknown> {
  const head = `imp-${prefix}-${event.departmentCode}-${event.fiscalYear}-`;
  let id: string;
  if (identity && identity.length === 1 && /^[A-Za-z0-9._:-]{1,64}$/.test(identity[0])) id = identity[0];
  else id = hash(identity ?? [event.type, event.departmentCode, event.fiscalYear, event.occurredOn, event.data]).slice(0, 24);
  const eventId = head + id;
  return { eventId: EVENT_ID_PATTERN.test(eventId) ? eventId : `${head.slice(0, 40)}${hash(eventId).slice(0, 24)}`, ...event };
}

/** The header row of a file: the first of its first rows naming every required column of its kind. */
export const HEADER_SEARCH_ROWS = 20;

