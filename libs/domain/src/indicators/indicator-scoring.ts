import type { Comparator } from '../codes';
import type { IndicatorDefined, IndicatorMeasured, IndicatorScored, LedgerEvent } from '../events/event-types';
import { Rational } from '../progress/rational';
import { DECIMAL_PATTERN } from '../events/validators';

/**
 * 绩效指标 completion and scoring (SPEC §6, §10). Completion is a percent capped at 100 (and never below 0):
 * GTE actual/target; LTE 100 when actual ≤ target, else target/actual; EQ 100 when equal, else 0; BOOL 100 when
 * "true"; QUALITATIVE score/weight, from the manual IndicatorScored only. score = weight × completion / 100
 * (QUALITATIVE: the manual score). Unmeasured → completion and score null and no deviation.
 */
export interface IndicatorProgress {
  indicatorId: string;
  projectCode: string;
  level1: string;
  level2: string;
  name: string;
  comparator: Comparator;
  target: string;
  unit: string | null;
  weight: string;
  actual: string | null;
  manualScore: string | null;
}

export interface IndicatorResult extends Omit<IndicatorProgress, 'projectCode' | 'manualScore'> {
  completionRate: string | null;
  score: string | null;
  /** Completion below 100 %: the item needs a 偏差原因 and 改进措施. */
  deviation: boolean;
}

const HUNDRED = new Rational(100n);

function clamp(percent: Rational): Rational {
  if (percent.compare(HUNDRED) > 0) return HUNDRED;
  if (percent.compare(Rational.ZERO) < 0) return Rational.ZERO;
  return percent;
}

/** The exact completion percent, or null when the indicator is not measured (or scored, for QUALITATIVE). */
export function completion(indicator: IndicatorProgress): Rational | null {
  if (indicator.comparator === 'QUALITATIVE') {
    if (indicator.manualScore === null) return null;
    const weight = Rational.parse(indicator.weight);
    return weight.n === 0n ? null : clamp(Rational.parse(indicator.manualScore).mul(HUNDRED).div(weight));
  }
  if (indicator.actual === null) return null;
  if (indicator.comparator === 'BOOL') return indicator.actual === 'true' ? HUNDRED : Rational.ZERO;
  // A measurement taken under an earlier BOOL/QUALITATIVE definition is no number: not scored until re-measured.
  if (!DECIMAL_PATTERN.test(indicator.actual) || !DECIMAL_PATTERN.test(indicator.target)) return null;
  const actual = Rational.parse(indicator.actual);
  const target = Rational.parse(indicator.target);
  switch (indicator.comparator) {
    case 'GTE':
      if (target.compare(Rational.ZERO) <= 0) return actual.compare(target) >= 0 ? HUNDRED : Rational.ZERO;
      return clamp(actual.mul(HUNDRED).div(target));
    case 'LTE':
      if (actual.compare(target) <= 0) return HUNDRED;
      return actual.compare(Rational.ZERO) <= 0 ? Rational.ZERO : clamp(target.mul(HUNDRED).div(actual));
    case 'EQ':
      return actual.compare(target) === 0 ? HUNDRED : Rational.ZERO;
  }
}

export function scoreIndicator(indicator: IndicatorProgress): IndicatorResult {
  const rate = completion(indicator);
  const score =
    indicator.comparator === 'QUALITATIVE'
      ? indicator.manualScore === null
        ? null
        : Rational.parse(indicator.manualScore).toFixed2()
      : rate === null
        ? null
        : Rational.parse(indicator.weight).mul(rate).div(HUNDRED).toFixed2();
  const { projectCode: _project, manualScore: _manual, ...definition } = indicator;
  return {
    ...definition,
    completionRate: rate === null ? null : rate.toFixed2(),
    score,
    deviation: rate !== null && rate.compare(HUNDRED) < 0,
  };
}

/** The 10-point 预算执行率 line of the self-evaluation table: 10 × min(executionRate, 100) / 100 (SPEC §6). */
export function executionScore(paidFen: bigint, budgetFen: bigint): string | null {
  if (budgetFen === 0n) return null;
  const rate = new Rational(paidFen * 100n, budgetFen);
  const capped = rate.compare(HUNDRED) > 0 ? HUNDRED : rate.compare(Rational.ZERO) < 0 ? Rational.ZERO : rate;
  return capped.mul(new Rational(10n)).div(HUNDRED).toFixed2();
}

type IndicatorEvent = IndicatorDefined | IndicatorMeasured | IndicatorScored;

export function isIndicatorEvent(event: LedgerEvent): event is IndicatorEvent {
  return event.type === 'IndicatorDefined' || event.type === 'IndicatorMeasured' || event.type === 'IndicatorScored';
}

/**
 * Folds a department-year's indicator events (already filtered to occurredOn ≤ asOf, in processing order): a
 * redefinition replaces the definition and keeps the measurements; the latest measurement and manual score by
 * occurredOn win, ties going to the later processed (SPEC §10).
 */
export function foldIndicators(events: readonly IndicatorEvent[]): IndicatorProgress[] {
  const states = new Map<string, IndicatorProgress>();
  const measured = new Map<string, { on: string; actual: string }>();
  const scored = new Map<string, { on: string; score: string }>();
  for (const e of events) {
    const id = e.data.indicatorId;
    if (e.type === 'IndicatorDefined') {
      states.set(id, {
        indicatorId: id,
        projectCode: e.data.projectCode,
        level1: e.data.level1,
        level2: e.data.level2,
        name: e.data.name,
        comparator: e.data.comparator,
        target: e.data.target,
        unit: e.data.unit ?? null,
        weight: e.data.weight,
        actual: null,
        manualScore: null,
      });
    } else if (e.type === 'IndicatorMeasured') {
      if (!measured.has(id) || e.occurredOn >= measured.get(id)!.on) measured.set(id, { on: e.occurredOn, actual: e.data.actual });
    } else if (!scored.has(id) || e.occurredOn >= scored.get(id)!.on) {
      scored.set(id, { on: e.occurredOn, score: e.data.score });
    }
  }
  return [...states.values()].map((s) => ({ ...s, actual: measured.get(s.indicatorId)?.actual ?? null, manualScore: scored.get(s.indicatorId)?.score ?? null }));
}
