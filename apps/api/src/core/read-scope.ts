import { createLogger, type Logger } from '@app/config';
import { departmentCutPosition, departmentPosition, rebuiltTables, shadowDepartmentCut, type Queryable } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { ApiError } from './api-error';
import type { ReadCache } from './read-cache';
import { readQuery } from './read-query';

/**
 * What a department read reflects (SPEC §13): the highest event-store position of the department the answer includes,
 * and, for a `?knownAt=` read, the instant whose knowledge it reproduces (null: everything applied so far). Every JSON
 * read answer carries it as the top-level `reflects`; every department read response as the headers
 * `X-Ledger-Position` and `X-Known-At`.
 */
export interface Reflects {
  position: number;
  knownAt: string | null;
}

/** The department read being answered: where its queries go and what it reflects. */
interface ReadScope {
  dept: string;
  /**
   * The read cache's version of the department's current state ("P/filenodes", read once per request); null for a
   * knownAt read, whose answers are cached per cut (`ReadCache`).
   */
  version: string | null;
  reflects: Reflects;
  db: Queryable;
}

/** A request's slot for its read scope: opened for every request (`openReadScopes`), filled by `ReadScopes.enter`. */
interface ScopeSlot {
  scope?: ReadScope;
}

const scopes = new AsyncLocalStorage<ScopeSlot>();

/** The department read in progress on this request (entered once its token was checked), if any. */
export function readScope(): Readonly<ReadScope> | undefined {
  return scopes.getStore()?.scope;
}

/**
 * Express middleware, first in the chain: gives the request an empty scope slot that everything it runs — guard,
 * handler, services — shares (AsyncLocalStorage), for `ReadScopes.enter` to fill once the token has been checked.
 * (A Nest interceptor did this before; its per-request cost halved the throughput of cached reads: issue 12.)
 */
export function openReadScopes(_req: Request, _res: Response, next: () => void): void {
  scopes.run({}, next);
}

/**
 * Where a read service sends its queries — use it instead of `runtime.readPool`: the read pool (replica or primary),
 * or during a `knownAt` read, that read's own connection, which sees the read models at the cut.
 */
export function readDb(runtime: Pick<LedgerRuntime, 'readPool'>): Queryable {
  return readScope()?.db ?? runtime.readPool;
}

/**
 * Where a read of the event store itself (or of rejections) sends its queries when it filters by the scope's cut on
 * its own (`readScope().reflects`: position ≤ reflects.position, rejected_at ≤ reflects.knownAt) instead of reading
 * the read models: the read pool, or the primary during a knownAt read (a replica may not have replayed that far).
 */
export function eventStoreDb(runtime: Pick<LedgerRuntime, 'pool' | 'readPool'>): Queryable {
  return readScope()?.reflects.knownAt ? runtime.pool : runtime.readPool;
}

/** The position of a read-cache version ("P/filenodes"). */
const positionOf = (version: string) => version.slice(0, version.indexOf('/'));

/** At most `max` holders at once; the others wait in arrival order. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async acquire(): Promise<() => void> {
    if (this.active < this.max) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes on
      else this.active--;
    };
  }
}

/** A pooled connection held in one transaction until `end` rolls it back (and hands it back, or drops it if broken). */
interface Held {
  client: PoolClient;
  end(): Promise<void>;
}

async function hold(pool: Pool, begin: string): Promise<Held> {
  const client = await pool.connect();
  let broken = false;
  // A connection terminated mid-read emits 'error' on the checked-out client: note it, never crash.
  const onError = () => (broken = true);
  client.on('error', onError);
  const held: Held = {
    client,
    async end() {
      await client.query('ROLLBACK').catch(() => (broken = true));
      client.off('error', onError);
      client.release(broken);
    },
  };
  try {
    await client.query(begin);
  } catch (error) {
    await held.end();
    throw error;
  }
  return held;
}

/**
 * The connection of a knownAt read: opened on its first query (a read answered wholly from the cut's cached answers
 * needs none), held until the read ends, one transaction whose every query sees the department exactly at the cut:
 * - a snapshot of the read pool (REPEATABLE READ) in which the department's highest position is the cut's — nothing of
 *   it appended since knownAt: the read models as they are hold exactly the cut; else
 * - on the primary (a hot standby cannot create temporary tables), the read models shadowed by temporary tables that
 *   `shadowDepartmentCut` rebuilds from the department's events up to the cut.
 * Either is rolled back when the read ends. The queries of one read take turns on it; none starts after `close`.
 * Holding a connection takes one of the KNOWN_AT_CONCURRENCY slots, so knownAt reads cannot take the whole pool.
 */
