import { DeadLetter, InboundMessage, LedgerBatchProcessor } from '@app/postgres';
import { Admin, Consumer, IHeaders, Kafka, logLevel, Producer } from 'kafkajs';
import { isUtf8 } from 'node:buffer';
import type { Pool } from 'pg';
import { EventLogWriter, LedgerConsumer, OutboundMessage, REQUEST_ID_HEADER, REQUEST_INDEX_HEADER } from '../transport';

/**
 * The Kafka transport (SPEC §3): topic `budget.events.v1` keyed by departmentCode, an idempotent acks=all
 * producer, and a consumer whose offsets live in PostgreSQL with the rows they produce (`transport_checkpoints`),
 * seeking to them on every assignment. Kafka's own committed offsets are written after the PostgreSQL commit and
 * are informational (lag monitoring); the checkpoint is the truth, so a redelivered message is skipped.
 */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topic: string;
  dlqTopic: string;
  groupId: string;
  partitions: number;
  sessionTimeoutMs: number;
  maxBatchBytes: number;
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 200, retries: 12 },
  });
}

/** Creates the topic and its DLQ when missing (treasury systems may also create them). */
export async function ensureTopics(kafka: Kafka, settings: KafkaSettings): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [settings.topic, settings.dlqTopic].filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: topic === settings.topic ? settings.partitions : 1, replicationFactor: 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Kafka refuses record batches over ~1 MB by default: send in slices well under it. */
const MAX_SLICE_BYTES = 512 * 1024;

export class KafkaLogWriter implements EventLogWriter {
  readonly kind = 'kafka' as const;
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(private readonly kafka: Kafka, private readonly settings: KafkaSettings) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error) => {
      this.connected = null;
      throw error;
    });
    return this.connected;
  }

  async append(messages: readonly OutboundMessage[]): Promise<void> {
    await this.connect();
    let slice: OutboundMessage[] = [];
    let bytes = 0;
    const flush = async () => {
      if (!slice.length) return;
      await this.producer.send({
        topic: this.settings.topic,
        acks: -1,
        messages: slice.map((m) => ({
          key: m.key,
          value: m.value,
          headers: m.requestId === undefined ? undefined : { [REQUEST_ID_HEADER]: m.requestId, [REQUEST_INDEX_HEADER]: String(m.requestIndex) },
        })),
      });
      slice = [];
      bytes = 0;
    };
    for (const m of messages) {
      const size = Buffer.byteLength(m.value) + Buffer.byteLength(m.key) + 64;
      if (bytes + size > MAX_SLICE_BYTES) await flush();
      slice.push(m);
      bytes += size;
    }
    await flush();
  }

  async status(): Promise<{ ok: boolean; detail?: string }> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.fetchTopicMetadata({ topics: [this.settings.topic] });
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch(() => undefined);
    this.connected = null;
  }
}

const header = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0]?.toString() : value.toString();
};

export class KafkaLedgerConsumer implements LedgerConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly admin: Admin;

  constructor(
    kafka: Kafka,
    private readonly pool: Pool,
    private readonly processor: LedgerBatchProcessor,
    private readonly settings: KafkaSettings,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.consumer = kafka.consumer({ groupId: settings.groupId, maxBytesPerPartition: settings.maxBatchBytes, maxBytes: settings.maxBatchBytes * Math.max(1, settings.partitions), sessionTimeout: settings.sessionTimeoutMs, heartbeatInterval: Math.max(500, Math.floor(settings.sessionTimeoutMs / 10)) });
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.admin = kafka.admin();
  }

  async start(): Promise<void> {
    await Promise.all([this.consumer.connect(), this.dlqProducer.connect(), this.admin.connect()]);
    // kafkajs restarts a crashed consumer by itself (the failed batch rolled back and is fetched again); say why.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => this.onError(payload.error));
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.seekToCheckpoints(payload.memberAssignment).catch(this.onError);
    });
    await this.consumer.subscribe({ topic: this.settings.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Partitions hold disjoint departments (key = departmentCode), so their batches commit independently: every
      // assigned partition in flight at once pipelines them (one decoding while others wait on PostgreSQL; issue 12).
      partitionsConsumedConcurrently: this.settings.partitions,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const messages: InboundMessage[] = batch.messages.map((m) => {
          const requestIndex = header(m.headers, REQUEST_INDEX_HEADER);
          return {
            offset: m.offset,
            value: m.value === null ? null : m.value.toString('utf8'),
            invalidUtf8: m.value !== null && !isUtf8(m.value),
            requestId: header(m.headers, REQUEST_ID_HEADER),
            requestIndex: requestIndex === undefined ? undefined : Number(requestIndex),
          };
        });
        const raw = new Map(batch.messages.map((m) => [m.offset, m]));
        try {
          await this.processor.process({ stream: batch.topic, partition: batch.partition }, messages, (deadLetters) =>
            this.sendToDlq(batch.topic, batch.partition, deadLetters, raw),
          );
        } catch (error) {
          // Rolled back; kafkajs fetches the batch again (and restarts the consumer if retries run out). Say why.
          this.onError(error);
          throw error;
        }
        const last = batch.messages[batch.messages.length - 1].offset;
        resolveOffset(last);
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
        await heartbeat();
      },
    });
  }

  /** SPEC §3: invalid or rejected messages go to the DLQ with the reason in headers (before the PostgreSQL commit: at least once). */
  private async sendToDlq(topic: string, partition: number, deadLetters: DeadLetter[], raw: Map<string, { key: Buffer | null; value: Buffer | null }>): Promise<void> {
    await this.dlqProducer.send({
      topic: this.settings.dlqTopic,
      acks: -1,
      messages: deadLetters.map((d) => ({
        key: raw.get(d.message.offset)?.key ?? null,
        value: raw.get(d.message.offset)?.value ?? null,
        headers: {
          'x-dlq-code': d.code,
          'x-dlq-reason': d.reason.slice(0, 2000),
          'x-original-topic': topic,
          'x-original-partition': String(partition),
          'x-original-offset': d.message.offset,
          ...(d.eventId ? { 'x-event-id': d.eventId } : {}),
          ...(d.departmentCode ? { 'x-department-code': d.departmentCode } : {}),
        },
      })),
    });
  }

  private async seekToCheckpoints(assignment: Record<string, number[]>): Promise<void> {
    const partitions = assignment[this.settings.topic] ?? [];
    if (!partitions.length) return;
    const { rows } = await this.pool.query<{ partition: number; next_offset: string }>(
      'SELECT partition, next_offset::text FROM transport_checkpoints WHERE stream = $1 AND partition = ANY($2::int[])',
      [this.settings.topic, partitions],
    );
    for (const row of rows) this.consumer.seek({ topic: this.settings.topic, partition: row.partition, offset: row.next_offset });
  }

  async lag(): Promise<number | null> {
    try {
      const offsets = await this.admin.fetchTopicOffsets(this.settings.topic);
      const { rows } = await this.pool.query<{ partition: number; next_offset: string }>(
        'SELECT partition, next_offset::text FROM transport_checkpoints WHERE stream = $1',
        [this.settings.topic],
      );
      const done = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
      let lag = 0n;
      for (const o of offsets) lag += BigInt(o.high) - (done.get(o.partition) ?? BigInt(o.low));
      return Number(lag);
    } catch {
      return null;
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
    await this.dlqProducer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
