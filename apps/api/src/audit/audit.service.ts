import type { LineAttributesView } from '@app/domain';
import { LedgerEvent, lineHistory, LineHistory, transferRecord, TransferRecord } from '@app/domain';
import { departmentCutPosition, LINE_ATTRIBUTES, lineAttributesOf, Queryable, withTransaction, type LineAttributeRow } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { LEDGER_RUNTIME } from '../core/core.module';
import { readScope } from '../core/read-scope';

/**
 * Which events a read sees (SPEC §4, §13): `occurredOn` ≤ asOf, and those the event store held at knownAt — the same
 * cut as every other `knownAt` read: the department's events up to the highest position appended by then
 * (departmentCutPosition).
 */
export interface AuditCut {
  asOf?: string;
  /** An RFC 3339 instant, as validated by readQuery. */
  knownAt?: string;
}

export type LineAttributes = LineAttributesView;

/**
 * The events touching one line come from two queries, each in position order straight off its index (the type lists
 * match the partial indexes' predicates), merged in memory — one UNION ALL sorted the 50 000 payloads of a busy line
 * on disk: those naming the line as `data.lineId` (issues, adjustments, payments, reversals: the department-year's
 * events in position order, filtered — migration 011 says why there is no per-line index), and the department-year's
 * transfers naming it and year-end closings (events_transfers_and_closings).
 */
const LINE_EVENTS_SQL = `
  SELECT position::text, payload, recorded_at FROM events
   WHERE department_code = $1 AND fiscal_year = $2
     AND type IN ('AppropriationIssued', 'AppropriationAdjusted', 'PaymentMade', 'PaymentReversed')
     AND payload->'data'->>'lineId' = $3
     AND ($4::date IS NULL OR occurred_on <= $4::date) AND ($5::bigint IS NULL OR position <= $5::bigint)
   ORDER BY events.position`;
const LINE_TRANSFERS_AND_CLOSINGS_SQL = `
  SELECT position::text, payload, recorded_at FROM events
   WHERE department_code = $1 AND fiscal_year = $2
     AND type IN ('AppropriationTransferred', 'YearEndClosed')
     AND (type = 'YearEndClosed' OR payload->'data'->>'fromLineId' = $3 OR payload->'data'->>'toLineId' = $3)
     AND ($4::date IS NULL OR occurred_on <= $4::date) AND ($5::bigint IS NULL OR position <= $5::bigint)
   ORDER BY events.position`;

interface EventRow {
  position: string;
  payload: LedgerEvent;
  recorded_at: Date;
}

/** Two lists in position order merged into one. */
function mergeByPosition(a: EventRow[], b: EventRow[]): EventRow[] {
  if (!b.length) return a;
  const merged: EventRow[] = [];
  let j = 0;
  for (const row of a) {
    while (j < b.length && BigInt(b[j].position) < BigInt(row.position)) merged.push(b[j++]);
    merged.push(row);
  }
  return merged.concat(b.slice(j));
}

const TRANSFERS_SQL = `
  SELECT payload FROM events
   WHERE department_code = $1 AND fiscal_year = $2 AND type = 'AppropriationTransferred'
     AND ($3::date IS NULL OR occurred_on <= $3::date) AND ($4::bigint IS NULL OR position <= $4::bigint)
   ORDER BY events.position`;

/**
 * The audit trail of SPEC §13, read from the event store itself: a line's history and the department-year's 调剂.
 * A `knownAt` read goes to the primary (a replica may not have replayed up to that instant yet); the others to the
 * read pool. Inside a department read scope (entered by the AuthGuard) the events are cut at the position the answer's
 * `reflects` names; without one, at the knownAt cut (departmentCutPosition) or not at all.
 */
@Injectable()
export class AuditService {
  constructor(@Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime) {}

  private pool(cut: AuditCut): Pool {
    return cut.knownAt || readScope()?.reflects.knownAt ? this.runtime.pool : this.runtime.readPool;
  }

  /** The highest position the answer may include, or null for every event. */
  private async upTo(db: Queryable, dept: string, cut: AuditCut): Promise<string | null> {
    const scope = readScope();
    if (scope) return String(scope.reflects.position);
    return cut.knownAt ? departmentCutPosition(db, dept, cut.knownAt) : null;
  }

  /** The line's attributes and history, or null when the line was never issued (or not yet known at knownAt). */
  async lineHistory(dept: string, year: number, lineId: string, cut: AuditCut): Promise<{ line: LineAttributes; history: LineHistory } | null> {
    // One snapshot for every query, so that no event committed in between shows up in one list and not the other.
    return withTransaction(this.pool(cut), async (db) => {
      await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const line = await this.attributes(db, dept, year, lineId);
      if (!line) return null;
      const upTo = await this.upTo(db, dept, cut);
      if (upTo !== null && !(await this.issuedBy(db, dept, year, lineId, upTo))) return null;
      const params = [dept, year, lineId, cut.asOf ?? null, upTo];
      const own = await db.query<EventRow>(LINE_EVENTS_SQL, params);
      const shared = await db.query<EventRow>(LINE_TRANSFERS_AND_CLOSINGS_SQL, params);
      const rows = mergeByPosition(own.rows, shared.rows);
      const history = lineHistory(lineId, rows.map((r) => ({ position: r.position, recordedAt: r.recorded_at.toISOString(), event: r.payload })));
      return { line, history };
    });
  }

  async transfers(dept: string, year: number, cut: AuditCut): Promise<TransferRecord[]> {
    const pool = this.pool(cut);
    const upTo = await this.upTo(pool, dept, cut);
    const { rows } = await pool.query<{ payload: LedgerEvent & { type: 'AppropriationTransferred' } }>(TRANSFERS_SQL, [
      dept, year, cut.asOf ?? null, upTo,
    ]);
    return rows.map((r) => transferRecord(r.payload));
  }

  /** Attributes are fixed by the line's first issue (SPEC §2); the ledger's line row holds them. */
  private async attributes(db: Queryable, dept: string, year: number, lineId: string): Promise<LineAttributes | null> {
    const { rows } = await db.query<LineAttributeRow>(
      `SELECT ${LINE_ATTRIBUTES} FROM ledger_lines WHERE department_code = $1 AND fiscal_year = $2 AND line_id = $3`,
      [dept, year, lineId],
    );
    return rows[0] ? lineAttributesOf(rows[0]) : null;
  }

  /** Whether the line had been issued by position `upTo` of the event store (else it was unknown at that cut). */
  private async issuedBy(db: Queryable, dept: string, year: number, lineId: string, upTo: string): Promise<boolean> {
    const { rows } = await db.query(
      `SELECT 1 FROM events
        WHERE department_code = $1 AND fiscal_year = $2 AND type = 'AppropriationIssued'
          AND payload->'data'->>'lineId' = $3 AND position <= $4::bigint LIMIT 1`,
      [dept, year, lineId, upTo],
    );
    return rows.length > 0;
  }
}
