import type { VarianceScope } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent, Projection } from './projection';

export function varianceScopeKey(scope: VarianceScope): string {
  if ('functionCode' in scope) return `function:${scope.functionCode}`;
  if ('economicCode' in scope) return `economic:${scope.economicCode}`;
  if ('fiscal' in scope) return 'fiscal';
  return 'threePublic' in scope ? 'threePublic' : 'total';
}

/** The latest prior-year declaration, and every explanation (the reader takes the latest by occurredOn ≤ asOf), for SPEC §8. */
export class VarianceInputsProjection implements Projection {
  readonly name = 'variance-inputs';
  readonly version = 1;
  readonly tables = ['prior_year_declarations', 'variance_explanations'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const declarations = new Map<string, AppliedEvent>();
    const explanations: { a: AppliedEvent; key: string; reason: string }[] = [];
    for (const a of events) {
      const e = a.event;
      if (e.type === 'PriorYearActualsDeclared') declarations.set(`${e.departmentCode}\u0000${e.fiscalYear}`, a);
      if (e.type === 'VarianceExplained') {
        const key = varianceScopeKey(e.data.scope);
        explanations.push({ a, key, reason: e.data.reason });
      }
    }
    if (declarations.size) {
      const rows = [...declarations.values()];
      await db.query(
        `INSERT INTO prior_year_declarations (department_code, fiscal_year, position, payload)
         SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::jsonb[])
         ON CONFLICT (department_code, fiscal_year) DO UPDATE SET position = EXCLUDED.position, payload = EXCLUDED.payload`,
        [rows.map((r) => r.event.departmentCode), rows.map((r) => r.event.fiscalYear), rows.map((r) => r.position), rows.map((r) => JSON.stringify(r.event.data))],
      );
    }
    if (explanations.length) {
      const rows = explanations;
      await db.query(
        `INSERT INTO variance_explanations (department_code, fiscal_year, scope_key, reason, occurred_on, position)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::date[], $6::bigint[])`,
        [rows.map((r) => r.a.event.departmentCode), rows.map((r) => r.a.event.fiscalYear), rows.map((r) => r.key), rows.map((r) => r.reason), rows.map((r) => r.a.event.occurredOn), rows.map((r) => r.a.position)],
      );
    }
  }
}
