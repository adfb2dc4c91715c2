import type { PoolClient } from 'pg';
import type { Queryable } from '../database';
import type { Projection } from '../projections/projection';
import { rebuildProjectionsIn, rebuiltTables } from './rebuild';

/**
 * `?knownAt=` (SPEC §13): what a department's reads answered when only the events appended to the event store by an
 * instant were there — so a report issued on a day can be reproduced after later back-dated corrections.
 *
 * The cut of a department at an instant is a prefix of its events in processing order: every event of the department
 * (all fiscal years) up to the highest position appended by then (`recorded_at`, the appending transaction's now()).
 * A department's batches hold its advisory lock until they commit, so its positions commit in order and a prefix is
 * what some moment of the event store held; the highest position is what the answer reflects.
 */

/**
 * The cut's highest position (0: nothing of the department was appended by then). Per fiscal year a backward probe of
 * events_by_department_year stops at the newest event recorded by the instant — near the top for a recent instant.
 */
const CUT_SQL = `WITH RECURSIVE years(y) AS (
    SELECT min(fiscal_year) FROM events WHERE department_code = $1
    UNION ALL
    SELECT (SELECT min(fiscal_year) FROM events WHERE department_code = $1 AND fiscal_year > years.y) FROM years WHERE years.y IS NOT NULL)
  SELECT coalesce(max((SELECT e.position FROM events e
                        WHERE e.department_code = $1 AND e.fiscal_year = years.y AND e.recorded_at <= $2::timestamptz
                        ORDER BY e.position DESC LIMIT 1)), 0)::text AS position
    FROM years WHERE years.y IS NOT NULL`;

export async function departmentCutPosition(db: Queryable, departmentCode: string, knownAt: string): Promise<string> {
  const { rows } = await db.query<{ position: string }>(CUT_SQL, [departmentCode, knownAt]);
  return rows[0].position;
}

/** The department's highest position in the event store `db` sees (0: none). */
export function departmentPosition(db: Queryable, departmentCode: string): Promise<string> {
  return departmentCutPosition(db, departmentCode, 'infinity');
}

/** The tables a cut shadows: the event store, the checkpoints (the rebuild locks them) and every rebuilt read table. */
export function shadowedTables(projections: readonly Projection[]): string[] {
  return ['events', 'transport_checkpoints', ...rebuiltTables(projections)];
}

export interface ShadowReport {
  events: number;
  millis: number;
}

/**
 * Inside the caller's transaction, shadows the event store and every read model with temporary tables (PostgreSQL
 * searches the session's pg_temp before any other schema for unqualified names) and rebuilds them with the ordinary
 * `rebuildProjectionsIn` from the department's events up to `position` only. Until the transaction ends, the ordinary
 * read code run on this connection answers from that cut. Nothing outside pg_temp is written: the caller rolls back.
 *
 * Every SQL the rebuild and the reads run names its tables unqualified (a schema-qualified name would escape the
 * shadow). A read table that is not rebuilt (not a projection's, not the ledger state's) is not shadowed: it is read
 * as it is now, so a read that needs one must filter it itself (as rejections are, by rejected_at).
 */
export async function shadowDepartmentCut(client: PoolClient, departmentCode: string, position: string, projections: readonly Projection[]): Promise<ShadowReport> {
  const started = Date.now();
  const tables = shadowedTables(projections);
  // The schema the migrations created the tables in (public, unless the database's search_path says otherwise).
  const { rows: here } = await client.query<{ schema: string }>('SELECT quote_ident(current_schema()) AS schema');
  const real = here[0].schema;
  // Structure, defaults, constraints and indexes (the reads' and the rebuild's ON CONFLICT keys); no triggers. The
  // event store's indexes are built after its copy: in bulk, several times faster than row by row.
  for (const table of tables) {
    await client.query(`CREATE TEMP TABLE ${table} (LIKE ${real}.${table} INCLUDING ALL${table === 'events' ? ' EXCLUDING INDEXES' : ''}) ON COMMIT DROP`);
  }
  // The rebuild TRUNCATEs these names: make sure each one now resolves to this session's own copy.
  const { rows: escaped } = await client.query<{ t: string }>(
    `SELECT t FROM unnest($1::text[]) AS t
      WHERE (SELECT c.relnamespace FROM pg_class c WHERE c.oid = to_regclass(t)) IS DISTINCT FROM pg_my_temp_schema()`,
    [tables],
  );
  if (escaped.length) throw new Error(`knownAt: ${escaped.map((r) => r.t).join(', ')} not shadowed by a temporary table`);
  const copied = await client.query(`INSERT INTO pg_temp.events SELECT * FROM ${real}.events WHERE department_code = $1 AND position <= $2`, [departmentCode, position]);
  for (const definition of await eventStoreIndexes(client, real)) await client.query(definition);
  // Autovacuum never analyses temporary tables, and the planner needs their statistics; a small sample suffices for
  // one department (and costs a tenth of the default one).
  await client.query('SET LOCAL default_statistics_target = 10');
  await client.query('ANALYZE pg_temp.events');
  await rebuildProjectionsIn(client, projections);
  await client.query(`ANALYZE ${tables.filter((t) => t !== 'events').map((t) => `pg_temp.${t}`).join(', ')}`);
  return { events: copied.rowCount ?? 0, millis: Date.now() - started };
}

/**
 * The event store's indexes (whatever the migrations made) as statements building them on pg_temp.events — but those
 * on expressions of the payload (a reversal's original, a line's events): extracting them from every row is the
 * dearest part of the copy, and no read of the cut uses them (the audit trail filters the event store by position
 * itself, and the rebuild folds reversals set-based). A query that would have used one scans one department instead.
 */
async function eventStoreIndexes(client: PoolClient, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ definition: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
      WHERE i.indrelid = $1::regclass AND i.indexprs IS NULL ORDER BY i.indexrelid`,
    [`${schema}.events`],
  );
  return rows.map(({ definition }) => {
    const statement = definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ USING /, (_all, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX ON pg_temp.events USING `);
    if (statement === definition) throw new Error(`knownAt: unexpected index definition of events: ${definition}`);
    return statement;
  });
}
