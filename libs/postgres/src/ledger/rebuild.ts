import { evolve, LedgerEvent, requiredState } from '@app/domain';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../database';
import type { AppliedEvent, Projection } from '../projections/projection';
import { loadLedgerState, saveLedgerState } from './ledger-state-store';

export const LEDGER_STATE_TABLES = ['ledger_lines', 'ledger_indicators', 'ledger_closed_years'] as const;

/** The event types a rebuild folds in SQL rather than in Node (see `Projection.rebuildMoneyEvents`). */
export const SET_BASED_REBUILD_TYPES = ['PaymentMade', 'PaymentReversed', 'AppropriationAdjusted', 'AppropriationTransferred'] as const;

export interface RebuildReport {
  events: number;
  tables: string[];
  millis: number;
}

/**
 * Rebuilds the ledger state and every projection from the event store (SPEC §3, `POST /v1/admin/rebuild`), in
 * one transaction: the checkpoints are locked first so no batch is applied meanwhile; the tables are emptied; then
 * (issue 12: rebuild in seconds)
 *  1. every event but payments, reversals, adjustments and transfers is replayed in position order, a chunk at a
 *     time, through the same `evolve` and projection code as ingestion;
 *  2. those four types — nearly all of a store — are folded set-based: their fields are extracted once into the temp
 *     table `rebuild_money` (one row per line moved; a reversal carrying its original payment's economic code and
 *     政府采购 tags), from which the ledger state and each projection's `rebuildMoneyEvents` add their sums.
 * The order does not change the result: these events only add to sums, and a closed year takes no money event, so a
 * line's lapse (收回 = budget − paid − carried forward, SPEC §10) is recomputed once they are in.
 * TRUNCATE locks the tables, so reads of them wait for the rebuild to commit and then see the new rows.
 */
export async function rebuildProjections(pool: Pool, projections: readonly Projection[], chunkSize = 10_000): Promise<RebuildReport> {
  return withTransaction(pool, (client) => rebuildProjectionsIn(client, projections, chunkSize));
}

/** The read tables a rebuild empties and fills: the ledger state and every projection's. */
export function rebuiltTables(projections: readonly Projection[]): string[] {
  return [...LEDGER_STATE_TABLES, ...projections.flatMap((p) => p.tables)];
}

/**
 * `rebuildProjections` inside the caller's transaction. Every table is named unqualified, so a session that shadows
 * them with temporary tables (pg_temp is searched first) rebuilds into those: a `knownAt` read replays a department's
 * cut of the event store this way (`known-at.ts`).
 */
export async function rebuildProjectionsIn(client: PoolClient, projections: readonly Projection[], chunkSize = 10_000): Promise<RebuildReport> {
  const started = Date.now();
  const tables = rebuiltTables(projections);
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
  const folded = await foldMoneyEvents(client);
  for (const projection of projections) await projection.rebuildMoneyEvents?.(client);
  return { events: replayed + folded, tables, millis: Date.now() - started };
}

/** Step 2 for the ledger state: `rebuild_money`, then each line's budget, paid and lapse. */
async function foldMoneyEvents(client: PoolClient): Promise<number> {
  // One row per line an event moves (a transfer moves two): budget and paid signed as the ledger adds them (SPEC §2).
  await client.query(
    `CREATE TEMP TABLE rebuild_money ON COMMIT DROP AS
     SELECT e.position, e.type, e.department_code, e.fiscal_year, e.occurred_on, e.event_id, m.line_id,
            (e.payload->'data'->>'amount')::numeric AS amount, m.sign * (e.payload->'data'->>'amount')::numeric AS budget,
            0::numeric AS paid,
            NULL::text AS economic_code, NULL::text AS economic_name, NULL::jsonb AS procurement, NULL::text AS original_event_id
       FROM events e
      CROSS JOIN LATERAL (VALUES (e.payload->'data'->>'lineId', 1), (e.payload->'data'->>'fromLineId', -1), (e.payload->'data'->>'toLineId', 1)) AS m(line_id, sign)
      WHERE e.type IN ('AppropriationAdjusted', 'AppropriationTransferred') AND m.line_id IS NOT NULL
     UNION ALL
     SELECT position, type, department_code, fiscal_year, occurred_on, event_id, payload->'data'->>'lineId',
            (payload->'data'->>'amount')::numeric, 0,
            CASE type WHEN 'PaymentMade' THEN (payload->'data'->>'amount')::numeric ELSE -(payload->'data'->>'amount')::numeric END,
            payload->'data'->>'economicCode', payload->'data'->>'economicName', payload->'data'->'procurement',
            payload->'data'->>'originalEventId'
       FROM events WHERE type IN ('PaymentMade', 'PaymentReversed')`,
  );
  // A reversal is booked with its original payment's economic code and tags (as the projections do on ingest).
  await client.query(
    `UPDATE rebuild_money r SET economic_code = o.economic_code, procurement = o.procurement
       FROM rebuild_money o WHERE r.type = 'PaymentReversed' AND o.type = 'PaymentMade' AND o.event_id = r.original_event_id`,
  );
  await client.query('ANALYZE rebuild_money');
  await client.query(
    `UPDATE ledger_lines l SET budget = l.budget + s.budget, paid = l.paid + s.paid,
            lapsed = CASE WHEN l.carried_forward IS NULL THEN NULL ELSE (l.budget + s.budget) - (l.paid + s.paid) - l.carried_forward END
       FROM (SELECT department_code, fiscal_year, line_id, sum(budget) AS budget, sum(paid) AS paid FROM rebuild_money GROUP BY 1, 2, 3) s
      WHERE l.department_code = s.department_code AND l.fiscal_year = s.fiscal_year AND l.line_id = s.line_id`,
  );
  const { rows } = await client.query<{ n: string }>('SELECT count(DISTINCT position)::text AS n FROM rebuild_money');
  return Number(rows[0].n);
}
