import { formatYuan, parseYuan } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent, Projection } from './projection';

/**
 * 决算 facts (SPEC §7, §10) beyond line_days (whose rows carry the payments' economic codes): income per function code
 * and category, and the date of each YearEndClosed.
 */
export class FinalAccountsProjection implements Projection {
  readonly name = 'final-accounts';
  readonly version = 2;
  readonly tables = ['income_days', 'year_closures'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const income = new Map<string, { dept: string; year: number; unit: string; fn: string; category: string; day: string; amount: bigint }>();
    const closures: { dept: string; year: number; day: string }[] = [];
    for (const { event: e } of events) {
      if (e.type === 'IncomeRecorded') {
        const key = [e.departmentCode, e.fiscalYear, e.data.unitCode, e.data.functionCode, e.data.category, e.occurredOn].join('\u0000');
        const row = income.get(key) ?? { dept: e.departmentCode, year: e.fiscalYear, unit: e.data.unitCode, fn: e.data.functionCode, category: e.data.category, day: e.occurredOn, amount: 0n };
        row.amount += parseYuan(e.data.amount);
        income.set(key, row);
      } else if (e.type === 'YearEndClosed') closures.push({ dept: e.departmentCode, year: e.fiscalYear, day: e.occurredOn });
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
}
