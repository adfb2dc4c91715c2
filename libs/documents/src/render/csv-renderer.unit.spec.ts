import type { TableBlock } from '../model/document-model';
import { tableInUnit } from '../model/amount-unit';
import { csvField, renderCsv } from './csv-renderer';

/** A 公开表-like table: a two-row header with spans, a code cell spanning 类/款/项, amounts in 万元 with blank zeros. */
const form: TableBlock = {
  key: 'demo',
  number: '公开05表',
  title: '一般公共预算财政拨款支出决算表',
  department: '部门：测试局',
  unitLabel: '单位：万元',
  orientation: 'portrait',
  columns: [
    { kind: 'code', width: 5 },
    { kind: 'code', width: 5 },
    { kind: 'name', width: 20 },
    { kind: 'amount', width: 8 },
    { kind: 'amount', width: 8 },
  ],
  header: [
    [{ text: '科目编码', colSpan: 2 }, { text: '科目名称', rowSpan: 2 }, { text: '本年支出', colSpan: 2 }],
    [{ text: '类' }, { text: '款' }, { text: '小计' }, { text: '项目支出' }],
  ],
  rows: [
    [{ kind: 'text', text: '合计', colSpan: 3 }, { kind: 'amount', fen: 25050n, unit: 'wan' }, { kind: 'amount', fen: 0n, unit: 'wan', blankIfZero: true }],
    [{ kind: 'code', code: '201' }, { kind: 'empty' }, { kind: 'placeholder', what: '科目201名称' }, { kind: 'amount', fen: 123456789n, unit: 'wan' }, { kind: 'amount', fen: 0n, unit: 'wan' }],
  ],
  notes: ['注：1. 本表反映部门本年度一般公共预算财政拨款支出情况。', '2. 本表金额转换为万元时，因四舍五入可能存在尾差。'],
};

const text = (b: Buffer) => b.toString('utf8');

describe('CSV renderer', () => {
  it('writes UTF-8 with a BOM and CRLF after every record', () => {
    const out = renderCsv(form);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = text(out).slice(1);
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('prints a form as published: caption lines, unmerged header, exact 万元 figures, blank zeros, notes', () => {
    expect(text(renderCsv(form)).slice(1).split('\r\n')).toEqual([
      '公开05表,一般公共预算财政拨款支出决算表,,,',
      '部门：测试局,单位：万元,,,',
      '科目编码,,科目名称,本年支出,',
      '类,款,,小计,项目支出',
      // 250.50 元 = 0.02505 万元 → 0.03; 1 234 567.89 元 → 123.46 万元 (half-up), no thousands separator
      '合计,,,0.03,',
      '201,,【待补充：科目201名称】,123.46,0.00',
      '注：1. 本表反映部门本年度一般公共预算财政拨款支出情况。,,,,',
      '2. 本表金额转换为万元时，因四舍五入可能存在尾差。,,,,',
      '',
    ]);
  });

  it('in 元: the same exact 分, the 单位 line says 元, and the 万元 尾差 note goes', () => {
    const lines = text(renderCsv(tableInUnit(form, 'yuan'))).slice(1).split('\r\n');
    expect(lines[1]).toBe('部门：测试局,单位：元,,,');
    expect(lines[4]).toBe('合计,,,250.50,');
    expect(lines[5]).toBe('201,,【待补充：科目201名称】,1234567.89,0.00');
    expect(lines.slice(6)).toEqual(['注：本表反映部门本年度一般公共预算财政拨款支出情况。,,,,', '']);
  });

  it('a list without caption: the header row first', () => {
    const list: TableBlock = { ...form, header: [[{ text: '名称' }, { text: '代码' }, { text: '说明' }, { text: '金额（元）' }, { text: '比率（%）' }]], rows: [
      [{ kind: 'text', text: 'a,b "c"\nd' }, { kind: 'code', code: '001' }, { kind: 'text', text: '=SUM(A1)' }, { kind: 'amount', fen: -5n, unit: 'yuan' }, { kind: 'rate', value: null }],
    ] };
    expect(text(renderCsv(list, { caption: false })).slice(1)).toBe('名称,代码,说明,金额（元）,比率（%）\r\n"a,b ""c""\nd",001,\'=SUM(A1),-0.05,\r\n');
  });

  it('quotes per RFC 4180 only when needed', () => {
    expect(csvField('plain 文本')).toBe('plain 文本');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
  });
});
