import { deptPath } from '../api';
import { h, replace } from '../dom';
import { COMPARATORS } from '../labels';
import { formatPercent, sumDecimals } from '../money';
import { pagedTable, wan } from '../table';
import type { Deviation, Indicator, IndicatorProject, Monitoring, MonitoringProject } from '../types';
import { card, downloadButton, kpi, loading, named, statusBadge, ViewContext } from '../ui';

interface ProjectRow {
  project: IndicatorProject;
  monitoring: MonitoringProject | undefined;
  deviations: Deviation[];
}

/** 绩效指标: per project the targets, actuals, completion and scores, and the deviations that need a 偏差原因. */
export function renderIndicators(ctx: ViewContext, root: HTMLElement): void {
  const top = h('div', { class: 'kpis', 'data-testid': 'indicator-kpis' }, loading());
  const projects = h('div', null, loading());
  const detail = h('div', { 'data-testid': 'indicator-detail' }, h('p', { class: 'muted' }, '点击上表中的项目，查看其各项绩效指标。'));
  const deviations = h('div', null, loading());
  const monitoringFile = `${ctx.deptName}${ctx.year}年度项目支出绩效目标执行监控表（截至${ctx.asOf}）.xlsx`;
  replace(
    root,
    h('div', { class: 'toolbar' },
      downloadButton('下载绩效监控表（xlsx）', () => ctx.api.download(deptPath(ctx.dept, ctx.year, 'monitoring'), { format: 'xlsx', asOf: ctx.asOf }, monitoringFile), 'download-monitoring', ctx.fail)),
    top,
    card('项目绩效', { testid: 'indicator-projects' }, projects),
    card('指标明细', {}, detail),
    card('需说明偏差原因和改进措施的事项', { testid: 'deviations', class: 'span-all' }, deviations),
  );

  const load = async () => {
    try {
      const [indicators, monitoring] = await Promise.all([
        ctx.api.get<{ projects: IndicatorProject[] }>(deptPath(ctx.dept, ctx.year, 'indicators'), { asOf: ctx.asOf }),
        ctx.api.get<Monitoring>(deptPath(ctx.dept, ctx.year, 'monitoring'), { asOf: ctx.asOf }),
      ]);
      if (!ctx.current()) return;
      const rows: ProjectRow[] = indicators.projects.map((project) => ({
        project,
        monitoring: monitoring.projects.find((m) => m.projectCode === project.projectCode),
        deviations: monitoring.deviations.filter((d) => d.projectCode === project.projectCode),
      }));
      const all = indicators.projects.flatMap((p) => p.indicators);
      const measured = all.filter((i) => i.completionRate !== null);
      replace(
        top,
        kpi('项目', String(indicators.projects.filter((p) => p.projectCode !== '*').length), '个', 'kpi-projects'),
        kpi('绩效指标', String(all.length), '项', 'kpi-indicators'),
        kpi('已取得完成值', String(measured.length), '项', 'kpi-measured'),
        kpi('未达目标', String(all.filter((i) => i.deviation).length), '项', 'kpi-deviating', { tone: all.some((i) => i.deviation) ? 'warn' : 'good' }),
        kpi('待说明偏差', String(monitoring.deviations.filter((d) => !d.reason).length), '项', 'kpi-deviations', { tone: monitoring.deviations.some((d) => !d.reason) ? 'bad' : 'good' }),
        kpi('部门预计年末执行率', monitoring.department.forecast?.executionRate ?? '—', monitoring.department.forecast?.executionRate ? '%' : '', 'kpi-forecast', { title: monitoring.forecastMethod }),
      );
      const show = (row: ProjectRow) => renderProjectDetail(detail, row);
      replace(
        projects,
        pagedTable<ProjectRow>({
          testid: 'indicator-projects-table',
          cards: true,
          rows: rows.sort((a, b) => b.deviations.length - a.deviations.length || a.project.projectCode.localeCompare(b.project.projectCode)),
          pageSize: 12,
          search: { placeholder: '搜索项目名称或编码', text: (r) => `${r.project.projectCode} ${r.project.projectName ?? ''}` },
          rowAttrs: (r) => ({ 'data-project': r.project.projectCode }),
          onRowClick: (r) => {
            show(r);
            detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
          },
          columns: [
            { label: '项目', className: 'card-wide', cell: (r) => (r.project.projectCode === '*' ? '部门整体' : named(r.project.projectName, r.project.projectCode)) },
            { label: '预算（万元）', className: 'num', cell: (r) => wan(r.project.budget) },
            { label: '执行率', className: 'num', cell: (r) => formatPercent(r.project.executionRate) },
            { label: '进度状态', cell: (r) => (r.monitoring ? statusBadge(r.monitoring.status) : '') },
            { label: '执行得分（满分10）', className: 'num', cell: (r) => r.project.executionScore ?? '—' },
            { label: '指标得分', className: 'num', cell: (r) => indicatorScore(r.project.indicators) },
            { label: '未达目标', className: 'num', cell: (r) => String(r.project.indicators.filter((i) => i.deviation).length) },
            { label: '预计年末执行率', className: 'num', cell: (r) => formatPercent(r.monitoring?.forecast?.executionRate) },
          ],
        }),
      );
      if (rows[0]) show(rows[0]);
      replace(deviations, deviationsTable(monitoring.deviations, indicators.projects));
    } catch (error) {
      ctx.fail(error, top, load);
    }
  };
  void load();
}

