import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './dom';
import { formatSigned, formatWan, formatYuan, subtractDecimals, wanForChart } from './money';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type Chart = echarts.ECharts;

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const COLORS = { execution: '#1f6feb', plan: '#d97706', time: '#8b949e', paid: '#9ec5fe' };

export interface PaceSeries {
  /** Cumulative execution rate at each month end, as the API wrote it (null after asOf or without budget). */
  execution: (string | null)[];
  /** Planned rate at each month end (the plan curve). */
  plan: (string | null)[];
  /** 序时进度 at each month end, as the API computed it (`monthEndTimeProgress`). */
  time: string[];
  /** 元 paid in each month (null after asOf). */
  paidInMonth: (string | null)[];
  /** The checkpoints of the 用款计划 in force (the API's `planCheckpoints`: 6/9/11, linear, a department's own …). */
  checkpoints: PlanCheckpoint[];
}

export interface PlanCheckpoint {
  month: number;
  cumulativePercent: string;
}

/** 「6月末 50%、9月末 75%、12月末 100%」: the checkpoints as the page names them. */
export function checkpointText(checkpoints: PlanCheckpoint[]): string {
  return checkpoints.map((c) => `${c.month}月末 ${trimPercent(c.cumulativePercent)}%`).join('、');
}

/** '50.00' → '50', '12.50' → '12.5': a plan's percent as people write it. */
function trimPercent(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Below this width (a phone) the charts draw with tighter margins, smaller labels and fewer of them. */
const NARROW = 520;
const isNarrow = (el: HTMLElement) => el.clientWidth < NARROW;
/** How to draw each chart again when it crosses the narrow width. */
const redraws = new WeakMap<Chart, () => void>();

/** Creates a chart in `el` that follows the element's size (and redraws in the other layout across NARROW). */
export function createChart(el: HTMLElement): Chart {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  let narrow = isNarrow(el);
  new ResizeObserver(() => {
    if (chart.isDisposed()) return;
    chart.resize();
    if (isNarrow(el) !== narrow) {
      narrow = isNarrow(el);
      redraws.get(chart)?.();
    }
  }).observe(el);
  return chart;
}

const rate = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

/**
 * Cumulative execution against the plan curve and 序时进度, the checkpoints of the plan in force marked (a diamond
 * and the planned percent on the curve, a dotted line at the month), monthly payments as bars. The chart element
 * carries the checkpoint months in `data-checkpoints` (for tests); narrow screens get tighter margins.
 */
export function drawPace(chart: Chart, s: PaceSeries): void {
  const months = new Set(s.checkpoints.map((c) => c.month));
  const isCheckpoint = (i: number) => months.has(i + 1);
  const narrow = isNarrow(chart.getDom());
  redraws.set(chart, () => drawPace(chart, s));
  chart.getDom().dataset.checkpoints = s.checkpoints.map((c) => c.month).join(',');
  chart.setOption(
    {
      animation: false,
      color: [COLORS.execution, COLORS.plan, COLORS.time, COLORS.paid],
      textStyle: { fontFamily: 'inherit' },
      grid: narrow ? { left: 40, right: 44, top: 64, bottom: 28 } : { left: 52, right: 64, top: 56, bottom: 32 },
      legend: { top: 4, itemGap: narrow ? 6 : 10, itemWidth: narrow ? 16 : 25, data: ['累计执行率', '计划进度', '序时进度', '当月支付'] },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params: unknown) => {
          const list = params as { dataIndex: number }[];
          const m = list[0]?.dataIndex ?? 0;
          const pct = (v: string | null) => (v === null ? '—' : `${v}%`);
          const checkpoint = s.checkpoints.find((c) => c.month === m + 1);
          return h(
            'div',
            { class: 'chart-tip' },
            h('strong', null, MONTHS[m] + '末'),
            checkpoint ? h('div', { class: 'tip-checkpoint' }, `◆ 用款计划考核节点：累计 ${trimPercent(checkpoint.cumulativePercent)}%`) : null,
            h('div', null, `累计执行率 ${pct(s.execution[m])}`),
            h('div', null, `计划进度 ${pct(s.plan[m])}`),
            h('div', null, `序时进度 ${pct(s.time[m])}`),
            h('div', null, s.paidInMonth[m] === null ? '当月支付 —' : `当月支付 ${formatWan(s.paidInMonth[m])} 万元（${formatYuan(s.paidInMonth[m])} 元）`),
          );
        },
      },
      xAxis: { type: 'category', data: MONTHS, boundaryGap: true },
      yAxis: [
        { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%', fontSize: narrow ? 10 : 12 } },
        { type: 'value', position: 'right', splitLine: { show: false }, axisLabel: { formatter: '{value}万', color: '#8b949e', fontSize: narrow ? 10 : 12 } },
      ],
      series: [
        {
          name: '累计执行率',
          type: 'line',
          data: s.execution.map(rate),
          symbolSize: 7,
          lineStyle: { width: 3 },
          areaStyle: { opacity: 0.08 },
          z: 3,
        },
        {
          name: '计划进度',
          type: 'line',
          // The checkpoints carry a diamond and their planned percent; the last one's label sits to the left of it.
          data: s.plan.map((v, i) =>
            isCheckpoint(i) && v !== null
              ? { value: rate(v), symbol: 'diamond', symbolSize: 11, label: { show: !narrow || i === 11 || !isCheckpoint(i + 1), position: i === 11 ? 'left' : 'top', formatter: `${v}%` } }
              : { value: rate(v), symbol: 'none' },
          ),
          lineStyle: { type: 'dashed', width: 2 },
          label: { show: false, color: COLORS.plan, fontWeight: 'bold' },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#d9770666', type: 'dotted' },
            label: { show: !narrow, formatter: (p: { value: unknown }) => `${p.value}末`, color: '#9a5b05', fontSize: 11 },
            data: s.checkpoints.map((c) => ({ xAxis: MONTHS[c.month - 1] })),
          },
        },
        { name: '序时进度', type: 'line', data: s.time.map(rate), symbol: 'none', lineStyle: { type: 'dotted', width: 2 } },
        {
          name: '当月支付',
          type: 'bar',
          yAxisIndex: 1,
          data: s.paidInMonth.map((v) => (v === null ? null : wanForChart(v))),
          barMaxWidth: 22,
          itemStyle: { opacity: 0.55 },
          z: 1,
        },
      ],
    },
    true,
  );
}

