import { INGEST_RESULTS_CHANNEL } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { LEDGER_RUNTIME } from '../core/core.module';

export interface IngestResultRow {
  idx: number;
  event_id: string | null;
  status: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  code: string | null;
  message: string | null;
  position: string | null;
}

/**
 * Read-your-writes for `POST /v1/events` (SPEC §4): the ledger writes each event's outcome to `ingest_results`
 * and NOTIFYs the request id when its batch commits; this waits for all of a request's outcomes (LISTEN, with a
 * poll as a safety net should the notification connection drop) and returns them. They stay for
 * `GET /v1/requests/{requestId}` (SPEC §13) until IngestRequests purges them.
 */
@Injectable()
export class IngestResultsWaiter implements OnModuleDestroy {
  private listener: PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  /** Per waiting request: whether a notification came since it last counted, and how to wake it. */
  private readonly waiting = new Map<string, { notified: boolean; wake: () => void }>();

  constructor(@Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime) {}

  /** Call before appending, so that no notification can be missed. */
  ready(): Promise<void> {
    return this.ensureListening();
  }

  async waitFor(requestId: string, count: number, timeoutMs: number): Promise<IngestResultRow[] | null> {
    const deadline = Date.now() + timeoutMs;
    // Registered before the first count: a batch committing while a count is in flight (a request's events span
    // several partitions, so several batches) is noticed instead of waiting for the next poll.
    const signal = { notified: false, wake: () => undefined as void };
    this.waiting.set(requestId, signal);
    try {
      while (Date.now() < deadline) {
        signal.notified = false;
        const done = await this.count(requestId);
        if (done >= count) return await this.outcomes(requestId);
        if (signal.notified) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(finish, Math.min(1000, Math.max(0, deadline - Date.now())));
          function finish() {
            clearTimeout(timer);
            resolve();
          }
          signal.wake = finish;
        });
      }
      return null;
    } finally {
      this.waiting.delete(requestId);
    }
  }

  private async count(requestId: string): Promise<number> {
    const { rows } = await this.runtime.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_results WHERE request_id = $1', [requestId]);
    return rows[0].n;
  }

  private async outcomes(requestId: string): Promise<IngestResultRow[]> {
    const { rows } = await this.runtime.pool.query<IngestResultRow>(
      'SELECT idx, event_id, status, code, message, position::text FROM ingest_results WHERE request_id = $1',
      [requestId],
    );
    return rows.sort((a, b) => a.idx - b.idx);
  }

  private ensureListening(): Promise<void> {
    if (this.listener) return Promise.resolve();
    this.connecting ??= (async () => {
      try {
        const client = await this.runtime.pool.connect();
        client.on('notification', (n) => {
          const signal = this.waiting.get(n.payload ?? '');
          if (!signal) return;
          signal.notified = true;
          signal.wake();
        });
        client.on('error', () => {
          this.listener = null;
          client.release(true);
        });
        await client.query(`LISTEN ${INGEST_RESULTS_CHANNEL}`);
        this.listener = client;
      } catch {
        // polling still answers; try to listen again on the next request
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  onModuleDestroy(): void {
    this.listener?.release();
    this.listener = null;
  }
}
