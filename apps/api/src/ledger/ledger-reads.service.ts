import { catalogue, evolve, formatYuan, LedgerEvent, LedgerState, LineState, requiredState, scopedKey, yearKey } from '@app/domain';
import { loadLedgerState } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';
import { eventStoreDb, readDb, readScope } from '../core/read-scope';
import type { AdminRejectionRecord, DepartmentSummary, LineBalance, PaymentList, RejectionRecord } from './ledger-reads.types';

export interface PaymentQuery {
  projectCode?: string;
  lineId?: string;
  unitCode?: string;
  functionCode?: string;
  asOf?: string;
  limit: number;
}

/**
 * The payments of a department-year (their PaymentMade events), newest first, with the reversals dated
 * on or before `asOf` netted off. Amounts are numeric 元 written by PostgreSQL with two decimals — no float anywhere.
 */
const PAYMENTS_SQL = `
  WITH reversals AS (
    SELECT r.payload->'data'->>'originalEventId' AS original_event_id, sum((r.payload->'data'->>'amount')::numeric) AS amount
      FROM events r
     WHERE r.department_code = $1 AND r.fiscal_year = $2 AND r.type = 'PaymentReversed'
       AND ($5::date IS NULL OR r.occurred_on <= $5::date)
     GROUP BY 1
  ), matching AS (
    SELECT e.event_id, e.position, e.occurred_on, l.line_id, l.project_code, l.project_name, l.unit_code, l.function_code,
           e.payload->'data'->>'economicCode' AS economic_code, e.payload->'data'->>'payee' AS payee,
           e.payload->'data'->>'method' AS method, (e.payload->'data'->>'amount')::numeric(20,2) AS amount,
           COALESCE(rv.amount, 0)::numeric(20,2) AS reversed
      FROM events e
      JOIN ledger_lines l ON l.department_code = e.department_code AND l.fiscal_year = e.fiscal_year AND l.line_id = e.payload->'data'->>'lineId'
      LEFT JOIN reversals rv ON rv.original_event_id = e.event_id
     WHERE e.department_code = $1 AND e.fiscal_year = $2 AND e.type = 'PaymentMade'
       AND ($3::text IS NULL OR l.project_code = $3::text)
       AND ($4::text IS NULL OR l.line_id = $4::text)
       AND ($7::text IS NULL OR l.unit_code = $7::text)
       AND ($8::text IS NULL OR l.function_code = $8::text)
       AND ($5::date IS NULL OR e.occurred_on <= $5::date)
  )
  SELECT event_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, line_id, project_code, project_name, unit_code,
         function_code, economic_code, payee, method, amount::text, reversed::text, (amount - reversed)::text AS net,
         count(*) OVER () AS total_count, (sum(amount) OVER ())::text AS total_amount,
         (sum(reversed) OVER ())::text AS total_reversed, (sum(amount - reversed) OVER ())::text AS total_net
    FROM matching
   ORDER BY occurred_on DESC, position DESC
   LIMIT $6`;

/** Read side of the ledger: departments, line balances (now or as of a date), payments, rejections. */
@Injectable()
export class LedgerReadsService {
  constructor(@Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime) {}

  async departments(): Promise<DepartmentSummary[]> {
    const { rows } = await readDb(this.runtime).query<{ department_code: string; name: string | null; fiscal_years: number[] }>(
      'SELECT department_code, name, fiscal_years FROM departments ORDER BY department_code',
    );
    return rows.map((r) => ({ code: r.department_code, name: r.name, fiscalYears: r.fiscal_years }));
  }

