import { isIndicatorEvent } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent, Projection } from './projection';

/** Indicator events (IndicatorDefined / Measured / Scored) kept per department-year for as-of folding (SPEC §6). */
export class IndicatorsProjection implements Projection {
  readonly name = 'indicators';
  readonly version = 1;
  readonly tables = ['indicator_events'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const rows = events.filter((a) => isIndicatorEvent(a.event));
    if (!rows.length) return;
    await db.query(
      `INSERT INTO indicator_events (position, department_code, fiscal_year, indicator_id, occurred_on, payload)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::date[], $6::jsonb[])`,
      [
        rows.map((r) => r.position),
        rows.map((r) => r.event.departmentCode),
        rows.map((r) => r.event.fiscalYear),
        rows.map((r) => (isIndicatorEvent(r.event) ? r.event.data.indicatorId : '')),
        rows.map((r) => r.event.occurredOn),
        rows.map((r) => JSON.stringify(r.event)),
      ],
    );
  }
}
