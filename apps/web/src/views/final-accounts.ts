import { deptPath } from '../api';
import { Child, h, replace } from '../dom';
import { checkRuleName, chineseDetail, DIRECTIONS, FINAL_TABLES, REASON_SOURCES, SUMMARY_INCOME, TABLE_COLUMNS, THREE_PUBLIC } from '../labels';
import { formatFen, formatYuan, yuanToFen } from '../money';
import { pagedTable, wan } from '../table';
import type { Check, FinalAccounts, Row, VarianceItem } from '../types';
import { card, downloadButton, kpi, loading, ViewContext } from '../ui';

let pickedTable = 'summary';

/** 部门决算: the nine tables, the 勾稽 checks (failures first and marked), the variances still to explain, the drafts. */
export function renderFinalAccounts(ctx: ViewContext, root: HTMLElement): void {
  const top = h('div', { class: 'kpis', 'data-testid': 'final-kpis' }, loading());
  const checks = h('div', null, loading());
  const missing = h('div', null, loading());
  const tables = h('div', null, loading());
  const base = `${ctx.year}年度${ctx.deptName}部门决算（草稿，截至${ctx.asOf}）`;
  const path = deptPath(ctx.dept, ctx.year, 'final-accounts');
  // SPEC §14: the year's 部门预算 (INITIAL issues) beside its 决算, for the office that publishes both.
  const budgetPath = deptPath(ctx.dept, ctx.year, 'budget');
  const budgetBase = `${ctx.deptName}${ctx.year}年部门预算`;
  replace(
    root,
    h('div', { class: 'toolbar' },
      downloadButton('下载决算草稿（docx）', () => ctx.api.download(path, { format: 'docx', asOf: ctx.asOf }, `${base}.docx`), 'download-docx', ctx.fail),
      downloadButton('下载决算报表（xlsx）', () => ctx.api.download(path, { format: 'xlsx', asOf: ctx.asOf }, `${base}.xlsx`), 'download-xlsx', ctx.fail),
      downloadButton('下载部门预算（docx）', () => ctx.api.download(budgetPath, { format: 'docx' }, `${budgetBase}.docx`), 'download-budget-docx', ctx.fail),
      downloadButton('下载部门预算表（xlsx）', () => ctx.api.download(budgetPath, { format: 'xlsx' }, `${budgetBase}.xlsx`), 'download-budget-xlsx', ctx.fail)),
    top,
    h('div', { class: 'grid-2' },
      card('勾稽关系检查', { testid: 'checks' }, checks),
      card('待补充的差异说明（情况说明）', { testid: 'missing-variances' }, missing)),
    card('决算报表（万元）', { testid: 'final-tables', class: 'span-all' }, tables),
  );

  const load = async () => {
    try {
      const [accounts, checkList, variance] = await Promise.all([
        ctx.api.get<FinalAccounts>(path, { asOf: ctx.asOf }),
        ctx.api.get<{ provisional: boolean; checks: Check[] }>(deptPath(ctx.dept, ctx.year, 'checks'), { asOf: ctx.asOf }),
        ctx.api.get<{ items: VarianceItem[] }>(deptPath(ctx.dept, ctx.year, 'variance'), { asOf: ctx.asOf }),
      ]);
      if (!ctx.current()) return;
      const failed = checkList.checks.filter((c) => !c.passed);
      // Items without an explanation (MISSING); an unchanged item (持平) needs none.
      const todo = variance.items.filter((i) => i.reasonSource === 'MISSING' && i.direction !== 'FLAT');
      replace(
        top,
        kpi('状态', accounts.provisional ? '未结账（暂估）' : '已结账', '', 'kpi-provisional', { tone: accounts.provisional ? 'warn' : 'good' }),
        kpi('勾稽检查', `${checkList.checks.length - failed.length} / ${checkList.checks.length}`, '通过', 'kpi-checks', { tone: failed.length ? 'bad' : 'good' }),
        kpi('未通过', String(failed.length), '项', 'kpi-failed', { tone: failed.length ? 'bad' : 'good' }),
        kpi('待补充差异说明', String(todo.length), '项', 'kpi-missing', { tone: todo.length ? 'warn' : 'good' }),
      );
      replace(checks, checksList(checkList.checks));
      replace(missing, missingList(todo, variance.items));
      renderTables(tables, accounts);
    } catch (error) {
      ctx.fail(error, top, load);
    }
  };
  void load();
}

