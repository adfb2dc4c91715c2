import { formatYuan, parseYuan } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent, Projection } from './projection';

/**
 * 决算 facts (SPEC §7, §10): paid per line, payment economic code and day (a reversal is booked against its original
 * payment's code, looked up once per batch in the event store, where this batch's payments already are), income per
 * function code and category, and the date of each YearEndClosed.
 */
export class FinalAccountsProjection implements Projection {
  readonly name = 'final-accounts';
  readonly version = 1;
  readonly tables = ['line_economic_days', 'income_days', 'year_closures'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const reversals = events.flatMap((a) => (a.event.type === 'PaymentReversed' ? [a.event.data.originalEventId] : []));
    const originalCodes = new Map<string, string>();
    if (reversals.length) {
      const { rows } = await db.query<{ event_id: string; code: string }>(
        "SELECT event_id, payload->'data'->>'economicCode' AS code FROM events WHERE event_id = ANY($1::text[])",
        [reversals],
      );
      for (const r of rows) originalCodes.set(r.event_id, r.code);
    }
    const paid = new Map<string, { dept: string; year: number; line: string; code: string; day: string; amount: bigint }>();
    const income = new Map<string, { dept: string; year: number; unit: string; fn: string; category: string; day: string; amount: bigint }>();
    const closures: { dept: string; year: number; day: string }[] = [];
    const addPaid = (dept: string, year: number, line: string, code: string, day: string, amount: bigint) => {
      const key = [dept, year, line, code, day].join('\u0000');
      const row = paid.get(key) ?? { dept, year, line, code, day, amount: 0n };
      row.amount += amount;
      paid.set(key, row);
    };
    for (const { event: e } of events) {
      if (e.type === 'PaymentMade') addPaid(e.departmentCode, e.fiscalYear, e.data.lineId, e.data.economicCode, e.occurredOn, parseYuan(e.data.amount));
      else if (e.type === 'PaymentReversed') {
        const code = originalCodes.get(e.data.originalEventId);
        if (!code) throw new Error(`final-accounts: original payment ${e.data.originalEventId} of a reversal not in the event store`);
        addPaid(e.departmentCode, e.fiscalYear, e.data.lineId, code, e.occurredOn, -parseYuan(e.data.amount));
      } else if (e.type === 'IncomeRecorded') {
        const key = [e.departmentCode, e.fiscalYear, e.data.unitCode, e.data.functionCode, e.data.category, e.occurredOn].join('\u0000');
        const row = income.get(key) ?? { dept: e.departmentCode, year: e.fiscalYear, unit: e.data.unitCode, fn: e.data.functionCode, category: e.data.category, day: e.occurredOn, amount: 0n };
        row.amount += parseYuan(e.data.amount);
        income.set(key, row);
      } else if (e.type === 'YearEndClosed') closures.push({ dept: e.departmentCode, year: e.fiscalYear, day: e.occurredOn });
    }
    if (paid.size) {
      const rows = [...paid.values()];
      await db.query(
        `INSERT INTO line_economic_days (department_code, fiscal_year, line_id, economic_code, day, paid_delta)
         SELECT d, y, l, e, t, p FROM json_to_recordset($1::json) AS r(d text, y int, l text, e text, t date, p numeric)
         ON CONFLICT (department_code, fiscal_year, line_id, economic_code, day) DO UPDATE SET
           paid_delta = line_economic_days.paid_delta + EXCLUDED.paid_delta`,
        [JSON.stringify(rows.map((r) => ({ d: r.dept, y: r.year, l: r.line, e: r.code, t: r.day, p: formatYuan(r.amount) })))],
      );
    }
    if (income.size) {
      const rows = [...income.values()];
      await db.query(
        `INSERT INTO income_days (department_code, fiscal_year, unit_code, function_code, category, day, amount)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::date[], $7::numeric[])
         ON CONFLICT (department_code, fiscal_year, unit_code, function_code, category, day) DO UPDATE SET
           amount = income_days.amount + EXCLUDED.amount`,
        [rows.map((r) => r.dept), rows.map((r) => r.year), rows.map((r) => r.unit), rows.map((r) => r.fn), rows.map((r) => r.category), rows.map((r) => r.day), rows.map((r) => formatYuan(r.amount))],
      );
    }
    if (closures.length) {
      await db.query(
        `INSERT INTO year_closures (department_code, fiscal_year, closed_on) SELECT * FROM unnest($1::text[], $2::int[], $3::date[])`,
        [closures.map((c) => c.dept), closures.map((c) => c.year), closures.map((c) => c.day)],
      );
    }
  }

  /** Rebuild: paid per line, economic code (a reversal's: its original payment's) and day (`Projection.rebuildMoneyEvents`). */
  async rebuildMoneyEvents(db: Queryable): Promise<void> {
    await db.query(
      `INSERT INTO line_economic_days (department_code, fiscal_year, line_id, economic_code, day, paid_delta)
       SELECT department_code, fiscal_year, line_id, economic_code, occurred_on, sum(paid) FROM rebuild_money
        WHERE type IN ('PaymentMade', 'PaymentReversed') GROUP BY 1, 2, 3, 4, 5`,
    );
  }
}
