/**
 * Builders for test events (SPEC §2). Defaults describe 泉港区人民政府办公室-like data: department 434,
 * fiscal year 2023, 行政运行 2010301 under 一般公共预算 基本支出.
 */
let counter = 0;
export const nextId = (prefix = 'evt') => `${prefix}-${process.pid}-${++counter}`;

export interface EventJson {
  eventId: string;
  type: string;
  fiscalYear: number;
  departmentCode: string;
  occurredOn: string;
  source?: string;
  data: Record<string, unknown>;
}

const envelope = (type: string, data: Record<string, unknown>, o: Partial<EventJson> = {}): EventJson => ({
  eventId: o.eventId ?? nextId(type),
  type,
  fiscalYear: o.fiscalYear ?? 2023,
  departmentCode: o.departmentCode ?? '434',
  occurredOn: o.occurredOn ?? '2023-03-15',
  ...(o.source ? { source: o.source } : {}),
  data,
});

export const issue = (lineId: string, amount: string, data: Record<string, unknown> = {}, o: Partial<EventJson> = {}) =>
  envelope('AppropriationIssued', {
    lineId,
    unitCode: '434001',
    functionCode: '2010301',
    economicCode: '302',
    fundSource: 'GENERAL_BUDGET',
    expenditureKind: 'BASIC',
    stage: 'INITIAL',
    amount,
    ...data,
  }, { occurredOn: '2023-01-10', ...o });

export const adjust = (lineId: string, amount: string, o: Partial<EventJson> = {}) =>
  envelope('AppropriationAdjusted', { lineId, amount, reason: '预算调整' }, o);

export const transfer = (fromLineId: string, toLineId: string, amount: string, o: Partial<EventJson> = {}) =>
  envelope('AppropriationTransferred', { fromLineId, toLineId, amount, reason: '指标调剂' }, o);

export const pay = (lineId: string, amount: string, economicCode = '30201', o: Partial<EventJson> = {}) =>
  envelope('PaymentMade', { lineId, amount, economicCode, method: 'DIRECT' }, o);

export const reverse = (lineId: string, originalEventId: string, amount: string, o: Partial<EventJson> = {}) =>
  envelope('PaymentReversed', { lineId, originalEventId, amount, reason: '退回' }, o);

export const defineIndicator = (indicatorId: string, comparator: string, target: string, weight: string, o: Partial<EventJson> = {}) =>
  envelope('IndicatorDefined', {
    indicatorId,
    projectCode: 'P001',
    level1: '产出指标',
    level2: '数量指标',
    name: '电话部数',
    comparator,
    target,
    unit: '部',
    weight,
  }, o);

export const measure = (indicatorId: string, actual: string, o: Partial<EventJson> = {}) =>
  envelope('IndicatorMeasured', { indicatorId, actual }, o);

export const score = (indicatorId: string, value: string, o: Partial<EventJson> = {}) =>
  envelope('IndicatorScored', { indicatorId, score: value }, o);

export const closeYear = (carryForward: { lineId: string; amount: string }[], o: Partial<EventJson> = {}) =>
  envelope('YearEndClosed', { carryForward }, { occurredOn: '2023-12-31', ...o });

export const register = (name: string, o: Partial<EventJson> = {}) =>
  envelope('DepartmentRegistered', { name, units: [{ code: '434001', name }] }, o);
