import {
  formatYuan,
  LedgerState,
  LineState,
  parseYuan,
  RequiredState,
  scopedKey,
  yearKey,
  type Comparator,
} from '@app/domain';
import type { LineAttributeRow } from './line-attributes';
import type { Queryable } from '../database';

/**
 * Loads the ledger state a batch needs and writes back what it changed: one query per table per batch
 * (SPEC §3 throughput: never a round trip per event). Keys are split back into their (department, year, id) parts.
 */
const splitKey = (key: string) => key.split('\u0000');

function columns(keys: Iterable<string>): [string[], number[], string[]] {
  const depts: string[] = [];
  const years: number[] = [];
  const ids: string[] = [];
  for (const key of keys) {
    const [dept, year, id] = splitKey(key);
    depts.push(dept);
    years.push(Number(year));
    ids.push(id);
  }
  return [depts, years, ids];
}

/** The same keys as one JSON document of {d, y, i} for `json_to_recordset` (hot per-batch lookups: issue 12). */
function keysJson(keys: Iterable<string>): string {
  const out: { d: string; y: number; i: string }[] = [];
  for (const key of keys) {
    const [d, y, i] = splitKey(key);
    out.push({ d, y: Number(y), i });
  }
  return JSON.stringify(out);
}

interface LineRow extends LineAttributeRow {
  department_code: string;
  fiscal_year: number;
  budget: string;
  paid: string;
  carried_in: string;
  carried_forward: string | null;
  lapsed: string | null;
}

const LINE_COLUMNS = `department_code, fiscal_year, line_id, unit_code, function_code, economic_code, fund_source, expenditure_kind,
  project_code, project_name, budget::text, paid::text, carried_in::text, carried_forward::text, lapsed::text`;

function toLine(row: LineRow): LineState {
  return {
    departmentCode: row.department_code,
    fiscalYear: row.fiscal_year,
    lineId: row.line_id,
    unitCode: row.unit_code,
    functionCode: row.function_code,
    economicCode: row.economic_code,
    fundSource: row.fund_source,
    expenditureKind: row.expenditure_kind,
    projectCode: row.project_code,
    projectName: row.project_name,
    budget: parseYuan(row.budget),
    paid: parseYuan(row.paid),
    carriedIn: parseYuan(row.carried_in),
    carriedForward: row.carried_forward === null ? null : parseYuan(row.carried_forward),
    lapsed: row.lapsed === null ? null : parseYuan(row.lapsed),
  };
}

export async function loadLedgerState(db: Queryable, required: RequiredState, checkDuplicates = true): Promise<LedgerState> {
  const state = new LedgerState();
  if (checkDuplicates && required.eventIds.size) {
    const { rows } = await db.query<{ event_id: string; content_hash: string; position: string }>(
      'SELECT event_id, content_hash, position::text FROM events WHERE event_id IN (SELECT json_array_elements_text($1::json))',
      [JSON.stringify([...required.eventIds])],
    );
    for (const r of rows) state.appliedEvents.set(r.event_id, { hash: r.content_hash, position: r.position });
  }
  if (required.lines.size) {
    const { rows } = await db.query<LineRow>(
      `SELECT ${LINE_COLUMNS} FROM ledger_lines
        WHERE (department_code, fiscal_year, line_id) IN (SELECT d, y, i FROM json_to_recordset($1::json) AS k(d text, y int, i text))`,
      [keysJson(required.lines)],
    );
    for (const r of rows) state.lines.set(scopedKey(r.department_code, r.fiscal_year, r.line_id), toLine(r));
  }
  if (required.allLinesOfYears.size) {
    const [depts, years] = columns([...required.allLinesOfYears].map((k) => `${k}\u0000`));
    const { rows } = await db.query<LineRow>(
      `SELECT ${LINE_COLUMNS} FROM ledger_lines
        WHERE (department_code, fiscal_year) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
      [depts, years],
    );
    for (const r of rows) state.lines.set(scopedKey(r.department_code, r.fiscal_year, r.line_id), toLine(r));
  }
  if (required.payments.size) {
    // A payment's state is its event and the reversals naming it (the partial index events_reversals_by_original):
    // no row of its own to write per payment (issue 12).
    const { rows } = await db.query<{ department_code: string; fiscal_year: number; event_id: string; line_id: string; amount: string; reversed: string }>(
      `SELECT p.department_code, p.fiscal_year, p.event_id, p.payload->'data'->>'lineId' AS line_id, p.payload->'data'->>'amount' AS amount,
              COALESCE((SELECT sum((r.payload->'data'->>'amount')::numeric) FROM events r
                         WHERE r.type = 'PaymentReversed' AND r.payload->'data'->>'originalEventId' = p.event_id
                           AND r.department_code = p.department_code AND r.fiscal_year = p.fiscal_year), 0)::numeric(20,2)::text AS reversed
         FROM events p
        WHERE p.event_id = ANY($3::text[]) AND p.type = 'PaymentMade'
          AND (p.department_code, p.fiscal_year, p.event_id) IN (SELECT * FROM unnest($1::text[], $2::int[], $3::text[]))`,
      columns(required.payments),
    );
    for (const r of rows) {
      state.payments.set(scopedKey(r.department_code, r.fiscal_year, r.event_id), {
        departmentCode: r.department_code,
        fiscalYear: r.fiscal_year,
        eventId: r.event_id,
        lineId: r.line_id,
        amount: parseYuan(r.amount),
        reversed: parseYuan(r.reversed),
      });
    }
  }
  if (required.indicators.size) {
    const { rows } = await db.query<{ department_code: string; fiscal_year: number; indicator_id: string; project_code: string; comparator: Comparator; weight: string }>(
      `SELECT department_code, fiscal_year, indicator_id, project_code, comparator, weight FROM ledger_indicators
        WHERE (department_code, fiscal_year, indicator_id) IN (SELECT * FROM unnest($1::text[], $2::int[], $3::text[]))`,
      columns(required.indicators),
    );
    for (const r of rows) {
      state.indicators.set(scopedKey(r.department_code, r.fiscal_year, r.indicator_id), {
        departmentCode: r.department_code,
        fiscalYear: r.fiscal_year,
        indicatorId: r.indicator_id,
        projectCode: r.project_code,
        comparator: r.comparator,
        weight: r.weight,
      });
    }
  }
  if (required.years.size) {
    const [depts, years] = columns([...required.years].map((k) => `${k}\u0000`));
    const { rows } = await db.query<{ department_code: string; fiscal_year: number }>(
      `SELECT department_code, fiscal_year FROM ledger_closed_years
        WHERE (department_code, fiscal_year) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
      [depts, years],
    );
    for (const r of rows) state.closedYears.add(yearKey(r.department_code, r.fiscal_year));
  }
  return state;
}

