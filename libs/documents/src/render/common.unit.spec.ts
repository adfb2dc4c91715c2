import type { TableBlock } from '../model/document-model';
import { cellDisplay, layoutGrid, headerSpan, noteLines, planColumns, tableGrid, textEm, withThousands } from './common';
import { incomeTable } from './sample-tree';

describe('withThousands', () => {
  it('groups the integer part of an exact decimal string', () => {
    expect(withThousands('2658.28')).toBe('2,658.28');
    expect(withThousands('999.99')).toBe('999.99');
    expect(withThousands('1234567.89')).toBe('1,234,567.89');
    expect(withThousands('-1000.00')).toBe('-1,000.00');
    expect(withThousands('0.50')).toBe('0.50');
    expect(withThousands('100000')).toBe('100,000');
  });
});

describe('cellDisplay', () => {
  it('prints 分 in 万元 half-up and in 元, blank zeros only where asked, a dash for a missing rate', () => {
    // 26582800 元 = 2,658.28 万元; 49999 分 = 499.99 元 = 0.049999 万元 → 0.05.
    expect(cellDisplay({ kind: 'amount', fen: 2658280000n, unit: 'wan' }).text).toBe('2,658.28');
    expect(cellDisplay({ kind: 'amount', fen: 49999n, unit: 'wan' }).text).toBe('0.05');
    expect(cellDisplay({ kind: 'amount', fen: 49999n, unit: 'yuan' }).text).toBe('499.99');
    expect(cellDisplay({ kind: 'amount', fen: 0n, unit: 'wan', blankIfZero: true }).text).toBe('');
    expect(cellDisplay({ kind: 'amount', fen: 0n, unit: 'wan' }).text).toBe('0.00');
    expect(cellDisplay({ kind: 'rate', value: null }).text).toBe('-');
    expect(cellDisplay({ kind: 'placeholder', what: '上年数' })).toMatchObject({ text: '【待补充：上年数】', placeholder: true });
  });
});

describe('layoutGrid', () => {
  it('places the cells of a three-row header with spans as the form draws them', () => {
    const grid = tableGrid(incomeTable());
    const where = (text: string) => grid.header.flat().find((p) => p.item.text === text)!;
    expect(where('项目')).toMatchObject({ row: 0, col: 0, colSpan: 4, rowSpan: 1 });
    expect(where('本年收入合计')).toMatchObject({ row: 0, col: 4, rowSpan: 3 });
    expect(where('其他收入')).toMatchObject({ row: 0, col: 10, rowSpan: 3 });
    expect(where('支出功能分类科目编码')).toMatchObject({ row: 1, col: 0, colSpan: 3 });
    expect(where('科目名称')).toMatchObject({ row: 1, col: 3, rowSpan: 2 });
    expect(where('类')).toMatchObject({ row: 2, col: 0 });
    expect(where('项')).toMatchObject({ row: 2, col: 2 });
  });

  it('rejects rows that overflow, fall short or span past the last row', () => {
    const span = headerSpan;
    expect(() => layoutGrid([[{ text: 'a', colSpan: 3 }]], 2, span, '表「甲」')).toThrow('表「甲」第1行超出2列');
    expect(() => layoutGrid([[{ text: 'a' }]], 2, span, '表「甲」')).toThrow('表「甲」第1行不足2列');
    expect(() => layoutGrid([[{ text: 'a', rowSpan: 2 }, { text: 'b' }]], 2, span, '表「甲」')).toThrow('表「甲」第1行的单元格向下合并超出表格');
  });
});

describe('planColumns', () => {
  it('keeps a code column wide enough for 7 digits and a name on at most three lines, within the page', () => {
    const table: TableBlock = {
      key: 't',
      title: 't',
      orientation: 'portrait',
      // The builder's relative widths would leave the code column 1/40 of the page.
      columns: [
        { width: 1, kind: 'code' },
        { width: 1, kind: 'name' },
        { width: 19, kind: 'amount' },
        { width: 19, kind: 'amount' },
      ],
      header: [[{ text: '编码' }, { text: '科目名称' }, { text: '金额' }, { text: '金额' }]],
      rows: [
        [
          { kind: 'code', code: '2080505' },
          { kind: 'text', text: '机关事业单位基本养老保险缴费支出' },
          { kind: 'amount', fen: 10680000000n, unit: 'wan' },
          { kind: 'amount', fen: 0n, unit: 'wan' },
        ],
      ],
      notes: [],
    };
    const widths = planColumns(table, tableGrid(table), 48);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(48, 6);
    expect(widths[0]).toBeGreaterThanOrEqual(textEm('2080505'));
    // 16 characters on at most 3 lines: at least 16/3 ems of text.
    expect(widths[1]).toBeGreaterThanOrEqual(16 / 3);
    expect(widths[2]).toBeGreaterThanOrEqual(textEm('10,680.00'));
  });
});

describe('noteLines', () => {
  it('puts 注： before the first note unless it has one', () => {
    expect(noteLines(['1. 本表反映…', '2. 尾差。'])).toEqual(['注：1. 本表反映…', '2. 尾差。']);
    expect(noteLines(['注：本表反映…'])).toEqual(['注：本表反映…']);
  });
});
