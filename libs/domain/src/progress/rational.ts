/**
 * Exact rational arithmetic on bigints, for rates that must be "computed from exact values and rounded once,
 * half-up, to 2 decimals" (SPEC §10): planned rates interpolated between checkpoints and their budget-weighted
 * means have denominators no decimal type holds exactly.
 */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new Error('zero denominator');
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(n < 0n ? -n : n, d < 0n ? -d : d) || 1n;
    this.n = (sign * n) / g;
    this.d = (sign * d) / g;
  }

  static readonly ZERO = new Rational(0n);

  /** "20", "33.5", "-1.25" → exact rational. */
  static parse(decimal: string): Rational {
    const negative = decimal.startsWith('-');
    const [whole, frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
    const n = BigInt(whole + frac) * (negative ? -1n : 1n);
    return new Rational(n, 10n ** BigInt(frac.length));
  }

  add(o: Rational): Rational {
    return new Rational(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Rational): Rational {
    return new Rational(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  mul(o: Rational): Rational {
    return new Rational(this.n * o.n, this.d * o.d);
  }

  div(o: Rational): Rational {
    return new Rational(this.n * o.d, this.d * o.n);
  }

  compare(o: Rational): number {
    const x = this.n * o.d;
    const y = o.n * this.d;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Rounded half-up (away from zero) to a whole number. */
  round(): bigint {
    const abs = this.n < 0n ? -this.n : this.n;
    const whole = (abs * 2n + this.d) / (this.d * 2n);
    return this.n < 0n ? -whole : whole;
  }

  /** Rounded half-up (away from zero) to two decimals, written with exactly two: 65.305 → "65.31", −0.005 → "-0.01". */
  toFixed2(): string {
    const negative = this.n < 0n;
    const abs = negative ? -this.n : this.n;
    const cents = (abs * 100n * 2n + this.d) / (this.d * 2n);
    const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
    return negative && cents !== 0n ? `-${text}` : text;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
