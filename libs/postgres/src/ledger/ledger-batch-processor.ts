import {
  ClassificationCatalogue,
  canonicalForm,
  decide,
  evolve,
  LedgerEvent,
  requiredState,
  validateEvent,
  type ValidationProblem,
} from '@app/domain';
import type { Pool, PoolClient } from 'pg';
import { copyRows } from '../bulk-write';
import { withTransaction } from '../database';
import type { AppliedEvent, Projection } from '../projections/projection';
import { loadLedgerState, saveLedgerState } from './ledger-state-store';

/** A message as a transport delivers it: Kafka record or embedded-log row. */
export interface InboundMessage {
  /** Offset within its partition (Kafka offset, or event_log.seq), as a decimal string. */
  offset: string;
  value: string | null;
  /** The transport's bytes were not valid UTF-8 (the value holds a lossy decoding): refused as VALIDATION_FAILED. */
  invalidUtf8?: boolean;
  /** Set when the message came from `POST /v1/events`: the API waits for these results. */
  requestId?: string;
  requestIndex?: number;
}

export interface StreamPartition {
  stream: string;
  partition: number;
}

/** A message that could not be applied: goes to the DLQ (Kafka) with these reasons in headers. */
export interface DeadLetter {
  message: InboundMessage;
  code: string;
  reason: string;
  eventId?: string;
  departmentCode?: string;
}

export interface BatchOutcome {
  /** Messages at offsets the checkpoint had already passed (redelivery): not processed again. */
  skipped: number;
  applied: number;
  duplicates: number;
  rejected: number;
  deadLetters: DeadLetter[];
}

export type EventStatus = 'APPLIED' | 'DUPLICATE' | 'REJECTED';

interface MessageResult {
  message: InboundMessage;
  eventId: string | null;
  status: EventStatus;
  code?: string;
  messageText?: string;
  positionRef?: { position: string | null };
}

/** Text PostgreSQL cannot hold (NUL, unpaired surrogates) replaced by U+FFFD, so a rejection can always be stored. */
export function sanitizeText(text: string): string {
  return text.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** An escaped NUL or unpaired surrogate left in JSON text (in a key, say): jsonb refuses it. */
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2}))|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

/** JSON for a jsonb column with every string value sanitised; null when even that cannot be stored. */
export function storableJson(value: unknown): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? sanitizeText(v) : v));
  } catch {
    return null; // nested too deep to serialise: the raw text is kept instead
  }
  return text === undefined || UNSTORABLE_ESCAPE.test(text) ? null : text;
}

/**
 * The ledger's unit of work (SPEC §2, §3): one PostgreSQL transaction per transport batch that
 * (1) takes the partition's checkpoint row FOR UPDATE and skips what it already passed, (2) validates and decides
 * every message in order against state loaded in one query per table, (3) appends the applied events, writes the
 * ledger state, the projections, the rejections, the per-request results and the new checkpoint, and commits.
 * A crash before COMMIT changes nothing; after it, the checkpoint says the batch is done: nothing lost or doubled.
 */
/** Told about every rejection once its batch has committed (structured logs name the eventId of each: issue 5). */
export type RejectionListener = (rejection: { eventId: string | null; departmentCode: string | null; code: string; reason: string; stream: string; partition: number; offset: string }) => void;

export class LedgerBatchProcessor {
  constructor(
    private readonly pool: Pool,
    private readonly projections: readonly Projection[],
    private readonly catalogue: ClassificationCatalogue,
    private readonly onRejected: RejectionListener = () => undefined,
  ) {}

  async process(
    source: StreamPartition,
    messages: readonly InboundMessage[],
    beforeCommit?: (deadLetters: DeadLetter[]) => Promise<void>,
  ): Promise<BatchOutcome> {
    let outcome: BatchOutcome;
    try {
      outcome = await this.processInTransaction(source, messages, beforeCommit, false);
    } catch (error) {
      // The batch assumed its eventIds new and one was not (a redelivery by the treasury system, a retried request):
      // it rolled back; decide it again with the eventIds looked up (DUPLICATE or EVENT_ID_CONFLICT, SPEC §10).
      if (!isEventIdTaken(error)) throw error;
      outcome = await this.processInTransaction(source, messages, beforeCommit, true);
    }
    for (const d of outcome.deadLetters) {
      this.onRejected({ eventId: d.eventId ?? null, departmentCode: d.departmentCode ?? null, code: d.code, reason: d.reason, stream: source.stream, partition: source.partition, offset: d.message.offset });
    }
    return outcome;
  }

