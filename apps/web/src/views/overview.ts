import { Chart, createChart, drawGaps } from '../charts';
import { h, replace } from '../dom';
import { formatPercent, formatSigned, formatWan } from '../money';
import { pagedTable, wan } from '../table';
import type { CheckpointForecast, Overview, OverviewDepartment } from '../types';
import { card, kpi, loading, named, statusBadge, ViewContext } from '../ui';

let gapChart: Chart | null = null;

/**
 * 各部门总览 (SPEC §12, issue 11): the finance bureau's page for a token that reads several departments — every
 * department of the year ranked by gap (furthest behind first), its 执行率, 计划进度, 偏差 and status, how many of its
 * projects are 滞后 / 预警, and whether the next 用款计划 checkpoint will be met at the current pace. A row opens the
 * department's own view (`open`).
 */
export function renderOverview(ctx: ViewContext, root: HTMLElement, open: (departmentCode: string) => void): void {
  const headline = h('div', { class: 'kpis', 'data-testid': 'overview-headline' }, loading());
  const ranking = h('div', { class: 'overview-ranking' }, loading());
  const chartBox = h('div', { class: 'chart overview-gaps', 'data-testid': 'overview-gap-chart' });
  replace(
    root,
    headline,
    card('各部门执行进度排名（按偏差，最落后的在前）', { testid: 'overview', class: 'span-all' }, ranking,
      h('p', { class: 'note' }, '偏差 = 执行率 − 计划进度（个百分点）；低于 0 为预警，低于 −10 为滞后。下一检查点预测按截至日的日均支付推算。点击部门查看其执行进度。')),
    card('偏差最大的十个部门', { testid: 'overview-chart', class: 'span-all' }, chartBox),
  );
  gapChart?.dispose();
  const chart = (gapChart = createChart(chartBox));

  const load = async () => {
    try {
      const overview = await ctx.api.get<Overview>('/v1/overview', { year: ctx.year, asOf: ctx.asOf });
      if (!ctx.current()) return;
      renderHeadline(headline, overview);
      renderRanking(ranking, overview.departments, open);
      drawGaps(
        chart,
        overview.departments.filter((d) => d.gap !== null).slice(0, 10).map((d) => ({ name: d.name ?? d.departmentCode, gap: d.gap!, status: d.status, executionRate: d.executionRate, plannedRate: d.plannedRate })),
      );
    } catch (error) {
      ctx.fail(error, ranking, load);
    }
  };
  void load();
}

function renderHeadline(el: HTMLElement, overview: Overview): void {
  const departments = overview.departments;
  const count = (status: string) => departments.filter((d) => d.status === status).length;
  const missing = departments.filter((d) => d.nextCheckpoint && !d.nextCheckpoint.willMeet).length;
  replace(
    el,
    kpi('部门数', String(departments.length), '个', 'overview-departments'),
    kpi('滞后部门', String(count('ALERT')), '个', 'overview-alert', { tone: count('ALERT') ? 'bad' : 'good' }),
    kpi('预警部门', String(count('WARNING')), '个', 'overview-warning', { tone: count('WARNING') ? 'warn' : 'good' }),
    kpi('下一检查点预计完不成', String(missing), '个部门', 'overview-missing', { tone: missing ? 'bad' : 'good' }),
    kpi('序时进度', overview.timeProgress, '%', 'overview-time'),
  );
}

/** '40.00' → '40', '43.50' → '43.5': a plan's percent as people write it. */
function planPercent(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** 「按当前进度，6月末预计执行18.10%，低于计划40%」, with what must be paid on top of the pace when it falls short. */
export function forecastSentence(next: CheckpointForecast | null): HTMLElement {
  if (!next) return h('span', { class: 'muted', 'data-testid': 'forecast' }, '—');
  const head = `按当前进度，${next.month}月末预计执行${next.forecastRate}%`;
  return h(
    'span',
    { class: `forecast ${next.willMeet ? 'meet' : 'miss'}`, 'data-testid': 'forecast', 'data-will-meet': String(next.willMeet) },
    next.willMeet ? `${head}，可达计划${planPercent(next.cumulativePercent)}%` : `${head}，低于计划${planPercent(next.cumulativePercent)}%`,
    next.willMeet ? null : h('small', { title: `${next.shortfall} 元` }, `需在当前节奏外加快支付 ${formatWan(next.shortfall)} 万元`),
  );
}

/** A label shown before a figure only in the narrow (card) layout, where the table has no header row. */
const label = (text: string) => h('span', { class: 'cell-label' }, text);

function renderRanking(el: HTMLElement, departments: OverviewDepartment[], open: (departmentCode: string) => void): void {
  const rank = new Map(departments.map((d, i) => [d.departmentCode, i + 1]));
  replace(
    el,
    pagedTable<OverviewDepartment>({
      testid: 'overview-table',
      rows: departments,
      pageSize: 50,
      search: departments.length > 10 ? { placeholder: '搜索部门名称或编码', text: (d) => `${d.departmentCode} ${d.name ?? ''}` } : undefined,
      empty: '该年度没有可查看的部门数据',
      rowAttrs: (d) => ({ 'data-dept': d.departmentCode, 'data-status': d.status ?? 'NONE', class: `overview-row row-${(d.status ?? 'none').toLowerCase()}`, title: '查看该部门的执行进度' }),
      onRowClick: (d) => open(d.departmentCode),
      columns: [
        { label: '排名', className: 'num ov-rank', cell: (d) => String(rank.get(d.departmentCode)) },
        { label: '状态', className: 'ov-status', cell: (d) => statusBadge(d.status) },
        { label: '部门', className: 'ov-name', cell: (d) => named(d.name, d.departmentCode) },
        { label: '预算（万元）', className: 'num ov-budget', cell: (d) => [label('预算（万元）'), wan(d.budget)] },
        { label: '已支付（万元）', className: 'num ov-paid', cell: (d) => [label('已支付（万元）'), wan(d.paid)] },
        { label: '执行率', className: 'num ov-rate', cell: (d) => [label('执行率'), formatPercent(d.executionRate)] },
        { label: '计划进度', className: 'num ov-planned', cell: (d) => [label('计划进度'), formatPercent(d.plannedRate)] },
        { label: '偏差（百分点）', className: 'num ov-gap', cell: (d) => [label('偏差'), h('span', { class: d.gap === null ? '' : d.gap.startsWith('-') ? 'neg' : 'pos' }, formatSigned(d.gap))] },
        {
          label: '滞后 / 预警项目',
          className: 'num ov-projects',
          title: '状态为滞后、预警的项目个数',
          cell: (d) => [
            label('滞后 / 预警项目'),
            h('span', { class: d.alertProjects ? 'neg' : '', 'data-role': 'alert-projects' }, String(d.alertProjects)),
            ' / ',
            h('span', { 'data-role': 'warning-projects' }, String(d.warningProjects)),
          ],
        },
        { label: '下一检查点（按当前进度）', className: 'ov-forecast', cell: (d) => forecastSentence(d.nextCheckpoint) },
      ],
    }),
  );
}
