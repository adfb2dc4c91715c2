import { AppConfig } from '@app/config';
import { catalogue } from '@app/domain';
import {
  BudgetProjection,
  CodeNamesProjection,
  createPool,
  DeclarationsProjection,
  DepartmentsProjection,
  FinalAccountsProjection,
  IndicatorsProjection,
  LedgerBatchProcessor,
  ProgressProjection,
  Projection,
  RejectionListener,
  runMigrations,
  VarianceInputsProjection,
} from '@app/postgres';
import type { Pool } from 'pg';
import { EmbeddedLogConsumer, EmbeddedLogWriter } from './embedded/embedded-log';
import { createKafka, ensureTopics, KafkaLedgerConsumer, KafkaLogWriter, KafkaSettings } from './kafka/kafka-transport';
import { EventLogWriter, LedgerConsumer } from './transport';

/**
 * Everything a process needs to ingest and apply events, wired from configuration: the same ledger and
 * projections behind either transport (SPEC §3). The API and the projector app both start from here.
 */
export interface LedgerRuntime {
  /** The primary: the ledger, the projections, tokens, ingest results. */
  pool: Pool;
  /** Where GET routes read the read models: DATABASE_READ_URL's replica, or `pool` itself when it is unset. */
  readPool: Pool;
  projections: readonly Projection[];
  processor: LedgerBatchProcessor;
  writer: EventLogWriter;
  consumer: LedgerConsumer;
  transport: 'kafka' | 'embedded';
  close(): Promise<void>;
}

/** Every read model folded from the event store; later capabilities add theirs here. */
export function createProjections(): Projection[] {
  return [new DepartmentsProjection(), new ProgressProjection(), new IndicatorsProjection(), new FinalAccountsProjection(), new VarianceInputsProjection(), new CodeNamesProjection(), new DeclarationsProjection(), new BudgetProjection()];
}

export function kafkaSettings(config: AppConfig): KafkaSettings {
  return {
    brokers: config.kafkaBrokers ?? [],
    clientId: config.kafkaClientId,
    topic: config.kafkaTopic,
    dlqTopic: config.kafkaDlqTopic,
    groupId: config.kafkaGroupId,
    partitions: config.kafkaPartitions,
    sessionTimeoutMs: config.kafkaSessionTimeoutMs,
    maxBatchBytes: config.kafkaMaxBatchBytes,
  };
}

export async function createLedgerRuntime(
  config: AppConfig,
  databaseUrl: string,
  onError: (e: unknown) => void,
  onRejected?: RejectionListener,
): Promise<LedgerRuntime> {
  const pool = createPool(databaseUrl);
  await runMigrations(pool);
  const readPool = config.databaseReadUrl ? createPool(config.databaseReadUrl) : pool;
  const projections = createProjections();
  const processor = new LedgerBatchProcessor(pool, projections, catalogue, onRejected);
  let writer: EventLogWriter;
  let consumer: LedgerConsumer;
  if (config.kafkaBrokers) {
    const settings = kafkaSettings(config);
    const kafka = createKafka(settings);
    await ensureTopics(kafka, settings);
    writer = new KafkaLogWriter(kafka, settings);
    consumer = new KafkaLedgerConsumer(kafka, pool, processor, settings, onError);
  } else {
    writer = new EmbeddedLogWriter(pool);
    consumer = new EmbeddedLogConsumer(pool, processor, config.embeddedBatchSize, onError);
  }
  return {
    pool,
    readPool,
    projections,
    processor,
    writer,
    consumer,
    transport: writer.kind,
    async close() {
      await consumer.stop();
      await writer.close();
      await pool.end();
      if (readPool !== pool) await readPool.end();
    },
  };
}
