import { formatWan, withThousands, type BudgetTables, type CodeTable, type Fen } from '@app/domain';
import { chineseOrdinal, classRows, nameCell, noteLines } from '../final-accounts/public-tables';
import type { Cell, ColumnSpec, HeaderCell, TableBlock } from '../model/document-model';
import {
  BUDGET_CODED_FORMS,
  BUDGET_FISCAL_SUMMARY_FORM,
  BUDGET_FUNCTION_CLASSES,
  BUDGET_PROJECTS_FORM,
  BUDGET_SUMMARY_FORM,
  BUDGET_TABLE_TEMPLATES,
  BUDGET_TABLE_TITLES,
  BUDGET_TABLE_WIDTHS as W,
  BUDGET_FISCAL_SUMMARY_WIDTHS as FW,
  BUDGET_THREE_PUBLIC_FORM,
  carriedInNote,
  type BudgetCodedForm,
  type BudgetTableKey,
  type BudgetTableTemplate,
  type BudgetTableTemplateDeclaration,
} from './budget-table-forms';

/**
 * The 部门预算公开表 (SPEC §14) as `TableBlock`s, laid out from the declarations in `budget-table-forms.ts` in the
 * conventions of the published 部门预算 (seeds 001, 004): title, 部门 and 预算年度 line, 单位：万元; a 序号 column and a
 * 栏次 row where the template has them; one 科目编码 column beside 科目名称; zero cells blank, the 合计 of a totals row
 * always printed; rows with a figure only in the coded tables, the full 类 list in 收支总表 and 财政拨款收支总表; notes
 * with the 尾差 sentence. The tables are the 年初预算 (INITIAL issues): 上年结转 is printed blank, and a note says how
 * much CARRY_IN the year has when it has any.
 */
export interface BudgetTablesInput {
  tables: BudgetTables;
  departmentName: string;
  fiscalYear: number;
  /** Default SEED_001 (单位资金 in one row of 收支总表). */
  template?: BudgetTableTemplate;
  functionName: (code: string) => string | undefined;
  economicName: (code: string) => string | undefined;
  /** Unit code → name (DepartmentRegistered.units), for the 项目支出表's 单位名称. */
  unitName: (code: string) => string | undefined;
}

type Body = Pick<TableBlock, 'orientation' | 'columns' | 'header' | 'rows' | 'notes'>;

const wan = (fen: Fen) => withThousands(formatWan(fen));
/** An amount in 万元; `always` prints 0.00 where the form prints every figure (a 合计, a 三公 item). */
const money = (fen: Fen, always = false): Cell => ({ kind: 'amount', fen, unit: 'wan', blankIfZero: !always });
const label = (text: string, align: 'left' | 'center' = 'left', indent = 0): Cell => ({ kind: 'text', text, align, ...(indent ? { indent } : {}) });
const blank: Cell = { kind: 'empty' };
const blanks = (n: number): Cell[] => Array.from({ length: n }, () => blank);
const column = (kind: ColumnSpec['kind'], width: number): ColumnSpec => ({ kind, width });

/** The notes of a form, the rounding note last (注：1. … / 2. 本表金额转换为万元时…). */
const notes = (...lines: (string | false | undefined)[]) => noteLines(lines.filter((l): l is string => Boolean(l)));
const carryNote = (t: BudgetTables) => t.carriedIn !== 0n && carriedInNote(wan(t.carriedIn));

/** Left and right halves side by side, the shorter padded with blank cells. */
function sideBySide(left: Cell[][], right: Cell[][], leftWidth: number, rightWidth: number): Cell[][] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [...(left[i] ?? blanks(leftWidth)), ...(right[i] ?? blanks(rightWidth))]);
}

/** The 类 rows of 收支总表 and 财政拨款收支总表: the form's list, plus any 类 with a figure. */
function functionClasses(input: BudgetTablesInput) {
  const t = input.tables;
  const withFigures = [
    ...t.summary.expenditure.rows.filter((r) => r.amount !== 0n).map((r) => r.code),
    ...t.fiscalSummary.expenditure.rows.filter((r) => r.code.length === 3 && r.values.total !== 0n).map((r) => r.code),
  ];
  return classRows(BUDGET_FUNCTION_CLASSES, BUDGET_FUNCTION_CLASSES.map((c) => c.code), withFigures, input.functionName);
}

function summaryTable(input: BudgetTablesInput, template: BudgetTableTemplateDeclaration): Body {
  const s = input.tables.summary;
  const byCode = new Map(s.expenditure.rows.map((r) => [r.code, r.amount]));
  const left = template.incomeItems.map((item, i) => [label(`${chineseOrdinal(i + 1)}、${item.label}`), money(s.income[item.key])]);
  const right = functionClasses(input).map((c) => [label(c.label), money(byCode.get(c.code) ?? 0n)]);
  const t = BUDGET_SUMMARY_FORM.totals;
  return {
    orientation: 'portrait',
    columns: [column('name', W.label), column('amount', W.amount), column('name', W.label), column('amount', W.amount)],
    header: BUDGET_SUMMARY_FORM.header,
    rows: [
      ...sideBySide(left, right, 2, 2),
      [label(t.year[0], 'center'), money(s.income.totalIncome, true), label(t.year[1], 'center'), money(s.expenditure.totalExpenditure, true)],
      [label(t.balances[0], 'center'), blank, label(t.balances[1], 'center'), blank],
      [label(t.grand[0], 'center'), money(s.income.grandTotal, true), label(t.grand[1], 'center'), money(s.expenditure.grandTotal, true)],
    ],
    notes: notes(carryNote(input.tables)),
  };
}

