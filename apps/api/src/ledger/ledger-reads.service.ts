import { evolve, formatYuan, LedgerEvent, LedgerState, LineState, requiredState, scopedKey, yearKey } from '@app/domain';
import { loadLedgerState } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';

export interface LineBalance {
  lineId: string;
  unitCode: string;
  functionCode: string;
  economicCode: string | null;
  fundSource: string;
  expenditureKind: string;
  projectCode: string | null;
  projectName: string | null;
  budget: string;
  paid: string;
  available: string;
  overspent: boolean;
}

/** Read side of the ledger: departments, line balances (now or as of a date), rejections. */
@Injectable()
export class LedgerReadsService {
  constructor(@Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime) {}

  async departments(): Promise<{ code: string; name: string | null; fiscalYears: number[] }[]> {
    const { rows } = await this.runtime.pool.query<{ department_code: string; name: string | null; fiscal_years: number[] }>(
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
    const state = await loadLedgerState(this.runtime.pool, required, false);
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
    const { rows } = await this.runtime.pool.query<{ payload: LedgerEvent; content_hash: string; position: string }>(
      `SELECT payload, content_hash, position::text FROM events
        WHERE department_code = $1 AND fiscal_year = $2 AND occurred_on <= $3 ORDER BY events.position`,
      [dept, year, asOf],
    );
    for (const row of rows) evolve(state, row.payload, row.content_hash, row.position);
    return [...state.lines.values()];
  }

  /** Rejected events, newest first: of one department-year, or (admin) of every source, undecodable messages included. */
  async rejections(scope: { dept: string; year: number } | 'all', limit: number): Promise<unknown[]> {
    const { rows } = await this.runtime.pool.query<{
      event_id: string | null; department_code: string | null; fiscal_year: number | null; type: string | null; code: string;
      message: string; problems: unknown; payload: unknown; raw: string | null; source_stream: string | null;
      source_partition: number | null; source_offset: string | null; rejected_at: Date;
    }>(
      `SELECT event_id, department_code, fiscal_year, type, code, message, problems, payload, raw, source_stream, source_partition,
              source_offset::text, rejected_at
         FROM rejections
        WHERE ($1::text IS NULL OR (department_code = $1 AND fiscal_year = $2))
        ORDER BY id DESC LIMIT $3`,
      scope === 'all' ? [null, null, limit] : [scope.dept, scope.year, limit],
    );
    return rows.map((r) => ({
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
