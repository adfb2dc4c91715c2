import { MONEY_EVENT_TYPES, type LedgerEvent, type LineAttributes } from '../events/event-types';
import { compareDecimalStrings, DECIMAL_PATTERN } from '../events/validators';
import { formatYuan, MAX_LINE_TOTAL_FEN, parseYuan } from '../money';
import { LedgerState, LineState, scopedKey, yearKey } from './ledger-state';
import type { Rejection } from './rejection-codes';

/**
 * The ledger's decider (SPEC §2, §10), pure: `decide` says whether an event may be applied to the current
 * state, `evolve` folds an applied event into it. Checks run in the order of SPEC §10: eventId, YEAR_CLOSED,
 * references (UNKNOWN_LINE / UNKNOWN_INDICATOR / UNKNOWN_PAYMENT), then the type's own rule.
 */
export type Decision =
  | { status: 'APPLIED' }
  | { status: 'DUPLICATE'; position: string | null }
  | { status: 'REJECTED'; rejection: Rejection };

const APPLY: Decision = { status: 'APPLIED' };
const reject = (code: Rejection['code'], message: string): Decision => ({ status: 'REJECTED', rejection: { code, message } });

export function decide(state: LedgerState, event: LedgerEvent, hash: string): Decision {
  const known = state.appliedEvents.get(event.eventId);
  if (known) {
    return known.hash === hash
      ? { status: 'DUPLICATE', position: known.position }
      : reject('EVENT_ID_CONFLICT', `事件编号 ${event.eventId} 已用于内容不同的事件 (eventId already used with different content)`);
  }
  const { departmentCode: dept, fiscalYear: year } = event;
  if ((MONEY_EVENT_TYPES.has(event.type) || event.type === 'YearEndClosed') && state.closedYears.has(yearKey(dept, year))) {
    return reject('YEAR_CLOSED', `${year} 年度已年终结账，不再接受资金事件 (fiscal year closed)`);
  }
  const line = (lineId: string) => state.lines.get(scopedKey(dept, year, lineId));
  const unknownLine = (lineId: string) => reject('UNKNOWN_LINE', `指标 ${lineId} 不存在 (unknown line)`);

  const tooLarge = (target: LineState | undefined, budgetDelta: bigint, paidDelta: bigint) => {
    const abs = (x: bigint) => (x < 0n ? -x : x);
    return abs((target?.budget ?? 0n) + budgetDelta) > MAX_LINE_TOTAL_FEN || abs((target?.paid ?? 0n) + paidDelta) > MAX_LINE_TOTAL_FEN
      ? reject('VALIDATION_FAILED', '指标累计金额超出可记录范围 (line total out of range)')
      : null;
  };

  switch (event.type) {
    case 'AppropriationIssued': {
      const existing = line(event.data.lineId);
      const range = tooLarge(existing, parseYuan(event.data.amount), 0n);
      if (!existing) return range ?? APPLY;
      if (range) return range;
      const conflicts = attributeConflicts(existing, event.data);
      return conflicts.length
        ? reject('LINE_ATTRIBUTE_CONFLICT', `指标 ${event.data.lineId} 的属性与首次下达不一致：${conflicts.join('，')} (line attributes differ from its first issue)`)
        : APPLY;
    }
    case 'AppropriationAdjusted': {
      const target = line(event.data.lineId);
      if (!target) return unknownLine(event.data.lineId);
      const amount = parseYuan(event.data.amount);
      if (amount < 0n && state.available(target) + amount < 0n) return insufficient(target, state.available(target), -amount, '调减');
      return tooLarge(target, amount, 0n) ?? APPLY;
    }
    case 'AppropriationTransferred': {
      const from = line(event.data.fromLineId);
      if (!from) return unknownLine(event.data.fromLineId);
      if (!line(event.data.toLineId)) return unknownLine(event.data.toLineId);
      const amount = parseYuan(event.data.amount);
      if (state.available(from) < amount) return insufficient(from, state.available(from), amount, '调出');
      return tooLarge(line(event.data.toLineId), amount, 0n) ?? APPLY;
    }
    case 'PaymentMade':
      // Treasury payments are facts: never refused for balance, flagged OVERSPENT in checks and progress (SPEC §2).
      if (!line(event.data.lineId)) return unknownLine(event.data.lineId);
      return tooLarge(line(event.data.lineId), 0n, parseYuan(event.data.amount)) ?? APPLY;
    case 'PaymentReversed': {
      if (!line(event.data.lineId)) return unknownLine(event.data.lineId);
      const payment = state.payments.get(scopedKey(dept, year, event.data.originalEventId));
      if (!payment || payment.lineId !== event.data.lineId) {
        return reject('UNKNOWN_PAYMENT', `原支付 ${event.data.originalEventId} 不是指标 ${event.data.lineId} 上已入账的支付 (unknown payment)`);
      }
      const remaining = payment.amount - payment.reversed;
      return parseYuan(event.data.amount) > remaining
        ? reject('REVERSAL_EXCEEDS_PAYMENT', `退回 ${event.data.amount} 元超过原支付剩余可退金额 ${formatYuan(remaining)} 元 (reversal exceeds payment)`)
        : APPLY;
    }
    case 'YearEndClosed': {
      for (const entry of event.data.carryForward) {
        if (!line(entry.lineId)) return unknownLine(entry.lineId);
      }
      for (const entry of event.data.carryForward) {
        const target = line(entry.lineId)!;
        if (parseYuan(entry.amount) > state.available(target)) return insufficient(target, state.available(target), parseYuan(entry.amount), '结转');
      }
      return APPLY;
    }
    case 'IndicatorMeasured': {
      const indicator = state.indicators.get(scopedKey(dept, year, event.data.indicatorId));
      if (!indicator) return reject('UNKNOWN_INDICATOR', `绩效指标 ${event.data.indicatorId} 未定义 (unknown indicator)`);
      const actual = event.data.actual;
      if (['GTE', 'LTE', 'EQ'].includes(indicator.comparator) && !DECIMAL_PATTERN.test(actual)) {
        return reject('VALIDATION_FAILED', `指标 ${event.data.indicatorId} 为数值型，完成值须为数字字符串 (actual must be a decimal string)`);
      }
      if (indicator.comparator === 'BOOL' && actual !== 'true' && actual !== 'false') {
        return reject('VALIDATION_FAILED', `指标 ${event.data.indicatorId} 为是/否型，完成值须为 "true" 或 "false"`);
      }
      return APPLY;
    }
    case 'IndicatorScored': {
      const indicator = state.indicators.get(scopedKey(dept, year, event.data.indicatorId));
      if (!indicator) return reject('UNKNOWN_INDICATOR', `绩效指标 ${event.data.indicatorId} 未定义 (unknown indicator)`);
      if (indicator.comparator !== 'QUALITATIVE') {
        return reject('INVALID_SCORE', `只有定性指标可以人工评分，指标 ${event.data.indicatorId} 为 ${indicator.comparator} (only QUALITATIVE indicators are scored)`);
      }
      return compareDecimalStrings(event.data.score, indicator.weight) > 0
        ? reject('INVALID_SCORE', `评分 ${event.data.score} 超出分值 0..${indicator.weight} (score outside 0..weight)`)
        : APPLY;
    }
    case 'DeviationExplained':
      // SPEC §12: a 偏差原因 of an indicator names a defined one; one of a project's execution line needs no reference.
      if (event.data.indicatorId !== undefined && !state.indicators.has(scopedKey(dept, year, event.data.indicatorId))) {
        return reject('UNKNOWN_INDICATOR', `绩效指标 ${event.data.indicatorId} 未定义 (unknown indicator)`);
      }
      return APPLY;
    case 'DepartmentRegistered':
    case 'IncomeRecorded':
    case 'IncomeBudgeted':
    case 'DisbursementPlanSet':
    case 'IndicatorDefined':
    case 'VarianceExplained':
    case 'PriorYearActualsDeclared':
    case 'ProcurementDeclared':
    case 'AssetsDeclared':
    case 'ThreePublicActivityDeclared':
    case 'NarrativeDeclared':
    case 'EvaluationPolicySet':
    case 'PerformanceGoalSet':
      return APPLY;
  }
}