function fiscalSummaryTable(input: BudgetTablesInput): Body {
  const f = input.tables.fiscalSummary;
  const form = BUDGET_FISCAL_SUMMARY_FORM;
  const byCode = new Map(f.expenditure.rows.map((r) => [r.code, r.values]));
  const spent = byCode.get('TOTAL');
  const left = form.funds.map((fund, i) => [label(`${chineseOrdinal(i + 1)}、${fund.label}`), money(f.income[fund.key])]);
  const right = functionClasses(input).map((c) => {
    const v = byCode.get(c.code);
    return [label(c.label), money(v?.total ?? 0n), ...form.funds.map((fund) => money(v?.[fund.key] ?? 0n))];
  });
  const spending = (always: boolean) => [money(spent?.total ?? 0n, always), ...form.funds.map((fund) => money(spent?.[fund.key] ?? 0n))];
  const t = form.totals;
  return {
    orientation: 'portrait',
    columns: [
      column('name', FW.incomeLabel),
      column('amount', FW.amount),
      column('name', FW.classLabel),
      ...blanks(4).map(() => column('amount', FW.amount)),
    ],
    header: form.header,
    rows: [
      ...sideBySide(left, right, 2, 5),
      [label(t.year[0], 'center'), money(f.income.total, true), label(t.year[1], 'center'), ...spending(true)],
      // 年初/年末财政拨款结转和结余: not in the 年初预算 (SPEC §14), printed blank as the seeds print them.
      [label(t.balances[0], 'center'), blank, label(t.balances[1], 'center'), ...blanks(4)],
      ...form.funds.map((fund, i) => [label(`${chineseOrdinal(i + 1)}、${fund.label}`, 'left', 1), ...blanks(6)]),
      [label(t.grand[0], 'center'), money(f.income.total, true), label(t.grand[1], 'center'), ...spending(true)],
    ],
    notes: notes(),
  };
}

/** 科目编码 | 科目名称 under the form's code group, then the amount columns (grouped under a spanning header where declared). */
function codedHeader(form: BudgetCodedForm): HeaderCell[][] {
  const top: HeaderCell[] = [{ text: form.codeGroup, colSpan: 2 }];
  const below: HeaderCell[] = [{ text: '科目编码' }, { text: '科目名称' }];
  form.columns.forEach((c, i) => {
    if (!c.group) return void top.push({ text: c.label, rowSpan: 2 });
    if (form.columns[i - 1]?.group !== c.group) top.push({ text: c.group, colSpan: form.columns.filter((x) => x.group === c.group).length });
    below.push({ text: c.label });
  });
  return [top, below];
}

function codedTable(form: BudgetCodedForm, table: CodeTable<string>, input: BudgetTablesInput, extraRows: Cell[][] = []): Body & { empty: boolean } {
  const value = (row: { values: Record<string, Fen> } | undefined, key: string) => row?.values[key] ?? 0n;
  const printed = form.columns.filter((c) => !c.notInTables);
  const totalRow = table.rows.find((r) => r.code === 'TOTAL');
  const detail = table.rows.filter((r) => r.code !== 'TOTAL' && printed.some((c) => value(r, c.key) !== 0n));
  const empty = detail.length === 0 && extraRows.length === 0 && printed.every((c) => value(totalRow, c.key) === 0n);
  const amounts = (row: { values: Record<string, Fen> } | undefined, isTotal: boolean) =>
    form.columns.map((c) => (c.notInTables ? blank : money(value(row, c.key), isTotal && c.total === true)));
  const name = (code: string) => (form.classification === 'economic' ? input.economicName(code) : input.functionName(code));
  const rows: Cell[][] = empty
    ? // 空表列示: one blank row under the header, and the form's note (seeds 001, 004).
      [blanks(2 + form.columns.length)]
    : [
        [blank, label('合计', 'center'), ...amounts(totalRow, true)],
        ...detail.map((r) => [{ kind: 'code', code: r.code } as Cell, nameCell(name(r.code), `${r.code}科目名称`), ...amounts(r, false)]),
        ...extraRows,
      ];
  return {
    orientation: form.orientation,
    columns: [column('code', W.code), column('name', W.name), ...form.columns.map(() => column('amount', form.amountWidth ?? W.amount))],
    header: codedHeader(form),
    rows,
    notes: notes(empty && form.emptyNote, form.key === 'income' && carryNote(input.tables)),
    empty,
  };
}