const STATUS_COLORS: Record<string, string> = { ON_TRACK: '#1a7f37', WARNING: '#d4a72c', ALERT: '#cf222e', OVERSPENT: '#8250df' };

export interface GapBar {
  name: string;
  gap: string;
  status: string | null;
  executionRate: string | null;
  plannedRate: string | null;
}

/** The groups furthest behind plan as horizontal bars of their gap (percentage points), coloured by status. */
export function drawGaps(chart: Chart, bars: GapBar[]): void {
  const shown = [...bars].reverse(); // ECharts draws the first category at the bottom
  const narrow = isNarrow(chart.getDom());
  const longest = narrow ? 7 : 12;
  redraws.set(chart, () => drawGaps(chart, bars));
  chart.setOption(
    {
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const b = shown[(params as { dataIndex: number }).dataIndex];
          return h('div', { class: 'chart-tip' }, h('strong', null, b.name), h('div', null, `执行率 ${b.executionRate ?? '—'}% · 计划 ${b.plannedRate ?? '—'}%`), h('div', null, `差距 ${b.gap} 个百分点`));
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}' }, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: {
        type: 'category',
        data: shown.map((b) => (b.name.length > longest ? `${b.name.slice(0, longest)}…` : b.name)),
        axisTick: { show: false },
        axisLine: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          data: shown.map((b) => ({ value: Number(b.gap), itemStyle: { color: STATUS_COLORS[b.status ?? ''] ?? '#8b949e', borderRadius: 3 } })),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => shown[p.dataIndex].gap, color: '#57606a', fontSize: 11 },
        },
      ],
    },
    true,
  );
}

/** One year's cumulative execution rate at each month end (null after its date or without budget). */
export interface YearCurve {
  year: number;
  /** The date the curve runs to (the same month-day in both years). */
  asOf: string;
  execution: (string | null)[];
}

const YEAR_COLORS = { current: COLORS.execution, prior: '#1b998b' };

/**
 * 上年同期对比: the cumulative execution rate of the selected year and of the previous one, month by month to the same
 * day of the year, on one chart (two series). The chart element lists the years in `data-series` (for tests).
 */
export function drawYearCompare(chart: Chart, current: YearCurve, prior: YearCurve): void {
  const narrow = isNarrow(chart.getDom());
  redraws.set(chart, () => drawYearCompare(chart, current, prior));
  const name = (c: YearCurve) => `${c.year}年累计执行率`;
  chart.getDom().dataset.series = `${prior.year},${current.year}`;
  chart.setOption(
    {
      animation: false,
      color: [YEAR_COLORS.prior, YEAR_COLORS.current],
      textStyle: { fontFamily: 'inherit' },
      grid: narrow ? { left: 40, right: 16, top: 40, bottom: 28 } : { left: 52, right: 24, top: 40, bottom: 32 },
      legend: { top: 4, itemGap: narrow ? 8 : 16, data: [name(prior), name(current)] },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params: unknown) => {
          const m = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const pct = (v: string | null) => (v === null ? '—' : `${v}%`);
          const a = current.execution[m];
          const b = prior.execution[m];
          const gap = subtractDecimals(a, b);
          return h(
            'div',
            { class: 'chart-tip' },
            h('strong', null, MONTHS[m] + '末'),
            h('div', { 'data-year': String(prior.year) }, `${prior.year}年 ${pct(b)}`),
            h('div', { 'data-year': String(current.year) }, `${current.year}年 ${pct(a)}`),
            gap === null ? null : h('div', null, `同比 ${formatSigned(gap)} 个百分点`),
          );
        },
      },
      xAxis: { type: 'category', data: MONTHS, boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%', fontSize: narrow ? 10 : 12 } },
      series: [
        { name: name(prior), type: 'line', data: prior.execution.map(rate), symbolSize: 6, lineStyle: { width: 2, type: 'dashed' } },
        { name: name(current), type: 'line', data: current.execution.map(rate), symbolSize: 7, lineStyle: { width: 3 }, areaStyle: { opacity: 0.08 } },
      ],
    },
    true,
  );
}
