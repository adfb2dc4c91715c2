import { isPersonnelEconomicCode, TAIL_NOTE, type CodeTable, type Fen, type FinalAccountsTables } from '@app/domain';
import type { Cell, ColumnSpec, HeaderCell, TableBlock } from '../model/document-model';
import {
  BASIC_EXPENDITURE_FORM,
  CODED_FORMS,
  FISCAL_SUMMARY_FORM,
  PUBLIC_TABLE_NOTES,
  PUBLIC_TABLE_TEMPLATES,
  PUBLIC_TABLE_TITLES,
  STANDARD_FUNCTION_CLASSES_2023,
  SUMMARY_FORM,
  THREE_PUBLIC_ITEM_ROWS,
  PUBLIC_TABLE_WIDTHS,
  type CodedForm,
  type PublicTableKey,
  type PublicTableTemplate,
  type ThreePublicForm,
} from './public-table-forms';

export * from './public-table-forms';

/**
 * The nine 公开表 of the 部门决算 (SPEC §7, §11) as `TableBlock`s of the document model, laid out from the declarations
 * in `public-table-forms.ts`. Conventions (issue 10): 公开NN表 per template, title, 部门：… and 单位：万元 lines, 注 as
 * published plus the rounding note; 类/款/项 code columns beside 科目名称; detail zero cells blank, the 合计 column of a
 * totals row always printed; all-zero detail rows omitted in 02/03/05/07/08, full standard row lists in 01, 04, 06.
 */
export interface PublicTablesInput {
  tables: FinalAccountsTables;
  template: PublicTableTemplate;
  departmentName: string;
  fiscalYear: number;
  /** Name of a function code (catalogue, else the name an event carried); undefined prints a 【待补充】 placeholder. */
  functionName: (code: string) => string | undefined;
  /** Name of an economic code (catalogue, else the name an event carried). */
  economicName: (code: string) => string | undefined;
  /**
   * The 类 rows of 01 and 04, in order. Default: the 2023 standard list as seed 000 prints it
   * (`STANDARD_FUNCTION_CLASSES_2023`). A 类 with a figure missing from the list is inserted in code order.
   */
  functionClasses?: readonly string[];
  /** The catalogue's economic codes (类 and 款) of the year: the 款 rows of 06 under each declared class. */
  economicCodes: readonly string[];
}

type Body = Omit<TableBlock, 'key' | 'number' | 'title' | 'department' | 'unitLabel'>;

