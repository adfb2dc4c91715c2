import { InboundMessage, LedgerBatchProcessor, withTransaction } from '@app/postgres';
import type { Pool, PoolClient } from 'pg';
import { EventLogWriter, LedgerConsumer, OutboundMessage } from '../transport';

/**
 * The embedded transport (SPEC §3): the inbound log is the `event_log` table, read in `seq` order like a
 * one-partition topic, through the same ledger batch processor as Kafka. Appends take a transaction-level
 * advisory lock so that sequence order is commit order and the reader can never skip a row committed late.
 */
const APPEND_LOCK = 7_340_002;
export const EMBEDDED_STREAM = { stream: 'embedded', partition: 0 } as const;
const NEW_ROWS_CHANNEL = 'event_log_appended';

export class EmbeddedLogWriter implements EventLogWriter {
  readonly kind = 'embedded' as const;

  constructor(private readonly pool: Pool) {}

  async append(messages: readonly OutboundMessage[]): Promise<void> {
    if (!messages.length) return;
    await withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      await client.query(
        `INSERT INTO event_log (partition_key, value, headers)
         SELECT k, v, h FROM unnest($1::text[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS u(k, v, h, n) ORDER BY n`,
        [
          messages.map((m) => m.key),
          messages.map((m) => m.value),
          messages.map((m) => JSON.stringify(m.requestId === undefined ? {} : { requestId: m.requestId, requestIndex: m.requestIndex })),
        ],
      );
      await client.query(`SELECT pg_notify('${NEW_ROWS_CHANNEL}', '')`);
    });
  }

  async status(): Promise<{ ok: boolean }> {
    return { ok: true };
  }

  async close(): Promise<void> {}
}

export class EmbeddedLogConsumer implements LedgerConsumer {
  private running = false;
  private loop: Promise<void> | null = null;
  private listener: PoolClient | null = null;
  private dropListener: (() => void) | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly processor: LedgerBatchProcessor,
    private readonly batchSize = 5000,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.dropListener?.();
  }

  async lag(): Promise<number> {
    const { rows } = await this.pool.query<{ lag: string }>(
      `SELECT count(*)::text AS lag FROM event_log
        WHERE seq >= COALESCE((SELECT next_offset FROM transport_checkpoints WHERE stream = $1 AND partition = $2), 0)`,
      [EMBEDDED_STREAM.stream, EMBEDDED_STREAM.partition],
    );
    return Number(rows[0].lag);
  }

  /**
   * Processes whatever is in the log now; resolves when the log is drained (used by tests and rebuild). From the
   * consumer's own loop it also returns after the current batch once stop() was called (graceful shutdown).
   */
  async drain(untilStopped = false): Promise<number> {
    let total = 0;
    for (;;) {
      if (untilStopped && !this.running) return total;
      const messages = await this.readBatch();
      if (!messages.length) return total;
      await this.processor.process(EMBEDDED_STREAM, messages);
      total += messages.length;
    }
  }

  private async listen(): Promise<void> {
    let client: PoolClient | null = null;
    let released = false;
    const drop = () => {
      // Polling continues; the loop listens again on a fresh connection. The broken one leaves the pool.
      if (this.listener === client) this.listener = null;
      if (client && !released) client.release(true);
      released = true;
    };
    this.dropListener = drop;
    try {
      client = await this.pool.connect();
      client.on('notification', () => this.wake?.());
      client.on('error', drop);
      await client.query(`LISTEN ${NEW_ROWS_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      drop();
      this.onError(error);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const processed = await this.drain(true);
        if (processed === 0 && this.running) await this.idle(500);
        if (!this.listener && this.running) await this.listen();
      } catch (error) {
        // The batch rolled back; nothing was applied. Retry after a pause (database restart, lost connection…).
        this.onError(error);
        await this.idle(1000);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async readBatch(): Promise<InboundMessage[]> {
    const { rows } = await this.pool.query<{ seq: string; value: string; headers: { requestId?: string; requestIndex?: number } }>(
      `SELECT seq::text, value, headers FROM event_log
        WHERE seq >= COALESCE((SELECT next_offset FROM transport_checkpoints WHERE stream = $1 AND partition = $2), 0)
        ORDER BY event_log.seq LIMIT $3`,
      [EMBEDDED_STREAM.stream, EMBEDDED_STREAM.partition, this.batchSize],
    );
    return rows.map((r) => ({ offset: r.seq, value: r.value, requestId: r.headers.requestId, requestIndex: r.headers.requestIndex }));
  }
}
