import type { LedgerEvent } from '@app/domain';
import type { Queryable } from '../database';

/** An applied event with its global position in the event store. */
export interface AppliedEvent {
  position: string;
  event: LedgerEvent;
}

/**
 * A read model folded from applied events (STYLE: Marten-style named, versioned projections). `apply` receives
 * a whole batch inside the ledger's transaction, aggregates in memory and writes one upsert per key; `tables`
 * are emptied before a rebuild replays the event store through `apply` again.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly tables: readonly string[];
  apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void>;
  /**
   * Set-based rebuild (issue 12): a rebuild replays every other event through `apply`, then calls this to add the
   * contribution of the payments, reversals, adjustments and transfers — the mass of any event store — in SQL, from
   * the `rebuild_money` temp table (`rebuild.ts`: one row per line moved, with signed `budget` and `paid`). It must
   * leave the tables exactly as `apply` would have (test/rebuild.int.spec.ts compares them). A projection that
   * ignores these four types needs none.
   */
  rebuildMoneyEvents?(db: Queryable): Promise<void>;
}
