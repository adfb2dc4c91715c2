import type { BudgetNarrative, BudgetProjectGoal, BudgetTables, NarrativeSection } from '@app/domain';
import type { DocumentTree } from '../model/document-model';

/** What the 部门预算 document is drawn from (SPEC §14): the tables, the 绩效目标表 and the 情况说明 sentences. */
export interface BudgetDocumentInput {
  departmentName: string;
  fiscalYear: number;
  tables: BudgetTables;
  projectGoals: readonly BudgetProjectGoal[];
  narrative: BudgetNarrative;
  /** NarrativeDeclared texts in force (部门职责 DUTIES, 机构设置 ORGANISATION …), printed as written. */
  narratives: Partial<Record<NarrativeSection, string>>;
  /** The department's units (DepartmentRegistered.units): the 部门机构设置 / 预算单位构成. */
  units: readonly { code: string; name: string }[];
  /** Name of a function code (catalogue, else the name an event carried); undefined prints a 【待补充】 placeholder. */
  functionName: (code: string) => string | undefined;
  economicName: (code: string) => string | undefined;
}

export function budgetDocument(input: BudgetDocumentInput): DocumentTree {
  return { title: `${input.departmentName}${input.fiscalYear}年部门预算`, blocks: [] };
}
