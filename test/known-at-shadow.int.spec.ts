import { catalogue } from '@app/domain';
import { seed000FixtureEvents, seedFixtureEvents } from '@app/fixtures';
import { createPool, LedgerBatchProcessor, rebuiltTables, shadowDepartmentCut, withTransaction } from '@app/postgres';
import { createProjections } from '@app/transport';
import type { Pool, PoolClient } from 'pg';
import type { EventJson } from './support/events';
import { createTestDatabase } from './support/test-database';

/**
 * The replay behind `?knownAt=` (SPEC §13, libs/postgres/src/ledger/known-at.ts): a department's cut rebuilt into
 * temporary tables must hold exactly what ingesting that cut alone would have written — the whole department equals
 * its rows in the real read models, and a prefix equals a fresh database fed only that prefix — and it leaves the real
 * tables and the session as they were. Three seed fixtures (every event type, several departments and years).
 */
const projections = createProjections();
const tables = rebuiltTables(projections);

async function ingest(pool: Pool, events: readonly unknown[]): Promise<void> {
  const processor = new LedgerBatchProcessor(pool, projections, catalogue);
  let offset = 0;
  for (let i = 0; i < events.length; i += 50) {
    const outcome = await processor.process({ stream: 'shadow-test', partition: 0 }, events.slice(i, i + 50).map((e) => ({ offset: String(offset++), value: JSON.stringify(e) })));
    expect(outcome.deadLetters.map((d) => `${d.eventId}: ${d.code} ${d.reason}`)).toEqual([]);
  }
}

/** Every table's rows of one department as sorted JSON lines (`schema` pg_temp: the shadows, which hold one department). */
async function rowsOf(db: Pool | PoolClient, schema: 'public' | 'pg_temp', dept: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await db.query<{ r: string }>(
      `SELECT row_to_json(t)::text AS r FROM ${schema}.${table} t ${schema === 'public' ? 'WHERE department_code = $1' : 'WHERE $1::text IS NOT NULL'}`,
      [dept],
    );
    out[table] = rows.map((x) => x.r).sort();
  }
  return out;
}

describe('a department cut rebuilt into temporary tables (knownAt)', () => {
  let pool: Pool;
  const events = [...seed000FixtureEvents().events, ...seedFixtureEvents('001'), ...seedFixtureEvents('004')] as EventJson[];

  beforeAll(async () => {
    pool = createPool(await createTestDatabase());
    await ingest(pool, events);
  });
  afterAll(async () => pool?.end());

  /** Runs `work` on the shadows of `dept` up to `position` in a transaction that is rolled back. */
  const inShadow = async <T>(dept: string, position: string, work: (client: PoolClient) => Promise<T>): Promise<T> => {
    let result: T;
    await withTransaction(pool, async (client) => {
      await shadowDepartmentCut(client, dept, position, projections);
      result = await work(client);
      throw Object.assign(new Error('roll back'), { rollBack: true });
    }).catch((e: { rollBack?: boolean }) => {
      if (!e.rollBack) throw e;
    });
    return result!;
  };

  it('holds, for the whole of each department, exactly its rows of the real read models', async () => {
    const { rows: depts } = await pool.query<{ d: string; p: string }>('SELECT department_code AS d, max(position)::text AS p FROM events GROUP BY 1 ORDER BY 1');
    expect(depts.length).toBeGreaterThanOrEqual(2);
    for (const { d, p } of depts) {
      const real = await rowsOf(pool, 'public', d);
      expect([d, real.ledger_lines.length > 0]).toEqual([d, true]);
      const shadow = await inShadow(d, p, (client) => rowsOf(client, 'pg_temp', d));
      for (const table of tables) expect([d, table, shadow[table]]).toEqual([d, table, real[table]]);
    }
  });

  it('holds, for a prefix, what ingesting that prefix alone writes', async () => {
    const { rows } = await pool.query<{ d: string; positions: string[] }>(
      'SELECT department_code AS d, array_agg(position::text ORDER BY position) AS positions FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );
    const { d, positions } = rows[0];
    const cut = positions[Math.floor(positions.length / 2)];
    const { rows: prefix } = await pool.query<{ payload: unknown }>('SELECT payload FROM events WHERE department_code = $1 AND position <= $2 ORDER BY position', [d, cut]);
    const fresh = createPool(await createTestDatabase());
    try {
      await ingest(fresh, prefix.map((r) => r.payload));
      const expected = await rowsOf(fresh, 'public', d);
      const shadow = await inShadow(d, cut, (client) => rowsOf(client, 'pg_temp', d));
      // Positions differ between the two databases; everything else must not.
      const unpositioned = (lines: string[]) => lines.map((l) => JSON.stringify({ ...JSON.parse(l), position: undefined })).sort();
      for (const table of tables) expect([table, unpositioned(shadow[table])]).toEqual([table, unpositioned(expected[table])]);
      expect(shadow.line_days.length).toBeGreaterThan(0);
    } finally {
      await fresh.end();
    }
  });

  it('leaves the real tables and the session as they were', async () => {
    const { rows: depts } = await pool.query<{ d: string; p: string }>('SELECT department_code AS d, max(position)::text AS p FROM events GROUP BY 1 ORDER BY 1 LIMIT 1');
    const before = await rowsOf(pool, 'public', depts[0].d);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await shadowDepartmentCut(client, depts[0].d, '1', projections);
      await client.query('ROLLBACK');
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = pg_my_temp_schema()');
      expect(rows[0].n).toBe(0);
    } finally {
      client.release();
    }
    expect(await rowsOf(pool, 'public', depts[0].d)).toEqual(before);
  });
});
