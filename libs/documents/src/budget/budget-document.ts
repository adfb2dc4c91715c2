import type { BudgetDepartmentGoal, BudgetNarrative, BudgetProjectGoal, BudgetTables, NarrativeSection } from '@app/domain';
import { chineseOrdinal } from '../final-accounts/public-tables';
import { inlineText } from '../final-accounts-draft';
import type { Block, DocumentTree, Inline, TableBlock } from '../model/document-model';
import { budgetGoalTables, departmentIndicatorTable } from './budget-goal-tables';
import { budgetTableBlocks } from './budget-public-tables';
import { BUDGET_EXPLANATION_HEADINGS as H, BUDGET_GLOSSARY, type BudgetTableTemplate } from './budget-table-forms';

export * from './budget-table-forms';
export { budgetTableBlocks, type BudgetTablesInput } from './budget-public-tables';
export { budgetGoalTables, goalTargetText } from './budget-goal-tables';

/** What the 部门预算 document is drawn from (SPEC §14): the tables, the 绩效目标表 and the 情况说明 sentences. */
export interface BudgetDocumentInput {
  departmentName: string;
  fiscalYear: number;
  tables: BudgetTables;
  projectGoals: readonly BudgetProjectGoal[];
  /** 部门整体绩效目标 (PerformanceGoalSet and indicators of "*"); absent or empty → placeholders. */
  departmentGoal?: BudgetDepartmentGoal;
  narrative: BudgetNarrative;
  /** NarrativeDeclared texts in force (部门职责 DUTIES, 机构设置 ORGANISATION …), printed as written. */
  narratives: Partial<Record<NarrativeSection, string>>;
  /** The department's units (DepartmentRegistered.units): the 部门机构设置 / 预算单位构成. */
  units: readonly { code: string; name: string }[];
  /** Name of a function code (catalogue, else the name an event carried); undefined prints a 【待补充】 placeholder. */
  functionName: (code: string) => string | undefined;
  economicName: (code: string) => string | undefined;
  /** The published form variant (`BUDGET_TABLE_TEMPLATES`); default SEED_001 (单位资金 in one row of 收支总表). */
  template?: BudgetTableTemplate;
}

/** A paragraph whose 【待补充：…】 parts become placeholder nodes (so `placeholders(tree)` lists them). */
const para = (...content: (string | Inline)[]): Block => ({ kind: 'paragraph', indent: true, content: content.flatMap((c) => (typeof c === 'string' ? inlineText(c) : [c])) });
/** A declared text printed as written, one paragraph a line. */
const paragraphs = (text: string) => text.split(/\n+/).map((l) => l.trim()).filter(Boolean).map((l) => para(l));
const h1 = (text: string, id: string): Block => ({ kind: 'heading', level: 1, text, id, pageBreakBefore: true, align: 'center' });
const h2 = (text: string, id?: string, pageBreakBefore?: boolean): Block => ({ kind: 'heading', level: 2, text, ...(id ? { id } : {}), ...(pageBreakBefore ? { pageBreakBefore } : {}) });
const table = (t: TableBlock): Block => ({ kind: 'table', table: t });
/** （一）… sub-headings: kept with what follows, out of the 目录. */
const h3 = (text: string): Block => ({ kind: 'heading', level: 3, text });

/** 部门机构设置情况: the units the department registered, or a placeholder row. */
function unitsTable(units: BudgetDocumentInput['units']): TableBlock {
  return {
    key: 'units',
    title: '部门机构设置情况',
    orientation: 'portrait',
    columns: [
      { width: 2, kind: 'text' },
      { width: 4, kind: 'code' },
      { width: 12, kind: 'text' },
    ],
    header: [[{ text: '序号' }, { text: '单位编码' }, { text: '单位名称' }]],
    rows: units.length
      ? units.map((u, i) => [{ kind: 'text', text: String(i + 1), align: 'center' }, { kind: 'code', code: u.code }, { kind: 'text', text: u.name }])
      : [[{ kind: 'empty' }, { kind: 'empty' }, { kind: 'placeholder', what: '纳入预算编制范围的单位' }]],
    notes: [],
  };
}

