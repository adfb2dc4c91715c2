import 'reflect-metadata';
import { createLogger, loadConfig } from '@app/config';
import { createLedgerRuntime } from '@app/transport';

/**
 * The ledger worker: consumes the transport (Kafka when KAFKA_BROKERS is set, else the embedded log) and applies
 * batches to the event store and projections. Run several for more partitions; each batch is one transaction
 * with its checkpoint, so a kill at any instant loses and doubles nothing.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('the projector needs DATABASE_URL (the embedded database belongs to `npm start`)');
  const log = createLogger(config.logLevel, 'budget-projector');
  const runtime = await createLedgerRuntime(
    config,
    config.databaseUrl,
    (error) => log.error({ err: error }, 'ledger batch failed; it will be retried'),
    (rejection) => log.info(rejection, 'event rejected'),
  );
  await runtime.consumer.start();
  log.info({ source: runtime.transport === 'kafka' ? config.kafkaTopic : 'embedded log' }, 'projector consuming');
  const shutdown = async () => {
    log.info('shutting down: finishing the current batch');
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
