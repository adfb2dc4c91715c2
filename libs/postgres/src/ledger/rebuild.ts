import { evolve, LedgerEvent, requiredState } from '@app/domain';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../database';
import type { AppliedEvent, Projection } from '../projections/projection';
import { loadLedgerState, saveLedgerState } from './ledger-state-store';

export const LEDGER_STATE_TABLES = ['ledger_lines', 'ledger_indicators', 'ledger_closed_years'] as const;

/** The event types a rebuild folds in SQL rather than in Node (see `Projection.rebuildPayments`). */
export const SET_BASED_REBUILD_TYPES = ['PaymentMade', 'PaymentReversed'] as const;

export interface RebuildReport {
  events: number;
  tables: string[];
  millis: number;
}

/**
 * Rebuilds the ledger state and every projection from the event store (SPEC §3, `POST /v1/admin/rebuild`), in
 * one transaction: the checkpoints are locked first so no batch is applied meanwhile; the tables are emptied; then
 * (issue 12: rebuild in seconds)
 *  1. every event except payments and reversals is replayed in position order, a chunk at a time, through the same
 *     `evolve` and projection code as ingestion;
 *  2. payments and reversals — nearly all of a store — are folded set-based: their fields are extracted once into
 *     the temp table `rebuild_payments` (a reversal carrying its original payment's economic code and 政府采购 tags),
 *     from which the ledger state and each projection's `rebuildPayments` add their sums.
 * The order does not change the result: these events only add to sums, and a closed year takes no money event, so a
 * line's lapse (收回 = budget − paid − carried forward, SPEC §10) is recomputed once paid is known.
 * TRUNCATE locks the tables, so reads of them wait for the rebuild to commit and then see the new rows.
 */
export async function rebuildProjections(pool: Pool, projections: readonly Projection[], chunkSize = 10_000): Promise<RebuildReport> {
  const started = Date.now();
  const tables = [...LEDGER_STATE_TABLES, ...projections.flatMap((p) => p.tables)];
  return withTransaction(pool, async (client) => {
    await client.query('LOCK TABLE transport_checkpoints IN EXCLUSIVE MODE');
    // The set-based step sorts and hashes whole tables: in memory, not in 4 MB spills (PostgreSQL's default work_mem).
    await client.query("SET LOCAL work_mem = '256MB'");
    await client.query(`TRUNCATE ${tables.join(', ')}`);
    let after = '0';
    let replayed = 0;
    for (;;) {
      const { rows } = await client.query<{ position: string; content_hash: string; payload: LedgerEvent }>(
        `SELECT position::text, content_hash, payload FROM events
          WHERE events.position > $1 AND type <> ALL($3::text[]) ORDER BY events.position LIMIT $2`,
        [after, chunkSize, SET_BASED_REBUILD_TYPES],
      );
      if (!rows.length) break;
      const events = rows.map((r) => r.payload);
      const state = await loadLedgerState(client, requiredState(events), false);
      for (const row of rows) evolve(state, row.payload, row.content_hash, row.position);
      await saveLedgerState(client, state);
      const applied: AppliedEvent[] = rows.map((r) => ({ position: r.position, event: r.payload }));
      for (const projection of projections) await projection.apply(client, applied);
      after = rows[rows.length - 1].position;
      replayed += rows.length;
    }
    const folded = await foldPayments(client);
    for (const projection of projections) await projection.rebuildPayments?.(client);
    return { events: replayed + folded, tables, millis: Date.now() - started };
  });
}

/** Step 2 for the ledger state: `rebuild_payments`, then each line's paid and lapse. */
async function foldPayments(client: PoolClient): Promise<number> {
  const { rowCount } = await client.query(
    `CREATE TEMP TABLE rebuild_payments ON COMMIT DROP AS
     SELECT position, type, department_code, fiscal_year, occurred_on, event_id,
            payload->'data'->>'lineId' AS line_id,
            (payload->'data'->>'amount')::numeric AS amount,
            CASE type WHEN 'PaymentMade' THEN (payload->'data'->>'amount')::numeric ELSE -(payload->'data'->>'amount')::numeric END AS paid,
            payload->'data'->>'economicCode' AS economic_code,
            payload->'data'->>'economicName' AS economic_name,
            payload->'data'->'procurement' AS procurement,
            payload->'data'->>'originalEventId' AS original_event_id
       FROM events WHERE type = ANY($1::text[])`,
    [SET_BASED_REBUILD_TYPES],
  );
  // A reversal is booked with its original payment's economic code and tags (as the projections do on ingest).
  await client.query(
    `UPDATE rebuild_payments r SET economic_code = o.economic_code, procurement = o.procurement
       FROM rebuild_payments o WHERE r.type = 'PaymentReversed' AND o.event_id = r.original_event_id`,
  );
  await client.query('ANALYZE rebuild_payments');
  await client.query(
    `UPDATE ledger_lines l SET paid = l.paid + s.paid,
            lapsed = CASE WHEN l.carried_forward IS NULL THEN NULL ELSE l.budget - (l.paid + s.paid) - l.carried_forward END
       FROM (SELECT department_code, fiscal_year, line_id, sum(paid) AS paid FROM rebuild_payments GROUP BY 1, 2, 3) s
      WHERE l.department_code = s.department_code AND l.fiscal_year = s.fiscal_year AND l.line_id = s.line_id`,
  );
  return rowCount ?? 0;
}
