import type { ChartBlock } from '../model/document-model';
import { chartPng, chartSvg } from './charts';
import { wanFen } from './sample-tree';

/**
 * Charts print the figures of the tables: the labels read back from the SVG are the exact 万元 strings and the
 * shares worked out by hand (2,635.56 / 2,658.28 = 99.145…% → 99.15%; 22.72 / 2,658.28 = 0.854…% → 0.85%).
 */

/** The text labels of an SVG, entities decoded. */
const labels = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));

const pie: ChartBlock = {
  key: 'income-structure',
  title: '收入决算结构图',
  type: 'pie',
  series: [
    {
      name: '2023年',
      data: [
        { label: '一般公共预算财政拨款收入', fen: wanFen('2,635.56') },
        { label: '政府性基金预算财政拨款收入', fen: 0n },
        { label: '其他收入', fen: wanFen('22.72') },
      ],
    },
  ],
};

describe('chartSvg', () => {
  it('labels each pie slice with its 万元 figure and its share, and leaves out zero slices', () => {
    const svg = chartSvg(pie);
    expect(svg.startsWith('<svg')).toBe(true);
    const texts = labels(svg);
    expect(texts).toEqual(expect.arrayContaining(['收入决算结构图', '一般公共预算财政拨款收入', '2,635.56万元，99.15%', '其他收入', '22.72万元，0.85%']));
    expect(texts.join('|')).not.toContain('政府性基金');
  });

  it('draws one bar series per year with exact value labels, the years in the legend', () => {
    const bar: ChartBlock = {
      key: 'change',
      title: '收入支出决算变动图',
      type: 'bar',
      series: [
        { name: '2022年', data: [{ label: '本年收入合计', fen: wanFen('2,500.12') }, { label: '本年支出合计', fen: wanFen('2,490.00') }] },
        { name: '2023年', data: [{ label: '本年收入合计', fen: wanFen('2,658.28') }, { label: '本年支出合计', fen: wanFen('2,658.28') }] },
      ],
    };
    const texts = labels(chartSvg(bar));
    expect(texts).toEqual(expect.arrayContaining(['收入支出决算变动图', '2022年', '2023年', '本年收入合计', '本年支出合计', '2,500.12', '2,490.00', '万元']));
    expect(texts.filter((t) => t === '2,658.28')).toHaveLength(2);
  });

  it('gives two charts on one page hover classes of their own', () => {
    const a = chartSvg(pie);
    const b = chartSvg({ ...pie, key: 'other' });
    expect(a).toContain('chart-income-structure-');
    expect(b).toContain('chart-other-');
    expect(a).not.toMatch(/zr\d+-cls-/);
  });

  it('renders the same chart to the same bytes every time (a document reproduced later is identical)', () => {
    expect(chartSvg(pie)).toBe(chartSvg(pie));
  });

  it('rejects a pie with a negative slice and bars whose series list different items', () => {
    expect(() => chartSvg({ ...pie, series: [{ name: 'x', data: [{ label: '退款', fen: -100n }] }] })).toThrow('图「收入决算结构图」：饼图不能含负数（退款）');
    expect(() =>
      chartSvg({
        key: 'b',
        title: '变动图',
        type: 'bar',
        series: [
          { name: '2022年', data: [{ label: '甲', fen: 1n }] },
          { name: '2023年', data: [{ label: '乙', fen: 1n }] },
        ],
      }),
    ).toThrow('图「变动图」：各数据系列的项目须一致');
  });
});

describe('chartPng', () => {
  it('rasterises the chart at twice its CSS size', () => {
    const png = chartPng(pie);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16–23; the pie is 640 × 400 CSS pixels.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
  });
});
