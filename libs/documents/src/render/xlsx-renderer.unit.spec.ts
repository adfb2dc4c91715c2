import ExcelJS from 'exceljs';
import { renderXlsx } from './xlsx-renderer';
import { sampleTree } from './sample-tree';

/**
 * The workbook an officer recalculates in: every amount a number cell with a 万元 (or 元) format, blank zero cells
 * empty, codes as text, header merges and print titles, each table sheet printing one page wide, the text of the
 * document on a first sheet 「说明」. Read back with exceljs.
 */

let book: ExcelJS.Workbook;
beforeAll(async () => {
  book = new ExcelJS.Workbook();
  await book.xlsx.load((await renderXlsx(sampleTree())) as unknown as ArrayBuffer);
});

const sheet = (name: string) => {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};
/** The row whose first cell reads `label`. */
const rowOf = (ws: ExcelJS.Worksheet, label: string) => {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).text === label) found = row;
  });
  if (!found) throw new Error(`no row ${label}`);
  return found;
};

describe('renderXlsx', () => {
  it('has a sheet 说明 first, then one sheet per table named by its 公开NN表 number or title', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['说明', '公开01表', '公开02表', '公开07表', '政府采购支出情况']);
  });

  it('stores amounts as numbers with the format #,##0.00, and leaves blank-zero cells empty', () => {
    const ws = sheet('公开01表');
    const total = rowOf(ws, '本年收入合计');
    expect(total.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(total.getCell(2).value).toBe(2658.28);
    expect(total.getCell(2).numFmt).toBe('#,##0.00');
    expect(total.getCell(2).alignment.horizontal).toBe('right');
    const fund = rowOf(ws, '二、政府性基金预算财政拨款收入');
    expect(fund.getCell(2).value).toBeNull();
    expect(fund.getCell(3).value).toBe('二、外交支出');
    expect(fund.getCell(4).value).toBeNull();
    // A zero the form prints (公开07表 公务用车购置费) is the number 0.
    const purchase = rowOf(sheet('公开07表'), '其中：（1）公务用车购置费');
    expect(purchase.getCell(2).value).toBe(4);
    expect(purchase.getCell(2).numFmt).toBe('0');
    expect(purchase.getCell(3).value).toBe(0);
    expect(purchase.getCell(3).numFmt).toBe('#,##0.00');
  });

  it('keeps 元 amounts in 元, rates as numbers with 0.00, a missing rate as a dash, placeholders in red on yellow', () => {
    const ws = sheet('政府采购支出情况');
    const total = rowOf(ws, '政府采购支出总额');
    expect(total.getCell(2).value).toBe(1234567.89);
    expect(total.getCell(2).numFmt).toBe('#,##0.00');
    const sme = rowOf(ws, '其中：授予中小企业合同金额');
    expect(sme.getCell(3).value).toBe(65.31);
    expect(sme.getCell(3).numFmt).toBe('0.00');
    const small = rowOf(ws, '授予小微企业合同金额');
    expect(small.getCell(2).value).toBe('【待补充：授予小微企业合同金额】');
    expect(small.getCell(2).font.color?.argb).toBe('FFC00000');
    expect(small.getCell(2).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
    expect(small.getCell(3).value).toBe('-');
  });

  it('writes codes as text and merges the three header rows of 公开02表 as the form draws them', () => {
    const ws = sheet('公开02表');
    const code = rowOf(ws, '2010301');
    expect(code.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(code.getCell(1).numFmt).toBe('@');
    expect(code.getCell(4).value).toBe('行政运行');
    expect(code.getCell(5).value).toBe(747.8);
    // Rows 1–3: title, 公开02表, 部门/单位; header rows 4–6; 项目 over A–D, 支出功能分类科目编码 over A–C,
    // 科目名称 down two rows, each amount column down three rows; the code of a 项 over 类/款/项.
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A1:K1', 'A4:D4', 'A5:C5', 'D5:D6', 'E4:E6', 'K4:K6', `A${code.number}:C${code.number}`]));
    expect(ws.getCell('A6').value).toBe('类');
    expect(ws.getCell('C6').value).toBe('项');
    expect(ws.getCell('E4').value).toBe('本年收入合计');
    expect(ws.getCell('K2').value).toBe('公开02表');
    expect(ws.getCell('A3').value).toBe('部门：泉港区人民政府办公室');
    expect(ws.getCell('K3').value).toBe('单位：万元');
    expect(ws.pageSetup.printTitlesRow).toBe('4:6');
  });

  it('sets every table sheet to print on A4 one page wide, landscape where the table is wide', () => {
    for (const ws of book.worksheets.slice(1)) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    expect(sheet('公开02表').pageSetup.orientation).toBe('landscape');
    expect(sheet('公开01表').pageSetup.orientation).toBe('portrait');
    expect(sheet('公开01表').pageSetup.printTitlesRow).toBe('4:5');
  });

  it('keeps the text of the document on 说明: cover, 目录, headings, paragraphs with their placeholders, chart figures', () => {
    const lines: string[] = [];
    sheet('说明').eachRow((row) => lines.push(row.getCell(1).text));
    expect(lines).toEqual(
      expect.arrayContaining([
        '泉港区人民政府办公室',
        '2023年度部门决算',
        '目录',
        '第一部分 部门概况',
        '【待补充：部门职责（NarrativeDeclared DUTIES）】',
        '公开01表 收入支出决算总表：见工作表「公开01表」',
        '一般公共预算财政拨款收入：2,635.56万元，99.15%',
        '其他收入：22.72万元，0.85%',
        '2023年 本年收入合计：2,658.28万元',
      ]),
    );
  });
});