function checksList(list: Check[]): HTMLElement {
  const sorted = [...list].sort((a, b) => Number(a.passed) - Number(b.passed));
  // Checks compare 元 amounts (two decimals) or, for the to-do checks, counts of items (integers).
  const isMoney = (v: string | null) => v !== null && /^-?\d+\.\d{2}$/.test(v);
  const figure = (v: string | null) => (v === null ? '—' : isMoney(v) ? formatYuan(v) : v);
  const difference = (c: Check) => (isMoney(c.expected) && isMoney(c.actual) ? formatFen(yuanToFen(c.actual)! - yuanToFen(c.expected)!) : '');
  return pagedTable<Check>({
    testid: 'checks-table',
    rows: sorted,
    pageSize: 12,
    rowAttrs: (c) => ({ class: c.passed ? 'row-pass' : 'row-fail', 'data-rule': c.rule, 'data-passed': String(c.passed) }),
    columns: [
      { label: '结果', cell: (c) => h('span', { class: `badge ${c.passed ? 'status-on_track' : 'status-alert'}` }, c.passed ? '✓ 通过' : '✗ 未通过') },
      { label: '检查项', cell: (c) => h('span', { class: 'check' }, h('strong', { class: 'rule-name' }, checkRuleName(c.rule)), checkDetail(chineseDetail(c.detail))) },
      { label: '应为', className: 'num', cell: (c) => figure(c.expected) },
      { label: '实为', className: 'num', cell: (c) => figure(c.actual) },
      { label: '差额（元）', className: 'num', cell: (c) => (c.passed ? '' : difference(c)) },
    ],
  });
}

/** A check's detail; a long one (the to-do lists run to hundreds of characters) folded after its beginning. */
function checkDetail(text: string): HTMLElement {
  if (text.length <= 90) return h('span', { class: 'check-detail' }, text);
  return h(
    'details',
    { class: 'check-detail' },
    h('summary', null, h('span', { class: 'preview' }, `${text.slice(0, 60)}…`), h('span', { class: 'toggle more' }, '展开全部'), h('span', { class: 'toggle less' }, '收起')),
    h('span', { class: 'full' }, text),
  );
}

function missingList(todo: VarianceItem[], all: VarianceItem[]): Child {
  return [
    h('p', { class: 'note' }, `共 ${all.length} 项情况说明，其中 ${todo.length} 项尚无差异原因，请逐项补充差异原因说明。`),
    pagedTable<VarianceItem>({
      testid: 'missing-table',
      rows: todo,
      pageSize: 10,
      empty: '所有变动均已说明',
      columns: [
        { label: '项目', cell: (i) => i.name },
        { label: '本年（万元）', className: 'num', cell: (i) => wan(i.current) },
        { label: '上年（万元）', className: 'num', cell: (i) => wan(i.prior) },
        { label: '变动', cell: (i) => `${DIRECTIONS[i.direction] ?? i.direction}${i.changeRate ? ` ${i.changeRate}%` : ''}` },
        { label: '说明', cell: (i) => h('span', { class: 'todo', title: chineseDetail(i.sentence) }, REASON_SOURCES[i.reasonSource]) },
      ],
    }),
  ];
}

