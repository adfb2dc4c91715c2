import type { AppropriationStage, PaymentMethod } from '../codes';
import type { LedgerEvent } from '../events/event-types';
import { formatYuan, parseYuan, type Fen } from '../money';

/**
 * A line's audit trail (SPEC §13 `GET …/lines/{lineId}/history`): every applied event touching the line, in
 * processing (position) order, each with the line's budget, paid and available balance after it — the same fold as
 * the ledger's (SPEC §2): budget = issues of every stage ± adjustments ± transfers; paid = payments − reversals;
 * a year-end closing leaves both and records what was carried forward and what lapsed (available − carried, §10).
 * Amounts are 元 strings with two decimals, like every other read.
 */
export interface LineHistoryInput {
  position: string;
  /** When the event store appended it (RFC 3339), for the auditor's "known since". */
  recordedAt: string;
  event: LedgerEvent;
}

interface EntryBase {
  position: string;
  eventId: string;
  occurredOn: string;
  recordedAt: string;
  source: string | null;
  /** The line after this event. */
  budget: string;
  paid: string;
  available: string;
}

/** What an entry says beyond the common fields, by event type. */
export type LineHistoryDetail =
  | { type: 'AppropriationIssued'; stage: AppropriationStage; amount: string; documentNo: string | null }
  | { type: 'AppropriationAdjusted'; amount: string; reason: string; documentNo: string | null }
  | {
      type: 'AppropriationTransferred';
      /** OUT: this line gave `amount` to `otherLineId`; IN: it received it from `otherLineId`. */
      direction: 'IN' | 'OUT';
      otherLineId: string;
      fromLineId: string;
      toLineId: string;
      amount: string;
      reason: string;
      documentNo: string | null;
    }
  | { type: 'PaymentMade'; amount: string; economicCode: string; payee: string | null; method: PaymentMethod | null }
  | { type: 'PaymentReversed'; amount: string; originalEventId: string; reason: string }
  | { type: 'YearEndClosed'; carriedForward: string; lapsed: string };

export type LineHistoryEntry = EntryBase & LineHistoryDetail;

export interface LineHistory {
  entries: LineHistoryEntry[];
  /** The line after the last entry. */
  budget: string;
  paid: string;
  available: string;
  /** Issues with stage CARRY_IN (上年结转). */
  carriedIn: string;
  /** Null until the year is closed. */
  carriedForward: string | null;
  lapsed: string | null;
}

const yuan = (amount: string) => formatYuan(parseYuan(amount));

/**
 * Folds the events of the line's department-year (in position order) into its history; events not touching `lineId`
 * are skipped.
 */
export function lineHistory(lineId: string, events: Iterable<LineHistoryInput>): LineHistory {
  let budget: Fen = 0n;
  let paid: Fen = 0n;
  let carriedIn: Fen = 0n;
  let carriedForward: Fen | null = null;
  let lapsed: Fen | null = null;
  const entries: LineHistoryEntry[] = [];

  for (const { position, recordedAt, event } of events) {
    let entry: LineHistoryDetail;
    switch (event.type) {
      case 'AppropriationIssued': {
        const d = event.data;
        if (d.lineId !== lineId) continue;
        budget += parseYuan(d.amount);
        if (d.stage === 'CARRY_IN') carriedIn += parseYuan(d.amount);
        entry = { type: event.type, stage: d.stage, amount: yuan(d.amount), documentNo: d.documentNo ?? null };
        break;
      }
      case 'AppropriationAdjusted': {
        const d = event.data;
        if (d.lineId !== lineId) continue;
        budget += parseYuan(d.amount);
        entry = { type: event.type, amount: yuan(d.amount), reason: d.reason, documentNo: d.documentNo ?? null };
        break;
      }
      case 'AppropriationTransferred': {
        const d = event.data;
        if (d.fromLineId !== lineId && d.toLineId !== lineId) continue;
        const out = d.fromLineId === lineId;
        budget += out ? -parseYuan(d.amount) : parseYuan(d.amount);
        entry = {
          type: event.type,
          direction: out ? 'OUT' : 'IN',
          otherLineId: out ? d.toLineId : d.fromLineId,
          fromLineId: d.fromLineId,
          toLineId: d.toLineId,
          amount: yuan(d.amount),
          reason: d.reason,
          documentNo: d.documentNo ?? null,
        };
        break;
      }
      case 'PaymentMade': {
        const d = event.data;
        if (d.lineId !== lineId) continue;
        paid += parseYuan(d.amount);
        entry = { type: event.type, amount: yuan(d.amount), economicCode: d.economicCode, payee: d.payee ?? null, method: d.method ?? null };
        break;
      }
      case 'PaymentReversed': {
        const d = event.data;
        if (d.lineId !== lineId) continue;
        paid -= parseYuan(d.amount);
        entry = { type: event.type, amount: yuan(d.amount), originalEventId: d.originalEventId, reason: d.reason };
        break;
      }
      case 'YearEndClosed': {
        // Closes every line of the year: a line it does not name carries nothing forward and lapses whole (§10).
        const named = event.data.carryForward.find((c) => c.lineId === lineId);
        carriedForward = named ? parseYuan(named.amount) : 0n;
        lapsed = budget - paid - carriedForward;
        entry = { type: event.type, carriedForward: formatYuan(carriedForward), lapsed: formatYuan(lapsed) };
        break;
      }
      default:
        continue;
    }
    entries.push({
      position,
      eventId: event.eventId,
      occurredOn: event.occurredOn,
      recordedAt,
      source: event.source ?? null,
      ...entry,
      budget: formatYuan(budget),
      paid: formatYuan(paid),
      available: formatYuan(budget - paid),
    });
  }
  return {
    entries,
    budget: formatYuan(budget),
    paid: formatYuan(paid),
    available: formatYuan(budget - paid),
    carriedIn: formatYuan(carriedIn),
    carriedForward: carriedForward === null ? null : formatYuan(carriedForward),
    lapsed: lapsed === null ? null : formatYuan(lapsed),
  };
}

/** A 调剂 as `GET …/transfers` lists it (SPEC §13). */
export interface TransferRecord {
  eventId: string;
  fromLineId: string;
  toLineId: string;
  amount: string;
  reason: string;
  documentNo: string | null;
  occurredOn: string;
}

export function transferRecord(event: Extract<LedgerEvent, { type: 'AppropriationTransferred' }>): TransferRecord {
  const d = event.data;
  return { eventId: event.eventId, fromLineId: d.fromLineId, toLineId: d.toLineId, amount: yuan(d.amount), reason: d.reason, documentNo: d.documentNo ?? null, occurredOn: event.occurredOn };
}
