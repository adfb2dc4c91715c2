import { buildFinalAccounts, type LineFacts } from '../final-accounts/final-accounts-tables';
import { parseYuan } from '../money';
import { catalogue } from './catalogue';
import { codeNameResolver, codeNamesCheck, codesInTables, NO_EVENT_CODE_NAMES, type EventCodeNames } from './code-names';

const names = (fn: Record<string, string>, eco: Record<string, string> = {}): EventCodeNames => ({ function: new Map(Object.entries(fn)), economic: new Map(Object.entries(eco)) });

describe('code names (SPEC §11: catalogue first, then the name the event carried)', () => {
  it('keeps the catalogue name even when an event carried another', () => {
    const r = codeNameResolver(catalogue, 2023, names({ '2010301': '办公室运行' }, { '30201': '办公用品' }));
    expect(r.functionName('2010301')).toBe('行政运行');
    expect(r.functionName('20103')).toBe('政府办公厅（室）及相关机构事务');
    expect(r.economicName('30201')).toBe('办公费');
    expect(r.missing()).toEqual({ function: [], economic: [] });
  });

  it('names a 项 the catalogue lacks from its event, and lists a code nobody named once', () => {
    const r = codeNameResolver(catalogue, 2023, names({ '2129999': '其他城乡社区支出测试' }));
    expect(r.functionName('2129999')).toBe('其他城乡社区支出测试');
    expect(r.functionName('21299')).toBe('其他城乡社区支出');
    expect(r.functionName('2240199')).toBeUndefined();
    expect(r.functionName('2240199')).toBeUndefined();
    expect(r.functionName('2120199')).toBeUndefined();
    expect(r.missing()).toEqual({ function: ['2120199', '2240199'], economic: [] });
  });

  it('names an economic code from its event when the catalogue has none', () => {
    const r = codeNameResolver(catalogue, 2024, names({}, { '39999': '不会用到', '30298': '自定义经济科目' }));
    expect(r.economicName('30298')).toBe('自定义经济科目');
    expect(r.economicName('39999')).toBe('其他支出');
    expect(r.economicName('30297')).toBeUndefined();
    expect(r.missing().economic).toEqual(['30297']);
  });
});

describe('CODE_NAMES check', () => {
  // 一般公共预算 项目 line on 2129999 (not in the catalogue) paying 30201 50 元, and a 基本 line on 2010301 paying 30101 100 元.
  const line = (functionCode: string, expenditureKind: 'BASIC' | 'PROJECT', paid: Record<string, string>): LineFacts => ({
    functionCode,
    economicCode: null,
    fundSource: 'GENERAL_BUDGET',
    expenditureKind,
    budget: parseYuan('1000'),
    carriedIn: 0n,
    carriedForward: null,
    lapsed: null,
    paidByEconomic: new Map(Object.entries(paid).map(([c, a]) => [c, parseYuan(a)])),
  });
  const tables = buildFinalAccounts({ closed: false, lines: [line('2129999', 'PROJECT', { '30201': '50' }), line('2010301', 'BASIC', { '30101': '100' })], income: [] });

  it('looks at every printed code of the function tables and 06', () => {
    expect(codesInTables(tables)).toEqual({ function: ['201', '20103', '2010301', '212', '21299', '2129999'], economic: ['301', '30101'] });
  });

  it('fails and names the code without a name', () => {
    const check = codeNamesCheck(tables, codeNameResolver(catalogue, 2023, NO_EVENT_CODE_NAMES));
    expect(check).toEqual({
      rule: 'CODE_NAMES',
      passed: false,
      expected: 0n,
      actual: 0n,
      detail: '以下科目编码缺少名称（请在事件中提供 functionName/economicName）：2129999',
    });
  });

  it('passes once an event named it', () => {
    const check = codeNamesCheck(tables, codeNameResolver(catalogue, 2023, names({ '2129999': '其他城乡社区支出测试' })));
    expect(check).toMatchObject({ rule: 'CODE_NAMES', passed: true, detail: '决算表中的 8 个科目编码均有名称' });
  });
});
