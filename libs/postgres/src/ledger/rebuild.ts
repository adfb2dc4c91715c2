import { evolve, LedgerEvent, requiredState } from '@app/domain';
import type { Pool } from 'pg';
import { withTransaction } from '../database';
import type { AppliedEvent, Projection } from '../projections/projection';
import { loadLedgerState, saveLedgerState } from './ledger-state-store';

export const LEDGER_STATE_TABLES = ['ledger_lines', 'ledger_payments', 'ledger_indicators', 'ledger_closed_years'] as const;

export interface RebuildReport {
  events: number;
  tables: string[];
  millis: number;
}

/**
 * Rebuilds the ledger state and every projection from the event store (SPEC §3, `POST /v1/admin/rebuild`), in
 * one transaction: the checkpoints are locked first so no batch is applied meanwhile; the tables are emptied; the
 * events are replayed in position order, a chunk at a time, through the same `evolve` and projection code as
 * ingestion. TRUNCATE locks the tables, so reads of them wait for the rebuild to commit and then see the new rows.
 */
export async function rebuildProjections(pool: Pool, projections: readonly Projection[], chunkSize = 10_000): Promise<RebuildReport> {
  const started = Date.now();
  const tables = [...LEDGER_STATE_TABLES, ...projections.flatMap((p) => p.tables)];
  return withTransaction(pool, async (client) => {
    await client.query('LOCK TABLE transport_checkpoints IN EXCLUSIVE MODE');
    await client.query(`TRUNCATE ${tables.join(', ')}`);
    let after = '0';
    let total = 0;
    for (;;) {
      const { rows } = await client.query<{ position: string; content_hash: string; payload: LedgerEvent }>(
        'SELECT position::text, content_hash, payload FROM events WHERE events.position > $1 ORDER BY events.position LIMIT $2',
        [after, chunkSize],
      );
      if (!rows.length) break;
      const events = rows.map((r) => r.payload);
      const state = await loadLedgerState(client, requiredState(events), false);
      for (const row of rows) evolve(state, row.payload, row.content_hash, row.position);
      await saveLedgerState(client, state);
      const applied: AppliedEvent[] = rows.map((r) => ({ position: r.position, event: r.payload }));
      for (const projection of projections) await projection.apply(client, applied);
      after = rows[rows.length - 1].position;
      total += rows.length;
    }
    return { events: total, tables, millis: Date.now() - started };
  });
}
