import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { createLedgerRuntime } from '@app/transport';

/**
 * The ledger worker: consumes the transport (Kafka when KAFKA_BROKERS is set, else the embedded log) and applies
 * batches to the event store and projections. Run several for more partitions; each batch is one transaction
 * with its checkpoint, so a kill at any instant loses and doubles nothing.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('the projector needs DATABASE_URL (the embedded database belongs to `npm start`)');
  const runtime = await createLedgerRuntime(config, config.databaseUrl, (error) => console.error('[projector]', (error as Error)?.message ?? error));
  await runtime.consumer.start();
  console.log(`[projector] consuming ${runtime.transport === 'kafka' ? config.kafkaTopic : 'embedded log'}`);
  const shutdown = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