function insufficient(line: LineState, available: bigint, requested: bigint, action: string): Decision {
  return reject(
    'INSUFFICIENT_BALANCE',
    `指标 ${line.lineId} 可用余额 ${formatYuan(available)} 元，不足${action} ${formatYuan(requested)} 元 (insufficient balance)`,
  );
}

const FIXED_ATTRIBUTES: (keyof LineAttributes)[] = ['unitCode', 'functionCode', 'economicCode', 'fundSource', 'expenditureKind', 'projectCode'];

function attributeConflicts(line: LineState, data: LineAttributes): string[] {
  return FIXED_ATTRIBUTES.filter((attr) => (line[attr] ?? null) !== (data[attr] ?? null)).map(
    (attr) => `${attr} 应为 ${line[attr] ?? '空'}，收到 ${data[attr] ?? '空'}`,
  );
}

/** Folds an applied event into the state (SPEC §2); marks what changed for the adapter to write back. */
export function evolve(state: LedgerState, event: LedgerEvent, hash: string, position: string | null): void {
  state.appliedEvents.set(event.eventId, { hash, position });
  const { departmentCode: dept, fiscalYear: year } = event;
  const touch = (lineId: string, change: (line: LineState) => void) => {
    const key = scopedKey(dept, year, lineId);
    const line = state.lines.get(key);
    if (!line) throw new Error(`evolve: line ${lineId} missing from the loaded state`);
    change(line);
    state.dirtyLines.add(key);
  };
  switch (event.type) {
    case 'AppropriationIssued': {
      const d = event.data;
      const key = scopedKey(dept, year, d.lineId);
      if (!state.lines.has(key)) {
        state.lines.set(key, {
          departmentCode: dept,
          fiscalYear: year,
          lineId: d.lineId,
          unitCode: d.unitCode,
          functionCode: d.functionCode,
          economicCode: d.economicCode ?? null,
          fundSource: d.fundSource,
          expenditureKind: d.expenditureKind,
          projectCode: d.projectCode ?? null,
          projectName: d.projectName ?? null,
          budget: 0n,
          paid: 0n,
          carriedIn: 0n,
          carriedForward: null,
          lapsed: null,
        });
      }
      touch(d.lineId, (line) => {
        const amount = parseYuan(d.amount);
        line.budget += amount;
        if (d.stage === 'CARRY_IN') line.carriedIn += amount;
        if (d.projectName && !line.projectName) line.projectName = d.projectName;
      });
      break;
    }
    case 'AppropriationAdjusted':
      touch(event.data.lineId, (line) => (line.budget += parseYuan(event.data.amount)));
      break;
    case 'AppropriationTransferred': {
      const amount = parseYuan(event.data.amount);
      touch(event.data.fromLineId, (line) => (line.budget -= amount));
      touch(event.data.toLineId, (line) => (line.budget += amount));
      break;
    }
    case 'PaymentMade': {
      const amount = parseYuan(event.data.amount);
      touch(event.data.lineId, (line) => (line.paid += amount));
      const key = scopedKey(dept, year, event.eventId);
      state.payments.set(key, { departmentCode: dept, fiscalYear: year, eventId: event.eventId, lineId: event.data.lineId, amount, reversed: 0n });
      break;
    }
    case 'PaymentReversed': {
      const amount = parseYuan(event.data.amount);
      touch(event.data.lineId, (line) => (line.paid -= amount));
      const key = scopedKey(dept, year, event.data.originalEventId);
      const payment = state.payments.get(key);
      // Always present when decided live; an as-of replay may hold a reversal dated before its payment.
      if (payment) payment.reversed += amount;
      break;
    }
    case 'YearEndClosed': {
      // SPEC §10: lapse (收回) per line = available − carried forward; lines not named carry nothing forward.
      const carried = new Map(event.data.carryForward.map((e) => [e.lineId, parseYuan(e.amount)]));
      for (const line of state.linesOfYear(dept, year)) {
        line.carriedForward = carried.get(line.lineId) ?? 0n;
        line.lapsed = state.available(line) - line.carriedForward;
        state.dirtyLines.add(scopedKey(dept, year, line.lineId));
      }
      state.closedYears.add(yearKey(dept, year));
      state.newlyClosedYears.add(yearKey(dept, year));
      break;
    }
    case 'IndicatorDefined': {
      const d = event.data;
      const key = scopedKey(dept, year, d.indicatorId);
      state.indicators.set(key, {
        departmentCode: dept,
        fiscalYear: year,
        indicatorId: d.indicatorId,
        projectCode: d.projectCode,
        comparator: d.comparator,
        weight: d.weight,
      });
      state.dirtyIndicators.add(key);
      break;
    }
    case 'DepartmentRegistered':
    case 'IncomeRecorded':
    case 'IncomeBudgeted':
    case 'DisbursementPlanSet':
    case 'IndicatorMeasured':
    case 'IndicatorScored':
    case 'VarianceExplained':
    case 'PriorYearActualsDeclared':
    case 'ProcurementDeclared':
    case 'AssetsDeclared':
    case 'ThreePublicActivityDeclared':
    case 'NarrativeDeclared':
    case 'EvaluationPolicySet':
    case 'PerformanceGoalSet':
    case 'DeviationExplained':
      // Declarations (SPEC §11, §12) change no ledger state; their read models keep every version.
      break;
  }
}

