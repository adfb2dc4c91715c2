import { parseAmountCell, parseDateCell, parseFunctionCell, splitCodeAndName, xlsxCellText } from '../apps/cli/src/import/cell-values';
import { chineseError, displayWidth } from '../apps/cli/src/chinese-help';
import { csvField } from '../apps/cli/src/import/rejects-file';
import { DEFAULT_MAPPING, detectKind, isSkippableRow, mapRow, MappingError, mergeMapping, resolveHeader } from '../apps/cli/src/import/treasury-mapping';

/**
 * The `budget import` mapping of treasury exports (SPEC §13): cells read as SPEC values, rows as events with
 * deterministic eventIds, with the reasons a row is refused in Chinese. Pure functions: no file, no API.
 */
describe('budget import: cell values', () => {
  it('reads 元 amounts as exported (thousands separators, currency signs) and refuses the rest with the cell quoted', () => {
    expect(parseAmountCell('1,000,000.00')).toEqual({ ok: true, value: '1000000.00' });
    expect(parseAmountCell(' ¥12,345.6 ')).toEqual({ ok: true, value: '12345.60' });
    expect(parseAmountCell('200000.5元')).toEqual({ ok: true, value: '200000.50' });
    expect(parseAmountCell('0.30')).toEqual({ ok: true, value: '0.30' });
    expect(parseAmountCell('12a.5')).toEqual({ ok: false, reason: '金额「12a.5」不是有效的数字' });
    expect(parseAmountCell('1.005')).toEqual({ ok: false, reason: '金额「1.005」的小数超过 2 位（元，精确到分）' });
    expect(parseAmountCell('0')).toEqual({ ok: false, reason: '金额「0」须大于 0' });
    expect(parseAmountCell('-5')).toEqual({ ok: false, reason: '金额「-5」须大于 0' });
    expect(parseAmountCell('')).toEqual({ ok: false, reason: '金额为空' });
  });

  it('converts 万元 exactly: 12.345678 万元 = 123456.78 元', () => {
    expect(parseAmountCell('12.345678', 'wan')).toEqual({ ok: true, value: '123456.78' });
    expect(parseAmountCell('1', 'wan')).toEqual({ ok: true, value: '10000.00' });
    expect(parseAmountCell('1.0000001', 'wan')).toEqual({ ok: false, reason: '金额「1.0000001」的小数超过 6 位（万元）' });
  });

  it('reads the date layouts of treasury exports, and Excel serial days', () => {
    for (const text of ['2024-03-05', '2024/3/5', '2024.3.5', '20240305', '2024年3月5日', '2024-03-05 10:22:33']) {
      expect(parseDateCell(text)).toEqual({ ok: true, value: '2024-03-05' });
    }
    // Excel serial 45500: 45292 is 2024-01-01, +208 days = 2024-07-27.
    expect(parseDateCell('45500')).toEqual({ ok: true, value: '2024-07-27' });
    expect(parseDateCell('2024-02-30')).toEqual({ ok: false, reason: '日期「2024-02-30」不是有效的日期' });
    expect(parseDateCell('三月五日')).toEqual({ ok: false, reason: '日期「三月五日」无法识别（应为 YYYY-MM-DD）' });
  });

  it('splits a code from its name in the layouts treasury systems print', () => {
    expect(splitCodeAndName('2010301 行政运行')).toEqual({ code: '2010301', name: '行政运行' });
    expect(splitCodeAndName('[2010301]行政运行')).toEqual({ code: '2010301', name: '行政运行' });
    expect(splitCodeAndName('【30201】办公费')).toEqual({ code: '30201', name: '办公费' });
    expect(splitCodeAndName('30201-办公费')).toEqual({ code: '30201', name: '办公费' });
    expect(splitCodeAndName('434001')).toEqual({ code: '434001', name: null });
    expect(parseFunctionCell('201 一般公共服务支出')).toEqual({ ok: false, reason: '功能分类科目「201 一般公共服务支出」须以 7 位项级科目编码开头（如 2010301 行政运行）' });
  });

  it('reads XLSX cells as text: dates in UTC, formula results, floats at 15 digits', () => {
    expect(xlsxCellText(new Date(Date.UTC(2024, 6, 1)))).toBe('2024-07-01');
    expect(xlsxCellText({ formula: 'H3*2', result: 2000.2 })).toBe('2000.2');
    expect(xlsxCellText(0.1 + 0.2)).toBe('0.3');
    expect(xlsxCellText({ richText: [{ text: '海港区' }, { text: '办公室' }] })).toBe('海港区办公室');
    expect(xlsxCellText(null)).toBe('');
  });
});

