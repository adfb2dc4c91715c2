import { Pool, PoolClient, QueryResultRow, types } from 'pg';

/** Anything that runs a query: the pool or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

// numeric and int8 arrive as strings (exact); dates as 'YYYY-MM-DD' strings, never JS Dates.
types.setTypeParser(types.builtins.DATE, (v) => v);

export function createPool(connectionString: string, max = 10): Pool {
  const pool = new Pool({ connectionString, max, application_name: 'budget-tracker' });
  // An idle client that loses its connection (server restart, pg_terminate_backend) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  // A connection terminated between two queries emits 'error' on the checked-out client: note it, never crash.
  const onError = () => (failed = true);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that can still roll back is healthy (an error PostgreSQL reported, e.g. a unique violation).
    await client.query('ROLLBACK').catch(() => (failed = true));
    throw error;
  } finally {
    // After a failure the connection may be broken (terminated backend, network): never hand it out again.
    client.off('error', onError);
    client.release(failed);
  }
}