function renderTables(el: HTMLElement, accounts: FinalAccounts): void {
  const body = h('div', { 'data-testid': 'final-table' });
  const pick = (key: string) => {
    pickedTable = key;
    for (const b of el.querySelectorAll<HTMLButtonElement>('[data-table]')) b.classList.toggle('active', b.dataset.table === key);
    replace(body, h('h3', null, FINAL_TABLES.find((t) => t.key === key)?.title ?? key), tableView(key, accounts.tables[key]));
  };
  replace(
    el,
    accounts.provisional ? h('p', { class: 'banner' }, `年度尚未结账：以下为截至 ${accounts.asOf ?? '目前'} 的暂估数，年末结转和结余为可用余额。`) : null,
    h('div', { class: 'segmented wrap', role: 'tablist' },
      FINAL_TABLES.map((t) => h('button', { type: 'button', role: 'tab', 'data-table': t.key, onclick: () => pick(t.key) }, t.title))),
    body,
    h('p', { class: 'note' }, '本表金额转换为万元时，因四舍五入可能存在尾差。鼠标停留在金额上可查看元。'),
  );
  pick(pickedTable);
}

type Amounts = Record<string, string>;

function tableView(key: string, table: unknown): HTMLElement {
  if (!table) return h('p', { class: 'muted' }, '无数据');
  if (key === 'summary') {
    const t = table as { income: Amounts; expenditure: { rows: Row[]; totalExpenditure: string; closingBalance: string; grandTotal: string } };
    const income = SUMMARY_INCOME.map((c) => ({ name: c.label, amount: t.income[c.key] }));
    const spending = [
      ...t.expenditure.rows.map((r) => ({ name: `${r.code} ${r.name}`, amount: r.amount })),
      { name: '本年支出合计', amount: t.expenditure.totalExpenditure },
      { name: '年末结转和结余', amount: t.expenditure.closingBalance },
      { name: '总计', amount: t.expenditure.grandTotal },
    ];
    return h('div', { class: 'grid-2' }, simpleTable('收入', income), simpleTable('支出', spending));
  }
  if (key === 'threePublic') {
    const t = table as { budget: Amounts; actual: Amounts };
    return simpleGrid(['项目', '预算数（万元）', '决算数（万元）'], THREE_PUBLIC.map((c) => [c.label, wan(t.budget[c.key]), wan(t.actual[c.key])]));
  }
  if (key === 'fiscalSummary') {
    const t = table as { income: Amounts; openingBalance: Amounts; expenditure: { rows: Row[] }; closingBalance: Amounts };
    const funds = TABLE_COLUMNS.fiscalSummary;
    return h(
      'div',
      null,
      simpleGrid(['项目', ...funds.map((f) => `${f.label}（万元）`)], [
        ['本年收入', ...funds.map((f) => wan(t.income[f.key]))],
        ['年初结转和结余', ...funds.map((f) => wan(t.openingBalance[f.key]))],
        ['年末结转和结余', ...funds.map((f) => wan(t.closingBalance[f.key]))],
      ]),
      rowsTable(t.expenditure.rows, funds),
    );
  }
  const t = table as { rows: Row[]; personnelTotal?: string; publicTotal?: string };
  const extra = key === 'generalBudgetBasic' ? h('p', { class: 'note' }, '人员经费合计 ', wan(t.personnelTotal), ' 万元；公用经费合计 ', wan(t.publicTotal), ' 万元。') : null;
  return h('div', null, rowsTable(t.rows, TABLE_COLUMNS[key] ?? []), extra);
}

function rowsTable(rows: Row[], columns: { key: string; label: string }[]): HTMLElement {
  return pagedTable<Row>({
    rows,
    pageSize: 40,
    rowAttrs: (r) => ({ class: r.code === 'TOTAL' ? 'row-total' : `level-${r.code.length}`, 'data-code': r.code }),
    columns: [
      { label: '科目编码', cell: (r) => (r.code === 'TOTAL' ? '' : r.code) },
      { label: '科目名称', cell: (r) => r.name },
      ...columns.map((c) => ({ label: `${c.label}（万元）`, className: 'num', cell: (r: Row) => wan(r[c.key]) })),
    ],
  });
}

function simpleTable(title: string, rows: { name: string; amount: string }[]): HTMLElement {
  return simpleGrid([title, '金额（万元）'], rows.map((r) => [r.name, wan(r.amount)]));
}

function simpleGrid(head: string[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'scroll-x' },
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, head.map((c, i) => h('th', { class: i ? 'num' : '' }, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => h('td', { class: i ? 'num' : '' }, c)))))),
  );
}