/** The state keys a batch needs loaded before it can be decided. */
export interface RequiredState {
  eventIds: Set<string>;
  lines: Set<string>;
  payments: Set<string>;
  indicators: Set<string>;
  years: Set<string>;
  /** Department-years whose every line is needed (YearEndClosed computes each line's lapse). */
  allLinesOfYears: Set<string>;
}

export function requiredState(events: readonly LedgerEvent[]): RequiredState {
  const req: RequiredState = { eventIds: new Set(), lines: new Set(), payments: new Set(), indicators: new Set(), years: new Set(), allLinesOfYears: new Set() };
  for (const event of events) {
    const { departmentCode: dept, fiscalYear: year } = event;
    const lineKey = (id: string) => req.lines.add(scopedKey(dept, year, id));
    req.eventIds.add(event.eventId);
    req.years.add(yearKey(dept, year));
    switch (event.type) {
      case 'AppropriationIssued':
      case 'AppropriationAdjusted':
      case 'PaymentMade':
        lineKey(event.data.lineId);
        break;
      case 'AppropriationTransferred':
        lineKey(event.data.fromLineId);
        lineKey(event.data.toLineId);
        break;
      case 'PaymentReversed':
        lineKey(event.data.lineId);
        req.payments.add(scopedKey(dept, year, event.data.originalEventId));
        break;
      case 'YearEndClosed':
        req.allLinesOfYears.add(yearKey(dept, year));
        break;
      case 'IndicatorMeasured':
      case 'IndicatorScored':
        req.indicators.add(scopedKey(dept, year, event.data.indicatorId));
        break;
      case 'DeviationExplained':
        if (event.data.indicatorId !== undefined) req.indicators.add(scopedKey(dept, year, event.data.indicatorId));
        break;
      default:
        break;
    }
  }
  return req;
}
