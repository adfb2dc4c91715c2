import fc from 'fast-check';
import { contentHash } from '../events/canonical';
import type { LedgerEvent } from '../events/event-types';
import { formatYuan } from '../money';
import { decide, evolve } from './ledger-rules';
import { LedgerState, scopedKey } from './ledger-state';

/**
 * Properties of the ledger over random streams of 指标 and 支付 events (SPEC §2): whatever arrives, every line's
 * budget and paid equal the sums of the APPLIED events that touched it (folded here by plain arithmetic on the
 * posted strings), a rejected event changes nothing, cuts and transfers never take a line below zero, and no
 * payment is reversed beyond its amount.
 */
const LINES = ['L1', 'L2', 'L3'];
const amount = fc.integer({ min: 1, max: 500_000 }).map((fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
const line = fc.constantFrom(...LINES);

type Step =
  | { kind: 'issue'; line: string; amount: string }
  | { kind: 'adjust'; line: string; amount: string; negative: boolean }
  | { kind: 'transfer'; from: string; to: string; amount: string }
  | { kind: 'pay'; line: string; amount: string }
  | { kind: 'reverse'; line: string; pick: number; amount: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), line, amount }),
  fc.record({ kind: fc.constant('adjust' as const), line, amount, negative: fc.boolean() }),
  fc.record({ kind: fc.constant('transfer' as const), from: line, to: line, amount }).filter((s) => s.from !== s.to),
  fc.record({ kind: fc.constant('pay' as const), line, amount }),
  fc.record({ kind: fc.constant('reverse' as const), line, pick: fc.nat(), amount }),
);

const fen = (yuan: string) => BigInt(yuan.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'));

describe('ledger properties (fast-check)', () => {
  it('keeps every line equal to the sum of its applied events, whatever the stream', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const state = new LedgerState();
        const budget = new Map<string, bigint>(LINES.map((l) => [l, 0n]));
        const paid = new Map<string, bigint>(LINES.map((l) => [l, 0n]));
        const payments: { id: string; line: string; amount: bigint; reversed: bigint }[] = [];
        steps.forEach((s, i) => {
          const envelope = { eventId: `p${i}`, fiscalYear: 2023, departmentCode: '434', occurredOn: '2023-06-01' };
          let event: LedgerEvent;
          switch (s.kind) {
            case 'issue':
              event = { ...envelope, type: 'AppropriationIssued', data: { lineId: s.line, unitCode: 'U', functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', stage: 'INITIAL', amount: s.amount } };
              break;
            case 'adjust':
              event = { ...envelope, type: 'AppropriationAdjusted', data: { lineId: s.line, amount: (s.negative ? '-' : '') + s.amount, reason: 'r' } };
              break;
            case 'transfer':
              event = { ...envelope, type: 'AppropriationTransferred', data: { fromLineId: s.from, toLineId: s.to, amount: s.amount, reason: 'r' } };
              break;
            case 'pay':
              event = { ...envelope, type: 'PaymentMade', data: { lineId: s.line, amount: s.amount, economicCode: '30201' } };
              break;
            case 'reverse': {
              const original = payments.length ? payments[s.pick % payments.length].id : 'none';
              event = { ...envelope, type: 'PaymentReversed', data: { lineId: s.line, originalEventId: original, amount: s.amount, reason: 'r' } };
              break;
            }
          }
          const before = JSON.stringify([...state.lines.entries(), ...state.payments.entries()], (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
          const decision = decide(state, event, contentHash(event));
          if (decision.status !== 'APPLIED') {
            expect(JSON.stringify([...state.lines.entries(), ...state.payments.entries()], (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before);
            return;
          }
          evolve(state, event, contentHash(event), null);
          // The independent fold of what was applied.
          switch (event.type) {
            case 'AppropriationIssued':
              budget.set(event.data.lineId, budget.get(event.data.lineId)! + fen(event.data.amount));
              break;
            case 'AppropriationAdjusted':
              budget.set(event.data.lineId, budget.get(event.data.lineId)! + fen(event.data.amount));
              expect(budget.get(event.data.lineId)! - paid.get(event.data.lineId)! >= 0n || fen(event.data.amount) > 0n).toBe(true);
              break;
            case 'AppropriationTransferred':
              budget.set(event.data.fromLineId, budget.get(event.data.fromLineId)! - fen(event.data.amount));
              budget.set(event.data.toLineId, budget.get(event.data.toLineId)! + fen(event.data.amount));
              expect(budget.get(event.data.fromLineId)! - paid.get(event.data.fromLineId)!).toBeGreaterThanOrEqual(0n);
              break;
            case 'PaymentMade':
              paid.set(event.data.lineId, paid.get(event.data.lineId)! + fen(event.data.amount));
              payments.push({ id: event.eventId, line: event.data.lineId, amount: fen(event.data.amount), reversed: 0n });
              break;
            case 'PaymentReversed': {
              paid.set(event.data.lineId, paid.get(event.data.lineId)! - fen(event.data.amount));
              const original = payments.find((p) => p.id === event.data.originalEventId)!;
              expect(original.line).toBe(event.data.lineId);
              original.reversed += fen(event.data.amount);
              expect(original.reversed).toBeLessThanOrEqual(original.amount);
              break;
            }
            default:
              break;
          }
        });
        for (const l of LINES) {
          const state_line = state.lines.get(scopedKey('434', 2023, l));
          expect(state_line ? formatYuan(state_line.budget) : '0.00').toBe(formatYuan(budget.get(l)!));
          expect(state_line ? formatYuan(state_line.paid) : '0.00').toBe(formatYuan(paid.get(l)!));
        }
      }),
      { numRuns: 300 },
    );
  });
});
