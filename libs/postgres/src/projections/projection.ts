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
}