  private async processInTransaction(
    source: StreamPartition,
    messages: readonly InboundMessage[],
    beforeCommit: ((deadLetters: DeadLetter[]) => Promise<void>) | undefined,
    lookUpEventIds: boolean,
  ): Promise<BatchOutcome> {
    return withTransaction(this.pool, async (client) => {
      const nextOffset = await this.lockCheckpoint(client, source);
      const fresh = messages.filter((m) => BigInt(m.offset) >= nextOffset);
      const outcome: BatchOutcome = { skipped: messages.length - fresh.length, applied: 0, duplicates: 0, rejected: 0, deadLetters: [] };
      if (fresh.length === 0) return outcome;

      const results: MessageResult[] = [];
      const rejections: RejectionRecord[] = [];
      const reject = (rejection: RejectionRecord, eventId: string | null, departmentCode: string | undefined) => {
        results.push({ message: rejection.message, eventId, status: 'REJECTED', code: rejection.code, messageText: rejection.reason });
        rejections.push(rejection);
        outcome.deadLetters.push({ message: rejection.message, code: rejection.code, reason: rejection.reason, eventId: eventId ?? undefined, departmentCode });
      };
      const decodable: { message: InboundMessage; event: LedgerEvent }[] = [];
      for (const message of fresh) {
        const decoded = decode(message, this.catalogue);
        if ('event' in decoded) {
          decodable.push({ message, event: decoded.event });
          continue;
        }
        const reason = decoded.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
        reject({ message, code: 'VALIDATION_FAILED', reason, problems: decoded.problems, parsed: decoded.parsed }, decoded.eventId, decoded.departmentCode);
      }

      // A department normally lives on one partition (key = departmentCode), but a mis-keyed message from a treasury
      // system may not: lock the batch's departments (sorted, so two batches cannot deadlock) before reading state.
      await client.query('SELECT pg_advisory_xact_lock(7340003, hashtext(d)) FROM (SELECT DISTINCT unnest($1::text[]) AS d ORDER BY 1) s', [
        decodable.map((d) => d.event.departmentCode),
      ]);
      // Optimistically the eventIds are not looked up (one index probe per event saved): the event store's unique
      // eventId refuses the append if one was taken, and the batch is decided again with them (`process`).
      const state = await loadLedgerState(client, requiredState(decodable.map((d) => d.event)), lookUpEventIds);
      const applied: { event: LedgerEvent; hash: string; json: string; message: InboundMessage; ref: { position: string | null } }[] = [];
      for (const { message, event } of decodable) {
        const { hash, json } = canonicalForm(event);
        const decision = decide(state, event, hash);
        if (decision.status === 'APPLIED') {
          evolve(state, event, hash, null);
          const ref = state.appliedEvents.get(event.eventId)!;
          applied.push({ event, hash, json, message, ref });
          results.push({ message, eventId: event.eventId, status: 'APPLIED', positionRef: ref });
        } else if (decision.status === 'DUPLICATE') {
          outcome.duplicates++;
          results.push({ message, eventId: event.eventId, status: 'DUPLICATE', positionRef: state.appliedEvents.get(event.eventId) });
        } else {
          reject({ message, code: decision.rejection.code, reason: decision.rejection.message, parsed: event }, event.eventId, event.departmentCode);
        }
      }
      outcome.applied = applied.length;
      outcome.rejected = rejections.length;

      if (applied.length) {
        const positions = await allocatePositions(client, applied.length);
        applied.forEach((a, i) => (a.ref.position = positions[i]));
        await appendEvents(client, source, applied.map((a, i) => ({ ...a, position: positions[i] })));
        await saveLedgerState(client, state);
        const appliedEvents: AppliedEvent[] = applied.map((a) => ({ position: a.ref.position!, event: a.event }));
        for (const projection of this.projections) await projection.apply(client, appliedEvents);
      }
      await recordRejections(client, source, rejections);
      await recordResults(client, results);
      await client.query('UPDATE transport_checkpoints SET next_offset = $3, updated_at = now() WHERE stream = $1 AND partition = $2', [
        source.stream,
        source.partition,
        (BigInt(fresh[fresh.length - 1].offset) + 1n).toString(),
      ]);
      if (beforeCommit && outcome.deadLetters.length) await beforeCommit(outcome.deadLetters);
      return outcome;
    });
  }

  private async lockCheckpoint(client: PoolClient, source: StreamPartition): Promise<bigint> {
    await client.query('INSERT INTO transport_checkpoints (stream, partition, next_offset) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING', [
      source.stream,
      source.partition,
    ]);
    const { rows } = await client.query<{ next_offset: string }>(
      'SELECT next_offset::text FROM transport_checkpoints WHERE stream = $1 AND partition = $2 FOR UPDATE',
      [source.stream, source.partition],
    );
    return BigInt(rows[0].next_offset);
  }
}

/** PostgreSQL's unique_violation on the event store's eventId. */
function isEventIdTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'events_event_id_key';
}

type Decoded =
  | { event: LedgerEvent }
  | { problems: ValidationProblem[]; eventId: string | null; departmentCode?: string; parsed?: unknown };

