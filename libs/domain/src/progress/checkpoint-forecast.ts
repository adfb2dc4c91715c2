import { dayOfYear, daysInMonth, parseBusinessDate } from '../dates';
import type { PlanCheckpoint } from '../events/event-types';
import { formatYuan, type Fen } from '../money';
import { plannedPercentAt } from './disbursement-plan';
import { Rational } from './rational';

/**
 * Next-checkpoint forecast (issue 11, SPEC §6 绩效监控 and §12 overview): "at the current pace, will this project meet
 * the 用款计划's next checkpoint?" — told early, e.g. on 31 March, that the 30 June 40 % will be missed.
 *
 * Current pace = the average daily payment so far: paid ÷ t(asOf) (days elapsed since 1 January, SPEC §10 day
 * arithmetic). Continued to the checkpoint, the forecast paid at its date is paid × t(checkpoint) / t(asOf) —
 * e.g. 150 000 paid by 31 March (t = 90), checkpoint 30 June (t = 181): 150 000 / 90 × 181 = 301 666.67.
 * The checkpoint is met when that forecast reaches the plan's cumulative share of the budget (compared exactly);
 * the shortfall is the money that must be paid on top of the pace to meet it. Every figure is exact and rounded once
 * (元 to the 分, rates half-up to 2 decimals).
 */
export interface CheckpointForecast {
  /** The checkpoint's month; it falls at the end of that month's last day. */
  month: number;
  /** The checkpoint's date (`YYYY-MM-DD`, the month's last day). */
  date: string;
  /** The plan's cumulative percent at the checkpoint (budget-weighted over lines whose plans differ), 2 decimals. */
  cumulativePercent: string;
  /** budget × cumulativePercent: what must have been paid by the checkpoint. */
  requiredPaid: string;
  /** paid × t(checkpoint) / t(asOf): what will have been paid at the current pace. */
  forecastPaid: string;
  /** forecastPaid / budget × 100. */
  forecastRate: string;
  willMeet: boolean;
  /** requiredPaid − forecastPaid when the checkpoint will be missed, else "0.00". */
  shortfall: string;
}

/** A line (or a group sharing one plan): its budget and paid at asOf and the plan curve in force at asOf. */
export interface PlannedAmounts {
  budget: Fen;
  paid: Fen;
  checkpoints: readonly PlanCheckpoint[];
}

/** How the forecast is computed, for the reader of a report. */
export const CHECKPOINT_FORECAST_METHOD =
  '按当前支出节奏预测：下一检查点预计支出 = 截至报告日已支出 ÷ 报告日在年内的天数 × 检查点在年内的天数；预计支出达到用款计划要求（预算 × 检查点累计比例）即为能完成';

/**
 * The forecast at the next checkpoint after `asOf` (strictly later: on 30 June the next is the one after June) of a
 * group of lines, each with the plan in force for it. Lines with different plans: the next checkpoint is the
 * earliest one of any line with a budget, and the required share is the budget-weighted planned percent of all lines
 * at that date (SPEC §5's group plannedRate). Null when asOf is null (a whole-year read), outside the fiscal year,
 * the budget is 0, or no checkpoint remains.
 */
export function forecastNextCheckpoint(lines: readonly PlannedAmounts[], fiscalYear: number, asOf: string | null): CheckpointForecast | null {
  if (asOf === null) return null;
  const asOfDate = parseBusinessDate(asOf);
  if (asOfDate === null) throw new Error(`invalid asOf ${asOf}`);
  if (asOfDate.year !== fiscalYear) return null;
  let budget = 0n;
  let paid = 0n;
  for (const line of lines) {
    budget += line.budget;
    paid += line.paid;
  }
  if (budget <= 0n) return null;

  const tAsOf = dayOfYear(asOfDate);
  const monthEnd = (month: number) => ({ year: fiscalYear, month, day: daysInMonth(fiscalYear, month) });
  let month: number | null = null;
  for (const line of lines) {
    if (line.budget === 0n) continue;
    const next = line.checkpoints.find((c) => dayOfYear(monthEnd(c.month)) > tAsOf);
    if (next && (month === null || next.month < month)) month = next.month;
  }
  if (month === null) return null;

  const checkpointDate = monthEnd(month);
  const tCheckpoint = BigInt(dayOfYear(checkpointDate));
  // Σ budget × planned% / 100: the money the plans expect paid by the checkpoint.
  let required = Rational.ZERO;
  for (const line of lines) required = required.add(new Rational(line.budget).mul(plannedPercentAt(line.checkpoints, checkpointDate)).div(new Rational(100n)));
  const forecast = new Rational(paid * tCheckpoint, BigInt(tAsOf));
  const budgetR = new Rational(budget);
  const willMeet = forecast.compare(required) >= 0;
  return {
    month,
    date: `${fiscalYear}-${String(month).padStart(2, '0')}-${String(checkpointDate.day).padStart(2, '0')}`,
    cumulativePercent: required.mul(new Rational(100n)).div(budgetR).toFixed2(),
    requiredPaid: formatYuan(required.round()),
    forecastPaid: formatYuan(forecast.round()),
    forecastRate: forecast.mul(new Rational(100n)).div(budgetR).toFixed2(),
    willMeet,
    shortfall: willMeet ? '0.00' : formatYuan(required.sub(forecast).round()),
  };
}
