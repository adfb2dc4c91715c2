import type { LedgerEvent } from '../events/event-types';
import { lineHistory, transferRecord } from './line-history';

/** SPEC §13: a line's history with its budget and paid after each event; amounts worked out by hand below. */
let n = 0;
const ev = (type: string, data: Record<string, unknown>, occurredOn = '2023-03-01'): LedgerEvent =>
  ({ eventId: `e${++n}`, type, fiscalYear: 2023, departmentCode: '434', occurredOn, data }) as LedgerEvent;
const attrs = { unitCode: 'U1', functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC' };
const issue = (lineId: string, amount: string, stage = 'INITIAL', documentNo?: string) =>
  ev('AppropriationIssued', { lineId, ...attrs, stage, amount, ...(documentNo ? { documentNo } : {}) });

describe('lineHistory (SPEC §13)', () => {
  const pay7 = ev('PaymentMade', { lineId: 'L1', amount: '400.1', economicCode: '30201', payee: '某公司', method: 'DIRECT' });
  const events = [
    issue('L1', '1000', 'INITIAL', '财预〔2023〕1号'),
    issue('L2', '800'),
    issue('L1', '500.5', 'SUPPLEMENTARY'),
    issue('L1', '20', 'CARRY_IN'),
    ev('AppropriationAdjusted', { lineId: 'L1', amount: '-200', reason: '压减一般性支出', documentNo: '财预〔2023〕9号' }),
    ev('AppropriationTransferred', { fromLineId: 'L1', toLineId: 'L2', amount: '300', reason: '调剂至办公设备' }),
    ev('AppropriationTransferred', { fromLineId: 'L2', toLineId: 'L1', amount: '50.25', reason: '调回' }),
    pay7,
    ev('PaymentMade', { lineId: 'L1', amount: '100', economicCode: '30201' }),
    ev('PaymentMade', { lineId: 'L2', amount: '99', economicCode: '30201' }),
    ev('PaymentReversed', { lineId: 'L1', originalEventId: pay7.eventId, amount: '30.05', reason: '退回多付' }),
    ev('YearEndClosed', { carryForward: [{ lineId: 'L1', amount: '200' }] }, '2023-12-31'),
  ].map((event, i) => ({ position: String(i + 1), recordedAt: '2024-01-01T00:00:00.000Z', event }));

  it('lists every event touching the line, in order, with budget, paid and available after each', () => {
    const h = lineHistory('L1', events);
    expect(h.entries.map((e) => [e.position, e.type, e.budget, e.paid, e.available])).toEqual([
      ['1', 'AppropriationIssued', '1000.00', '0.00', '1000.00'],
      ['3', 'AppropriationIssued', '1500.50', '0.00', '1500.50'],
      ['4', 'AppropriationIssued', '1520.50', '0.00', '1520.50'],
      ['5', 'AppropriationAdjusted', '1320.50', '0.00', '1320.50'],
      ['6', 'AppropriationTransferred', '1020.50', '0.00', '1020.50'],
      ['7', 'AppropriationTransferred', '1070.75', '0.00', '1070.75'],
      ['8', 'PaymentMade', '1070.75', '400.10', '670.65'],
      ['9', 'PaymentMade', '1070.75', '500.10', '570.65'],
      ['11', 'PaymentReversed', '1070.75', '470.05', '600.70'],
      ['12', 'YearEndClosed', '1070.75', '470.05', '600.70'],
    ]);
    expect(h).toMatchObject({ budget: '1070.75', paid: '470.05', available: '600.70', carriedIn: '20.00', carriedForward: '200.00', lapsed: '400.70' });
  });

  it('says what each event was: stage and 文号, reasons, the other line of a transfer, the payment reversed', () => {
    const [first, , carryIn, adjustment, out, into, payment, , reversal, closing] = lineHistory('L1', events).entries;
    expect(first).toMatchObject({ stage: 'INITIAL', amount: '1000.00', documentNo: '财预〔2023〕1号' });
    expect(carryIn).toMatchObject({ stage: 'CARRY_IN', amount: '20.00', documentNo: null });
    expect(adjustment).toMatchObject({ amount: '-200.00', reason: '压减一般性支出', documentNo: '财预〔2023〕9号' });
    expect(out).toMatchObject({ direction: 'OUT', otherLineId: 'L2', fromLineId: 'L1', toLineId: 'L2', amount: '300.00', reason: '调剂至办公设备' });
    expect(into).toMatchObject({ direction: 'IN', otherLineId: 'L2', amount: '50.25' });
    expect(payment).toMatchObject({ eventId: pay7.eventId, amount: '400.10', economicCode: '30201', payee: '某公司', method: 'DIRECT' });
    expect(reversal).toMatchObject({ originalEventId: pay7.eventId, amount: '30.05', reason: '退回多付' });
    expect(closing).toMatchObject({ occurredOn: '2023-12-31', carriedForward: '200.00', lapsed: '400.70' });
  });

  it('a line the closing does not name carries nothing forward and lapses its whole available balance', () => {
    // L2: 800 + 300 − 50.25 = 1049.75 budget, 99 paid → 950.75 lapses.
    const h = lineHistory('L2', events);
    expect(h).toMatchObject({ budget: '1049.75', paid: '99.00', carriedForward: '0.00', lapsed: '950.75' });
    expect(h.entries.at(-1)).toMatchObject({ type: 'YearEndClosed', carriedForward: '0.00', lapsed: '950.75' });
  });

  it('an open year has no carry-forward or lapse; a transfer record has two-decimal amounts', () => {
    expect(lineHistory('L1', events.slice(0, 9))).toMatchObject({ carriedForward: null, lapsed: null });
    expect(transferRecord(events[6].event as Parameters<typeof transferRecord>[0])).toEqual({
      eventId: events[6].event.eventId, fromLineId: 'L2', toLineId: 'L1', amount: '50.25', reason: '调回', documentNo: null, occurredOn: '2023-03-01',
    });
  });
});
