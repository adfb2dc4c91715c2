import { resolve } from 'node:path';

/**
 * Configuration, read from the environment once (SPEC §3). Unset DATABASE_URL → embedded PostgreSQL in
 * DATA_DIR; unset KAFKA_BROKERS → the embedded transport (the log kept in PostgreSQL).
 */
export interface AppConfig {
  port: number;
  databaseUrl: string | undefined;
  /**
   * A PostgreSQL read replica (hot standby) for the API's GET routes; unset → reads use DATABASE_URL. Writes,
   * migrations, tokens and `knownAt` reads always use DATABASE_URL (docs/scaling.md §3).
   */
  databaseReadUrl: string | undefined;
  /** How long `POST /v1/events` waits for the read replica to replay the batch before answering (read-your-writes). */
  readReplicaWaitMs: number;
  /**
   * `knownAt` reads answered at once per process, 1–4: each holds one pooled connection (of 10) while it answers — a
   * snapshot of the read models, or on the primary the department's cut rebuilt into temporary tables — and may need
   * one more meanwhile; the others wait their turn.
   */
  knownAtConcurrency: number;
  dataDir: string;
  /** Port of the embedded PostgreSQL (when DATABASE_URL is unset). */
  embeddedPostgresPort: number;
  kafkaBrokers: string[] | undefined;
  kafkaTopic: string;
  kafkaDlqTopic: string;
  kafkaClientId: string;
  kafkaGroupId: string;
  /** Partitions of the topic when this service creates it. */
  kafkaPartitions: number;
  /** Largest batch the ledger takes from one Kafka partition at once (bytes); one transaction per batch. */
  kafkaMaxBatchBytes: number;
  /** Largest batch the ledger takes from the embedded log at once (messages). */
  embeddedBatchSize: number;
  /** Consumer-group session timeout: how soon a dead projector's partitions move to a live one. */
  kafkaSessionTimeoutMs: number;
  adminToken: string | undefined;
  /** Run the ledger consumer inside this process (default for the API; set false when `apps/projector` runs separately). */
  runProjector: boolean;
  /** Ingest requests per minute per token (a token bucket holding one minute's worth); 0 turns the limit off. */
  ingestRatePerMinute: number;
  /** How long `POST /v1/events` waits for the ledger before answering 202 instead of 200. */
  ingestWaitMs: number;
  logLevel: string;
  /** Execution-progress status thresholds (SPEC §5): a gap below −this is ALERT, between it and 0 WARNING. */
  progressWarningGap: string;
  /** The plan for lines with no 用款计划 of their own: MOF (3/6/10/12), JUNE_SEPT_NOV or LINEAR (序时进度). */
  defaultPlanPreset: 'MOF' | 'JUNE_SEPT_NOV' | 'LINEAR';
  /** The built dashboard (`npm run build:web`, apps/web) served at `/`. */
  webDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const topic = env.KAFKA_TOPIC || 'budget.events.v1';
  const brokers = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    readReplicaWaitMs: intFrom(env.READ_REPLICA_WAIT_MS, 10_000, 'READ_REPLICA_WAIT_MS'),
    knownAtConcurrency: knownAtConcurrencyFrom(env.KNOWN_AT_CONCURRENCY),
    dataDir: resolve(env.DATA_DIR || '.data'),
    embeddedPostgresPort: intFrom(env.EMBEDDED_PG_PORT, 54329, 'EMBEDDED_PG_PORT'),
    kafkaBrokers: brokers?.length ? brokers : undefined,
    kafkaTopic: topic,
    kafkaDlqTopic: env.KAFKA_DLQ_TOPIC || `${topic}.dlq`,
    kafkaClientId: env.KAFKA_CLIENT_ID || 'budget-tracker',
    kafkaGroupId: env.KAFKA_GROUP_ID || 'budget-ledger',
    kafkaPartitions: intFrom(env.KAFKA_PARTITIONS, 4, 'KAFKA_PARTITIONS'),
    kafkaMaxBatchBytes: intFrom(env.KAFKA_MAX_BATCH_BYTES, 1024 * 1024, 'KAFKA_MAX_BATCH_BYTES'),
    embeddedBatchSize: intFrom(env.EMBEDDED_BATCH_SIZE, 5000, 'EMBEDDED_BATCH_SIZE'),
    kafkaSessionTimeoutMs: intFrom(env.KAFKA_SESSION_TIMEOUT_MS, 10_000, 'KAFKA_SESSION_TIMEOUT_MS'),
    adminToken: env.BUDGET_ADMIN_TOKEN || undefined,
    runProjector: (env.RUN_PROJECTOR ?? 'true') !== 'false',
    ingestRatePerMinute: intFrom(env.INGEST_RATE_PER_MINUTE, 600, 'INGEST_RATE_PER_MINUTE'),
    ingestWaitMs: intFrom(env.INGEST_WAIT_MS, 30_000, 'INGEST_WAIT_MS'),
    logLevel: env.LOG_LEVEL || 'info',
    defaultPlanPreset: presetFrom(env.DEFAULT_PLAN_PRESET),
    progressWarningGap: decimalFrom(env.PROGRESS_WARNING_GAP, '10', 'PROGRESS_WARNING_GAP'),
    webDir: resolve(env.WEB_DIR || 'dist/web'),
  };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${value}`);
  return n;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

function knownAtConcurrencyFrom(value: string | undefined): number {
  const n = intFrom(value, 2, 'KNOWN_AT_CONCURRENCY');
  if (n < 1 || n > 4) throw new Error(`KNOWN_AT_CONCURRENCY must be 1–4 (each knownAt read holds one of the 10 pooled connections), got ${value}`);
  return n;
}

function decimalFrom(value: string | undefined, fallback: string, name: string): string {
  if (value === undefined || value === '') return fallback;
  if (!/^[0-9]{1,3}(\.[0-9]{1,2})?$/.test(value)) throw new Error(`${name} must be a non-negative number of percentage points, got ${value}`);
  return value;
}

function presetFrom(value: string | undefined): AppConfig['defaultPlanPreset'] {
  if (value === undefined || value === '') return 'MOF';
  if (value !== 'MOF' && value !== 'JUNE_SEPT_NOV' && value !== 'LINEAR') throw new Error(`DEFAULT_PLAN_PRESET must be MOF, JUNE_SEPT_NOV or LINEAR, got ${value}`);
  return value;
}
