import { AppConfig, createLogger, type Logger } from '@app/config';
import type { LedgerRuntime } from '@app/transport';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Read-your-writes with a read replica (SPEC §4, docs/scaling.md §3): after the primary has committed a batch,
 * `POST /v1/events` waits until the replica that serves this process's GET routes has replayed the primary's WAL up
 * to that point, so a GET issued after the answer sees the batch. Without DATABASE_READ_URL there is nothing to wait
 * for. A replica that is not in recovery (`pg_last_wal_replay_lsn()` is NULL: a primary behind a pooler) counts as
 * caught up. One per process (CoreModule).
 */
export class ReadReplicaSync {
  private readonly log: Logger;

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly config: AppConfig,
  ) {
    this.log = createLogger(config.logLevel, 'read-replica');
  }

  get enabled(): boolean {
    return this.runtime.readPool !== this.runtime.pool;
  }

  /** Waits until the replica has what the primary has committed so far; false if it has not within READ_REPLICA_WAIT_MS. */
  async catchUp(): Promise<boolean> {
    if (!this.enabled) return true;
    const { rows } = await this.runtime.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const target = rows[0].lsn;
    const deadline = Date.now() + this.config.readReplicaWaitMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      if (await this.replayed(target)) return true;
      if (Date.now() >= deadline) {
        this.log.warn({ target, waitedMs: this.config.readReplicaWaitMs }, 'read replica has not replayed the batch in time; answering anyway');
        return false;
      }
      await sleep(pause);
    }
  }

  /** How far the replica is behind the primary, in bytes of WAL (null without a replica, or when it is unreachable). */
  async lagBytes(): Promise<number | null> {
    if (!this.enabled) return null;
    try {
      const { rows: primary } = await this.runtime.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      const { rows } = await this.runtime.readPool.query<{ lag: string | null }>(
        'SELECT CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) ELSE 0 END::text AS lag',
        [primary[0].lsn],
      );
      return rows[0].lag === null ? null : Math.max(0, Number(rows[0].lag));
    } catch {
      return null;
    }
  }

  private async replayed(target: string): Promise<boolean> {
    const { rows } = await this.runtime.readPool.query<{ done: boolean }>(
      'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true) AS done',
      [target],
    );
    return rows[0].done;
  }
}
