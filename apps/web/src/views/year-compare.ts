import { ApiFailure, deptPath } from '../api';
import { Chart, createChart, drawYearCompare, YearCurve } from '../charts';
import { Child, h, replace } from '../dom';
import { formatPercent, formatSigned, formatWan, formatYuan, subtractDecimals } from '../money';
import { wan } from '../table';
import type { Budget, Progress, ProgressGroup } from '../types';
import { card, loading, statusBadge, ViewContext } from '../ui';

let compareChart: Chart | null = null;

/** The year before the selected one when the department has events of it (`GET /v1/departments`), else null. */
export function priorYearOf(ctx: ViewContext): number | null {
  return ctx.fiscalYears.includes(ctx.year - 1) ? ctx.year - 1 : null;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The same month-day in `year` (29 February → 28 February in a common year): 2024-06-30 → 2023-06-30. */
export function sameDayIn(asOf: string, year: number): string {
  const [, month, day] = asOf.split('-');
  return month === '02' && day === '29' && !isLeap(year) ? `${year}-02-28` : `${year}-${month}-${day}`;
}

/** 2024-06-30 → 6月30日. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** One year's side of the comparison: progress of the whole department and its 部门预算 at the same day. */
interface YearSide {
  year: number;
  asOf: string;
  group: ProgressGroup | null;
  budget: Budget | null;
}

/** The section's card, empty until `renderYearCompare` fills it; absent when there is no previous year. */
export function yearCompareCard(): { card: HTMLElement; body: HTMLElement } {
  const body = h('div', null, loading());
  return { card: card('上年同期对比', { testid: 'year-compare', class: 'span-all' }, body), body };
}

/**
 * 上年同期对比 (issue 14): the selected year beside the previous one at the same point of the year — 30 June 2024 against
 * 30 June 2023, not against the whole of 2023 (`?asOf=` the same month-day) —: 年初预算 (the 部门预算's INITIAL issues,
 * SPEC §14), 全年预算 and 已支付 (§5), 执行率 and status; and both years' monthly execution-rate curves on one chart.
 * `current` is the department's progress the pace view has already read for the selected date.
 */
export async function renderYearCompare(ctx: ViewContext, el: HTMLElement, priorYear: number, current: Progress): Promise<void> {
  const priorAsOf = sameDayIn(ctx.asOf, priorYear);
  // 年初预算数 is read on its own: a failure there leaves its row empty with a note, not the whole comparison.
  const budgetOf = (year: number, asOf: string) =>
    ctx.api.get<Budget>(deptPath(ctx.dept, year, 'budget'), { asOf }).then(
      (b) => ({ budget: b, error: null }),
      (error: unknown) => ({ budget: null, error }),
    );
  const [prior, budgets] = await Promise.all([
    ctx.api.get<Progress>(deptPath(ctx.dept, priorYear, 'progress'), { groupBy: 'department', asOf: priorAsOf }),
    Promise.all([budgetOf(ctx.year, ctx.asOf), budgetOf(priorYear, priorAsOf)]),
  ]);
  if (!ctx.current()) return;
  const failed = budgets.find((b) => b.error)?.error;
  if (failed instanceof ApiFailure && (failed.status === 401 || failed.status === 403)) return ctx.fail(failed, el);
  const now: YearSide = { year: ctx.year, asOf: ctx.asOf, group: current.groups[0] ?? null, budget: budgets[0].budget };
  const before: YearSide = { year: priorYear, asOf: priorAsOf, group: prior.groups[0] ?? null, budget: budgets[1].budget };

  const chartBox = h('div', { class: 'chart compare', 'data-testid': 'year-compare-chart' });
  replace(
    el,
    h('p', { class: 'note compare-intro' },
      `${priorYear}年与${ctx.year}年，均截至${monthDay(ctx.asOf)}。年初预算为年初批复的部门预算数；全年预算含年中追加、调整和上年结转。`,
      h('span', { class: 'nowrap' }, '金额单位：万元。')),
    h('div', { class: 'compare-grid' }, compareTable(before, now), chartBox),
    failed ? h('p', { class: 'note todo', 'data-testid': 'year-compare-budget-error' }, `年初预算数暂无法读取：${failed instanceof ApiFailure ? `${failed.message}（${failed.code}）` : String(failed)}`) : null,
  );
  compareChart?.dispose();
  compareChart = createChart(chartBox);
  drawYearCompare(compareChart, curve(now), curve(before));
}

function curve(side: YearSide): YearCurve {
  return { year: side.year, asOf: side.asOf, execution: Array.from({ length: 12 }, (_, i) => side.group?.months.find((m) => m.month === i + 1)?.executionRate ?? null) };
}

function compareTable(before: YearSide, now: YearSide): HTMLElement {
  type Row = { key: string; label: Child; value: (s: YearSide) => Child; change?: () => Child };
  const money = (pick: (s: YearSide) => string | null | undefined): Pick<Row, 'value' | 'change'> => ({
    value: (s) => wan(pick(s)),
    change: () => {
      const d = subtractDecimals(pick(now), pick(before));
      // 万元 with its sign (+5.00 / −5.00), the exact 元 in the tooltip; rounded from the exact difference.
      return d === null ? '—' : h('span', { class: `money ${d.startsWith('-') ? 'neg' : ''}`.trim(), title: `${formatYuan(d)} 元` }, formatSigned(formatWan(d)));
    },
  });
  const initial = (s: YearSide) => s.budget?.tables.summary.expenditure.totalExpenditure;
  const rows: Row[] = [
    { key: 'initial', label: '年初预算', ...money(initial) },
    { key: 'budget', label: '全年预算', ...money((s) => s.group?.budget) },
    { key: 'carried-in', label: h('span', { class: 'sub-label' }, '其中：上年结转'), ...money((s) => s.budget?.carriedIn) },
    { key: 'paid', label: '已支付', ...money((s) => s.group?.paid) },
    {
      key: 'rate',
      label: '执行率',
      value: (s) => formatPercent(s.group?.executionRate),
      change: () => {
        const d = subtractDecimals(now.group?.executionRate, before.group?.executionRate);
        return d === null ? '—' : h('span', { class: d.startsWith('-') ? 'neg' : 'pos', title: '个百分点' }, formatSigned(d), h('small', { class: 'unit' }, ' 百分点'));
      },
    },
    { key: 'status', label: '状态', value: (s) => statusBadge(s.group?.status ?? null) },
  ];
  const head = (s: YearSide) => h('th', { class: 'num', 'data-year': String(s.year) }, `${s.year}年`);
  return h(
    'div',
    { class: 'scroll-x' },
    h(
      'table',
      { class: 'data compare-table', 'data-testid': 'year-compare-table' },
      h('thead', null, h('tr', null, h('th', null, '项目'), head(before), head(now), h('th', { class: 'num' }, '同比增减'))),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { 'data-row': r.key },
            h('td', { class: 'compare-label' }, r.label),
            h('td', { class: 'num', 'data-year': String(before.year) }, r.value(before)),
            h('td', { class: 'num', 'data-year': String(now.year) }, r.value(now)),
            h('td', { class: 'num change' }, r.change?.() ?? ''),
          ),
        ),
      ),
    ),
  );
}
