import type { Block, DocumentTree, Inline, TableBlock } from '../model/document-model';
import { placeholderText } from '../model/document-model';
import { chartSvg } from './charts';
import { cellDisplay, escapeHtml as esc, fitsOnPage, noteLines, planColumns, tableFontPt, tableGrid, tocEntries } from './common';

/**
 * The html writer of the document model: one self-contained page (styles inline, charts as inline SVG) that prints
 * on A4 — landscape tables on landscape pages (CSS named pages), header rows repeated (thead) — and shows every
 * 【待补充：…】 as a red-on-yellow mark. Knows nothing about finance.
 */

const STYLE = `
@page { size: A4 portrait; margin: 2cm 2cm; }
@page wide { size: A4 landscape; margin: 1.8cm 1.5cm; }
body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; color: #000; font-size: 12pt; line-height: 1.75;
  max-width: 1000px; margin: 2em auto; padding: 0 1em; }
h1, h2, h3, .cover, .toc-title, .table-title { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; color: #000; }
h1 { font-size: 16pt; margin: 1.6em 0 1em; }
h2 { font-size: 14pt; margin: 1.2em 0 0.6em; }
h3 { font-size: 12pt; margin: 1em 0 0.4em; }
.center { text-align: center; } .right { text-align: right; }
p { margin: 0.3em 0; text-align: justify; }
p.indent { text-indent: 2em; }
.size-small { font-size: 10.5pt; } .size-large { font-size: 16pt; } .size-title { font-size: 22pt; font-weight: bold; }
.cover { min-height: 90vh; display: flex; flex-direction: column; justify-content: center; align-items: center; break-after: page; }
.cover .line { font-size: 22pt; font-weight: bold; margin: 0.4em 0; }
.cover .line.last { font-size: 26pt; }
.cover .banner { font-family: "SimSun", "Noto Serif CJK SC", serif; font-size: 14pt; margin-top: 2em; }
nav.toc { break-after: page; }
.toc-title { text-align: center; font-size: 16pt; margin: 0.5em 0 1em; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li.level-1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; margin-top: 0.4em; }
nav.toc li.level-2 { padding-left: 2em; }
nav.toc a { color: #000; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
mark.placeholder { background: #fff200; color: #c00000; font-weight: bold; padding: 0 0.15em; }
section.table { margin: 1em 0 1.5em; }
div.wide { page: wide; break-before: page; }
section.table.keep { break-inside: avoid; }
.table-title { text-align: center; font-size: 16pt; font-weight: bold; margin: 0.4em 0 0.2em; }
.table-number { text-align: right; margin: 0; }
.table-meta { display: flex; justify-content: space-between; margin: 0 0 0.2em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; line-height: 1.35; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; overflow-wrap: anywhere; }
th { font-weight: bold; text-align: center; }
td.left { text-align: left; } td.center { text-align: center; } td.right { text-align: right; }
td.nowrap { white-space: nowrap; overflow-wrap: normal; }
td.bold { font-weight: bold; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.notes { margin-top: 0.3em; }
.notes p { margin: 0; text-align: left; }
.notes p + p { padding-left: 2em; }
figure.chart { margin: 1em auto; text-align: center; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
.page-break { break-after: page; }
@media print { body { max-width: none; margin: 0; padding: 0; } .cover { min-height: 24cm; } }
`;

function inline(content: Inline[]): string {
  return content
    .map((item) => {
      if (typeof item === 'string') return esc(item);
      if ('placeholder' in item) return `<mark class="placeholder">${esc(placeholderText(item.placeholder))}</mark>`;
      return item.bold ? `<strong>${esc(item.text)}</strong>` : esc(item.text);
    })
    .join('');
}

const idAttr = (id: string | undefined) => (id ? ` id="${esc(id)}"` : '');

