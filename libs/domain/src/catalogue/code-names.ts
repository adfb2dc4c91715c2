import type { ConsistencyCheck } from '../final-accounts/consistency-checks';
import type { CodeTable, FinalAccountsTables } from '../final-accounts/final-accounts-tables';
import type { ClassificationCatalogue } from './catalogue';

/**
 * Names of the codes a department-year's tables print (SPEC §1, §11): the classification catalogue of that year
 * first; a code missing from it takes the name its event carried (`functionName` on AppropriationIssued and
 * IncomeRecorded, `economicName` on AppropriationIssued and PaymentMade; the latest such event wins); where none
 * did, the code has no name and the check `CODE_NAMES` lists it.
 */
export type CodeClassification = 'function' | 'economic';

/** The names events carried, by code (the read model `code_names` of a department-year). */
export interface EventCodeNames {
  function: ReadonlyMap<string, string>;
  economic: ReadonlyMap<string, string>;
}

export const NO_EVENT_CODE_NAMES: EventCodeNames = { function: new Map(), economic: new Map() };

export interface CodeNameResolver {
  functionName(code: string): string | undefined;
  economicName(code: string): string | undefined;
  /** The codes asked for so far that had no name, each once, sorted. */
  missing(): { function: string[]; economic: string[] };
}

export function codeNameResolver(catalogue: ClassificationCatalogue, fiscalYear: number, eventNames: EventCodeNames): CodeNameResolver {
  const functions = catalogue.functions.forYear(fiscalYear);
  const economics = catalogue.economics.forYear(fiscalYear);
  const unnamed = { function: new Set<string>(), economic: new Set<string>() };
  const lookup = (classification: CodeClassification, own: ReadonlyMap<string, string>) => (code: string) => {
    const name = own.get(code) ?? eventNames[classification].get(code);
    if (name === undefined) unnamed[classification].add(code);
    return name;
  };
  return {
    functionName: lookup('function', functions),
    economicName: lookup('economic', economics),
    missing: () => ({ function: [...unnamed.function].sort(), economic: [...unnamed.economic].sort() }),
  };
}

const printed = (table: CodeTable<string>) => table.rows.filter((r) => r.code !== 'TOTAL' && Object.values(r.values).some((v) => v !== 0n)).map((r) => r.code);

/** The codes the tables print (rows with an amount; TOTAL is 合计): function codes of 01–05, 07, 08 and economic codes of 06. */
export function codesInTables(t: FinalAccountsTables): { function: string[]; economic: string[] } {
  const functions = new Set<string>([
    ...t.summary.expenditure.rows.filter((r) => r.amount !== 0n).map((r) => r.code),
    ...[t.income, t.expenditure, t.fiscalSummary.expenditure, t.generalBudgetExpenditure, t.govFund, t.stateCapital].flatMap((table) => printed(table)),
  ]);
  const economics = new Set(t.generalBudgetBasic.rows.filter((r) => r.code !== 'TOTAL' && r.amount !== 0n).map((r) => r.code));
  return { function: [...functions].sort(), economic: [...economics].sort() };
}

/**
 * `CODE_NAMES` (SPEC §11): passed when every code the tables print has a name (catalogue or event). The check is
 * about names, not amounts: expected and actual stay 0; the detail lists the codes without a name.
 */
export function codeNamesCheck(t: FinalAccountsTables, names: Pick<CodeNameResolver, 'functionName' | 'economicName'>): ConsistencyCheck {
  const used = codesInTables(t);
  const missing = [...used.function.filter((c) => names.functionName(c) === undefined), ...used.economic.filter((c) => names.economicName(c) === undefined)];
  return {
    rule: 'CODE_NAMES',
    passed: missing.length === 0,
    expected: 0n,
    actual: 0n,
    detail: missing.length
      ? `以下科目编码缺少名称（请在事件中提供 functionName/economicName）：${missing.join('、')}`
      : `决算表中的 ${used.function.length + used.economic.length} 个科目编码均有名称`,
  };
}
