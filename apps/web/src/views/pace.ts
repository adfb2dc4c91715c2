import { ApiFailure, deptPath } from '../api';
import { Chart, checkpointText, createChart, drawGaps, drawPace } from '../charts';
import { h, replace } from '../dom';
import { EXPENDITURE_KINDS, FUND_SOURCES, GROUP_LABELS, STATUS_LABELS } from '../labels';
import { formatPercent, formatSigned, formatWan, formatYuan, sumDecimals } from '../money';
import { pagedTable, wan } from '../table';
import type { Budget, GroupBy, Line, Progress, ProgressGroup, Status } from '../types';
import { card, kpi, loading, named, statusBadge, ViewContext } from '../ui';
import { openDetail } from './detail';
import { priorYearOf, renderYearCompare, yearCompareCard } from './year-compare';

type Grouping = Exclude<GroupBy, 'department'>;

let grouping: Grouping = 'project';
let paceChart: Chart | null = null;
let gapChart: Chart | null = null;

/** 执行进度: the headline figures, the pace chart, where we are behind, and the 指标 balances. */
export function renderPace(ctx: ViewContext, root: HTMLElement): void {
  const headline = h('div', { class: 'kpis', 'data-testid': 'headline' }, loading());
  const chartBox = h('div', { class: 'chart', 'data-testid': 'pace-chart' });
  const chartNote = h('p', { class: 'note', 'data-testid': 'pace-note' }, '◆ 为用款计划考核节点；柱为当月支付（万元，右轴）。');
  const behind = h('div', null, loading());
  const balances = h('div', null, loading());
  const priorYear = priorYearOf(ctx);
  const compare = priorYear === null ? null : yearCompareCard();
  replace(
    root,
    headline,
    h(
      'div',
      { class: 'grid-2' },
      card('执行进度：累计执行率与用款计划、序时进度', { class: 'wide' }, chartBox, chartNote),
      card('滞后与预警一览', { testid: 'status-summary' }, h('div', { 'data-role': 'summary' }, loading()), h('div', { class: 'chart gaps', 'data-testid': 'gap-chart' })),
    ),
    compare?.card,
    card('哪里落后了：按差距排序', { testid: 'behind' }, h('div', { class: 'segmented', role: 'tablist', 'data-role': 'groupings' }), behind),
    card('指标余额', { testid: 'balances' }, balances),
  );
  const summary = root.querySelector<HTMLElement>('[data-role=summary]')!;
  const groupings = root.querySelector<HTMLElement>('[data-role=groupings]')!;
  paceChart?.dispose();
  gapChart?.dispose();
  const chart = (paceChart = createChart(chartBox));
  const gaps = (gapChart = createChart(root.querySelector<HTMLElement>('[data-testid=gap-chart]')!));
  let lines: Line[] = [];
  /** 年初预算数 by project (the 部门预算's 项目支出表), read once per view for the project list. */
  let initialBudgets: Promise<InitialBudgets> | null = null;

  /** Where we are behind, by the grouping picked (only this part reloads when it changes). */
  const loadGroups = async () => {
    replace(
      groupings,
      (Object.keys(GROUP_LABELS) as Grouping[]).map((g) =>
        h('button', {
          type: 'button', role: 'tab', class: g === grouping ? 'active' : '', 'aria-selected': String(g === grouping), 'data-groupby': g,
          onclick: () => { grouping = g; void loadGroups(); },
        }, `按${GROUP_LABELS[g]}`)),
    );
    replace(behind, loading());
    replace(summary, loading());
    const by = grouping;
    try {
      if (by === 'project') initialBudgets ??= readInitialBudgets(ctx);
      const [groups, initial] = await Promise.all([
        ctx.api.get<Progress>(deptPath(ctx.dept, ctx.year, 'progress'), { groupBy: by, asOf: ctx.asOf }),
        by === 'project' ? initialBudgets : null,
      ]);
      if (!ctx.current() || by !== grouping) return;
      if (initial?.error instanceof ApiFailure && (initial.error.status === 401 || initial.error.status === 403)) {
        initialBudgets = null;
        return ctx.fail(initial.error, behind, loadGroups);
      }
      renderSummary(summary, groups.groups, by);
      // The ten furthest behind (or overspent), one bar each: a picture of the table below, not a chart per row.
      drawGaps(gaps, sortByGap(groups.groups).filter((g) => g.gap !== null).slice(0, 10).map((g) => ({ ...g, name: g.name ?? g.key, gap: g.gap! })));
      renderBehind(ctx, behind, groups.groups, by, lines, initial);
    } catch (error) {
      ctx.fail(error, behind, loadGroups);
    }
  };

  const lastDay = `${ctx.year}-12-31`;
  const load = async () => {
    try {
      const [dept, year, lineList] = await Promise.all([
        ctx.api.get<Progress>(deptPath(ctx.dept, ctx.year, 'progress'), { groupBy: 'department', asOf: ctx.asOf }),
        // The plan curve for the whole year (months after asOf): the same department without a date.
        ctx.asOf < lastDay ? ctx.api.get<Progress>(deptPath(ctx.dept, ctx.year, 'progress'), { groupBy: 'department' }) : null,
        ctx.api.get<{ lines: Line[] }>(deptPath(ctx.dept, ctx.year, 'lines'), { asOf: ctx.asOf }),
      ]);
      if (!ctx.current()) return;
      lines = lineList.lines;
      const group = dept.groups[0];
      renderHeadline(headline, group, dept.timeProgress);
      const months = Array.from({ length: 12 }, (_, i) => group?.months.find((m) => m.month === i + 1) ?? null);
      const planMonths = (year ?? dept).groups[0]?.months ?? [];
      // The checkpoints of the plan in force at the date picked (the department's, or the one most of its budget follows).
      const checkpoints = group?.planCheckpoints ?? [];
      drawPace(chart, {
        execution: months.map((m) => m?.executionRate ?? null),
        plan: Array.from({ length: 12 }, (_, i) => planMonths.find((m) => m.month === i + 1)?.plannedRate ?? null),
        time: dept.monthEndTimeProgress,
        paidInMonth: months.map((m) => m?.paidInMonth ?? null),
        checkpoints,
      });
      replace(chartNote, checkpoints.length ? `◆ 为用款计划考核节点（${checkpointText(checkpoints)}）；柱为当月支付（万元，右轴）。` : '柱为当月支付（万元，右轴）。');
      renderBalances(ctx, balances, lines);
      if (compare && priorYear !== null) {
        renderYearCompare(ctx, compare.body, priorYear, dept).catch((error: unknown) =>
          ctx.fail(error, compare.body, () => {
            replace(compare.body, loading());
            void renderYearCompare(ctx, compare.body, priorYear, dept).catch((e: unknown) => ctx.fail(e, compare.body));
          }),
        );
      }
      await loadGroups();
    } catch (error) {
      ctx.fail(error, headline, load);
    }
  };
  void load();
}

