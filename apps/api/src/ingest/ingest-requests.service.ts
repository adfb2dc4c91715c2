import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Principal } from '../auth/token.service';
import { LEDGER_RUNTIME } from '../core/core.module';
import { ReadReplicaSync } from '../core/read-replica-sync';
import type { IngestResultRow } from './ingest-results.waiter';

/** One event's outcome, as `POST /v1/events` answers it (SPEC §4). */
export interface EventResult {
  eventId: string | null;
  status: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  code?: string;
  message?: string;
  position?: number;
}

/** `GET /v1/requests/{requestId}` (SPEC §13): `results` and `position` are the synchronous answer's once DONE. */
export interface RequestStatus {
  requestId: string;
  state: 'PENDING' | 'DONE';
  /** Events in the batch, and how many of them the ledger has applied or rejected so far. */
  accepted: number;
  processed: number;
  results: EventResult[];
  position: number | null;
}

/** How long a request and its outcomes stay answerable (SPEC §13; docs in the migration 011 and README). */
export const REQUEST_RETENTION_DAYS = 7;
const PURGE_EVERY_MS = 3_600_000;

/** The answer of a batch from its outcome rows (in batch order): each event's result and the highest position. */
export function answerOf(rows: readonly IngestResultRow[]): { results: EventResult[]; position: number | null } {
  const results: EventResult[] = [...rows]
    .sort((a, b) => a.idx - b.idx)
    .map((r) => ({
      eventId: r.event_id,
      status: r.status,
      ...(r.code ? { code: r.code } : {}),
      ...(r.message ? { message: r.message } : {}),
      ...(r.position ? { position: Number(r.position) } : {}),
    }));
  const positions = results.flatMap((r) => (r.position === undefined ? [] : [r.position]));
  return { results, position: positions.length ? Math.max(...positions) : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The requests of `POST /v1/events` (SPEC §13): recorded with the posting token before the batch is appended, looked
 * up by that token or an admin while the ledger works through it and for REQUEST_RETENTION_DAYS after, then purged
 * with their outcomes. Everything here is on the primary, where the ledger writes the outcomes.
 */
@Injectable()
export class IngestRequests implements OnModuleInit, OnModuleDestroy {
  private purger: NodeJS.Timeout | null = null;

  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    private readonly replica: ReadReplicaSync,
  ) {}

  async register(requestId: string, tokenId: string, eventCount: number): Promise<void> {
    await this.runtime.pool.query('INSERT INTO ingest_requests (request_id, token_id, event_count) VALUES ($1, $2, $3)', [requestId, tokenId, eventCount]);
  }

  /** The batch was not appended after all (the log was unavailable): nothing will ever answer it. */
  async forget(requestId: string): Promise<void> {
    await this.runtime.pool.query('DELETE FROM ingest_requests WHERE request_id = $1', [requestId]).catch(() => undefined);
  }

  /** The request's state, or null when it is unknown, purged, or another token's (so that nothing leaks). */
  async lookup(requestId: string, principal: Principal): Promise<RequestStatus | null> {
    if (!UUID.test(requestId)) return null;
    const { rows } = await this.runtime.pool.query<{ token_id: string; event_count: number; processed: number }>(
      `SELECT q.token_id, q.event_count, (SELECT count(*)::int FROM ingest_results r WHERE r.request_id = q.request_id) AS processed
         FROM ingest_requests q WHERE q.request_id = $1`,
      [requestId],
    );
    const request = rows[0];
    if (!request || (request.token_id !== principal.tokenId && !principal.has('admin'))) return null;
    const status = { requestId, accepted: request.event_count, processed: Math.min(request.processed, request.event_count) };
    if (request.processed < request.event_count) return { ...status, state: 'PENDING', results: [], position: null };
    const outcomes = await this.runtime.pool.query<IngestResultRow>(
      'SELECT idx, event_id, status, code, message, position::text FROM ingest_results WHERE request_id = $1',
      [requestId],
    );
    // DONE promises what the synchronous answer promises: a GET issued after it sees the batch, replica or not.
    await this.replica.catchUp();
    return { ...status, state: 'DONE', ...answerOf(outcomes.rows) };
  }

  /** Requests older than REQUEST_RETENTION_DAYS, with their outcomes. */
  async purge(): Promise<void> {
    await this.runtime.pool.query(
      `WITH expired AS (DELETE FROM ingest_requests WHERE created_at < now() - make_interval(days => $1) RETURNING request_id)
       DELETE FROM ingest_results r USING expired WHERE r.request_id = expired.request_id`,
      [REQUEST_RETENTION_DAYS],
    );
  }

  onModuleInit(): void {
    this.purger = setInterval(() => this.purge().catch(() => undefined), PURGE_EVERY_MS);
    this.purger.unref();
  }

  onModuleDestroy(): void {
    if (this.purger) clearInterval(this.purger);
  }
}