const amount = (fen: Fen, blankIfZero = true): Cell => ({ kind: 'amount', fen, unit: 'wan', blankIfZero });
const text = (value: string, extra: { align?: 'left' | 'center' | 'right'; colSpan?: number; indent?: number } = {}): Cell => ({ kind: 'text', text: value, ...extra });
const code = (value: string): Cell => ({ kind: 'code', code: value });
const empty = (colSpan?: number): Cell => (colSpan && colSpan > 1 ? { kind: 'empty', colSpan } : { kind: 'empty' });
const blanks = (n: number): Cell[] => Array.from({ length: n }, () => empty());
const col = (kind: ColumnSpec['kind'], width: number): ColumnSpec => ({ kind, width });

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 26 → 二十六 (the ordinals of the 01/04 rows). */
export function chineseOrdinal(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) throw new Error(`no Chinese ordinal for ${n}`);
  const tens = Math.floor(n / 10);
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${DIGITS[n % 10]}`;
}

/** 注：lines as printed: one note → 注：…; several → 注：1. … / 2. …; the rounding note last. */
export function noteLines(notes: string[]): string[] {
  const all = [...notes, `${TAIL_NOTE}。`];
  return all.map((n, i) => (i === 0 ? `注：${all.length > 1 ? '1. ' : ''}${n}` : `${i + 1}. ${n}`));
}

/** A name cell: the resolver's name, or a visible placeholder (checks lists the code under CODE_NAMES). */
export function nameCell(value: string | undefined, what: string): Cell {
  return value ? text(value, { align: 'left' }) : { kind: 'placeholder', what };
}

/** The 类 rows of 01/04: the given or standard list, plus any 类 with a figure, in code order where inserted. */
function functionClassRows(input: PublicTablesInput): { code: string; label: string }[] {
  const withFigures = [
    ...input.tables.summary.expenditure.rows.filter((r) => r.amount !== 0n).map((r) => r.code),
    ...input.tables.fiscalSummary.expenditure.rows.filter((r) => r.code.length === 3 && r.values.total !== 0n).map((r) => r.code),
  ];
  return classRows(STANDARD_FUNCTION_CLASSES_2023, input.functionClasses ?? STANDARD_FUNCTION_CLASSES_2023.map((c) => c.code), withFigures, input.functionName);
}

/**
 * The 类 rows of a 收支总表 form (决算 01/04, 预算 收支总表 and 财政拨款收支总表): the `listed` codes in order, plus any
 * 类 with a figure that is not listed, inserted in code order; labelled 一、… with the form's name, else the catalogue's.
 */
export function classRows(
  form: readonly { code: string; name: string }[],
  listedCodes: readonly string[],
  withFigures: readonly string[],
  functionName: (code: string) => string | undefined,
): { code: string; label: string }[] {
  const names = new Map(form.map((c) => [c.code, c.name]));
  const listed = [...listedCodes];
  for (const extra of [...new Set(withFigures)].filter((c) => !listed.includes(c)).sort()) {
    const at = listed.findIndex((c) => c > extra);
    listed.splice(at === -1 ? listed.length : at, 0, extra);
  }
  return listed.map((c, i) => ({ code: c, label: `${chineseOrdinal(i + 1)}、${names.get(c) ?? functionName(c) ?? c}` }));
}

function summaryTable(input: PublicTablesInput): Body {
  const s = input.tables.summary;
  const classes = functionClassRows(input);
  const byCode = new Map(s.expenditure.rows.map((r) => [r.code, r.amount]));
  const left = SUMMARY_FORM.incomeItems.map((item, i) => [text(`${chineseOrdinal(i + 1)}、${item.label}`, { align: 'left' }), amount(s.income[item.key])]);
  const right = classes.map((c) => [text(c.label, { align: 'left' }), amount(byCode.get(c.code) ?? 0n)]);
  const t = SUMMARY_FORM.totals;
  return {
    orientation: 'portrait',
    columns: [col('name', PUBLIC_TABLE_WIDTHS.label), col('amount', PUBLIC_TABLE_WIDTHS.amount), col('name', PUBLIC_TABLE_WIDTHS.label), col('amount', PUBLIC_TABLE_WIDTHS.amount)],
    header: SUMMARY_FORM.header.map((row) => [...row]),
    rows: [
      ...Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [...(left[i] ?? blanks(2)), ...(right[i] ?? blanks(2))]),
      [text(t.year[0]), amount(s.income.totalIncome, false), text(t.year[1]), amount(s.expenditure.totalExpenditure, false)],
      // Our ledger records no 使用非财政拨款结余 and no 结余分配: the rows are printed, their figures left blank.
      [text(t.nonFiscalBalance[0]), empty(), text(t.nonFiscalBalance[1]), empty()],
      [text(t.balances[0]), amount(s.income.openingBalance), text(t.balances[1]), amount(s.expenditure.closingBalance)],
      [text(t.grand[0], { align: 'center' }), amount(s.income.grandTotal, false), text(t.grand[1], { align: 'center' }), amount(s.expenditure.grandTotal, false)],
    ],
    notes: noteLines([PUBLIC_TABLE_NOTES.summary]),
  };
}

function fiscalSummaryTable(input: PublicTablesInput): Body {
  const f = input.tables.fiscalSummary;
  const form = FISCAL_SUMMARY_FORM;
  const classes = functionClassRows(input);
  const byCode = new Map(f.expenditure.rows.map((r) => [r.code, r.values]));
  const spent = byCode.get('TOTAL') ?? { total: 0n, generalBudget: 0n, govFund: 0n, stateCapital: 0n };
  const left = form.funds.map((fund, i) => [text(`${chineseOrdinal(i + 1)}、${fund.label}`, { align: 'left' }), amount(f.income[fund.key])]);
  const right = classes.map((c) => {
    const v = byCode.get(c.code);
    return [text(c.label, { align: 'left' }), amount(v?.total ?? 0n), ...form.funds.map((fund) => amount(v?.[fund.key] ?? 0n))];
  });
  const t = form.totals;
  return {
    orientation: 'landscape',
    columns: [col('name', PUBLIC_TABLE_WIDTHS.label), col('amount', PUBLIC_TABLE_WIDTHS.amount), col('name', PUBLIC_TABLE_WIDTHS.label), ...blanks(4).map(() => col('amount', PUBLIC_TABLE_WIDTHS.amount))],
    header: form.header.map((row) => [...row]),
    rows: [
      ...Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [...(left[i] ?? blanks(2)), ...(right[i] ?? blanks(5))]),
      [text(t.year[0]), amount(f.income.total, false), text(t.year[1]), amount(spent.total, false), ...form.funds.map((fund) => amount(spent[fund.key]))],
      [text(t.balances[0]), amount(f.openingBalance.total), text(t.balances[1]), amount(f.closingBalance.total), ...form.funds.map((fund) => amount(f.closingBalance[fund.key]))],
      ...form.funds.map((fund) => [text(fund.label, { align: 'left', indent: 1 }), amount(f.openingBalance[fund.key]), empty(5)]),
      [
        text(t.grand[0], { align: 'center' }),
        amount(f.income.total + f.openingBalance.total, false),
        text(t.grand[1], { align: 'center' }),
        amount(spent.total + f.closingBalance.total, false),
        ...form.funds.map((fund) => amount(spent[fund.key] + f.closingBalance[fund.key])),
      ],
    ],
    notes: noteLines([PUBLIC_TABLE_NOTES.fiscalSummary]),
  };
}

/** 项目 over 类/款/项 + 科目名称, then the amount columns (grouped under a spanning header where declared). */
function codedHeader(form: CodedForm): HeaderCell[][] {
  const top: HeaderCell[] = [{ text: '项目', colSpan: 4 }];
  const middle: HeaderCell[] = [{ text: '支出功能分类科目编码', colSpan: 3 }, { text: '科目名称', rowSpan: 2 }];
  form.columns.forEach((c, i) => {
    if (!c.group) return void top.push({ text: c.label, rowSpan: 3 });
    if (form.columns[i - 1]?.group !== c.group) top.push({ text: c.group, colSpan: form.columns.filter((x) => x.group === c.group).length });
    middle.push({ text: c.label, rowSpan: 2 });
  });
  return [top, middle, [{ text: '类' }, { text: '款' }, { text: '项' }]];
}

/** A function code in its 类 (3), 款 (5) or 项 (7) column, printed in full as the published forms do. */
function codeColumns(functionCode: string): Cell[] {
  const level = functionCode.length <= 3 ? 0 : functionCode.length <= 5 ? 1 : 2;
  return [0, 1, 2].map((i) => (i === level ? code(functionCode) : empty()));
}

function codedTable(form: CodedForm, table: CodeTable<string>, input: PublicTablesInput): Body {
  const values = (row: { values: Record<string, Fen> } | undefined, key: string) => row?.values[key] ?? 0n;
  const totalRow = table.rows.find((r) => r.code === 'TOTAL');
  const detail = table.rows.filter((r) => r.code !== 'TOTAL' && form.columns.some((c) => values(r, c.key) !== 0n));
  const isEmpty = detail.length === 0 && form.columns.every((c) => values(totalRow, c.key) === 0n);
  const rows: Cell[][] = [[text('合计', { align: 'center', colSpan: 4 }), ...form.columns.map((c) => amount(values(totalRow, c.key), !(isEmpty || c.total)))]];
  if (isEmpty) rows.push([text('无', { align: 'center', colSpan: 3 }), text('无', { align: 'left' }), ...form.columns.map(() => amount(0n, false))]);
  for (const r of detail) {
    rows.push([...codeColumns(r.code), nameCell(input.functionName(r.code), `${r.code}科目名称`), ...form.columns.map((c) => amount(values(r, c.key)))]);
  }
  return {
    orientation: form.orientation,
    columns: [
      col('code', PUBLIC_TABLE_WIDTHS.classCode),
      col('code', PUBLIC_TABLE_WIDTHS.itemCode),
      col('code', PUBLIC_TABLE_WIDTHS.subItemCode),
      col('name', PUBLIC_TABLE_WIDTHS.name),
      ...form.columns.map(() => col('amount', PUBLIC_TABLE_WIDTHS.amount)),
    ],
    header: codedHeader(form),
    rows,
    notes: noteLines([PUBLIC_TABLE_NOTES[form.key], ...(isEmpty && form.emptyNote ? [form.emptyNote(input.fiscalYear)] : [])]),
  };
}

/** 06: the economic rows of a block — each class followed by its 款 — for classes of the declaration or with figures. */
function economicEntries(declared: readonly string[], personnel: boolean, input: PublicTablesInput, amounts: Map<string, Fen>): Cell[][] {
  const withFigures = [...amounts].filter(([c, a]) => a !== 0n && isPersonnelEconomicCode(c) === personnel).map(([c]) => c);
  const classes = [...new Set([...declared, ...withFigures.map((c) => c.slice(0, 3))])].sort();
  return classes.flatMap((cls) => {
    const items = [...new Set([...input.economicCodes, ...withFigures].filter((c) => c.length === 5 && c.startsWith(cls)))].sort();
    return [cls, ...items].map((c) => [code(c), nameCell(input.economicName(c), `${c}科目名称`), amount(amounts.get(c) ?? 0n)]);
  });
}

function basicTable(input: PublicTablesInput): Body {
  const b = input.tables.generalBudgetBasic;
  const form = BASIC_EXPENDITURE_FORM;
  const amounts = new Map(b.rows.filter((r) => r.code !== 'TOTAL').map((r) => [r.code, r.amount]));
  const personnel = economicEntries(form.personnelClasses, true, input, amounts);
  const publicEntries = economicEntries(form.publicClasses, false, input, amounts);
  const height = Math.max(personnel.length, Math.ceil(publicEntries.length / form.publicColumnGroups));
  const groups = [personnel, ...Array.from({ length: form.publicColumnGroups }, (_, g) => publicEntries.slice(g * height, (g + 1) * height))];
  const block = [col('code', PUBLIC_TABLE_WIDTHS.economicCode), col('name', PUBLIC_TABLE_WIDTHS.economicName), col('amount', PUBLIC_TABLE_WIDTHS.amount)];
  return {
    orientation: 'landscape',
    columns: groups.flatMap(() => block),
    header: form.header.map((row) => [...row]),
    rows: [
      ...Array.from({ length: height }, (_, i) => groups.flatMap((g) => g[i] ?? blanks(3))),
      [
        text(form.totals[0], { align: 'center', colSpan: 2 }),
        amount(b.personnelTotal, false),
        text(form.totals[1], { align: 'center', colSpan: 3 * form.publicColumnGroups - 1 }),
        amount(b.publicTotal, false),
      ],
    ],
    notes: noteLines([PUBLIC_TABLE_NOTES.generalBudgetBasic]),
  };
}

function threePublicTable(input: PublicTablesInput, form: ThreePublicForm): Body {
  const { initialBudget, budget, actual } = input.tables.threePublic;
  const notes = noteLines(form.notes);
  if (form.layout === 'rows') {
    return {
      orientation: 'portrait',
      columns: [col('name', PUBLIC_TABLE_WIDTHS.name), col('text', PUBLIC_TABLE_WIDTHS.line), ...(form.budget ? [col('amount', PUBLIC_TABLE_WIDTHS.amount + 2)] : []), col('amount', PUBLIC_TABLE_WIDTHS.amount + 2)],
      header: [[{ text: '项目' }, { text: '行次' }, ...(form.budget ? [{ text: '预算数' }] : []), { text: '决算数' }]],
      rows: THREE_PUBLIC_ITEM_ROWS.map((item) => [
        text(item.label, { align: 'left' }),
        text(String(item.line), { align: 'center' }),
        ...(form.budget ? [amount(budget[item.key], false)] : []),
        amount(actual[item.key], false),
      ]),
      notes,
    };
  }
  const groups = [
    ...(form.initialBudget ? [['年初预算数', initialBudget] as const] : []),
    ...(form.budget ? [[form.initialBudget ? '全年预算数' : '预算数', budget] as const] : []),
    ['决算数', actual] as const,
  ];
  const order = ['total', 'overseasTravel', 'vehicleTotal', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;
  return {
    orientation: 'landscape',
    columns: groups.flatMap(() => order.map(() => col('amount', PUBLIC_TABLE_WIDTHS.amount))),
    header: [
      groups.map(([label]) => ({ text: label, colSpan: order.length })),
      groups.flatMap(() => [
        { text: '合计', rowSpan: 2 },
        { text: '因公出国（境）费', rowSpan: 2 },
        { text: '公务用车购置及运行维护费', colSpan: 3 },
        { text: '公务接待费', rowSpan: 2 },
      ]),
      groups.flatMap(() => [{ text: '小计' }, { text: '公务用车购置费' }, { text: '公务用车运行维护费' }]),
    ],
    rows: [groups.flatMap(([, values]) => order.map((k) => amount(values[k], false)))],
    notes,
  };
}

/** The nine 公开表 in the template's 公开NN表 order. */
export function finalAccountsTableBlocks(input: PublicTablesInput): TableBlock[] {
  const template = PUBLIC_TABLE_TEMPLATES[input.template];
  if (!template) throw new Error(`unknown 决算表 template ${String(input.template)}`);
  const t = input.tables;
  const body = (key: PublicTableKey): Body => {
    switch (key) {
      case 'summary':
        return summaryTable(input);
      case 'fiscalSummary':
        return fiscalSummaryTable(input);
      case 'generalBudgetBasic':
        return basicTable(input);
      case 'threePublic':
        return threePublicTable(input, template.threePublic);
      default:
        return codedTable(CODED_FORMS[key], t[key] as CodeTable<string>, input);
    }
  };
  return template.order.map((key, i) => ({
    key,
    number: `公开${String(i + 1).padStart(2, '0')}表`,
    title: PUBLIC_TABLE_TITLES[key],
    department: `部门：${input.departmentName}`,
    unitLabel: '单位：万元',
    ...body(key),
  }));
}
