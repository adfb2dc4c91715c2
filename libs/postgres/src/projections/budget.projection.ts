import { formatYuan, parseYuan } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent, Projection } from './projection';

/**
 * 部门预算 facts (SPEC §14) beyond line_days (whose initial_delta holds the INITIAL issues): IncomeBudgeted, the planned
 * 单位资金 income, summed per unit, function code, category and day.
 */
export class BudgetProjection implements Projection {
  readonly name = 'budget';
  readonly version = 1;
  readonly tables = ['budgeted_income_days'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const rows = new Map<string, { dept: string; year: number; unit: string; fn: string; category: string; day: string; amount: bigint }>();
    for (const { event: e } of events) {
      if (e.type !== 'IncomeBudgeted') continue;
      const key = [e.departmentCode, e.fiscalYear, e.data.unitCode, e.data.functionCode, e.data.category, e.occurredOn].join('\u0000');
      const row = rows.get(key) ?? { dept: e.departmentCode, year: e.fiscalYear, unit: e.data.unitCode, fn: e.data.functionCode, category: e.data.category, day: e.occurredOn, amount: 0n };
      row.amount += parseYuan(e.data.amount);
      rows.set(key, row);
    }
    if (!rows.size) return;
    const all = [...rows.values()];
    await db.query(
      `INSERT INTO budgeted_income_days (department_code, fiscal_year, unit_code, function_code, category, day, amount)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::date[], $7::numeric[])
       ON CONFLICT (department_code, fiscal_year, unit_code, function_code, category, day) DO UPDATE SET
         amount = budgeted_income_days.amount + EXCLUDED.amount`,
      [all.map((r) => r.dept), all.map((r) => r.year), all.map((r) => r.unit), all.map((r) => r.fn), all.map((r) => r.category), all.map((r) => r.day), all.map((r) => formatYuan(r.amount))],
    );
  }
}
