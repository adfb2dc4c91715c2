import { formatWan as domainWan, formatYuan as domainYuan, parseYuan } from '@app/domain';
import fc from 'fast-check';
import { fenToWanHundredths, formatFen, formatSigned, formatWan, formatYuan, sumDecimals, wanForChart, yuanToFen } from '../apps/web/src/money';

/** The dashboard's money display (issue 6): 元 strings → 万元 on BigInt 分, half away from zero, thousands separators. */
describe('dashboard money formatting', () => {
  it('writes 万元 with two decimals and thousands separators', () => {
    expect(formatWan('5334000.00')).toBe('533.40');
    expect(formatWan('123456789.99')).toBe('12,345.68');
    expect(formatWan('1790000')).toBe('179.00');
    expect(formatWan('0.00')).toBe('0.00');
    expect(formatWan('49.99')).toBe('0.00');
    expect(formatWan('50')).toBe('0.01'); // exactly half of 0.01 万元 rounds up
    expect(formatWan('-50')).toBe('-0.01'); // and away from zero below 0
    expect(formatWan('-49.99')).toBe('0.00'); // no "-0.00"
    expect(formatWan('99999999999999999.99')).toBe('10,000,000,000,000.00');
    expect(formatWan('99999999999999949.99')).toBe('9,999,999,999,999.99');
    expect(formatWan('1000000000000000000000.01')).toBe('100,000,000,000,000,000.00');
  });

  it('does not suffer float error where a float would', () => {
    // 0.15 万元 = 1 500 元; 1 005 元 = 0.1005 万元 → 0.10; 1 015 元 → 0.10 (floats give 0.1015 → 0.10/0.11 by luck)
    expect(formatWan('1005')).toBe('0.10');
    expect(formatWan('1050')).toBe('0.11');
    expect(formatWan('10049.99')).toBe('1.00');
    expect(formatWan('10050.00')).toBe('1.01');
    expect(formatWan('90071992547409.93')).toBe('9,007,199,254.74'); // beyond 2^53 分
  });

  it('writes 元 with separators and refuses what is not an amount', () => {
    expect(formatYuan('1234567.8')).toBe('1,234,567.80');
    expect(formatYuan('-0.5')).toBe('-0.50');
    expect(formatYuan('12')).toBe('12.00');
    for (const bad of ['', 'abc', '1.234', '1e5', '１２', null, undefined, '0x10']) {
      expect(formatWan(bad as string)).toBe('—');
      expect(yuanToFen(bad as string)).toBeNull();
    }
    expect(formatFen(-12345n)).toBe('-123.45');
  });

  it('agrees with the server formatter (decimal.js) on every amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), (fen) => {
        const yuan = domainYuan(fen);
        expect(formatWan(yuan).replace(/,/g, '')).toBe(domainWan(parseYuan(yuan)).replace(/^-0\.00$/, '0.00'));
        expect(formatYuan(yuan).replace(/,/g, '')).toBe(yuan);
        expect(fenToWanHundredths(fen)).toBe(BigInt(domainWan(fen).replace('.', '')));
      }),
      { numRuns: 2000 },
    );
  });

  it('sums decimal strings exactly, signs gaps, and gives charts a number', () => {
    expect(sumDecimals(['0.10', '0.20', '0.3'])).toBe('0.60');
    expect(sumDecimals(['1000000000000000.01', '-0.02', null])).toBe('999999999999999.99');
    expect(formatSigned('-1.99')).toBe('−1.99');
    expect(formatSigned('0.73')).toBe('+0.73');
    expect(formatSigned('0.00')).toBe('0.00');
    expect(formatSigned(null)).toBe('—');
    expect(wanForChart('5334000.00')).toBe(533.4);
  });
});
