import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { PG_ADMIN_URL } from './test-env';

/** Drops every database of this run and stops the broker the setup started. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.BT_TEST_RUN_ID;
  if (run && process.env.BT_TEST_KEEP_DATABASES !== '1') {
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`bt\\_${run}\\_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  if (process.env.BT_TEST_STARTED_KAFKA === '1') execFileSync('bash', ['scripts/kafka/kafka.sh', 'stop'], { stdio: 'inherit' });
}
