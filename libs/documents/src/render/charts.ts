import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartBlock } from '../model/document-model';
import { amountDecimal, percentShares, withThousands } from './common';

/**
 * Charts of a document (结构图 pie, 变动图 grouped bars) drawn by ECharts' server-side SVG renderer from the same 分
 * figures as the tables beside them. Every label prints the exact 万元 string (formatWan, thousands separators) and
 * shares are exact percentages (`percent`, half-up), never a float formatted for display: the slice angles and bar
 * heights are the only floats. html inlines the SVG; docx embeds `chartPng` (the SVG rasterised by resvg).
 */

const FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','SimHei',sans-serif";
const PALETTE = ['#4472c4', '#ed7d31', '#a5a5a5', '#ffc000', '#5b9bd5', '#70ad47', '#264478', '#9e480e', '#636363', '#997300'];

const wan = (fen: bigint) => withThousands(amountDecimal(fen, 'wan'));

function validate(chart: ChartBlock): void {
  const name = `图「${chart.title}」`;
  if (chart.series.length === 0) throw new Error(`${name}没有数据系列`);
  if (chart.type === 'pie') {
    if (chart.series.length !== 1) throw new Error(`${name}：饼图只能有一个数据系列`);
    const negative = chart.series[0].data.find((s) => s.fen < 0n);
    if (negative) throw new Error(`${name}：饼图不能含负数（${negative.label}）`);
  } else {
    const labels = chart.series[0].data.map((s) => s.label).join('\u0000');
    if (chart.series.some((s) => s.data.map((d) => d.label).join('\u0000') !== labels)) throw new Error(`${name}：各数据系列的项目须一致`);
  }
}

function pieOption(chart: ChartBlock): echarts.EChartsOption {
  const slices = chart.series[0].data;
  const shares = percentShares(slices.map((s) => s.fen));
  const shown = slices.flatMap((s, i) => (s.fen === 0n ? [] : [{ ...s, share: shares[i] }]));
  const labels = shown.map((s) => `${s.label}\n${wan(s.fen)}万元，${s.share}%`);
  return {
    series: [
      {
        type: 'pie',
        silent: true,
        name: chart.series[0].name,
        radius: ['0%', '58%'],
        center: ['50%', '56%'],
        startAngle: 90,
        avoidLabelOverlap: true,
        minShowLabelAngle: 0,
        label: { formatter: (p: { dataIndex: number }) => labels[p.dataIndex], fontSize: 12, lineHeight: 16, color: '#222' },
        labelLine: { length: 14, length2: 12 },
        labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
        data: shown.map((s) => ({ name: s.label, value: Number(amountDecimal(s.fen, 'wan')) })),
      },
    ],
    ...(shown.length === 0 ? { graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: '（无数据）', fontSize: 14, fill: '#666' } }] } : {}),
  };
}

function barOption(chart: ChartBlock): echarts.EChartsOption {
  const categories = chart.series[0].data.map((d) => d.label);
  const labels = chart.series.map((s) => s.data.map((d) => wan(d.fen)));
  // A value label sits above its bar; when the bars are narrower than the labels, the labels stand upright.
  const perBar = ((chartSize(chart).width - 90) / Math.max(categories.length, 1)) * 0.75 / chart.series.length;
  const longestLabel = Math.max(...labels.flat().map((l) => l.length));
  const many = perBar < longestLabel * 6.2 + 6;
  return {
    legend: { top: 34, selectedMode: false, data: chart.series.map((s) => s.name), textStyle: { fontSize: 12 } },
    grid: { left: 12, right: 12, top: 72, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, fontSize: 11, width: Math.max(48, Math.floor(((chart.width ?? 720) - 80) / Math.max(categories.length, 1)) - 6), overflow: 'break', color: '#222' },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      name: '万元',
      nameTextStyle: { color: '#222' },
      axisLabel: { formatter: (value: number) => withThousands(String(value)), color: '#222' },
      splitLine: { lineStyle: { color: '#ddd' } },
    },
    series: chart.series.map((s, si) => ({
      type: 'bar',
      silent: true,
      name: s.name,
      barMaxWidth: 44,
      barGap: '12%',
      label: { show: true, position: 'top', fontSize: 10, rotate: many ? 90 : 0, align: many ? 'left' : 'center', verticalAlign: many ? 'middle' : 'bottom', distance: 5, color: '#222', formatter: (p: { dataIndex: number }) => labels[si][p.dataIndex] },
      data: s.data.map((d) => Number(amountDecimal(d.fen, 'wan'))),
    })),
  };
}

/** The chart as a standalone SVG document (title included), for html and for rasterising. */
export function chartSvg(chart: ChartBlock): string {
  validate(chart);
  const { width, height } = chartSize(chart);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: PALETTE,
      textStyle: { fontFamily: FONT_FAMILY },
      title: { text: chart.title, left: 'center', top: 6, textStyle: { fontSize: 16, fontWeight: 'bold', color: '#000', fontFamily: FONT_FAMILY } },
      ...(chart.type === 'pie' ? pieOption(chart) : barOption(chart)),
    });
    // ECharts names its hover classes zrI-cls-N, N counting up across every chart the process renders: give them the
    // chart's key, so that two charts inlined in one html page do not share them, and number them from 0 in order of
    // appearance, so that the same chart renders to the same bytes every time (a report reproduced with knownAt).
    const prefix = `chart-${chart.key.replace(/[^A-Za-z0-9_-]/g, '_')}-`;
    const numbers = new Map<string, number>();
    return instance.renderToSVGString().replace(/zr\d+-cls-\d+/g, (name) => {
      if (!numbers.has(name)) numbers.set(name, numbers.size);
      return `${prefix}${numbers.get(name)}`;
    });
  } finally {
    instance.dispose();
  }
}

/** Debian's fonts-noto-cjk (installed with the browser for the dashboard tests); other system fonts otherwise. */
const NOTO_DIR = '/usr/share/fonts/opentype/noto';

/** The chart as a PNG at `scale` × its CSS size (2 by default: sharp in print at the size docx shows it). */
export function chartPng(chart: ChartBlock, scale = 2): Buffer {
  const svg = chartSvg(chart);
  const noto = existsSync(NOTO_DIR);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: !noto, fontDirs: noto ? [NOTO_DIR] : [], defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' },
  });
  return resvg.render().asPng();
}

/** Width and height in CSS pixels that `chartSvg` draws. */
export function chartSize(chart: ChartBlock): { width: number; height: number } {
  return { width: chart.width ?? (chart.type === 'pie' ? 640 : 720), height: chart.height ?? 400 };
}