  /** Current balances come from the line-balance projection; `asOf` replays the events with occurredOn ≤ asOf (SPEC §4). */
  async lines(dept: string, year: number, asOf: string | undefined): Promise<LineBalance[]> {
    const lines = asOf ? await this.replayLines(dept, year, asOf) : await this.projectedLines(dept, year);
    return lines.sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0)).map(toLineBalance);
  }

  private async projectedLines(dept: string, year: number): Promise<LineState[]> {
    const required = requiredState([]);
    required.allLinesOfYears.add(yearKey(dept, year));
    const state = await loadLedgerState(readDb(this.runtime), required, false);
    return [...state.lines.values()];
  }

  /**
   * As of a date: the lines as they are (attributes are fixed by their first issue), with amounts folded from the
   * events with occurredOn ≤ asOf only, in processing order (SPEC §10).
   */
  private async replayLines(dept: string, year: number, asOf: string): Promise<LineState[]> {
    const state = new LedgerState();
    for (const line of await this.projectedLines(dept, year)) {
      state.lines.set(scopedKey(dept, year, line.lineId), { ...line, budget: 0n, paid: 0n, carriedIn: 0n, carriedForward: null, lapsed: null });
    }
    const { rows } = await readDb(this.runtime).query<{ payload: LedgerEvent; content_hash: string; position: string }>(
      `SELECT payload, content_hash, position::text FROM events
        WHERE department_code = $1 AND fiscal_year = $2 AND occurred_on <= $3 ORDER BY events.position`,
      [dept, year, asOf],
    );
    for (const row of rows) evolve(state, row.payload, row.content_hash, row.position);
    return [...state.lines.values()];
  }

  /** Payments of a department-year, optionally of one project, line, unit or function code, as of a date (PAYMENTS_SQL). */
  async payments(dept: string, year: number, query: PaymentQuery): Promise<PaymentList> {
    const { rows } = await readDb(this.runtime).query<{
      event_id: string; occurred_on: string; line_id: string; project_code: string | null; project_name: string | null;
      unit_code: string; function_code: string; economic_code: string; payee: string | null; method: string | null;
      amount: string; reversed: string; net: string; total_count: string; total_amount: string; total_reversed: string; total_net: string;
    }>(PAYMENTS_SQL, [
      dept, year, query.projectCode ?? null, query.lineId ?? null, query.asOf ?? null, query.limit, query.unitCode ?? null, query.functionCode ?? null,
    ]);
    const economics = catalogue.economics.forYear(year);
    const first = rows[0];
    return {
      total: first
        ? { count: Number(first.total_count), amount: first.total_amount, reversed: first.total_reversed, net: first.total_net }
        : { count: 0, amount: '0.00', reversed: '0.00', net: '0.00' },
      payments: rows.map((r) => ({
        eventId: r.event_id,
        occurredOn: r.occurred_on,
        lineId: r.line_id,
        projectCode: r.project_code,
        projectName: r.project_name,
        unitCode: r.unit_code,
        functionCode: r.function_code,
        economicCode: r.economic_code,
        economicName: economics.get(r.economic_code) ?? null,
        payee: r.payee,
        method: r.method,
        amount: r.amount,
        reversed: r.reversed,
        net: r.net,
      })),
    };
  }

  /**
   * Rejected events, newest first: of one department-year, or (admin) of every source, undecodable messages included.
   * Rejections are no events and have no read model: a `knownAt` read lists those rejected by then (SPEC §13).
   */
  async rejections(scope: { dept: string; year: number }, limit: number): Promise<RejectionRecord[]>;
  async rejections(scope: 'all', limit: number): Promise<AdminRejectionRecord[]>;
  async rejections(scope: { dept: string; year: number } | 'all', limit: number): Promise<RejectionRecord[] | AdminRejectionRecord[]> {
    const knownAt = readScope()?.reflects.knownAt ?? null;
    const { rows } = await eventStoreDb(this.runtime).query<{
      event_id: string | null; department_code: string | null; fiscal_year: number | null; type: string | null; code: string;
      message: string; problems: unknown; payload: unknown; raw: string | null; source_stream: string | null;
      source_partition: number | null; source_offset: string | null; rejected_at: Date;
    }>(
      `SELECT event_id, department_code, fiscal_year, type, code, message, problems, payload, raw, source_stream, source_partition,
              source_offset::text, rejected_at
         FROM rejections
        WHERE ($1::text IS NULL OR (department_code = $1 AND fiscal_year = $2)) AND ($4::timestamptz IS NULL OR rejected_at <= $4::timestamptz)
        ORDER BY id DESC LIMIT $3`,
      scope === 'all' ? [null, null, limit, knownAt] : [scope.dept, scope.year, limit, knownAt],
    );
    return rows.map((r): RejectionRecord | AdminRejectionRecord => ({
      eventId: r.event_id,
      ...(scope === 'all' ? { departmentCode: r.department_code, fiscalYear: r.fiscal_year } : {}),
      type: r.type,
      code: r.code,
      message: r.message,
      ...(r.problems ? { problems: r.problems } : {}),
      rejectedAt: r.rejected_at.toISOString(),
      event: r.payload,
      ...(scope === 'all' ? { raw: r.raw, source: { stream: r.source_stream, partition: r.source_partition, offset: r.source_offset } } : {}),
    }));
  }
}

function toLineBalance(l: LineState): LineBalance {
  return {
    lineId: l.lineId,
    unitCode: l.unitCode,
    functionCode: l.functionCode,
    economicCode: l.economicCode,
    fundSource: l.fundSource,
    expenditureKind: l.expenditureKind,
    projectCode: l.projectCode,
    projectName: l.projectName,
    budget: formatYuan(l.budget),
    paid: formatYuan(l.paid),
    available: formatYuan(l.budget - l.paid),
    overspent: l.paid > l.budget,
  };
}