class CutConnection implements Queryable {
  private held: Promise<Held> | undefined;
  /** Settles when the last query asked so far has finished. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private releaseSlot: (() => void) | undefined;

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly limiter: Limiter,
    private readonly log: Logger,
    private readonly dept: string,
    private readonly position: string,
  ) {}

  async query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }> {
    if (this.closed) throw new Error('knownAt read connection used after its read ended');
    this.held ??= this.open();
    // One query at a time on the connection (a read's parallel queries wait their turn), in the order they were asked.
    const turn = this.queue.then(() => this.held!).then(({ client }) => {
      if (this.closed) throw new Error('knownAt read connection used after its read ended');
      return client.query<R>(text, values);
    });
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async open(): Promise<Held> {
    this.releaseSlot = await this.limiter.acquire();
    try {
      const snapshot = await hold(this.runtime.readPool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let atCut: boolean;
      try {
        atCut = (await departmentPosition(snapshot.client, this.dept)) === this.position;
      } catch (error) {
        await snapshot.end();
        throw error;
      }
      if (atCut) return snapshot;
      await snapshot.end();
      const replay = await hold(this.runtime.pool, 'BEGIN');
      try {
        const shadow = await shadowDepartmentCut(replay.client, this.dept, this.position, this.runtime.projections);
        // A cut of a long history takes a second or more of the primary: worth an operator's eye (README, knownAt).
        const level = shadow.millis >= 1000 ? 'info' : 'debug';
        this.log[level]({ dept: this.dept, position: this.position, events: shadow.events, millis: shadow.millis }, 'knownAt: department cut rebuilt');
        return replay;
      } catch (error) {
        await replay.end();
        throw error;
      }
    } catch (error) {
      this.releaseSlot();
      throw error;
    }
  }

  /** Ends the read: queries not yet started are refused, a running one finishes, then the transaction is rolled back. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.held) return;
    let held: Held;
    try {
      held = await this.held;
    } catch {
      return; // opening failed and cleaned up after itself
    }
    await this.queue;
    await held.end();
    this.releaseSlot?.();
  }
}

/**
 * Opens the scope of each department read (SPEC §13 `knownAt`, and what every answer reflects):
 * - a current read reflects the department's highest position now, read once per request with the read cache's
 *   version (which the cached computations then reuse);
 * - a knownAt read resolves the department's cut on the primary (`departmentCutPosition`) and reads on a
 *   `CutConnection` — a snapshot of the read models when they are at the cut, else the cut replayed into temporary
 *   tables — by the same read code as a current read. Its answers are cached per (department, cut position), never
 *   among the current-state entries (`ReadCache`). At most KNOWN_AT_CONCURRENCY knownAt reads hold a connection at
 *   once per process; the others wait their turn.
 * A knownAt later than the server's clock is answered as of now, and says so (`reflects.knownAt`).
 */
export class ReadScopes {
  private readonly limiter: Limiter;
  private readonly log: Logger;
  /** Every read table (the version's file nodes: a rebuild invalidates every cached answer). */
  private readonly tables: readonly string[];

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly cache: ReadCache,
    concurrency: number,
    logLevel: string,
  ) {
    this.limiter = new Limiter(concurrency);
    this.log = createLogger(logLevel, 'known-at');
    this.tables = rebuiltTables(runtime.projections);
  }

  /**
   * Enters the department read of this request (called by the guard once the token may read `dept`): sets what it
   * reflects (headers, and `reflects` on a JSON object answer), and for a knownAt read the connection that sees the
   * cut, closed when the response ends. Outside `openReadScopes` (a test app without it) the read stays unscoped.
   */
  async enter(req: Request, res: Response, dept: string): Promise<void> {
    const slot = scopes.getStore();
    if (!slot) return;
    const query = (req.query ?? {}) as Record<string, unknown>;
    // The same rule and message as every controller's readQuery; the rest of the query is the controller's to check.
    const cut = query.knownAt === undefined ? undefined : readQuery({ knownAt: query.knownAt }, { asOf: false });
    const knownAt = cut?.knownAt && cut.knownAtText ? { at: cut.knownAt, text: cut.knownAtText } : undefined;
    if (!knownAt) {
      const version = await this.cache.version(dept, this.tables);
      slot.scope = { dept, version, reflects: { position: Number(positionOf(version)), knownAt: null }, db: this.runtime.readPool };
    } else {
      const now = new Date();
      const future = knownAt.at.getTime() > now.getTime();
      // On the primary (a replica may not have replayed up to the instant yet). The text keeps sub-millisecond digits
      // for the comparison with recorded_at (microseconds).
      const position = await departmentCutPosition(this.runtime.pool, dept, future ? now.toISOString() : knownAt.text);
      const db = new CutConnection(this.runtime, this.limiter, this.log, dept, position);
      res.once('close', () => void db.close().catch((error: unknown) => this.log.warn({ err: error }, 'knownAt: closing the read failed')));
      slot.scope = { dept, version: null, reflects: { position: Number(position), knownAt: (future ? now : knownAt.at).toISOString() }, db };
    }
    const { reflects } = slot.scope;
    res.setHeader('X-Ledger-Position', String(reflects.position));
    if (reflects.knownAt) res.setHeader('X-Known-At', reflects.knownAt);
    // A JSON object answer ends with `reflects` (an error body does not; `sendJson` adds it to cached answers itself).
    const json = res.json.bind(res);
    res.json = (body?: unknown) => json(res.statusCode < 400 ? withReflects(body, reflects) : body);
  }
}

/** `knownAt` on a read that names no department is refused: reproducing every department's cut is a whole rebuild. */
export function refuseKnownAtAcrossDepartments(req: Request): void {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.query as Record<string, unknown> | undefined)?.knownAt === undefined) return;
  throw new ApiError(400, 'VALIDATION_FAILED', 'knownAt 只适用于单个部门的读取（/v1/departments/{dept}/years/{year}/…）：此接口跨部门，重现各部门当时的数据需要重放整个事件库', [
    { path: 'knownAt', message: 'knownAt 只适用于单个部门的读取；请逐个部门读取，如 …/progress?groupBy=department&knownAt=… (knownAt is supported on department reads only)' },
  ]);
}

/** A JSON object answer with `reflects` last; anything else (a file, a response already written) as it is. */
function withReflects(result: unknown, reflects: Reflects): unknown {
  if (result === null || typeof result !== 'object' || Array.isArray(result) || result instanceof StreamableFile || Buffer.isBuffer(result)) return result;
  return { ...(result as Record<string, unknown>), reflects };
}
