import type { DepartmentRegistered } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent, Projection } from './projection';

/** Every department with applied events, the fiscal years it has, and its latest registration (SPEC §2: latest wins). */
export class DepartmentsProjection implements Projection {
  readonly name = 'departments';
  readonly version = 1;
  readonly tables = ['departments'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const years = new Map<string, Set<number>>();
    const registrations = new Map<string, DepartmentRegistered>();
    for (const { event } of events) {
      if (!years.has(event.departmentCode)) years.set(event.departmentCode, new Set());
      years.get(event.departmentCode)!.add(event.fiscalYear);
      if (event.type === 'DepartmentRegistered') registrations.set(event.departmentCode, event);
    }
    if (years.size === 0) return;
    const codes = [...years.keys()];
    await db.query(
      `INSERT INTO departments (department_code, fiscal_years)
       SELECT code, ARRAY(SELECT jsonb_array_elements_text(ys)::int) FROM unnest($1::text[], $2::jsonb[]) AS t(code, ys)
       ON CONFLICT (department_code) DO UPDATE SET fiscal_years =
         ARRAY(SELECT DISTINCT y FROM unnest(departments.fiscal_years || EXCLUDED.fiscal_years) AS y ORDER BY y)
       WHERE NOT departments.fiscal_years @> EXCLUDED.fiscal_years`,
      [codes, codes.map((c) => JSON.stringify([...years.get(c)!]))],
    );
    if (registrations.size) {
      const regs = [...registrations.values()];
      await db.query(
        `UPDATE departments d SET name = r.name, units = r.units, profile = r.profile
           FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[]) AS r(code, name, units, profile)
          WHERE d.department_code = r.code`,
        [regs.map((e) => e.departmentCode), regs.map((e) => e.data.name), regs.map((e) => JSON.stringify(e.data.units ?? [])), regs.map((e) => e.data.profile ?? null)],
      );
    }
  }

  /** Rebuild: the fiscal years payments, reversals, adjustments and transfers add (`Projection.rebuildMoneyEvents`). */
  async rebuildMoneyEvents(db: Queryable): Promise<void> {
    await db.query(
      `INSERT INTO departments (department_code, fiscal_years)
       SELECT department_code, array_agg(DISTINCT fiscal_year ORDER BY fiscal_year) FROM rebuild_money GROUP BY 1
       ON CONFLICT (department_code) DO UPDATE SET fiscal_years =
         ARRAY(SELECT DISTINCT y FROM unnest(departments.fiscal_years || EXCLUDED.fiscal_years) AS y ORDER BY y)`,
    );
  }
}
