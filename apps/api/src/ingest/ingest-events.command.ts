import { APP_CONFIG, AppConfig } from '@app/config';
import { catalogue, validateEvent } from '@app/domain';
import type { LedgerRuntime } from '@app/transport';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../core/api-error';
import { LEDGER_RUNTIME } from '../core/core.module';
import { ReadReplicaSync } from '../core/read-replica-sync';
import { IngestResultsWaiter } from './ingest-results.waiter';

export const MAX_EVENTS_PER_BATCH = 10_000;

export class IngestEventsCommand {
  constructor(readonly body: unknown, readonly wait: boolean) {}
}

export interface EventResult {
  eventId: string | null;
  status: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  code?: string;
  message?: string;
  position?: number;
}

export type IngestOutcome =
  | { kind: 'processed'; results: EventResult[]; position: number | null }
  | { kind: 'accepted'; accepted: number; requestId: string; message: string };

/**
 * `POST /v1/events` (SPEC §4): a structurally invalid batch is refused whole (400, nothing appended); otherwise the
 * batch is appended to the transport keyed by departmentCode and, unless `wait=false`, the answer waits until the
 * ledger has applied or rejected every event of it.
 */
@CommandHandler(IngestEventsCommand)
export class IngestEventsHandler implements ICommandHandler<IngestEventsCommand, IngestOutcome> {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly waiter: IngestResultsWaiter,
    private readonly replica: ReadReplicaSync,
  ) {}

  async execute({ body, wait }: IngestEventsCommand): Promise<IngestOutcome> {
    const events = eventsOf(body);
    const problems: { index: number; eventId: string | null; path: string; message: string }[] = [];
    events.forEach((event, index) => {
      const validation = validateEvent(event, catalogue);
      if (validation.ok) return;
      const eventId = typeof (event as { eventId?: unknown })?.eventId === 'string' ? ((event as { eventId: string }).eventId) : null;
      for (const p of validation.problems) problems.push({ index, eventId, path: p.path, message: p.message });
    });
    if (problems.length) {
      throw new ApiError(400, 'VALIDATION_FAILED', `批次中有 ${new Set(problems.map((p) => p.index)).size} 个事件格式错误，整批未接收 (batch refused)`, problems.slice(0, 1000));
    }

    const requestId = randomUUID();
    const messages = events.map((event, index) => {
      const e = event as { departmentCode: string };
      return { key: e.departmentCode, value: JSON.stringify(event), requestId, requestIndex: index };
    });
    if (wait) await this.waiter.ready();
    try {
      await this.runtime.writer.append(messages);
    } catch {
      // The batch is not acknowledged; retrying it whole is safe: eventIds already applied come back DUPLICATE.
      // (The broker's error, with its address, stays out of the response; GET /v1/health tells operators.)
      throw new ApiError(503, 'UNAVAILABLE', '事件日志暂不可用，请稍后重试同一批次 (the event log is unavailable; retry the same batch)');
    }
    if (!wait) {
      return { kind: 'accepted', accepted: events.length, requestId, message: '已写入日志，等待记账 (durably logged)' };
    }
    const rows = await this.waiter.waitFor(requestId, events.length, this.config.ingestWaitMs);
    if (!rows) {
      return { kind: 'accepted', accepted: events.length, requestId, message: '已写入日志，记账仍在进行 (logged; the ledger is still applying it)' };
    }
    // Read-your-writes when GET routes read a replica: answer once it has replayed the batch's commit.
    await this.replica.catchUp();
    const results: EventResult[] = rows.map((r) => ({
      eventId: r.event_id,
      status: r.status,
      ...(r.code ? { code: r.code } : {}),
      ...(r.message ? { message: r.message } : {}),
      ...(r.position ? { position: Number(r.position) } : {}),
    }));
    const positions = results.flatMap((r) => (r.position === undefined ? [] : [r.position]));
    const highest = positions.length ? Math.max(...positions) : null;
    return { kind: 'processed', results, position: highest };
  }
}

function eventsOf(body: unknown): unknown[] {
  const events = (body as { events?: unknown } | null)?.events;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(events)) {
    throw new ApiError(400, 'VALIDATION_FAILED', '请求体应为 {"events": [...]} (body must be {"events": [...]})', [
      { index: null, eventId: null, path: 'events', message: 'events must be an array' },
    ]);
  }
  if (events.length === 0) {
    throw new ApiError(400, 'VALIDATION_FAILED', '批次为空 (empty batch)', [{ index: null, eventId: null, path: 'events', message: 'at least one event' }]);
  }
  if (events.length > MAX_EVENTS_PER_BATCH) {
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `一批最多 ${MAX_EVENTS_PER_BATCH} 个事件，收到 ${events.length} 个 (too many events)`);
  }
  return events;
}
