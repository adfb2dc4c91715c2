import { contentHash } from '../events/canonical';
import type { LedgerEvent } from '../events/event-types';
import { formatYuan } from '../money';
import { decide, Decision, evolve } from './ledger-rules';
import { LedgerState, scopedKey } from './ledger-state';

/** Given these applied events, when this event arrives, then this decision (Emmett-style decider tests). */
let n = 0;
const ev = (type: string, data: Record<string, unknown>, extra: Partial<LedgerEvent> = {}): LedgerEvent =>
  ({ eventId: `e${++n}`, type, fiscalYear: 2023, departmentCode: '434', occurredOn: '2023-03-01', data, ...extra }) as LedgerEvent;
const issue = (lineId: string, amount: string, extra: Record<string, unknown> = {}) =>
  ev('AppropriationIssued', { lineId, unitCode: 'U1', functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', stage: 'INITIAL', amount, ...extra });
const pay = (lineId: string, amount: string) => ev('PaymentMade', { lineId, amount, economicCode: '30201' });

function given(...events: LedgerEvent[]): LedgerState {
  const state = new LedgerState();
  for (const e of events) {
    const d = decide(state, e, contentHash(e));
    if (d.status !== 'APPLIED') throw new Error(`given event ${e.eventId} not applied: ${JSON.stringify(d)}`);
    evolve(state, e, contentHash(e), null);
  }
  return state;
}
const when = (state: LedgerState, e: LedgerEvent): Decision => decide(state, e, contentHash(e));
const code = (d: Decision) => (d.status === 'REJECTED' ? d.rejection.code : d.status);
const line = (state: LedgerState, id: string) => state.lines.get(scopedKey('434', 2023, id))!;

describe('ledger rules (SPEC §2, §10)', () => {
  it('DUPLICATE for the same content, key order ignored; EVENT_ID_CONFLICT for different content', () => {
    const first = issue('L1', '100');
    const state = given(first);
    const reordered = JSON.parse(JSON.stringify({ data: first.data, type: first.type, eventId: first.eventId, fiscalYear: 2023, departmentCode: '434', occurredOn: first.occurredOn }));
    expect(code(when(state, reordered))).toBe('DUPLICATE');
    expect(code(when(state, { ...first, data: { ...first.data, amount: '100.00' } } as LedgerEvent))).toBe('EVENT_ID_CONFLICT');
  });

  it('UNKNOWN_LINE for adjustments, transfers, payments, reversals and carry-forward on a line never issued', () => {
    const state = given(issue('L1', '100'));
    expect(code(when(state, ev('AppropriationAdjusted', { lineId: 'NOPE', amount: '5', reason: 'x' })))).toBe('UNKNOWN_LINE');
    expect(code(when(state, ev('AppropriationTransferred', { fromLineId: 'L1', toLineId: 'NOPE', amount: '5', reason: 'x' })))).toBe('UNKNOWN_LINE');
    expect(code(when(state, pay('NOPE', '1')))).toBe('UNKNOWN_LINE');
    expect(code(when(state, ev('PaymentReversed', { lineId: 'NOPE', originalEventId: 'x', amount: '1', reason: 'x' })))).toBe('UNKNOWN_LINE');
    expect(code(when(state, ev('YearEndClosed', { carryForward: [{ lineId: 'NOPE', amount: '0' }] })))).toBe('UNKNOWN_LINE');
  });

  it('LINE_ATTRIBUTE_CONFLICT when a later issue changes a fixed attribute; a SUPPLEMENTARY issue with the same ones adds', () => {
    const state = given(issue('L1', '100'));
    expect(code(when(state, issue('L1', '50', { functionCode: '2010302' })))).toBe('LINE_ATTRIBUTE_CONFLICT');
    expect(code(when(state, issue('L1', '50', { fundSource: 'GOV_FUND' })))).toBe('LINE_ATTRIBUTE_CONFLICT');
    const supplementary = issue('L1', '50', { stage: 'SUPPLEMENTARY' });
    expect(code(when(state, supplementary))).toBe('APPLIED');
    evolve(state, supplementary, contentHash(supplementary), null);
    expect(formatYuan(line(state, 'L1').budget)).toBe('150.00');
  });

  it('INSUFFICIENT_BALANCE when a cut or a transfer would take available below zero; payments may overspend', () => {
    const state = given(issue('L1', '100'), issue('L2', '10'), pay('L1', '70'));
    expect(code(when(state, ev('AppropriationAdjusted', { lineId: 'L1', amount: '-30.01', reason: 'x' })))).toBe('INSUFFICIENT_BALANCE');
    expect(code(when(state, ev('AppropriationAdjusted', { lineId: 'L1', amount: '-30', reason: 'x' })))).toBe('APPLIED');
    expect(code(when(state, ev('AppropriationTransferred', { fromLineId: 'L1', toLineId: 'L2', amount: '30.01', reason: 'x' })))).toBe('INSUFFICIENT_BALANCE');
    expect(code(when(state, pay('L1', '1000')))).toBe('APPLIED');
  });

  it('moves a transfer atomically between the two lines', () => {
    const t = ev('AppropriationTransferred', { fromLineId: 'L1', toLineId: 'L2', amount: '25.50', reason: 'x' });
    const state = given(issue('L1', '100'), issue('L2', '10'), t);
    expect(formatYuan(line(state, 'L1').budget)).toBe('74.50');
    expect(formatYuan(line(state, 'L2').budget)).toBe('35.50');
  });

  it('UNKNOWN_PAYMENT and REVERSAL_EXCEEDS_PAYMENT for reversals', () => {
    const p = pay('L1', '60');
    const state = given(issue('L1', '100'), issue('L2', '100'), p, ev('PaymentReversed', { lineId: 'L1', originalEventId: p.eventId, amount: '20', reason: 'x' }));
    expect(formatYuan(line(state, 'L1').paid)).toBe('40.00');
    expect(code(when(state, ev('PaymentReversed', { lineId: 'L1', originalEventId: 'nope', amount: '1', reason: 'x' })))).toBe('UNKNOWN_PAYMENT');
    expect(code(when(state, ev('PaymentReversed', { lineId: 'L2', originalEventId: p.eventId, amount: '1', reason: 'x' })))).toBe('UNKNOWN_PAYMENT');
    expect(code(when(state, ev('PaymentReversed', { lineId: 'L1', originalEventId: p.eventId, amount: '40.01', reason: 'x' })))).toBe('REVERSAL_EXCEEDS_PAYMENT');
    expect(code(when(state, ev('PaymentReversed', { lineId: 'L1', originalEventId: p.eventId, amount: '40', reason: 'x' })))).toBe('APPLIED');
  });

  it('YearEndClosed: carry-forward ≤ available, the rest lapses, then money events are YEAR_CLOSED', () => {
    const state = given(issue('L1', '100', { stage: 'CARRY_IN' }), issue('L2', '50'), pay('L1', '30'));
    expect(code(when(state, ev('YearEndClosed', { carryForward: [{ lineId: 'L1', amount: '70.01' }] })))).toBe('INSUFFICIENT_BALANCE');
    const close = ev('YearEndClosed', { carryForward: [{ lineId: 'L1', amount: '50' }] }, { occurredOn: '2023-12-31' });
    expect(code(when(state, close))).toBe('APPLIED');
    evolve(state, close, contentHash(close), null);
    expect(formatYuan(line(state, 'L1').carriedForward!)).toBe('50.00');
    expect(formatYuan(line(state, 'L1').lapsed!)).toBe('20.00');
    expect(formatYuan(line(state, 'L2').lapsed!)).toBe('50.00');
    expect(code(when(state, pay('L2', '1')))).toBe('YEAR_CLOSED');
    expect(code(when(state, ev('YearEndClosed', { carryForward: [] })))).toBe('YEAR_CLOSED');
    expect(code(when(state, ev('IndicatorDefined', { indicatorId: 'I1', projectCode: '*', level1: '产出指标', level2: '数量指标', name: 'n', comparator: 'GTE', target: '1', weight: '10' })))).toBe('APPLIED');
  });

  it('YEAR_CLOSED is checked before references: a payment on an unknown line of a closed year is YEAR_CLOSED', () => {
    const state = given(issue('L1', '100'), ev('YearEndClosed', { carryForward: [] }));
    expect(code(when(state, pay('NOPE', '1')))).toBe('YEAR_CLOSED');
  });

  it('UNKNOWN_INDICATOR and INVALID_SCORE', () => {
    const state = given(
      ev('IndicatorDefined', { indicatorId: 'Q1', projectCode: 'P1', level1: '满意度指标', level2: '服务对象满意度指标', name: '满意度', comparator: 'QUALITATIVE', target: '较好', weight: '10' }),
      ev('IndicatorDefined', { indicatorId: 'N1', projectCode: 'P1', level1: '产出指标', level2: '数量指标', name: '部数', comparator: 'GTE', target: '5000', weight: '20' }),
    );
    expect(code(when(state, ev('IndicatorMeasured', { indicatorId: 'X', actual: '1' })))).toBe('UNKNOWN_INDICATOR');
    expect(code(when(state, ev('IndicatorScored', { indicatorId: 'X', score: '1' })))).toBe('UNKNOWN_INDICATOR');
    expect(code(when(state, ev('IndicatorScored', { indicatorId: 'N1', score: '1' })))).toBe('INVALID_SCORE');
    expect(code(when(state, ev('IndicatorScored', { indicatorId: 'Q1', score: '10.01' })))).toBe('INVALID_SCORE');
    expect(code(when(state, ev('IndicatorScored', { indicatorId: 'Q1', score: '10' })))).toBe('APPLIED');
    expect(code(when(state, ev('IndicatorMeasured', { indicatorId: 'N1', actual: '很多' })))).toBe('VALIDATION_FAILED');
    expect(code(when(state, ev('IndicatorMeasured', { indicatorId: 'N1', actual: '5123' })))).toBe('APPLIED');
  });

  it('refuses an event that would take a line total past what can be stored (10^17 元)', () => {
    const state = given(issue('L1', '900000000000000'));
    for (let i = 0; i < 110; i++) evolve(state, issue('L1', '900000000000000'), 'h', null);
    expect(code(when(state, issue('L1', '900000000000000')))).toBe('VALIDATION_FAILED');
    expect(code(when(state, pay('L1', '900000000000000')))).toBe('APPLIED');
  });

  it('scopes lineIds to (department, year): the same lineId in another year is another line', () => {
    const state = given(issue('L1', '100'));
    expect(code(when(state, { ...pay('L1', '5'), fiscalYear: 2024, occurredOn: '2024-03-01' } as LedgerEvent))).toBe('UNKNOWN_LINE');
    expect(code(when(state, { ...pay('L1', '5'), departmentCode: '435' } as LedgerEvent))).toBe('UNKNOWN_LINE');
  });
});