function renderHeadline(el: HTMLElement, g: ProgressGroup | undefined, timeProgress: string): void {
  if (!g) {
    replace(el, h('div', { class: 'empty-state' }, '该部门本年度尚无指标数据'));
    return;
  }
  const tone = g.status === 'ALERT' || g.status === 'OVERSPENT' ? 'bad' : g.status === 'WARNING' ? 'warn' : 'good';
  replace(
    el,
    kpi('预算（指标）', formatWan(g.budget), '万元', 'kpi-budget', { title: `${formatYuan(g.budget)} 元` }),
    kpi('已支付', formatWan(g.paid), '万元', 'kpi-paid', { title: `${formatYuan(g.paid)} 元` }),
    kpi('执行率', g.executionRate ?? '—', g.executionRate ? '%' : '', 'kpi-rate', { tone }),
    kpi('计划进度', g.plannedRate ?? '—', g.plannedRate ? '%' : '', 'kpi-planned'),
    kpi('序时进度', timeProgress, '%', 'kpi-time'),
    kpi('差距', formatSigned(g.gap), g.gap === null ? '' : '个百分点', 'kpi-gap', { tone }),
    kpi('状态', statusBadge(g.status), '', 'kpi-status'),
  );
}

function renderSummary(el: HTMLElement, groups: ProgressGroup[], grouping: Grouping): void {
  const count = (s: Status) => groups.filter((g) => g.status === s).length;
  replace(
    el,
    h('div', { class: 'status-counts' },
      (['ALERT', 'OVERSPENT', 'WARNING', 'ON_TRACK'] as const).map((s) =>
        h('div', { class: `count status-${s.toLowerCase()}`, 'data-testid': `count-${s}` }, h('strong', null, String(count(s))), h('span', null, `${STATUS_LABELS[s]}`)))),
    h('p', { class: 'note' }, `按${GROUP_LABELS[grouping]}统计，共 ${groups.length} 个。差距 = 执行率 − 计划进度（个百分点）；低于 0 为预警，低于 −10 为滞后。下图为差距最大的 ${Math.min(10, groups.length)} 个。`),
  );
}

