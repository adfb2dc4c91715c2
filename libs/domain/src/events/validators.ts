import { registerDecorator, ValidationOptions, ValidationArguments } from 'class-validator';
import { isAmountInRange, isAmountString, parseYuan } from '../money';

/**
 * Custom class-validator decorators for the formats of SPEC §1 and §10.
 */

export interface AmountRule {
  /** Only `AppropriationAdjusted.amount` may be negative (SPEC §10). */
  allowNegative?: boolean;
  /** Zero amounts are structural errors for money events; carry-forward and declared rows may be 0. */
  allowZero?: boolean;
}

export function IsAmount(rule: AmountRule = {}, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAmount',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown) {
          if (!isAmountString(value) || !isAmountInRange(value)) return false;
          const fen = parseYuan(value);
          if (fen === 0n) return !!rule.allowZero;
          if (fen < 0n) return !!rule.allowNegative;
          return true;
        },
        defaultMessage(args: ValidationArguments) {
          const kind = rule.allowNegative ? 'a non-zero signed' : rule.allowZero ? 'a non-negative' : 'a positive';
          return `${args.property} must be ${kind} amount in 元 as a JSON string with at most 2 decimals (e.g. "1234.56"), got ${describe(args.value)}`;
        },
      },
    });
}

/** A plain decimal string such as "95", "2.5" or "-3" (indicator targets, weights, percents). */
export const DECIMAL_PATTERN = /^-?[0-9]{1,15}(\.[0-9]{1,6})?$/;

export function IsDecimalString(opts: { min?: number; max?: number } = {}, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimalString',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) return false;
          // Bounds are small integers (0, 100); comparing the decimal string's sign and integer part is exact.
          if (opts.min !== undefined && compareDecimal(value, opts.min) < 0) return false;
          if (opts.max !== undefined && compareDecimal(value, opts.max) > 0) return false;
          return true;
        },
        defaultMessage(args: ValidationArguments) {
          const range = opts.min !== undefined || opts.max !== undefined ? ` between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}` : '';
          return `${args.property} must be a decimal number as a JSON string${range}, got ${describe(args.value)}`;
        },
      },
    });
}

/** Exact comparison of a decimal string with an integer bound. */
export function compareDecimal(value: string, bound: number): number {
  return compareDecimalStrings(value, String(bound));
}

/** Exact comparison of two decimal strings of at most 6 decimals (no float). */
export function compareDecimalStrings(a: string, b: string): number {
  const x = scaleDecimal(a);
  const y = scaleDecimal(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function scaleDecimal(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, frac = ''] = (negative ? value.slice(1) : value).split('.');
  const scaled = BigInt(whole) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
  return negative ? -scaled : scaled;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number') return `the JSON number ${value}`;
  return typeof value === 'object' ? (Array.isArray(value) ? 'an array' : value === null ? 'null' : 'an object') : String(value);
}
