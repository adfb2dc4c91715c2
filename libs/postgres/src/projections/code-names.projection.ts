import type { CodeClassification, EventCodeNames } from '@app/domain';
import type { Queryable } from '../database';
import type { AppliedEvent, Projection } from './projection';

interface NamedCode {
  departmentCode: string;
  fiscalYear: number;
  classification: CodeClassification;
  code: string;
  name: string;
  position: string;
}

/** The code names an applied event carries (SPEC §11): functionName / economicName beside their codes. */
function namesOf(a: AppliedEvent): NamedCode[] {
  const e = a.event;
  const named = (classification: CodeClassification, code: string | undefined, name: string | undefined): NamedCode[] =>
    code && name ? [{ departmentCode: e.departmentCode, fiscalYear: e.fiscalYear, classification, code, name, position: a.position }] : [];
  switch (e.type) {
    case 'AppropriationIssued':
      return [...named('function', e.data.functionCode, e.data.functionName), ...named('economic', e.data.economicCode, e.data.economicName)];
    case 'IncomeRecorded':
    case 'IncomeBudgeted':
      return named('function', e.data.functionCode, e.data.functionName);
    case 'PaymentMade':
      return named('economic', e.data.economicCode, e.data.economicName);
    default:
      return [];
  }
}

/**
 * `code_names`: per department-year, classification and code, the name the latest event (by position) carried.
 * The catalogue comes first when names are resolved (`codeNameResolver`); these fill the codes it does not list.
 */
export class CodeNamesProjection implements Projection {
  readonly name = 'code-names';
  readonly version = 1;
  readonly tables = ['code_names'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const latest = new Map<string, NamedCode>();
    for (const a of events) {
      for (const n of namesOf(a)) latest.set([n.departmentCode, n.fiscalYear, n.classification, n.code].join('\u0000'), n);
    }
    if (!latest.size) return;
    const rows = [...latest.values()];
    await db.query(
      `INSERT INTO code_names (department_code, fiscal_year, classification, code, name, position)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[])
       ON CONFLICT (department_code, fiscal_year, classification, code)
       DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position WHERE code_names.position < EXCLUDED.position`,
      [rows.map((r) => r.departmentCode), rows.map((r) => r.fiscalYear), rows.map((r) => r.classification), rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.position)],
    );
  }

  /** Rebuild: the economic names payments carried, the latest by position winning (`Projection.rebuildMoneyEvents`). */
  async rebuildMoneyEvents(db: Queryable): Promise<void> {
    await db.query(
      `INSERT INTO code_names (department_code, fiscal_year, classification, code, name, position)
       SELECT DISTINCT ON (department_code, fiscal_year, economic_code) department_code, fiscal_year, 'economic', economic_code, economic_name, position
         FROM rebuild_money WHERE type = 'PaymentMade' AND economic_code <> '' AND economic_name <> ''
        ORDER BY department_code, fiscal_year, economic_code, position DESC
       ON CONFLICT (department_code, fiscal_year, classification, code)
       DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position WHERE code_names.position < EXCLUDED.position`,
    );
  }
}

/** The names events carried for a department-year's codes (the reader of `code_names`). */
export async function loadEventCodeNames(db: Queryable, departmentCode: string, fiscalYear: number): Promise<EventCodeNames> {
  const { rows } = await db.query<{ classification: CodeClassification; code: string; name: string }>(
    'SELECT classification, code, name FROM code_names WHERE department_code = $1 AND fiscal_year = $2',
    [departmentCode, fiscalYear],
  );
  const names: { function: Map<string, string>; economic: Map<string, string> } = { function: new Map(), economic: new Map() };
  for (const r of rows) names[r.classification].set(r.code, r.name);
  return names;
}