function table(block: TableBlock): string {
  const grid = tableGrid(block);
  const fontPt = tableFontPt(block);
  const widths = planColumns(block, grid, block.orientation === 'landscape' ? 96 : 68);
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const spans = (colSpan: number, rowSpan: number) => `${colSpan > 1 ? ` colspan="${colSpan}"` : ''}${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}`;
  const head = grid.header.map((row) => `<tr>${row.map((p) => `<th${spans(p.colSpan, p.rowSpan)}>${esc(p.item.text)}</th>`).join('')}</tr>`).join('\n');
  const body = grid.body
    .map(
      (row) =>
        `<tr>${row
          .map((p) => {
            const shown = cellDisplay(p.item);
            const classes = [shown.align, shown.noWrap ? 'nowrap' : '', shown.bold ? 'bold' : '', p.item.kind].filter(Boolean).join(' ');
            const style = shown.indent ? ` style="padding-left:${shown.indent + 0.3}em"` : '';
            const content = shown.placeholder ? `<mark class="placeholder">${esc(shown.text)}</mark>` : esc(shown.text);
            return `<td class="${classes}"${spans(p.colSpan, p.rowSpan)}${style}>${content}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const meta =
    block.department || block.unitLabel ? `<div class="table-meta"><span>${esc(block.department ?? '')}</span><span>${esc(block.unitLabel ?? '')}</span></div>` : '';
  const notes = block.notes.length ? `<div class="notes">${noteLines(block.notes).map((n) => `<p>${esc(n)}</p>`).join('')}</div>` : '';
  const keep = fitsOnPage(grid, widths, fontPt, block.orientation) ? ' keep' : '';
  return `<section class="table ${block.orientation}${keep}" id="table-${esc(block.key)}" style="font-size:${fontPt}pt">
<div class="table-title">${esc(block.title)}</div>
${block.number ? `<p class="table-number">${esc(block.number)}</p>` : ''}${meta}
<table><colgroup>${cols}</colgroup>
<thead>
${head}
</thead>
<tbody>
${body}
</tbody></table>
${notes}</section>`;
}

function blockHtml(block: Block, tree: DocumentTree): string {
  switch (block.kind) {
    case 'heading': {
      const classes = [block.align === 'center' ? 'center' : '', block.pageBreakBefore ? 'break-before' : ''].filter(Boolean).join(' ');
      const style = block.pageBreakBefore ? ' style="break-before:page"' : '';
      return `<h${block.level}${idAttr(block.id)}${classes ? ` class="${classes}"` : ''}${style}>${esc(block.text)}</h${block.level}>`;
    }
    case 'paragraph': {
      const classes = [block.indent ? 'indent' : '', block.align ?? '', block.size && block.size !== 'normal' ? `size-${block.size}` : ''].filter(Boolean).join(' ');
      return `<p${classes ? ` class="${classes}"` : ''}>${inline(block.content)}</p>`;
    }
    case 'toc':
      return `<nav class="toc"><div class="toc-title">${esc(block.title)}</div><ol>${tocEntries(tree)
        .map((e) => `<li class="level-${e.level}"><a href="#${esc(e.id)}">${esc(e.text)}</a></li>`)
        .join('')}</ol></nav>`;
    case 'table':
      return table(block.table);
    case 'chart':
      return `<figure class="chart" id="chart-${esc(block.chart.key)}" aria-label="${esc(block.chart.title)}">${chartSvg(block.chart)}</figure>`;
    case 'pageBreak':
      return '<div class="page-break"></div>';
  }
}

/**
 * The blocks in order; a landscape table goes on a landscape page (CSS named page `wide`) together with the headings
 * just before it (a page break there is dropped: the landscape page starts a page anyway).
 */
function bodyHtml(tree: DocumentTree): string {
  const out: string[] = [];
  let pending: Block[] = [];
  for (const block of tree.blocks) {
    if (block.kind === 'heading' || block.kind === 'pageBreak') {
      pending.push(block);
      continue;
    }
    if (block.kind === 'table' && block.table.orientation === 'landscape') {
      const carried = pending.filter((b) => b.kind === 'heading').map((b) => blockHtml(b, tree));
      out.push(`<div class="wide">${carried.join('\n')}${blockHtml(block, tree)}</div>`);
    } else {
      out.push(...pending.map((b) => blockHtml(b, tree)), blockHtml(block, tree));
    }
    pending = [];
  }
  out.push(...pending.map((b) => blockHtml(b, tree)));
  return out.join('\n');
}

export function renderHtml(tree: DocumentTree): string {
  const lines = tree.cover ?? [];
  const cover =
    lines.length || tree.banner
      ? `<section class="cover">${lines.map((l, i) => `<div class="line${i === lines.length - 1 ? ' last' : ''}">${esc(l)}</div>`).join('')}${
          tree.banner ? `<div class="banner">${esc(tree.banner)}</div>` : ''
        }</section>`
      : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(tree.title)}</title>
<style>${STYLE}</style></head>
<body>
${cover}
${bodyHtml(tree)}
</body></html>
`;
}
