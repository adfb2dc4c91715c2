/** Where the tests find PostgreSQL and Kafka; `npm test` (scripts/test.sh) starts the broker when KAFKA_BROKERS is unset. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export function runId(): string {
  const id = process.env.BT_TEST_RUN_ID;
  if (!id) throw new Error('BT_TEST_RUN_ID is unset: run the tests through jest (global setup)');
  return id;
}

export function databaseUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export function templateDatabase(): string {
  return `bt_${runId()}_template`;
}

export function kafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is unset: the global setup starts a broker');
  return brokers.split(',');
}
