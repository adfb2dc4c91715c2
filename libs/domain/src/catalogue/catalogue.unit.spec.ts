import { catalogue } from './catalogue';

describe('classification catalogue (SPEC §1)', () => {
  it('names the codes of the seed documents, by year', () => {
    expect(catalogue.functionName('2010301', 2023)).toBe('行政运行');
    expect(catalogue.functionName('20103', 2023)).toBe('政府办公厅（室）及相关机构事务');
    expect(catalogue.functionName('201', 2024)).toBe('一般公共服务支出');
    expect(catalogue.functionName('2210201', 2023)).toBe('住房公积金');
    expect(catalogue.economicName('30212', 2023)).toBe('因公出国（境）费用');
    expect(catalogue.economicName('31013', 2023)).toBe('公务用车购置');
    expect(catalogue.economicName('30231', 2024)).toBe('公务用车运行维护费');
    expect(catalogue.economicName('30217', 2024)).toBe('公务接待费');
  });

  it('names every code the seeds print as printed (brackets made full-width)', () => {
    // seed 000 (2023 决算, 公开02/05/06表)
    expect(catalogue.functionName('2030608', 2023)).toBe('边海防');
    expect(catalogue.functionName('2060599', 2023)).toBe('其他科技条件与服务支出');
    expect(catalogue.functionName('2080599', 2023)).toBe('其他行政事业单位养老支出');
    expect(catalogue.functionName('2080505', 2023)).toBe('机关事业单位基本养老保险缴费支出');
    expect(catalogue.economicName('30303', 2023)).toBe('退职（役）费'); // printed 退职(役)费
    expect(catalogue.economicName('39908', 2023)).toBe('对民间非营利组织和群众性自治组织补贴');
    // seed 004 (2023 预算) and seed 001 (2024 预算)
    expect(catalogue.functionName('2101102', 2023)).toBe('事业单位医疗');
    expect(catalogue.functionName('2080501', 2024)).toBe('行政单位离退休');
    expect(catalogue.functionName('21011', 2024)).toBe('行政事业单位医疗');
  });

  it('has its own 2025 version, repeating 2024 (no 2025 source: README)', () => {
    for (const table of [catalogue.functions, catalogue.economics]) {
      expect(Object.fromEntries(table.forYear(2025))).toEqual(Object.fromEntries(table.forYear(2024)));
      expect(table.forYear(2025)).not.toBe(table.forYear(2024));
    }
    expect(catalogue.functionName('2010301', 2025)).toBe('行政运行');
    expect(catalogue.economicName('30231', 2025)).toBe('公务用车运行维护费');
  });

  it('uses the newest version at or before the fiscal year, and the oldest before that', () => {
    expect(catalogue.functionName('2010301', 2031)).toBe('行政运行');
    expect(catalogue.functionName('2010301', 2001)).toBe('行政运行');
  });

  it('knows a function code by its 类 and an economic code exactly', () => {
    expect(catalogue.isKnownFunctionCode('2130599', 2023)).toBe(true);
    expect(catalogue.isKnownFunctionCode('9990101', 2023)).toBe(false);
    expect(catalogue.isKnownEconomicCode('30201', 2023)).toBe(true);
    expect(catalogue.isKnownEconomicCode('30298', 2023)).toBe(false);
  });

  it('has a parent 类 for every 款 and 项, and a 款 for every 项, in every version', () => {
    for (const table of [catalogue.functions, catalogue.economics]) {
      for (const year of [2023, 2024, 2025]) {
        const codes = table.forYear(year);
        for (const code of codes.keys()) expect([code, codes.has(code.slice(0, 3))]).toEqual([code, true]);
        for (const code of [...codes.keys()].filter((c) => c.length === 7)) expect([code, codes.has(code.slice(0, 5))]).toEqual([code, true]);
      }
    }
  });
});
