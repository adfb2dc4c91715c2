import { APP_CONFIG, AppConfig } from '@app/config';
import { catalogue, validateEvent } from '@app/domain';
import type { LedgerRuntime } from '@app/transport';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../core/api-error';
import { LEDGER_RUNTIME } from '../core/core.module';
import { ReadReplicaSync } from '../core/read-replica-sync';
import { answerOf, EventResult, IngestRequests } from './ingest-requests.service';
import { IngestResultsWaiter } from './ingest-results.waiter';

export type { EventResult } from './ingest-requests.service';

export const MAX_EVENTS_PER_BATCH = 10_000;

/** Who posts a batch: a token (its Principal), or the API itself (the demo loader), which may post any department. */
export interface Poster {
  tokenId: string;
  canIngest(departmentCode: string): boolean;
}
export const INTERNAL_POSTER: Poster = { tokenId: 'internal', canIngest: () => true };

export class IngestEventsCommand {
  constructor(readonly body: unknown, readonly wait: boolean, readonly poster: Poster = INTERNAL_POSTER) {}
}

/** `POST /v1/events` 200: every event of the batch applied or rejected (SPEC §4); `requestId` for `GET /v1/requests/{id}`. */
export interface IngestResponse {
  results: EventResult[];
  position: number | null;
  requestId: string;
}

/** `POST /v1/events` 202: durably in the log, not yet (all) applied (`?wait=false`, or the ledger still working). */
export interface IngestAcceptedResponse {
  accepted: number;
  requestId: string;
  message: string;
}

export type IngestOutcome =
  | { kind: 'processed'; results: EventResult[]; position: number | null; requestId: string }
  | { kind: 'accepted'; accepted: number; requestId: string; message: string };

/**
 * `POST /v1/events` (SPEC §4, §13): a batch holding an event of a department the token may not post for is refused
 * whole (403, nothing appended), as is a structurally invalid one (400); otherwise the
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
    private readonly requests: IngestRequests,
  ) {}

  async execute({ body, wait, poster }: IngestEventsCommand): Promise<IngestOutcome> {
    const events = eventsOf(body);
    refuseOtherDepartments(events, poster);
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
    // Recorded first, so that `GET /v1/requests/{requestId}` knows the request as soon as its events can be applied.
    await this.requests.register(requestId, poster.tokenId, events.length);
    try {
      await this.runtime.writer.append(messages);
    } catch {
      await this.requests.forget(requestId);
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
    return { kind: 'processed', ...answerOf(rows), requestId };
  }
}

/**
 * SPEC §13: an `ingest:<departmentCode>` token posts that department's events only; a batch holding any other is
 * refused whole, 403 with each such event named. (An event with no departmentCode string is a 400 further on.)
 */
function refuseOtherDepartments(events: unknown[], poster: Poster): void {
  const problems: { index: number; eventId: string | null; path: string; message: string }[] = [];
  events.forEach((event, index) => {
    const { departmentCode, eventId } = (typeof event === 'object' && event !== null ? event : {}) as { departmentCode?: unknown; eventId?: unknown };
    if (typeof departmentCode !== 'string' || poster.canIngest(departmentCode)) return;
    problems.push({
      index,
      eventId: typeof eventId === 'string' ? eventId : null,
      path: 'departmentCode',
      message: `令牌无权提交部门 ${departmentCode.slice(0, 32)} 的事件 (token may not post events of this department)`,
    });
  });
  if (problems.length) {
    throw new ApiError(403, 'FORBIDDEN', `批次中有 ${problems.length} 个事件不属于令牌可提交的部门，整批未接收 (batch refused)`, problems.slice(0, 1000));
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
