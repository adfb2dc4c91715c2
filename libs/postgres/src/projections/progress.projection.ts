import { formatYuan, parseYuan, type LedgerEvent, type PlanCheckpoint, type PlanScope, type PlanVersion } from '@app/domain';
import type { Queryable } from '../database';
import { originalPayments } from './original-payments';
import type { AppliedEvent, Projection } from './projection';

/**
 * Per line, business day and economic code, the net change of budget (issues of every stage, adjustments, transfers;
 * lapse does not reduce it, SPEC §10), of carry-in (CARRY_IN issues, the 决算's opening balance), of the 年初预算
 * (INITIAL issues, the self-evaluation's initialBudget, SPEC §12) and of paid (payments − reversals). Budget movements
 * are booked under economic code '' and payments under theirs (a reversal under its original payment's,
 * `originalPayments`): one row per payment serves both
 * progress (§5, summed over codes) and the 决算's economic tables (§7). Aggregated in memory per batch and added with
 * one upsert; and the 用款计划 events as set.
 */
/** The economic code under which budget movements are booked (payments carry a real one, SPEC §2). */
export const BUDGET_CODE = '';

export class ProgressProjection implements Projection {
  readonly name = 'progress';
  readonly version = 2;
  readonly tables = ['line_days', 'disbursement_plans'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const originals = await originalPayments(db, events);
    const deltas = new Map<string, { dept: string; year: number; line: string; day: string; code: string; budget: bigint; carriedIn: bigint; initial: bigint; paid: bigint }>();
    const add = (e: LedgerEvent, line: string, code: string, budget: bigint, paid: bigint, carriedIn = 0n, initial = 0n) => {
      const key = `${e.departmentCode}\u0000${e.fiscalYear}\u0000${line}\u0000${e.occurredOn}\u0000${code}`;
      const d = deltas.get(key) ?? { dept: e.departmentCode, year: e.fiscalYear, line, day: e.occurredOn, code, budget: 0n, carriedIn: 0n, initial: 0n, paid: 0n };
      d.budget += budget;
      d.carriedIn += carriedIn;
      d.initial += initial;
      d.paid += paid;
      deltas.set(key, d);
    };
    const plans: AppliedEvent[] = [];
    for (const applied of events) {
      const e = applied.event;
      switch (e.type) {
        case 'AppropriationIssued':
          add(e, e.data.lineId, BUDGET_CODE, parseYuan(e.data.amount), 0n, e.data.stage === 'CARRY_IN' ? parseYuan(e.data.amount) : 0n, e.data.stage === 'INITIAL' ? parseYuan(e.data.amount) : 0n);
          break;
        case 'AppropriationAdjusted':
          add(e, e.data.lineId, BUDGET_CODE, parseYuan(e.data.amount), 0n);
          break;
        case 'AppropriationTransferred':
          add(e, e.data.fromLineId, BUDGET_CODE, -parseYuan(e.data.amount), 0n);
          add(e, e.data.toLineId, BUDGET_CODE, parseYuan(e.data.amount), 0n);
          break;
        case 'PaymentMade':
          add(e, e.data.lineId, e.data.economicCode, 0n, parseYuan(e.data.amount));
          break;
        case 'PaymentReversed':
          add(e, e.data.lineId, originals.of(e.data.originalEventId).economicCode, 0n, -parseYuan(e.data.amount));
          break;
        case 'DisbursementPlanSet':
          plans.push(applied);
          break;
        default:
          break;
      }
    }
    if (deltas.size) {
      const rows = [...deltas.values()];
      await db.query(
        `INSERT INTO line_days (department_code, fiscal_year, line_id, day, economic_code, budget_delta, carried_in_delta, paid_delta, initial_delta)
         SELECT d, y, l, t, e, b, c, p, i FROM json_to_recordset($1::json) AS r(d text, y int, l text, t date, e text, b numeric, c numeric, p numeric, i numeric)
         ON CONFLICT (department_code, fiscal_year, line_id, day, economic_code) DO UPDATE SET
           budget_delta = line_days.budget_delta + EXCLUDED.budget_delta,
           carried_in_delta = line_days.carried_in_delta + EXCLUDED.carried_in_delta,
           paid_delta = line_days.paid_delta + EXCLUDED.paid_delta,
           initial_delta = line_days.initial_delta + EXCLUDED.initial_delta`,
        [JSON.stringify(rows.map((r) => ({ d: r.dept, y: r.year, l: r.line, t: r.day, e: r.code, b: formatYuan(r.budget), c: formatYuan(r.carriedIn), p: formatYuan(r.paid), i: formatYuan(r.initial) })))],
      );
    }
    if (plans.length) {
      await db.query(
        `INSERT INTO disbursement_plans (position, department_code, fiscal_year, occurred_on, scope, checkpoints)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::date[], $5::jsonb[], $6::jsonb[])`,
        [
          plans.map((p) => p.position),
          plans.map((p) => p.event.departmentCode),
          plans.map((p) => p.event.fiscalYear),
          plans.map((p) => p.event.occurredOn),
          plans.map((p) => JSON.stringify(p.event.type === 'DisbursementPlanSet' ? p.event.data.scope : {})),
          plans.map((p) => JSON.stringify(p.event.type === 'DisbursementPlanSet' ? p.event.data.checkpoints : [])),
        ],
      );
    }
  }

  /** Rebuild: budget and paid per line, day and economic code from payments, reversals, adjustments and transfers (`Projection.rebuildMoneyEvents`). */
  async rebuildMoneyEvents(db: Queryable): Promise<void> {
    await db.query(
      `INSERT INTO line_days (department_code, fiscal_year, line_id, day, economic_code, budget_delta, carried_in_delta, paid_delta, initial_delta)
       SELECT department_code, fiscal_year, line_id, occurred_on, COALESCE(economic_code, ''), sum(budget), 0, sum(paid), 0
         FROM rebuild_money GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (department_code, fiscal_year, line_id, day, economic_code) DO UPDATE SET
         budget_delta = line_days.budget_delta + EXCLUDED.budget_delta, paid_delta = line_days.paid_delta + EXCLUDED.paid_delta`,
    );
  }
}

/**
 * Every 用款计划 (DisbursementPlanSet) of the departments' year, per department in processing order, for `planInForce`
 * (SPEC §10: it picks the plan in force at a date, so the reads need no date filter here).
 */
export async function readDisbursementPlans(db: Queryable, depts: readonly string[], year: number): Promise<Map<string, PlanVersion[]>> {
  const { rows } = await db.query<{ department_code: string; position: string; occurred_on: string; scope: PlanScope; checkpoints: PlanCheckpoint[] }>(
    `SELECT department_code, position::text, occurred_on, scope, checkpoints FROM disbursement_plans
      WHERE department_code = ANY($1::text[]) AND fiscal_year = $2 ORDER BY disbursement_plans.position`,
    [depts, year],
  );
  const result = new Map<string, PlanVersion[]>();
  for (const r of rows) {
    const plan = { position: BigInt(r.position), occurredOn: r.occurred_on, scope: r.scope, checkpoints: r.checkpoints };
    const list = result.get(r.department_code);
    if (list) list.push(plan);
    else result.set(r.department_code, [plan]);
  }
  return result;
}