/** Overspent first, then by gap, most behind first; groups without a budget last. */
function sortByGap(groups: ProgressGroup[]): ProgressGroup[] {
  const rank = (g: ProgressGroup) => (g.status === 'OVERSPENT' ? -1e9 : g.gap === null ? 1e9 : Number(g.gap));
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

export function linesOf(lines: Line[], grouping: Grouping, key: string): Line[] {
  return lines.filter((l) =>
    grouping === 'project' ? l.projectCode === key : grouping === 'unit' ? l.unitCode === key : grouping === 'function' ? l.functionCode === key : l.lineId === key,
  );
}

/** 年初预算数 per projectCode (元 strings) from `GET …/budget` at the view's date; `error` when it could not be read. */
interface InitialBudgets {
  byProject: Map<string, string> | null;
  error: unknown;
}

/**
 * The 部门预算's 项目支出表 (SPEC §14): a project's INITIAL issues over every fund — the same 年初预算数 the
 * self-evaluation (`initialBudget`) and the 监控表 print. A project without a row had no INITIAL issue.
 */
function readInitialBudgets(ctx: ViewContext): Promise<InitialBudgets> {
  return ctx.api.get<Budget>(deptPath(ctx.dept, ctx.year, 'budget'), { asOf: ctx.asOf }).then(
    (b) => ({ byProject: new Map(b.tables.projects.rows.map((r) => [r.projectCode, r.total])), error: null }),
    (error: unknown) => ({ byProject: null, error }),
  );
}

const NO_INITIAL = '无年初预算';

/** The 年初预算 cell: the amount, or a dash for a project funded only by 追加 or 上年结转 (no INITIAL issue). */
function initialCell(initial: InitialBudgets, projectCode: string): HTMLElement {
  if (!initial.byProject) return h('span', { class: 'muted', title: '年初预算数暂无法读取' }, '—');
  const total = initial.byProject.get(projectCode);
  return total === undefined ? h('span', { class: 'muted no-initial', title: NO_INITIAL, 'aria-label': NO_INITIAL }, '—') : wan(total);
}

function renderBehind(ctx: ViewContext, el: HTMLElement, groups: ProgressGroup[], grouping: Grouping, lines: Line[], initial: InitialBudgets | null): void {
  const withoutInitial = initial?.byProject ? groups.filter((g) => !initial.byProject!.has(g.key)).length : 0;
  const failure = initial?.error;
  replace(
    el,
    pagedTable<ProgressGroup>({
      testid: 'behind-table',
      cards: true,
      rows: sortByGap(groups),
      pageSize: 15,
      search: { placeholder: `搜索${GROUP_LABELS[grouping]}名称或编码`, text: (g) => `${g.key} ${g.name ?? ''}` },
      empty: `该日期尚无按${GROUP_LABELS[grouping]}的数据`,
      rowAttrs: (g) => ({ 'data-key': g.key, 'data-status': g.status ?? 'NONE', class: `row-${(g.status ?? 'none').toLowerCase()}` }),
      onRowClick: (g) => openDetail(ctx, grouping, g.key, linesOf(lines, grouping, g.key)),
      columns: [
        { label: '状态', className: 'card-status', cell: (g) => statusBadge(g.status) },
        { label: GROUP_LABELS[grouping], className: 'card-title', cell: (g) => named(g.name, g.key) },
        // The project list shows the 年初预算数 before the 全年预算数 (issue 14): what was approved, then what there is.
        ...(initial ? [{ label: '年初预算（万元）', className: 'num col-initial', title: '年初批复的部门预算数（年初预算指标）', cell: (g: ProgressGroup) => initialCell(initial, g.key) }] : []),
        { label: initial ? '全年预算（万元）' : '预算（万元）', className: 'num col-budget', title: initial ? '含年中追加、调整、调剂和上年结转' : undefined, cell: (g) => wan(g.budget) },
        { label: '已支付（万元）', className: 'num', cell: (g) => wan(g.paid) },
        { label: '执行率', className: 'num', cell: (g) => formatPercent(g.executionRate) },
        { label: '计划进度', className: 'num', cell: (g) => formatPercent(g.plannedRate) },
        { label: '差距（百分点）', className: 'num', cell: (g) => h('span', { class: g.gap?.startsWith('-') ? 'neg' : 'pos' }, formatSigned(g.gap)) },
        { label: '指标余额（万元）', className: 'num', cell: (g) => wan(sumDecimals(linesOf(lines, grouping, g.key).map((l) => l.available))) },
      ],
    }),
    withoutInitial ? h('p', { class: 'note', 'data-testid': 'no-initial-note' }, `年初预算为“—”的 ${withoutInitial} 个项目无年初预算，资金来自年中追加、调剂或上年结转。`) : null,
    failure ? h('p', { class: 'note todo', 'data-testid': 'initial-budget-error' }, `年初预算数暂无法读取：${failure instanceof ApiFailure ? `${failure.message}（${failure.code}）` : String(failure)}`) : null,
  );
}

function renderBalances(ctx: ViewContext, el: HTMLElement, lines: Line[]): void {
  const rows = [...lines].sort((a, b) => Number(b.overspent) - Number(a.overspent) || a.lineId.localeCompare(b.lineId));
  replace(
    el,
    pagedTable<Line>({
      testid: 'lines-table',
      cards: true,
      rows,
      pageSize: 10,
      search: { placeholder: '搜索指标编号、项目或科目', text: (l) => `${l.lineId} ${l.projectCode ?? ''} ${l.projectName ?? ''} ${l.functionCode} ${l.unitCode}` },
      rowAttrs: (l) => ({ 'data-line': l.lineId, class: l.overspent ? 'row-overspent' : '' }),
      onRowClick: (l) => openDetail(ctx, 'line', l.lineId, [l]),
      columns: [
        { label: '指标', className: 'card-wide', cell: (l) => h('span', { class: 'mono' }, l.lineId) },
        { label: '项目', className: 'card-title', cell: (l) => (l.projectCode ? named(l.projectName, l.projectCode) : h('span', { class: 'muted' }, EXPENDITURE_KINDS[l.expenditureKind] ?? l.expenditureKind)) },
        { label: '单位', cell: (l) => l.unitCode },
        { label: '功能科目', cell: (l) => l.functionCode },
        { label: '资金来源', cell: (l) => FUND_SOURCES[l.fundSource] ?? l.fundSource },
        { label: '预算（万元）', className: 'num', cell: (l) => wan(l.budget) },
        { label: '已支付（万元）', className: 'num', cell: (l) => wan(l.paid) },
        { label: '余额（万元）', className: 'num', cell: (l) => h('span', { class: l.overspent ? 'neg' : '' }, wan(l.available), l.overspent ? ' 超支' : '') },
      ],
    }),
  );
}