describe('budget import: rows to events', () => {
  const appropriationHeader = ['指标文号', '预算单位', '功能分类科目', '经济分类科目', '资金性质', '支出类型', '项目代码', '项目名称', '金额', '下达日期', '指标类型'];
  const paymentHeader = ['支付凭证号', '预算单位', '功能分类科目', '经济分类科目', '资金性质', '支出类型', '项目代码', '金额', '支付日期', '收款人', '支付方式'];

  it('recognises the kind of a file by its header, 支付 before 指标 (a 支付 list often names the 指标文号 too)', () => {
    expect(detectKind(appropriationHeader, DEFAULT_MAPPING)).toBe('appropriation');
    expect(detectKind(paymentHeader, DEFAULT_MAPPING)).toBe('payment');
    expect(detectKind([...paymentHeader, '指标文号'], DEFAULT_MAPPING)).toBe('payment');
    expect(detectKind(['2024年指标明细表'], DEFAULT_MAPPING)).toBeNull();
  });

  it('names every missing required column with the header names it may have', () => {
    const { missing } = resolveHeader(['指标文号', '预算单位', '功能分类科目', '资金性质', '支出类型', '下达日期'], 'appropriation', DEFAULT_MAPPING);
    expect(missing).toEqual(['金额（可用列名：金额、金额(元)、指标金额、下达金额、支付金额、本次支付金额）']);
  });

  it('maps a 指标 row to AppropriationIssued on the line its attributes name, with names split from codes', () => {
    const { header } = resolveHeader(appropriationHeader, 'appropriation', DEFAULT_MAPPING);
    const row = ['秦财预〔2024〕1号', '434001 海港区政府办公室', '2010350 事业运行', '', '一般公共预算', '项目支出', 'P2024001', '政务信息化', '500000', '2024/1/10', '年初预算'];
    const mapped = mapRow(row, header, DEFAULT_MAPPING, { departmentCode: '434' });
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.event).toEqual({
      eventId: expect.stringMatching(/^imp-apr-434-2024-[0-9a-f]{24}$/),
      type: 'AppropriationIssued',
      fiscalYear: 2024,
      departmentCode: '434',
      occurredOn: '2024-01-10',
      source: 'treasury-import',
      data: {
        lineId: '434001-2010350-GENERAL_BUDGET-PROJECT-P2024001',
        unitCode: '434001',
        functionCode: '2010350',
        functionName: '事业运行',
        fundSource: 'GENERAL_BUDGET',
        expenditureKind: 'PROJECT',
        projectCode: 'P2024001',
        projectName: '政务信息化',
        stage: 'INITIAL',
        amount: '500000.00',
        documentNo: '秦财预〔2024〕1号',
      },
    });
    // The same row gives the same eventId (a re-run is DUPLICATE); another 文号 for the same line is another event.
    const again = mapRow([...row], header, DEFAULT_MAPPING, { departmentCode: '434' });
    const other = mapRow(['秦财预〔2024〕35号', ...row.slice(1)], header, DEFAULT_MAPPING, { departmentCode: '434' });
    expect(again.ok && again.event.eventId).toBe(mapped.event.eventId);
    expect(other.ok && other.event.eventId).not.toBe(mapped.event.eventId);
  });

  it('maps a 支付 row to PaymentMade on the same line, its eventId made of the 支付凭证号', () => {
    const { header } = resolveHeader(paymentHeader, 'payment', DEFAULT_MAPPING);
    const row = ['ZF2024-0002', '434001 海港区政府办公室', '2010350 事业运行', '30299 其他商品和服务支出', '一般公共预算', '项目支出', 'P2024001', '100000', '2024-04-01', '某科技公司', '授权支付'];
    const mapped = mapRow(row, header, DEFAULT_MAPPING, { departmentCode: '434', fiscalYear: 2024 });
    expect(mapped).toEqual({
      ok: true,
      event: {
        eventId: 'imp-pay-434-2024-ZF2024-0002',
        type: 'PaymentMade',
        fiscalYear: 2024,
        departmentCode: '434',
        occurredOn: '2024-04-01',
        source: 'treasury-import',
        data: { lineId: '434001-2010350-GENERAL_BUDGET-PROJECT-P2024001', amount: '100000.00', economicCode: '30299', economicName: '其他商品和服务支出', payee: '某科技公司', method: 'AUTHORIZED' },
      },
    });
  });

  it('gives every reason a row is refused, in Chinese', () => {
    const { header } = resolveHeader(paymentHeader, 'payment', DEFAULT_MAPPING);
    const row = ['ZF-9', '434001', '201', '302', '预算外资金', '项目支出', '', '12a.5', '2024-13-01', '', ''];
    expect(mapRow(row, header, DEFAULT_MAPPING, { departmentCode: '434', fiscalYear: 2024 })).toEqual({
      ok: false,
      reasons: [
        '日期「2024-13-01」不是有效的日期',
        '金额「12a.5」不是有效的数字',
        '功能分类科目「201」须以 7 位项级科目编码开头（如 2010301 行政运行）',
        expect.stringMatching(/^资金性质「预算外资金」无法识别/),
        '支出类型为项目支出时须填写项目代码',
        '经济分类科目「302」须以 5 位款级编码（如 30201 办公费）开头',
      ],
    });
  });

  it('asks for the department when neither --dept nor a 部门编码 column gives it', () => {
    const { header } = resolveHeader(paymentHeader, 'payment', DEFAULT_MAPPING);
    const row = ['ZF-1', '434001', '2010301', '30201', '一般公共预算', '基本支出', '', '10', '2024-04-01', '', ''];
    expect(mapRow(row, header, DEFAULT_MAPPING, {})).toEqual({ ok: false, reasons: ['缺少部门编码：请用 --dept 指定，或在表中提供「部门编码」列'] });
  });

  it('skips 合计 rows and empty rows', () => {
    expect(isSkippableRow(['合计', '', '1700000.5'])).toBe(true);
    expect(isSkippableRow(['', '  ', ''])).toBe(true);
    expect(isSkippableRow(['ZF-1', '434001'])).toBe(false);
  });

  it('merges a mapping file over the defaults (another system\'s column names) and refuses a malformed one', () => {
    const merged = mergeMapping(DEFAULT_MAPPING, { payment: { columns: { voucherNo: ['凭证流水号'] } }, amountUnit: 'wan' });
    expect(merged.payment.columns.voucherNo).toEqual(['凭证流水号']);
    expect(merged.payment.columns.payee).toEqual(DEFAULT_MAPPING.payment.columns.payee);
    expect(merged.amountUnit).toBe('wan');
    expect(() => mergeMapping(DEFAULT_MAPPING, { amountUnit: 'fen', lineKey: 'unit' })).toThrow(new MappingError('映射文件有误：amountUnit 须为 "yuan" 或 "wan"；lineKey 须为字段名列表'));
  });
});

describe('budget: Chinese command line', () => {
  it('translates commander errors', () => {
    expect(chineseError("error: unknown option '--fromat'\n(Did you mean --format?)\n")).toBe('错误：未知选项「--fromat」\n（是否想输入 --format？）\n');
    expect(chineseError("error: option '--format <格式>' argument 'pdf' is invalid. Allowed choices are json, csv.\n")).toBe('错误：选项「--format <格式>」的取值「pdf」无效：可选值：json, csv\n');
    expect(chineseError("error: required option '--dept <部门编码>' not specified\n")).toBe('错误：必须指定选项「--dept <部门编码>」\n');
  });

  it('measures CJK text as two columns wide, so help columns line up', () => {
    expect(displayWidth('--dept <部门编码>')).toBe(17);
  });

  it('writes rejection fields as CSV, quoting and neutralising formula-like text', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-12.5')).toBe('-12.5');
  });
});
