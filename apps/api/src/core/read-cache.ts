import type { Response } from 'express';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { readScope } from './read-scope';

/** Entries kept (least recently used first out): a department-year's report is tens of kB. */
const MAX_ENTRIES = 256;

/**
 * A department's read-model version: the highest position of its applied events (every read model row of a
 * department comes from its own events, applied in position order, each batch in the same transaction as its event
 * rows, SPEC §2–§3), with the file nodes of the read tables (a rebuild TRUNCATEs them, which gives each a new one, so
 * answers cached before a rebuild are not reused after it). Index-only probes on events_by_department_year: the
 * lowest year, each next year (a loose index scan over the department's few years), the highest position in each.
 */
const VERSION_SQL = `WITH RECURSIVE years(y) AS (
    SELECT min(fiscal_year) FROM events WHERE department_code = $1
    UNION ALL
    SELECT (SELECT min(fiscal_year) FROM events WHERE department_code = $1 AND fiscal_year > years.y) FROM years WHERE years.y IS NOT NULL)
  SELECT coalesce(max((SELECT max(events.position) FROM events WHERE department_code = $1 AND fiscal_year = years.y)), 0)::text
         || '/' || (SELECT string_agg(pg_relation_filenode(t)::text, '.') FROM unnest($2::regclass[]) AS t) AS version
    FROM years WHERE years.y IS NOT NULL`;

/** Version reads of one department and table set: the one in flight, and the requests waiting for the next. */
interface VersionQueue {
  inFlight: boolean;
  waiting: { resolve(version: string): void; reject(error: unknown): void }[];
}

/**
 * Answers of department reads, reused only while the department's version is what it was when they were computed
 * (issue 12: reads answered from aggregates, cached by ledger position, never stale).
 *
 * Every `get` reads the version after the request arrived, then computes (or reuses) the answer: the data a
 * computation reads is at least as new as the version it is stored under, and the version only grows, so an entry
 * found under the version read now holds the state at that version — a read issued after a write's response always
 * sees the write. Concurrent misses of one key and version share one computation; requests of one department that
 * arrive while its version is being read share the next read (started after they arrived), so under load the
 * version costs one query per round trip, not one per request.
 */
export class ReadCache {
  private readonly entries = new Map<string, { version: string; value: Promise<unknown> }>();
  private readonly versions = new Map<string, VersionQueue>();

  constructor(private readonly pool: Pool) {}

  /** The department's version, read by a query that starts no earlier than this call. */
  version(dept: string, tables: readonly string[]): Promise<string> {
    const id = `${dept}\u0000${tables.join(',')}`;
    let queue = this.versions.get(id);
    if (!queue) this.versions.set(id, (queue = { inFlight: false, waiting: [] }));
    const q = queue;
    const answer = new Promise<string>((resolve, reject) => q.waiting.push({ resolve, reject }));
    if (!q.inFlight) this.readVersion(id, q, dept, tables);
    return answer;
  }

  /** Reads the version for everyone waiting now; whoever arrives meanwhile waits for the next read. */
  private readVersion(id: string, queue: VersionQueue, dept: string, tables: readonly string[]): void {
    const served = queue.waiting;
    queue.waiting = [];
    queue.inFlight = true;
    // Named: each pooled connection plans it once.
    this.pool
      .query<{ version: string }>({ name: 'read-cache-version', text: VERSION_SQL, values: [dept, tables] })
      .then(
        ({ rows }) => served.forEach((w) => w.resolve(rows[0].version)),
        (error: unknown) => served.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        queue.inFlight = false;
        if (queue.waiting.length) this.readVersion(id, queue, dept, tables);
        else this.versions.delete(id);
      });
  }

  /**
   * The cached answer for `key` of `dept` if the department is still at its version, else `compute()`'s. Inside a
   * read scope of `dept` (`read-scope.ts`) the version is the one the request read when it began; a `knownAt` read
   * keeps its answers apart (`getOfCut`).
   */
  async get<T>(dept: string, tables: readonly string[], key: string, compute: () => Promise<T>): Promise<T> {
    const scope = readScope();
    if (scope?.dept === dept && scope.version === null) return this.getOfCut(dept, scope.reflects.position, key, compute);
    const version = scope?.dept === dept ? scope.version! : await this.version(dept, tables);
    const id = `${dept}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit && hit.version === version) {
      // Most recently used last.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    this.remember(id, version, value);
    return value;
  }

  /**
   * A `knownAt` answer (SPEC §13) of the department's cut at `position`: fixed forever (the cut is a prefix of the
   * event store, which only grows), so kept under its own key — never among the current-state entries, whose keys
   * have no `@`. Computed on the read's own connection, it is shared only once complete.
   */
  private async getOfCut<T>(dept: string, position: number, key: string, compute: () => Promise<T>): Promise<T> {
    const id = `${dept}\u0000@${position}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit && hit.version === CUT) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value as Promise<T>;
    }
    const value = await compute();
    this.remember(id, CUT, Promise.resolve(value));
    return value;
  }

  private remember(id: string, version: string, value: Promise<unknown>): void {
    const entry = { version, value };
    this.entries.delete(id);
    this.entries.set(id, entry);
    // A failed computation is not kept.
    value.catch(() => this.entries.get(id) === entry && this.entries.delete(id));
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The version of a knownAt cut's entries (a current version is "P/filenodes"). */
const CUT = 'cut';

/** A JSON answer serialised once: the UTF-8 body and its entity tag (the weak form Express computes per response). */
export interface JsonAnswer {
  body: Buffer;
  etag: string;
}

export function jsonAnswer(value: unknown): JsonAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const hash = createHash('sha1').update(body).digest('base64').substring(0, 27);
  return { body, etag: `W/"${body.length.toString(16)}-${hash}"` };
}

/**
 * Sends a cached JSON answer as it is: no serialisation, encoding or hashing per request (a 304 when fresh). Inside a
 * read scope the object gets its `reflects` member last (SPEC §13), as `ReadScopes.enter` adds it to returned
 * objects, and the entity tag names it.
 */
export function sendJson(res: Response, answer: JsonAnswer): void {
  const reflects = readScope()?.reflects;
  res.status(200).type('application/json');
  if (!reflects) {
    res.setHeader('ETag', answer.etag);
    res.send(answer.body);
    return;
  }
  const member = Buffer.from(`"reflects":${JSON.stringify(reflects)}}`, 'utf8');
  const open = answer.body.subarray(0, answer.body.length - 1); // without the closing brace
  res.setHeader('ETag', `${answer.etag.slice(0, -1)}.${reflects.position}${reflects.knownAt ? `.${reflects.knownAt}` : ''}"`);
  res.send(Buffer.concat([open, Buffer.from(open.length > 1 ? ',' : ''), member]));
}
