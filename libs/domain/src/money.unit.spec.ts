import fc from 'fast-check';
import { formatWan, formatYuan, parseYuan, percent } from './money';

describe('money in 分 (SPEC §1)', () => {
  it.each([
    ['1234.5', 123450n],
    ['1234.56', 123456n],
    ['0.01', 1n],
    ['-20', -2000n],
    ['7478000', 747800000n],
  ])('parses %s 元 exactly', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['1.234', '1e3', ' 12', '12.', '.5', '+5', '1,000', '', '-', '1.-5', '1.5x', '99999999999999999999.x'])('refuses %p', (text) => expect(() => parseYuan(text)).toThrow());

  it('parses 20-digit sums exactly', () => {
    expect(parseYuan('12345678901234567890.12')).toBe(1234567890123456789012n);
    expect(parseYuan('-9999999999999.99')).toBe(-999999999999999n);
    expect(parseYuan('99999999999999.99')).toBe(9999999999999999n);
  });

  it('agrees with a reference parse (digits → BigInt) on any string', () => {
    const reference = (text: string): bigint | 'refused' => {
      const m = /^(-?)([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(text);
      if (!m) return 'refused';
      const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
      return m[1] ? -fen : fen;
    };
    const amountLike = fc.stringMatching(/^-?[0-9]{0,22}(\.[0-9]{0,3})?$/);
    const anyText = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' ', 'x'), maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(amountLike, anyText), (text) => {
        let actual: bigint | 'refused';
        try {
          actual = parseYuan(text);
        } catch {
          actual = 'refused';
        }
        expect(actual).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

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
