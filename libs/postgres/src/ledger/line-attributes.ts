import type { ExpenditureKind, FundSource, LineDescription } from '@app/domain';

/** The ledger_lines columns that say what a line is (fixed by its first issue, SPEC §2), for SELECT lists. */
export const LINE_ATTRIBUTE_COLUMNS = ['line_id', 'unit_code', 'function_code', 'economic_code', 'fund_source', 'expenditure_kind', 'project_code', 'project_name'] as const;

export interface LineAttributeRow {
  line_id: string;
  unit_code: string;
  function_code: string;
  economic_code: string | null;
  fund_source: FundSource;
  expenditure_kind: ExpenditureKind;
  project_code: string | null;
  project_name: string | null;
}

/** The SELECT / GROUP BY lists of those columns: plain, and for a query that names ledger_lines `l`. Constants. */
export const LINE_ATTRIBUTES = LINE_ATTRIBUTE_COLUMNS.join(', ');
export const LINE_ATTRIBUTES_OF_L = LINE_ATTRIBUTE_COLUMNS.map((c) => `l.${c}`).join(', ');

export function lineAttributesOf(r: LineAttributeRow): LineDescription {
  return {
    lineId: r.line_id,
    unitCode: r.unit_code,
    functionCode: r.function_code,
    economicCode: r.economic_code,
    fundSource: r.fund_source,
    expenditureKind: r.expenditure_kind,
    projectCode: r.project_code,
    projectName: r.project_name,
  };
}
