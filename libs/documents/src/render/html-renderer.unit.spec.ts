import type { DocumentTree } from '../model/document-model';
import { renderHtml } from './html-renderer';
import { sampleTree } from './sample-tree';

/** The html page: charts inline as SVG, placeholders marked, tables with thead rows, landscape pages, 目录 links. */

describe('renderHtml', () => {
  const html = renderHtml(sampleTree());

  it('inlines each chart as SVG with its figures', () => {
    expect((html.match(/<figure class="chart"[^>]*><svg /g) ?? []).length).toBe(2);
    expect(html).toContain('2,635.56万元，99.15%');
  });

  it('marks every placeholder, in text and in table cells', () => {
    expect(html).toContain('<mark class="placeholder">【待补充：部门职责（NarrativeDeclared DUTIES）】</mark>');
    expect(html).toContain('<mark class="placeholder">【待补充：授予小微企业合同金额】</mark>');
    expect(html).toMatch(/mark\.placeholder \{ background: #fff200; color: #c00000;/);
  });

  it('prints 公开01表 with its two header rows in thead, amounts right-aligned, blank zero cells empty', () => {
    const summary = html.slice(html.indexOf('id="table-summary"'), html.indexOf('</section>', html.indexOf('id="table-summary"')));
    const thead = summary.slice(summary.indexOf('<thead>'), summary.indexOf('</thead>'));
    expect(thead.match(/<tr>/g)).toHaveLength(2);
    expect(thead).toContain('<th colspan="2">收入</th>');
    expect(summary).toContain('<td class="left bold text">本年收入合计</td><td class="right nowrap amount">2,658.28</td>');
    expect(summary).toContain('<td class="left text">二、政府性基金预算财政拨款收入</td><td class="right nowrap amount"></td>');
    expect(summary).toContain('<p class="table-number">公开01表</p><div class="table-meta"><span>部门：泉港区人民政府办公室</span><span>单位：万元</span></div>');
  });

  it('puts the landscape table and the heading before it on a landscape print page', () => {
    expect(html).toContain('@page wide { size: A4 landscape;');
    expect(html).toMatch(/<div class="wide"><h2 id="table-income">二、收入决算表<\/h2><section class="table landscape/);
    expect(html).toContain('<td class="left nowrap code" colspan="3">2010301</td>');
  });

  it('links the 目录 entries to the headings', () => {
    expect(html).toContain('<li class="level-1"><a href="#part-1">第一部分 部门概况</a></li>');
    expect(html).toContain('<li class="level-2"><a href="#table-income">二、收入决算表</a></li>');
    expect(html).toContain('<h1 id="part-1" class="center break-before" style="break-before:page">第一部分 部门概况</h1>');
  });

  it('escapes text', () => {
    const tree: DocumentTree = { title: 'a<b', blocks: [{ kind: 'paragraph', content: ['x < y & "z"', { placeholder: '<script>' }] }] };
    const page = renderHtml(tree);
    expect(page).toContain('<title>a&lt;b</title>');
    expect(page).toContain('<p>x &lt; y &amp; &quot;z&quot;<mark class="placeholder">【待补充：&lt;script&gt;】</mark></p>');
    expect(page).not.toContain('<script>');
  });
});
