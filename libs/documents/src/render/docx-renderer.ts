import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  Footer,
  HeadingLevel,
  HighlightColor,
  ImageRun,
  InternalHyperlink,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ISectionOptions,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignSection,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Block, ChartBlock, DocumentTree, Inline, TableBlock } from '../model/document-model';
import { placeholderText } from '../model/document-model';
import { chartPng, chartSize } from './charts';
import { cellDisplay, fitsOnPage, noteLines, planColumns, tableFontPt, tableGrid, tocEntries, type CellAlign } from './common';

/**
 * The docx writer of the document model: A4, 宋体 body and 黑体 headings in black (not Word's blue), a cover page,
 * a 目录 of links, tables as the published forms print them (title, 公开NN表, 部门/单位 line, header rows repeated on
 * every page, amounts right-aligned), landscape sections for wide tables, charts as PNG pictures, and every
 * 【待补充：…】 in red on yellow so an officer finds each one. Knows nothing about finance.
 */

const SONG = { ascii: 'SimSun', eastAsia: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun' };
const HEI = { ascii: 'SimHei', eastAsia: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei' };

/** A4 in twips, 2 cm margins (tables want the width), 2.5 cm top and bottom. */
const PAGE = { width: 11906, height: 16838, side: 1134, topBottom: 1418 };
const contentWidth = (orientation: 'portrait' | 'landscape') => (orientation === 'portrait' ? PAGE.width : PAGE.height) - 2 * PAGE.side;
/** Body text 12 pt (小四). */
const BODY_HALF_POINTS = 24;

const PARAGRAPH_SIZES = { small: 21, normal: BODY_HALF_POINTS, large: 32, title: 44 } as const;

function placeholderRun(what: string, size?: number): TextRun {
  return new TextRun({ text: placeholderText(what), color: 'C00000', highlight: HighlightColor.YELLOW, bold: true, size });
}

function inlineRuns(content: Inline[], size?: number, bold?: boolean): TextRun[] {
  return content.map((item) => {
    if (typeof item === 'string') return new TextRun({ text: item, size, bold });
    if ('placeholder' in item) return placeholderRun(item.placeholder, size);
    return new TextRun({ text: item.text, bold: item.bold ?? bold, size });
  });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** Word bookmark names: a letter first, letters, digits and _ only, at most 40 characters; unique per document. */
class Bookmarks {
  private readonly names = new Map<string, string>();
  name(id: string): string {
    const known = this.names.get(id);
    if (known) return known;
    const base = `_${id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 34);
    let name = `h${base}`;
    for (let i = 2; [...this.names.values()].includes(name); i += 1) name = `h${base}_${i}`;
    this.names.set(id, name);
    return name;
  }
}

function heading(block: Extract<Block, { kind: 'heading' }>, bookmarks: Bookmarks): Paragraph {
  const level = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 }[block.level];
  const run = new TextRun({ text: block.text });
  return new Paragraph({
    heading: level,
    alignment: block.align === 'center' ? AlignmentType.CENTER : undefined,
    pageBreakBefore: block.pageBreakBefore,
    keepNext: true,
    keepLines: true,
    children: [block.id ? new Bookmark({ id: bookmarks.name(block.id), children: [run] }) : run],
  });
}

function toc(block: Extract<Block, { kind: 'toc' }>, tree: DocumentTree, bookmarks: Bookmarks): Paragraph[] {
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 240, after: 360 },
    children: [new TextRun({ text: block.title, font: HEI, size: 32, bold: true })],
  });
  const entries = tocEntries(tree).map(
    (entry) =>
      new Paragraph({
        indent: { left: entry.level === 1 ? 0 : 480 },
        spacing: { before: entry.level === 1 ? 120 : 0, line: 360, lineRule: LineRuleType.AUTO },
        children: [
          new InternalHyperlink({
            anchor: bookmarks.name(entry.id),
            children: [new TextRun({ text: entry.text, size: BODY_HALF_POINTS, bold: entry.level === 1, font: entry.level === 1 ? HEI : undefined })],
          }),
        ],
      }),
  );
  return [title, ...entries];
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_MARGINS = { left: 57, right: 57, top: 28, bottom: 28 };
/** A long form (more than 30 rows, e.g. the 收支总表's 31 类) sits tighter, so that it stays on one page as published. */
const COMPACT_CELL_MARGINS = { left: 57, right: 57, top: 6, bottom: 6 };

function cellParagraph(text: string, options: { align: CellAlign; bold?: boolean; size: number; placeholder?: boolean; indentEm?: number; font?: typeof SONG }): Paragraph {
  const run = options.placeholder
    ? new TextRun({ text, color: 'C00000', highlight: HighlightColor.YELLOW, bold: true, size: options.size })
    : new TextRun({ text, bold: options.bold, size: options.size, font: options.font });
  return new Paragraph({
    alignment: ALIGN[options.align],
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    indent: options.indentEm ? { left: Math.round(options.indentEm * options.size * 10) } : undefined,
    // The paragraph mark takes the table's size too: an empty cell would otherwise be a 12 pt line high.
    run: { size: options.size },
    children: text ? [run] : [],
  });
}

function table(block: TableBlock, pageBreakBefore = false): (Paragraph | Table)[] {
  const grid = tableGrid(block);
  const fontPt = tableFontPt(block);
  const size = fontPt * 2;
  const margins = block.rows.length > 30 ? COMPACT_CELL_MARGINS : CELL_MARGINS;
  const width = contentWidth(block.orientation);
  const emTwips = fontPt * 20;
  const widthsEm = planColumns(block, grid, width / emTwips);
  const twips = widthsEm.map((w) => Math.floor(w * emTwips));
  const span = (col: number, colSpan: number) => twips.slice(col, col + colSpan).reduce((a, b) => a + b, 0);

  // Keep a table that fits on a page on one page (with its title lines); a longer one at least keeps each row whole.
  // (Writer moves a table kept together that does not fit to the next page without its title: estimate generously.)
  const keepTogether = fitsOnPage(grid, widthsEm, fontPt, block.orientation) && block.notes.length < 6;

  const headerRows = grid.header.map(
    (row) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        keepNext: true,
        children: row.map(
          (placed) =>
            new TableCell({
              columnSpan: placed.colSpan > 1 ? placed.colSpan : undefined,
              rowSpan: placed.rowSpan > 1 ? placed.rowSpan : undefined,
              width: { size: span(placed.col, placed.colSpan), type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              margins,
              children: [cellParagraph(placed.item.text, { align: 'center', bold: true, size })],
            }),
        ),
      }),
  );
  const bodyRows = grid.body.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        // A table that splits still keeps its last four rows together (no lone total row on a page of its own).
        keepNext: (keepTogether || r >= grid.body.length - 4) && r < grid.body.length - 1,
        children: row.map((placed) => {
          const shown = cellDisplay(placed.item);
          return new TableCell({
            columnSpan: placed.colSpan > 1 ? placed.colSpan : undefined,
            rowSpan: placed.rowSpan > 1 ? placed.rowSpan : undefined,
            width: { size: span(placed.col, placed.colSpan), type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins,
            children: [cellParagraph(shown.text, { align: shown.align, bold: shown.bold, size, placeholder: shown.placeholder, indentEm: shown.indent })],
          });
        }),
      }),
  );
  const docxTable = new Table({
    width: { size: twips.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
    rows: [...headerRows, ...bodyRows],
  });

  const small = { before: 0, after: 0 };
  const above: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      pageBreakBefore,
      spacing: { before: 120, after: 60 },
      children: [new TextRun({ text: block.title, font: HEI, bold: true, size: 32 })],
    }),
  ];
  if (block.number) {
    above.push(new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, spacing: small, children: [new TextRun({ text: block.number, size })] }));
  }
  if (block.department || block.unitLabel) {
    above.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 0, after: 60 },
        tabStops: [{ type: TabStopType.RIGHT, position: twips.reduce((a, b) => a + b, 0) }],
        children: [new TextRun({ text: block.department ?? '', size }), new TextRun({ text: `\t${block.unitLabel ?? ''}`, size })],
      }),
    );
  }
  const notes = noteLines(block.notes).map(
    (line, i) =>
      new Paragraph({
        spacing: { before: i === 0 ? 80 : 0, after: 0, line: 300, lineRule: LineRuleType.AUTO },
        indent: i === 0 ? undefined : { left: size * 20 },
        children: [new TextRun({ text: line, size })],
      }),
  );
  return [...above, docxTable, ...notes];
}

/** Largest picture width on the page, in pixels at 96 dpi. */
const pixels = (twips: number) => Math.floor((twips / 1440) * 96);

function chart(block: ChartBlock, orientation: 'portrait' | 'landscape'): Paragraph {
  const size = chartSize(block);
  const maxWidth = pixels(contentWidth(orientation));
  const scale = Math.min(1, maxWidth / size.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    children: [
      new ImageRun({
        type: 'png',
        data: chartPng(block),
        transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
        altText: { name: block.key, title: block.title, description: block.title },
      }),
    ],
  });
}

function cover(tree: DocumentTree): Paragraph[] {
  const lines = tree.cover ?? [tree.title];
  const paragraphs = lines.map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // Word centres the cover on its page (verticalAlign); Writer does not, so the first line starts lower.
        spacing: { before: i === 0 ? 2400 : 360, after: 360 },
        children: [new TextRun({ text: line, font: HEI, bold: true, size: i === lines.length - 1 ? 52 : 44 })],
      }),
  );
  if (tree.banner) {
    paragraphs.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 720 }, children: [new TextRun({ text: tree.banner, size: 28 })] }));
  }
  return paragraphs;
}

type Orientation = 'portrait' | 'landscape';

/**
 * The blocks cut into sections: a landscape table, with the headings just before it, gets a landscape section of
 * its own (consecutive landscape tables share one); everything else flows in portrait. A section starts a new page,
 * so a page break at the start of a section is dropped.
 */
function sectionsOf(blocks: Block[]): { orientation: Orientation; blocks: Block[] }[] {
  const sections: { orientation: Orientation; blocks: Block[] }[] = [];
  const last = () => sections[sections.length - 1] as { orientation: Orientation; blocks: Block[] } | undefined;
  for (const block of blocks) {
    if (block.kind === 'table' && block.table.orientation === 'landscape') {
      // Carry the headings (and a page break) just before the table over to its landscape page.
      const carried: Block[] = [];
      const previous = last();
      if (previous?.orientation === 'portrait') {
        const kept = previous.blocks;
        while (kept.length && (kept[kept.length - 1].kind === 'heading' || kept[kept.length - 1].kind === 'pageBreak')) carried.unshift(kept.pop()!);
        if (!kept.length) sections.pop();
      }
      const target = last();
      if (target?.orientation === 'landscape') target.blocks.push(...carried, block);
      else sections.push({ orientation: 'landscape', blocks: [...carried, block] });
    } else {
      const target = last();
      if (target?.orientation === 'portrait') target.blocks.push(block);
      else sections.push({ orientation: 'portrait', blocks: [block] });
    }
  }
  for (const section of sections) {
    while (section.blocks[0]?.kind === 'pageBreak') section.blocks.shift();
    const first = section.blocks[0];
    if (first?.kind === 'heading' && first.pageBreakBefore) section.blocks[0] = { ...first, pageBreakBefore: false };
  }
  return sections.filter((s) => s.blocks.length > 0);
}

function pageFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'], size: 18 })] })],
  });
}

export async function renderDocx(tree: DocumentTree): Promise<Buffer> {
  const bookmarks = new Bookmarks();
  const pageOf = (orientation: Orientation) => ({
    size: { width: PAGE.width, height: PAGE.height, orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
    margin: { top: PAGE.topBottom, bottom: PAGE.topBottom, left: PAGE.side, right: PAGE.side, header: 851, footer: 851 },
  });
  const sections: ISectionOptions[] = [];
  if (tree.cover || tree.banner) {
    sections.push({ properties: { page: pageOf('portrait'), verticalAlign: VerticalAlignSection.CENTER }, children: cover(tree) });
  }
  sectionsOf(tree.blocks).forEach((section, index) => {
    const children: (Paragraph | Table)[] = [];
    section.blocks.forEach((block, i) => {
      // A page break just before a table starts the table's title on a new page (pageBreakBefore): a break paragraph
      // of its own would open an empty page after a table that fills its page.
      if (block.kind === 'pageBreak' && section.blocks[i + 1]?.kind === 'table') return;
      const breakBefore = section.blocks[i - 1]?.kind === 'pageBreak';
      switch (block.kind) {
        case 'heading':
          children.push(heading(block, bookmarks));
          break;
        case 'paragraph':
          children.push(
            new Paragraph({
              alignment: block.align ? ALIGN[block.align] : AlignmentType.JUSTIFIED,
              indent: block.indent ? { firstLineChars: 200, firstLine: 480 } : undefined,
              children: inlineRuns(block.content, PARAGRAPH_SIZES[block.size ?? 'normal'], block.size === 'title' ? true : undefined),
            }),
          );
          break;
        case 'toc':
          children.push(...toc(block, tree, bookmarks));
          break;
        case 'table':
          children.push(...table(block.table, breakBefore));
          break;
        case 'chart':
          children.push(chart(block.chart, section.orientation));
          break;
        case 'pageBreak':
          children.push(new Paragraph({ children: [new PageBreak()] }));
          break;
      }
    });
    sections.push({
      properties: { page: { ...pageOf(section.orientation), ...(index === 0 ? { pageNumbers: { start: 1 } } : {}) } },
      footers: { default: pageFooter() },
      children,
    });
  });
  if (sections.length === 0) sections.push({ properties: { page: pageOf('portrait') }, children: [new Paragraph({ children: [] })] });

  const headingStyle = (size: number, before: number, after: number) => ({
    run: { font: HEI, size, bold: true, color: '000000' },
    paragraph: { spacing: { before, after, line: 360, lineRule: LineRuleType.AUTO } },
  });
  const document = new Document({
    creator: 'budget-execution-tracker',
    title: tree.title,
    styles: {
      default: {
        document: {
          run: { font: SONG, size: BODY_HALF_POINTS, color: '000000' },
          paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO } },
        },
        heading1: headingStyle(32, 360, 240),
        heading2: headingStyle(28, 240, 120),
        heading3: headingStyle(24, 120, 60),
        hyperlink: { run: { color: '000000', underline: {} } },
      },
    },
    sections,
  });
  return Packer.toBuffer(document);
}