/** （二）绩效指标 of 部门整体: its table, or nothing when the department defined no "*" indicator (seed 001 prints none). */
function departmentIndicators(input: BudgetDocumentInput): Block[] {
  const indicators = input.departmentGoal && departmentIndicatorTable(input.departmentGoal, input.departmentName);
  return indicators ? [h3(H.departmentGoalIndicators), table(indicators)] : [];
}

function explanation(input: BudgetDocumentInput): Block[] {
  const y = input.fiscalYear;
  const n = input.narratives;
  const goals = budgetGoalTables(input.projectGoals);
  return [
    h1(`第二部分 ${y}年部门预算情况说明`, 'part2'),
    para(H.intro(input.departmentName, y)),
    h2(H.duties, 'part2-duties'),
    para({ text: '部门职责：', bold: true }),
    ...(n.DUTIES ? paragraphs(n.DUTIES) : [para({ placeholder: '部门主要职责' })]),
    para({ text: '机构设置：', bold: true }),
    ...(n.ORGANISATION ? paragraphs(n.ORGANISATION) : [para({ placeholder: '机构设置情况' })]),
    table(unitsTable(input.units)),
    h2(H.overall, 'part2-overall'),
    para(H.overallLead),
    para(input.narrative.overall),
    h2(H.agencyOperatingCosts, 'part2-agency'),
    para(input.narrative.agencyOperatingCosts),
    h2(H.threePublic, 'part2-three-public'),
    para(input.narrative.threePublic),
    h2(H.departmentGoal, 'part2-department-goal'),
    h3(H.departmentGoalExpected),
    ...(input.departmentGoal?.expected ? paragraphs(input.departmentGoal.expected) : [para({ placeholder: '部门整体总体绩效目标' })]),
    ...departmentIndicators(input),
    h2(H.goals, 'part2-goals'),
    // Without a project there is no 项目支出绩效目标表 to print: the 项目支出表 shows the year has no 项目支出.
    ...(goals.length ? goals.map(table) : [para(`${input.departmentName}${y}年未安排项目支出预算。`)]),
    h2(H.glossary, 'part2-glossary', true),
    ...BUDGET_GLOSSARY.map(([term, text], i) => para({ text: `${i + 1}、${term}：`, bold: true }, text)),
  ];
}

/**
 * The published 部门预算 (SPEC §14, seeds 001 and 004) as one document tree, for `GET …/budget?format=docx|xlsx`:
 * 封面, 目录; 第一部分 部门预算公开表 (each table on its own page, headed 一、… in the 目录); 第二部分 情况说明 (部门职责
 * 及机构设置, 总体情况, 机关运行经费, “三公”经费, the 项目支出绩效目标表, 名词解释). The tables are the 年初预算; every
 * missing text is a 【待补充：…】 placeholder.
 */
export function budgetDocument(input: BudgetDocumentInput): DocumentTree {
  const y = input.fiscalYear;
  const units = new Map(input.units.map((u) => [u.code, u.name]));
  const tables = budgetTableBlocks({
    tables: input.tables,
    departmentName: input.departmentName,
    fiscalYear: y,
    template: input.template,
    functionName: input.functionName,
    economicName: input.economicName,
    unitName: (code) => units.get(code),
  });
  return {
    title: `${input.departmentName}${y}年部门预算`,
    cover: [input.departmentName, `${y}年部门预算`],
    blocks: [
      { kind: 'toc', title: '目录' },
      h1('第一部分 部门预算公开表', 'part1'),
      ...tables.flatMap((t, i) => [h2(`${chineseOrdinal(i + 1)}、${t.title}`, `table-${t.key}`, true), table(t)]),
      ...explanation(input),
    ],
  };
}
