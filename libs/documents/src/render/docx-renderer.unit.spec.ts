import JSZip from 'jszip';
import type { DocumentTree } from '../model/document-model';
import { renderDocx } from './docx-renderer';
import { sampleTree } from './sample-tree';

/**
 * The docx a finance officer opens: the published table layout (header rows repeated, amounts right-aligned as
 * 2,658.28, blank zero cells, codes on one line), the landscape page of a wide table, black 黑体 headings, a 目录
 * whose entries lead to their headings, placeholders marked, the chart as a picture. Read back from document.xml.
 */

interface Docx {
  document: string;
  styles: string;
  media: { name: string; data: Buffer }[];
}

async function open(tree: DocumentTree): Promise<Docx> {
  const zip = await JSZip.loadAsync(await renderDocx(tree));
  const media = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => name.startsWith('word/media/'))
      .map(async (name) => ({ name, data: await zip.file(name)!.async('nodebuffer') })),
  );
  return { document: await zip.file('word/document.xml')!.async('string'), styles: await zip.file('word/styles.xml')!.async('string'), media };
}

const all = (xml: string, tag: string): string[] => xml.match(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, 'g')) ?? [];
const text = (xml: string) => (xml.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');
/** The table whose cells contain `needle`. */
const tableWith = (document: string, needle: string) => {
  const found = all(document, 'w:tbl').find((t) => text(t).includes(needle));
  if (!found) throw new Error(`no table with ${needle}`);
  return found;
};
const rows = (table: string): string[] => all(table, 'w:tr');
const cells = (row: string): string[] => all(row, 'w:tc');

describe('renderDocx', () => {
  let docx: Docx;
  beforeAll(async () => {
    docx = await open(sampleTree());
  });

  it('repeats the two header rows of 公开01表 on every page, and only them', () => {
    const summary = rows(tableWith(docx.document, '一般公共预算财政拨款收入'));
    expect(summary).toHaveLength(2 + 30);
    expect(summary.slice(0, 2).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    expect(summary.slice(2).some((r) => r.includes('<w:tblHeader'))).toBe(false);
    // 收入 spans 项目 and 决算数 (gridSpan 2); the second header row has four cells.
    expect(cells(summary[0]).map(text)).toEqual(['收入', '支出']);
    expect(cells(summary[0])[0]).toContain('<w:gridSpan w:val="2"/>');
    expect(cells(summary[1]).map(text)).toEqual(['项目', '决算数', '项目（按支出功能分类）', '决算数']);
  });

  it('prints amounts right-aligned with thousands separators, and leaves the zero cells of the form blank', () => {
    const summary = rows(tableWith(docx.document, '一般公共预算财政拨款收入'));
    const total = summary.find((r) => text(r).startsWith('本年收入合计'))!;
    expect(cells(total).map(text)).toEqual(['本年收入合计', '2,658.28', '本年支出合计', '2,658.28']);
    expect(cells(total)[1]).toContain('<w:jc w:val="right"/>');
    expect(cells(total)[0]).toContain('<w:jc w:val="left"/>');
    const fund = summary.find((r) => text(r).startsWith('二、政府性基金预算财政拨款收入'))!;
    expect(cells(fund).map(text)).toEqual(['二、政府性基金预算财政拨款收入', '', '二、外交支出', '']);
    // 公开07表 prints its zero (blankIfZero not set) as 0.00.
    const threePublic = rows(tableWith(docx.document, '公务用车购置费'));
    expect(cells(threePublic.find((r) => text(r).includes('公务用车购置费'))!).map(text)).toEqual(['其中：（1）公务用车购置费', '4', '0.00']);
    // 元 amounts too: 123456789 分 = 1,234,567.89 元.
    expect(text(tableWith(docx.document, '政府采购支出总额'))).toContain('1,234,567.89');
  });

  it('puts the wide 公开02表 on a landscape A4 page, with the heading before it, and the rest on portrait pages', () => {
    const sections = docx.document.split('<w:sectPr>').slice(0, -1);
    const orientationOf = (needle: string) => {
      const index = sections.findIndex((s) => s.includes(needle));
      const after = docx.document.split('<w:sectPr>')[index + 1];
      return after.match(/<w:pgSz ([^>]*)\/>/)![1];
    };
    expect(orientationOf('公开02表')).toBe('w:w="16838" w:h="11906" w:orient="landscape"');
    // The heading 二、收入决算表 (its bookmark; its text is in the 目录 too) goes with the table.
    expect(orientationOf('w:name="h_table_income"')).toBe('w:w="16838" w:h="11906" w:orient="landscape"');
    expect(orientationOf('公开01表')).toBe('w:w="11906" w:h="16838" w:orient="portrait"');
    expect(orientationOf('公开07表')).toBe('w:w="11906" w:h="16838" w:orient="portrait"');
  });

  it('gives a 7-digit code spanning 类/款/项 room for one line at 9 pt', () => {
    const income = rows(tableWith(docx.document, '2010301'));
    expect(income.slice(0, 3).every((r) => r.includes('<w:tblHeader/>'))).toBe(true);
    const row = income.find((r) => text(r).startsWith('2010301'))!;
    const code = cells(row)[0];
    expect(code).toContain('<w:gridSpan w:val="3"/>');
    expect(code).toContain('<w:sz w:val="18"/>');
    // 7 digits of 9 pt (half an em each: 90 twips) plus the cell margins (57 + 57 twips) = 744 twips at least.
    expect(Number(code.match(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/)![1])).toBeGreaterThanOrEqual(744);
  });

  it('marks every placeholder in red on yellow, in text and in table cells', () => {
    for (const placeholder of ['【待补充：部门职责（NarrativeDeclared DUTIES）】', '【待补充：上年收入决算数（无上年数据）】', '【待补充：授予小微企业合同金额】']) {
      const run = all(docx.document, 'w:r').find((r) => text(r) === placeholder);
      expect(run).toBeDefined();
      expect(run).toContain('<w:color w:val="C00000"/>');
      expect(run).toContain('<w:highlight w:val="yellow"/>');
    }
  });

  it('embeds each chart as a PNG picture titled with the chart title', () => {
    expect(docx.media).toHaveLength(2);
    for (const { data } of docx.media) expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(docx.document).toContain('title="收入决算结构图"');
    expect(docx.document).toContain('title="收入支出决算变动图"');
    expect((docx.document.match(/<pic:pic /g) ?? []).length).toBe(2);
  });

  it('writes black 黑体 headings and a 宋体 body, and a 目录 that links to the headings with an id', () => {
    for (const level of [1, 2, 3]) {
      const style = docx.styles.match(new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${level}">[\\s\\S]*?</w:style>`))![0];
      expect(style).toContain('<w:color w:val="000000"/>');
      expect(style).toContain('w:eastAsia="SimHei"');
    }
    expect(docx.styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="SimSun"/);
    const links = [...docx.document.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)">([\s\S]*?)<\/w:hyperlink>/g)].map((m) => ({ anchor: m[1], text: text(m[2]) }));
    // Level-1 and level-2 headings with an id, in order; the level-3 heading (no id) is not listed.
    expect(links.map((l) => l.text)).toEqual([
      '第一部分 部门概况',
      '一、部门职责',
      '二、机构设置',
      '第二部分 2023年度部门决算表',
      '一、收入支出决算总表',
      '二、收入决算表',
      '三、一般公共预算财政拨款“三公”经费支出决算表',
      '第三部分 2023年度部门决算情况说明',
      '一、收入决算情况说明',
      '二、政府采购支出情况说明',
    ]);
    for (const link of links) {
      const bookmark = docx.document.match(new RegExp(`<w:bookmarkStart w:name="${link.anchor}" w:id="\\d+"/>[\\s\\S]*?<w:bookmarkEnd`))!;
      expect(text(bookmark[0])).toBe(link.text);
    }
  });

  it('rejects a table whose row does not fill its columns, naming the table', async () => {
    const tree: DocumentTree = {
      title: 't',
      blocks: [
        {
          kind: 'table',
          table: {
            key: 'bad',
            title: '坏表',
            orientation: 'portrait',
            columns: [{ width: 1, kind: 'name' }, { width: 1, kind: 'amount' }],
            header: [[{ text: '项目' }, { text: '金额' }]],
            rows: [[{ kind: 'text', text: '只有一格' }]],
            notes: [],
          },
        },
      ],
    };
    await expect(renderDocx(tree)).rejects.toThrow('表「坏表」第1行不足2列');
  });
});