const money = (fen: bigint | null) => (fen === null ? null : formatYuan(fen));

/** Writes back every changed key with one upsert per table (absolute values: this batch holds the partition's lock). */
export async function saveLedgerState(db: Queryable, state: LedgerState): Promise<void> {
  if (state.dirtyLines.size) {
    const lines = [...state.dirtyLines].map((k) => state.lines.get(k)!);
    // Existing lines are updated in place (HOT: no indexed column changes); only new ones are inserted. The batch
    // holds its departments' advisory locks, so no other writer inserts the same line meanwhile.
    await db.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json) AS t(d text, y int, l text, u text, f text, e text, s text, k text, pc text, pn text,
                                                       b numeric, p numeric, ci numeric, cf numeric, la numeric)
       ), updated AS (
         UPDATE ledger_lines x SET project_name = i.pn, budget = i.b, paid = i.p, carried_in = i.ci, carried_forward = i.cf, lapsed = i.la
           FROM input i WHERE x.department_code = i.d AND x.fiscal_year = i.y AND x.line_id = i.l
         RETURNING x.department_code, x.fiscal_year, x.line_id
       )
       INSERT INTO ledger_lines (department_code, fiscal_year, line_id, unit_code, function_code, economic_code, fund_source,
         expenditure_kind, project_code, project_name, budget, paid, carried_in, carried_forward, lapsed)
       SELECT d, y, l, u, f, e, s, k, pc, pn, b, p, ci, cf, la FROM input i
        WHERE NOT EXISTS (SELECT 1 FROM updated w WHERE w.department_code = i.d AND w.fiscal_year = i.y AND w.line_id = i.l)`,
      [
        JSON.stringify(
          lines.map((l) => ({
            d: l.departmentCode,
            y: l.fiscalYear,
            l: l.lineId,
            u: l.unitCode,
            f: l.functionCode,
            e: l.economicCode,
            s: l.fundSource,
            k: l.expenditureKind,
            pc: l.projectCode,
            pn: l.projectName,
            b: money(l.budget),
            p: money(l.paid),
            ci: money(l.carriedIn),
            cf: money(l.carriedForward),
            la: money(l.lapsed),
          })),
        ),
      ],
    );
  }
  if (state.dirtyIndicators.size) {
    const indicators = [...state.dirtyIndicators].map((k) => state.indicators.get(k)!);
    await db.query(
      `INSERT INTO ledger_indicators (department_code, fiscal_year, indicator_id, project_code, comparator, weight)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (department_code, fiscal_year, indicator_id) DO UPDATE SET
         project_code = EXCLUDED.project_code, comparator = EXCLUDED.comparator, weight = EXCLUDED.weight`,
      [
        indicators.map((i) => i.departmentCode),
        indicators.map((i) => i.fiscalYear),
        indicators.map((i) => i.indicatorId),
        indicators.map((i) => i.projectCode),
        indicators.map((i) => i.comparator),
        indicators.map((i) => i.weight),
      ],
    );
  }
  if (state.newlyClosedYears.size) {
    const [depts, years] = columns([...state.newlyClosedYears].map((k) => `${k}\u0000`));
    await db.query(
      `INSERT INTO ledger_closed_years (department_code, fiscal_year) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT DO NOTHING`,
      [depts, years],
    );
  }
  state.clearDirty();
}
