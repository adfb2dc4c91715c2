import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { createPool } from '../../libs/postgres/src/database';
import { runMigrations } from '../../libs/postgres/src/migrations';
import { databaseUrl, PG_ADMIN_URL } from './test-env';

/**
 * Once per test run: a fresh template database with every migration applied (each test file clones it), and a
 * real Kafka broker (scripts/kafka/kafka.sh) unless KAFKA_BROKERS points at one already.
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  process.env.BT_TEST_RUN_ID = run;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  const template = `bt_${run}_template`;
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const pool = createPool(databaseUrl(template), 2);
  await runMigrations(pool);
  await pool.end();

  if (!process.env.KAFKA_BROKERS && process.env.BT_TEST_NO_KAFKA !== '1') {
    // A broker that was already running (someone else's) is used and left running; only one started here is stopped.
    const running = (() => {
      try {
        execFileSync('bash', ['scripts/kafka/kafka.sh', 'status'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    if (!running) {
      execFileSync('bash', ['scripts/kafka/kafka.sh', 'start'], { stdio: 'inherit' });
      process.env.BT_TEST_STARTED_KAFKA = '1';
    }
    process.env.KAFKA_BROKERS = `127.0.0.1:${process.env.KAFKA_PORT || '9092'}`;
  }
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
}
