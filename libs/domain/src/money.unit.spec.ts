import { formatWan, formatYuan, parseYuan, percent } from './money';

describe('money in 分 (SPEC §1)', () => {
  it.each([
    ['1234.5', 123450n],
    ['1234.56', 123456n],
    ['0.01', 1n],
    ['-20', -2000n],
    ['7478000', 747800000n],
  ])('parses %s 元 exactly', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['1.234', '1e3', ' 12', '12.', '.5', '+5', '1,000', ''])('refuses %p', (text) => expect(() => parseYuan(text)).toThrow());

  it('writes two decimals', () => {
    expect(formatYuan(123450n)).toBe('1234.50');
    expect(formatYuan(-5n)).toBe('-0.05');
    expect(formatYuan(0n)).toBe('0.00');
  });

  it('adds 0.1 + 0.2 without float error', () => {
    expect(formatYuan(parseYuan('0.1') + parseYuan('0.2'))).toBe('0.30');
  });

  it('rounds 万元 half-up: 7 478 049.99 元 → 747.80, 26 865 元 → 2.69 (seed 000 variance 26.87万元 rounds from 268 650)', () => {
    expect(formatWan(parseYuan('7478049.99'))).toBe('747.80');
    expect(formatWan(parseYuan('7478050'))).toBe('747.81');
    expect(formatWan(parseYuan('268650'))).toBe('26.87');
    expect(formatWan(parseYuan('-268650'))).toBe('-26.87');
  });

  it('computes rates once, half-up, null for a zero denominator', () => {
    expect(percent(parseYuan('26.87'), parseYuan('720.93'))).toBe('3.73');
    expect(percent(1n, 3n)).toBe('33.33');
    expect(percent(2n, 3n)).toBe('66.67');
    expect(percent(1n, 0n)).toBeNull();
  });
});