/**
 * 基本支出表: the economic 类 and 款 with a figure. A basic line without a 5-digit economic code is in the 合计 but in
 * no 款 (check BUDGET_ECONOMIC_CODES): a row names its lines, so the table adds up on the page.
 */
function basicTable(input: BudgetTablesInput): Body & { empty: boolean } {
  const t = input.tables;
  const unclassified = t.unclassifiedBasic.length
    ? [
        [
          blank,
          { kind: 'placeholder', what: `指标${t.unclassifiedBasic.map((l) => l.lineId).join('、')}的经济分类款级科目` } as Cell,
          money(t.unclassifiedBasic.reduce((a, l) => a + l.amount, 0n)),
          blank,
          blank,
        ],
      ]
    : [];
  return codedTable(BUDGET_CODED_FORMS.generalBudgetBasic, t.generalBudgetBasic, input, unclassified);
}

function threePublicTable(input: BudgetTablesInput, template: BudgetTableTemplateDeclaration): Body {
  const form = BUDGET_THREE_PUBLIC_FORM;
  const tp = input.tables.threePublic;
  const zeros = template.threePublicZeros === 'printed';
  return {
    orientation: 'portrait',
    columns: [column('name', W.label), ...form.columns.map(() => column('amount', W.amount + 2))],
    header: form.header,
    rows: form.rows.map((r) => [label(r.label, 'left', r.indent), ...form.columns.map((c) => money(tp[r.key][c.key], zeros && c.alwaysPrinted))]),
    notes: notes(),
  };
}

function projectsTable(input: BudgetTablesInput): Body {
  const form = BUDGET_PROJECTS_FORM;
  const projects = input.tables.projects;
  const total = (key: (typeof form.columns)[number]) => projects.reduce((a, p) => a + p.amounts[key], 0n);
  const units = (codes: string[]): Cell => {
    const missing = codes.filter((c) => !input.unitName(c));
    return missing.length ? { kind: 'placeholder', what: `单位${missing.join('、')}名称` } : label(codes.map((c) => input.unitName(c)!).join('、'));
  };
  return {
    orientation: 'landscape',
    columns: [column('code', W.projectCode), column('name', W.projectName), column('name', W.unitName), ...form.columns.map(() => column('amount', W.projectAmount))],
    header: form.header,
    rows: projects.length
      ? [
          [{ kind: 'text', text: '合计', align: 'center', colSpan: 3 }, ...form.columns.map((k) => money(total(k), k === 'total'))],
          ...projects.map((p) => [
            { kind: 'code', code: p.projectCode } as Cell,
            nameCell(p.projectName ?? undefined, `项目${p.projectCode}名称`),
            units(p.unitCodes),
            ...form.columns.map((k) => money(p.amounts[k], k === 'total')),
          ]),
        ]
      : [blanks(3 + form.columns.length)],
    notes: notes(!projects.length && form.emptyNote),
  };
}

/**
 * A 序号 column before the table and a 栏次 row under its header, as the seeds print them: 序号 1… on every body row
 * (none on the blank row of an empty table), 栏次 1… over every column after 序号.
 */
function numbered(body: Body, empty: boolean): Body {
  const width = body.columns.length;
  return {
    ...body,
    columns: [column('text', W.serial), ...body.columns],
    header: [
      [{ text: '序号', rowSpan: body.header.length }, ...body.header[0]],
      ...body.header.slice(1),
      [{ text: '栏次' }, ...Array.from({ length: width }, (_, i) => ({ text: String(i + 1) }))],
    ],
    rows: body.rows.map((row, i) => [empty ? blank : label(String(i + 1), 'center'), ...row]),
  };
}

/** The 部门预算公开表 in the template's order. */
export function budgetTableBlocks(input: BudgetTablesInput): TableBlock[] {
  const template = BUDGET_TABLE_TEMPLATES[input.template ?? 'SEED_001'];
  if (!template) throw new Error(`unknown 部门预算 template ${String(input.template)}`);
  const t = input.tables;
  const body = (key: BudgetTableKey): Body & { empty?: boolean } => {
    switch (key) {
      case 'summary':
        return summaryTable(input, template);
      case 'fiscalSummary':
        return fiscalSummaryTable(input);
      case 'generalBudgetBasic':
        return basicTable(input);
      case 'threePublic':
        return threePublicTable(input, template);
      case 'projects':
        return { ...projectsTable(input), empty: t.projects.length === 0 };
      default:
        return codedTable(BUDGET_CODED_FORMS[key], t[key] as CodeTable<string>, input);
    }
  };
  return template.order.map((key) => {
    const { empty, ...laidOut } = body(key);
    const title = BUDGET_TABLE_TITLES[key];
    const table = template.numbered ? numbered(laidOut, empty ?? false) : laidOut;
    return {
      key,
      sheetName: title,
      title,
      department: `部门：${input.departmentName}　　　预算年度：${input.fiscalYear}`,
      unitLabel: '单位：万元',
      ...table,
      // The tree's own header cells, not the declarations' (a consumer may edit a tree).
      header: table.header.map((row) => row.map((cell) => ({ ...cell }))),
    };
  });
}
