import type { PaymentProcurement } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent } from './projection';

/** What a reversal is booked with: its original payment's economic code and 政府采购 tags (SPEC §7, §11). */
export interface OriginalPayment {
  economicCode: string;
  procurement: PaymentProcurement | null;
}

/**
 * The original payments of a batch's reversals, looked up once in the event store (where this batch's payments
 * already are: projections run after the append). `of` throws for a reversal whose payment is not there.
 */
export async function originalPayments(db: Queryable, events: readonly AppliedEvent[]): Promise<{ of(originalEventId: string): OriginalPayment }> {
  const ids = events.flatMap((a) => (a.event.type === 'PaymentReversed' ? [a.event.data.originalEventId] : []));
  const found = new Map<string, OriginalPayment>();
  if (ids.length) {
    const { rows } = await db.query<{ event_id: string; economic_code: string; procurement: PaymentProcurement | null }>(
      `SELECT event_id, payload->'data'->>'economicCode' AS economic_code, payload->'data'->'procurement' AS procurement
         FROM events WHERE event_id IN (SELECT json_array_elements_text($1::json))`,
      [JSON.stringify(ids)],
    );
    for (const r of rows) found.set(r.event_id, { economicCode: r.economic_code, procurement: r.procurement });
  }
  return {
    of(originalEventId) {
      const payment = found.get(originalEventId);
      if (!payment) throw new Error(`original payment ${originalEventId} of a reversal not in the event store`);
      return payment;
    },
  };
}
