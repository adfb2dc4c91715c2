import { dayOfYear, daysInYear, type BusinessDate } from '../dates';
import { formatYuan, type Fen } from '../money';
import { Rational } from './rational';

/**
 * Execution progress of a group of lines (SPEC §5, §10): 执行率 = paid / budget, the budget-weighted planned rate,
 * 序时进度, the gap and its status. Every rate is computed exactly and rounded once, half-up, to two decimals.
 */
export type ProgressStatus = 'ON_TRACK' | 'WARNING' | 'ALERT' | 'OVERSPENT';

export interface ProgressThresholds {
  /** A gap below 0 down to −warningGap is WARNING; below −warningGap is ALERT (SPEC §5 default 10). */
  warningGap: string;
}
export const DEFAULT_THRESHOLDS: ProgressThresholds = { warningGap: '10' };

export interface LineFigures {
  budget: Fen;
  paid: Fen;
  /** The line's planned cumulative percent at the date (exact). */
  planned: Rational;
}

export interface GroupFigures {
  budget: string;
  paid: string;
  executionRate: string | null;
  plannedRate: string | null;
  gap: string | null;
  status: ProgressStatus | null;
}


/** Σ budget, Σ paid and the budget-weighted planned percent (null when the budget is 0) of a group of lines. */
export function groupTotals(lines: readonly LineFigures[]): { budget: Fen; paid: Fen; planned: Rational | null } {
  let budget = 0n;
  let paid = 0n;
  let weighted = Rational.ZERO;
  for (const line of lines) {
    budget += line.budget;
    paid += line.paid;
    weighted = weighted.add(line.planned.mul(new Rational(line.budget)));
  }
  return { budget, paid, planned: budget === 0n ? null : weighted.div(new Rational(budget)) };
}

export function groupFigures(lines: readonly LineFigures[], thresholds: ProgressThresholds = DEFAULT_THRESHOLDS): GroupFigures {
  const { budget, paid, planned: plannedExact } = groupTotals(lines);
  const figures = { budget: formatYuan(budget), paid: formatYuan(paid) };
  if (budget === 0n) {
    // A zero denominator has no rate (SPEC §1); money paid without budget is still overspending.
    return { ...figures, executionRate: null, plannedRate: null, gap: null, status: paid > 0n ? 'OVERSPENT' : null };
  }
  const execution = new Rational(paid * 100n, budget);
  const planned = plannedExact!;
  const gap = execution.sub(planned).toFixed2();
  return {
    ...figures,
    executionRate: execution.toFixed2(),
    plannedRate: planned.toFixed2(),
    gap,
    status: statusOf(budget, paid, gap, thresholds),
  };
}

/** OVERSPENT (paid > budget) takes precedence; otherwise by the gap as shown (rounded), so status and figure agree. */
export function statusOf(budget: Fen, paid: Fen, gap: string, thresholds: ProgressThresholds): ProgressStatus {
  if (paid > budget) return 'OVERSPENT';
  const g = Rational.parse(gap);
  if (g.compare(Rational.ZERO) >= 0) return 'ON_TRACK';
  return g.compare(Rational.parse(`-${thresholds.warningGap}`)) >= 0 ? 'WARNING' : 'ALERT';
}

/** 序时进度 = t(date) / days in the year × 100 (SPEC §10). */
export function timeProgress(date: BusinessDate): string {
  return new Rational(BigInt(dayOfYear(date)) * 100n, BigInt(daysInYear(date.year))).toFixed2();
}


export interface YearEndForecast {
  /** How the figure is computed, for the report's reader. */
  method: string;
  paid: string | null;
  executionRate: string | null;
}

export const FORECAST_METHOD = '按用款计划曲线外推：年末预计执行率 = 当前执行率 ÷ 当前计划进度 × 100%（保持当前相对于计划的支出节奏）';

/**
 * Year-end execution forecast for 绩效监控 (SPEC §6): keep the group's pace relative to its plan — if by now it has
 * paid 30 % against a planned 40 %, it ends the year at 30 / 40 = 75 %. No forecast before the plan expects anything.
 */
export function forecastYearEnd(lines: readonly LineFigures[]): YearEndForecast {
  const { budget, paid, planned } = groupTotals(lines);
  if (budget === 0n || planned === null || planned.compare(Rational.ZERO) <= 0) return { method: FORECAST_METHOD, paid: null, executionRate: null };
  const rate = new Rational(paid * 100n, budget).mul(new Rational(100n)).div(planned);
  const forecastPaidFen = new Rational(paid * 100n).div(planned).round();
  return { method: FORECAST_METHOD, paid: formatYuan(forecastPaidFen), executionRate: rate.toFixed2() };
}