function decode(message: InboundMessage, catalogue: ClassificationCatalogue): Decoded {
  if (message.value === null || message.value === '') return { problems: [{ path: '', message: 'empty message' }], eventId: null };
  if (message.invalidUtf8) return { problems: [{ path: '', message: 'message is not valid UTF-8' }], eventId: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value);
  } catch (error) {
    return { problems: [{ path: '', message: `not JSON: ${(error as Error).message}` }], eventId: null };
  }
  const validation = validateEvent(parsed, catalogue);
  if (validation.ok) return { event: validation.event };
  const envelope = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  return {
    problems: validation.problems,
    eventId: typeof envelope.eventId === 'string' ? envelope.eventId.slice(0, 128) : null,
    departmentCode: typeof envelope.departmentCode === 'string' ? envelope.departmentCode.slice(0, 32) : undefined,
    parsed,
  };
}

async function allocatePositions(client: PoolClient, count: number): Promise<string[]> {
  const { rows } = await client.query<{ p: string }>(
    `SELECT p::text FROM (SELECT nextval('events_position_seq') AS p FROM generate_series(1, $1)) s ORDER BY s.p`,
    [count],
  );
  return rows.map((r) => r.p);
}

const COPY_EVENTS = `COPY events (position, event_id, content_hash, department_code, fiscal_year, type, occurred_on, payload, source_stream, source_partition, source_offset) FROM STDIN`;

/** One COPY per batch (SPEC §3 throughput: never a round trip per event; issue 12: COPY, not pg-encoded arrays). */
async function appendEvents(
  client: PoolClient,
  source: StreamPartition,
  events: { event: LedgerEvent; hash: string; json: string; message: InboundMessage; position: string }[],
): Promise<void> {
  await copyRows(
    client,
    COPY_EVENTS,
    events.map((e) => [e.position, e.event.eventId, e.hash, e.event.departmentCode, e.event.fiscalYear, e.event.type, e.event.occurredOn, e.json, source.stream, source.partition, e.message.offset]),
  );
}

interface RejectionRecord {
  message: InboundMessage;
  code: string;
  reason: string;
  problems?: ValidationProblem[];
  parsed?: unknown;
}

/** The rejected event as jsonb when it parsed and can be stored; otherwise the raw text is kept instead. */
function payloadOf(r: RejectionRecord): string | null {
  return r.parsed !== undefined && (r.message.value?.length ?? 0) <= 1_000_000 ? storableJson(r.parsed) : null;
}

async function recordRejections(client: PoolClient, source: StreamPartition, rejections: RejectionRecord[]): Promise<void> {
  if (!rejections.length) return;
  const envelope = (r: RejectionRecord) => (typeof r.parsed === 'object' && r.parsed !== null && !Array.isArray(r.parsed) ? (r.parsed as Record<string, unknown>) : {});
  const str = (v: unknown, max: number) => (typeof v === 'string' ? sanitizeText(v.slice(0, max)) : null);
  await client.query(
    `INSERT INTO rejections (event_id, department_code, fiscal_year, type, code, message, problems, payload, raw,
                             source_stream, source_partition, source_offset)
     SELECT a, b, c, d, e, f, g, h, i, $10, $11, so FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::text[], $12::bigint[])
            AS u(a, b, c, d, e, f, g, h, i, so)`,
    [
      rejections.map((r) => str(envelope(r).eventId, 128)),
      rejections.map((r) => str(envelope(r).departmentCode, 32)),
      rejections.map((r) => {
        const y = envelope(r).fiscalYear;
        return typeof y === 'number' && Number.isInteger(y) && y > 0 && y < 10000 ? y : null;
      }),
      rejections.map((r) => str(envelope(r).type, 64)),
      rejections.map((r) => r.code),
      rejections.map((r) => sanitizeText(r.reason.slice(0, 4000))),
      rejections.map((r) => (r.problems ? storableJson(r.problems.slice(0, 100)) : null)),
      rejections.map((r) => payloadOf(r)),
      rejections.map((r) => (payloadOf(r) === null && r.message.value ? sanitizeText(r.message.value.slice(0, 65_536)) : null)),
      source.stream,
      source.partition,
      rejections.map((r) => r.message.offset),
    ],
  );
}

async function recordResults(client: PoolClient, results: MessageResult[]): Promise<void> {
  const requested = results.filter((r) => r.message.requestId !== undefined && r.message.requestIndex !== undefined);
  if (!requested.length) return;
  await client.query(
    `INSERT INTO ingest_results (request_id, idx, event_id, status, code, message, position)
     SELECT r, i, e, s, c, m, p FROM json_to_recordset($1::json) AS t(r text, i int, e text, s text, c text, m text, p bigint)
     ON CONFLICT (request_id, idx) DO NOTHING`,
    [
      JSON.stringify(
        requested.map((r) => ({
          r: r.message.requestId,
          i: r.message.requestIndex,
          e: r.eventId === null ? null : sanitizeText(r.eventId),
          s: r.status,
          c: r.code ?? null,
          m: r.messageText ? sanitizeText(r.messageText.slice(0, 4000)) : null,
          p: r.positionRef?.position ?? null,
        })),
      ),
    ],
  );
  for (const requestId of new Set(requested.map((r) => r.message.requestId!))) {
    await client.query('SELECT pg_notify($1, $2)', [INGEST_RESULTS_CHANNEL, requestId]);
  }
}

export const INGEST_RESULTS_CHANNEL = 'ingest_results';