/** Scores of the measured indicators over their weights: "41.61 / 70.00". */
function indicatorScore(list: Indicator[]): string {
  const scored = list.filter((i) => i.score !== null);
  if (!scored.length) return '—';
  return `${sumDecimals(scored.map((i) => i.score))} / ${sumDecimals(scored.map((i) => i.weight))}`;
}

/** A yes/no indicator's value in Chinese (the API writes "true" / "false"). */
const yesNo = (value: string) => (value === 'true' ? '是' : value === 'false' ? '否' : value);

function target(i: Indicator): string {
  if (i.comparator === 'BOOL') return yesNo(i.target);
  return `${COMPARATORS[i.comparator] ?? ''}${i.target}${i.unit ?? ''}`;
}

function actual(i: Indicator): string {
  if (i.actual === null) return '';
  if (i.comparator === 'BOOL') return yesNo(i.actual);
  return `${i.actual}${i.comparator === 'QUALITATIVE' ? '' : i.unit ?? ''}`;
}

function renderProjectDetail(el: HTMLElement, row: ProjectRow): void {
  const p = row.project;
  replace(
    el,
    h('h3', null, p.projectCode === '*' ? '部门整体绩效指标' : `${p.projectName ?? p.projectCode}`, ' ', h('small', { class: 'code' }, p.projectCode)),
    pagedTable<Indicator>({
      testid: 'indicators-table',
      rows: p.indicators,
      pageSize: 30,
      empty: '该项目未设定绩效指标',
      rowAttrs: (i) => ({ 'data-indicator': i.indicatorId, class: i.deviation ? 'row-warning' : '' }),
      columns: [
        { label: '一级指标', cell: (i) => i.level1 },
        { label: '二级指标', cell: (i) => i.level2 },
        { label: '三级指标', cell: (i) => i.name },
        { label: '指标值', cell: (i) => target(i) },
        { label: '实际完成值', cell: (i) => (i.actual === null ? h('span', { class: 'muted' }, '未填报') : actual(i)) },
        { label: '完成率', className: 'num', cell: (i) => formatPercent(i.completionRate) },
        { label: '分值', className: 'num', cell: (i) => i.weight },
        { label: '得分', className: 'num', cell: (i) => i.score ?? '—' },
        { label: '偏差', cell: (i) => (i.deviation ? h('span', { class: 'badge status-warning' }, '需说明') : '') },
      ],
    }),
  );
}

function deviationsTable(list: Deviation[], projects: IndicatorProject[]): HTMLElement {
  const name = (code: string) => (code === '*' ? '部门整体' : projects.find((p) => p.projectCode === code)?.projectName ?? code);
  return pagedTable<Deviation>({
    testid: 'deviations-table',
    rows: list,
    pageSize: 15,
    empty: '没有需要说明的偏差',
    search: { placeholder: '搜索项目或事项', text: (d) => `${d.projectCode} ${name(d.projectCode)} ${d.item}` },
    columns: [
      { label: '项目', cell: (d) => name(d.projectCode) },
      { label: '类别', cell: (d) => (d.kind === 'EXECUTION' ? '预算执行' : '绩效指标') },
      { label: '事项', cell: (d) => d.item },
      { label: '目标 / 计划', cell: (d) => d.expected },
      { label: '实际', cell: (d) => d.actual },
      { label: '偏差原因', cell: (d) => d.reason ?? h('span', { class: 'todo' }, '待填写') },
      { label: '改进措施', cell: (d) => d.measures ?? h('span', { class: 'todo' }, '待填写') },
    ],
  });
}
