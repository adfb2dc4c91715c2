import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { DocTable, FinalAccountsDocument } from './final-accounts-document';

/** Renderers of the 决算 draft model: xlsx (one sheet per table), docx (the whole draft, what offices edit), html. */

export async function finalAccountsWorkbook(doc: FinalAccountsDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'budget-execution-tracker';
  for (const table of doc.tables) {
    const sheet = book.addWorksheet(`${table.number}`);
    const width = table.header.length;
    sheet.columns = table.header.map((_, i) => ({ width: i === 1 || (table.key === 'summary' && i % 2 === 0) ? 30 : 16 }));
    const title = sheet.addRow([table.title]);
    sheet.mergeCells(title.number, 1, title.number, width);
    title.getCell(1).font = { bold: true, size: 14 };
    title.getCell(1).alignment = { horizontal: 'center' };
    sheet.addRow([table.number]);
    sheet.addRow([`部门：${doc.departmentName}　　${doc.fiscalYear}年度　　单位：万元${doc.provisional ? '　（年终结账前，暂定数）' : ''}`]);
    const thin = { style: 'thin' as const };
    for (const [i, values] of [table.header, ...table.rows].entries()) {
      const row = sheet.addRow(values);
      row.eachCell({ includeEmpty: true }, (c) => {
        c.border = { top: thin, left: thin, bottom: thin, right: thin };
        if (i === 0) c.font = { bold: true };
      });
    }
    sheet.addRow([`注：${doc.note}。`]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function docxTable(table: DocTable): Table {
  const row = (values: string[], bold: boolean) =>
    new TableRow({ children: values.map((v) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: v, bold, size: 18 })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(table.header, true), ...table.rows.map((r) => row(r, false))] });
}

export async function finalAccountsDocx(doc: FinalAccountsDocument): Promise<Buffer> {
  const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER });
  const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
  const p = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 24 })], indent: { firstLine: 480 } });
  const children = [
    new Paragraph({ children: [new TextRun({ text: doc.title, bold: true, size: 44 })], alignment: AlignmentType.CENTER }),
    ...(doc.provisional ? [new Paragraph({ children: [new TextRun({ text: '（年终结账前草稿，数据为暂定数）', size: 24 })], alignment: AlignmentType.CENTER })] : []),
    h1('第一部分 部门概况'),
    ...doc.profile.flatMap((s) => [h2(s.heading), ...s.paragraphs.map(p)]),
    h1(`第二部分 ${doc.fiscalYear}年度部门决算表`),
    ...doc.tables.flatMap((t) => [
      h2(`${t.number} ${t.title}`),
      new Paragraph({ children: [new TextRun({ text: '单位：万元', size: 18 })], alignment: AlignmentType.RIGHT }),
      docxTable(t),
      new Paragraph({ children: [new TextRun({ text: `注：${doc.note}。`, size: 18 })] }),
    ]),
    h1(`第三部分 ${doc.fiscalYear}年度部门决算情况说明`),
    ...doc.explanations.flatMap((s) => [h2(s.heading), ...s.paragraphs.filter(Boolean).map(p)]),
    h1('第四部分 名词解释'),
    ...doc.glossary.flatMap((s) => [p(`${s.heading}：${s.paragraphs.join('')}`)]),
  ];
  const document = new Document({
    creator: 'budget-execution-tracker',
    title: doc.title,
    styles: { default: { document: { run: { font: 'SimSun' } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function finalAccountsHtml(doc: FinalAccountsDocument): string {
  const section = (s: { heading: string; paragraphs: string[] }) => `<h3>${escape(s.heading)}</h3>${s.paragraphs.filter(Boolean).map((x) => `<p>${escape(x)}</p>`).join('')}`;
  const table = (t: DocTable) =>
    `<section class="table"><h3>${escape(t.number)} ${escape(t.title)}</h3><p class="unit">单位：万元</p><table><thead><tr>${t.header.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
      .map((r) => `<tr>${r.map((c) => (/^-?[0-9]+\.[0-9]{2}$/.test(c) ? `<td class="num">${escape(c)}</td>` : `<td>${escape(c)}</td>`)).join('')}</tr>`)
      .join('')}</tbody></table><p class="note">注：${escape(doc.note)}。</p></section>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(doc.title)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:1100px;margin:2em auto;line-height:1.7}h1,h2{text-align:center}table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #555;padding:2px 6px}td.num{text-align:right}.unit{text-align:right;font-size:13px}.note{font-size:12px;color:#555}</style></head><body>
<h1>${escape(doc.title)}</h1>${doc.provisional ? '<p style="text-align:center">（年终结账前草稿，数据为暂定数）</p>' : ''}
<h2>第一部分 部门概况</h2>${doc.profile.map(section).join('')}
<h2>第二部分 ${doc.fiscalYear}年度部门决算表</h2>${doc.tables.map(table).join('')}
<h2>第三部分 ${doc.fiscalYear}年度部门决算情况说明</h2>${doc.explanations.map(section).join('')}
<h2>第四部分 名词解释</h2>${doc.glossary.map(section).join('')}
</body></html>`;
}
