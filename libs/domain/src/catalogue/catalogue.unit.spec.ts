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

  it('has a parent 类 for every 款 and 项 of every version', () => {
    for (const table of [catalogue.functions, catalogue.economics]) {
      for (const year of [2023, 2024]) {
        const codes = table.forYear(year);
        for (const code of codes.keys()) expect([code, codes.has(code.slice(0, 3))]).toEqual([code, true]);
      }
    }
  });
});
