import { dayOfYear, daysInMonth, type BusinessDate } from '../dates';
import type { PlanCheckpoint, PlanScope } from '../events/event-types';
import { Rational } from './rational';

/**
 * 用款计划 (SPEC §2 DisbursementPlanSet, §5, §10): the cumulative share of a budget planned to be paid by a date.
 * The curve is linear in the day of the year t between (0, 0 %) and each checkpoint at (t of the last day of its
 * month, cumulativePercent): under the default plan 31 March is exactly 20 %.
 */
export const DEFAULT_PLAN: readonly PlanCheckpoint[] = [
  { month: 3, cumulativePercent: '20' },
  { month: 6, cumulativePercent: '40' },
  { month: 10, cumulativePercent: '60' },
  { month: 12, cumulativePercent: '100' },
];

/**
 * Regional presets for the plan used where a department set none. MOF: the national 3/6/10/12 checkpoints.
 * JUNE_SEPT_NOV: the half-year / three-quarter / November checkpoints several provinces use (50 %, 75 %, 90 %).
 * LINEAR: 序时进度 itself — a single checkpoint at 12月 100 % makes the curve t / days × 100.
 */
export const PLAN_PRESETS = {
  MOF: DEFAULT_PLAN,
  JUNE_SEPT_NOV: [
    { month: 6, cumulativePercent: '50' },
    { month: 9, cumulativePercent: '75' },
    { month: 11, cumulativePercent: '90' },
    { month: 12, cumulativePercent: '100' },
  ],
  LINEAR: [{ month: 12, cumulativePercent: '100' }],
} as const satisfies Record<string, readonly PlanCheckpoint[]>;
export type PlanPreset = keyof typeof PLAN_PRESETS;

/** The planned cumulative percent at the end of day `date` (exact). */
export function plannedPercentAt(checkpoints: readonly PlanCheckpoint[], date: BusinessDate): Rational {
  const t = BigInt(dayOfYear(date));
  let previousT = 0n;
  let previousPercent = Rational.ZERO;
  for (const checkpoint of checkpoints) {
    const checkpointT = BigInt(dayOfYear({ year: date.year, month: checkpoint.month, day: daysInMonth(date.year, checkpoint.month) }));
    const percent = Rational.parse(checkpoint.cumulativePercent);
    if (t <= checkpointT) {
      // previous + (percent − previous) × (t − previousT) / (checkpointT − previousT)
      return previousPercent.add(percent.sub(previousPercent).mul(new Rational(t - previousT, checkpointT - previousT)));
    }
    previousT = checkpointT;
    previousPercent = percent;
  }
  return previousPercent;
}

/** A plan as set by an event: its scope, its date and its place in processing order. */
export interface PlanVersion {
  scope: PlanScope;
  occurredOn: string;
  position: bigint;
  checkpoints: readonly PlanCheckpoint[];
}

export interface PlannedLine {
  lineId: string;
  projectCode: string | null;
  unitCode: string;
}

/** How specific a scope is: line > project > unit > department (SPEC §2: the most specific scope wins). */
function specificity(scope: PlanScope, line: PlannedLine): number {
  if ('lineId' in scope) return scope.lineId === line.lineId ? 4 : -1;
  if ('projectCode' in scope) return line.projectCode !== null && scope.projectCode === line.projectCode ? 3 : -1;
  if ('unitCode' in scope) return scope.unitCode === line.unitCode ? 2 : -1;
  return 1;
}

/**
 * The checkpoints in force for a line at a date (SPEC §10): among plans with occurredOn ≤ date (all plans when
 * `date` is null), the most specific scope that has one wins; within a scope, the latest occurredOn, ties going to
 * the later processed. No plan → the region's default (the national 3月20% / 6月40% / 10月60% / 12月100%).
 */
export function planInForce(
  plans: readonly PlanVersion[],
  line: PlannedLine,
  date: string | null,
  fallback: readonly PlanCheckpoint[] = DEFAULT_PLAN,
): readonly PlanCheckpoint[] {
  let best: PlanVersion | null = null;
  let bestSpecificity = 0;
  for (const plan of plans) {
    if (date !== null && plan.occurredOn > date) continue;
    const s = specificity(plan.scope, line);
    if (s < 0 || s < bestSpecificity) continue;
    if (
      best === null ||
      s > bestSpecificity ||
      plan.occurredOn > best.occurredOn ||
      (plan.occurredOn === best.occurredOn && plan.position > best.position)
    ) {
      best = plan;
      bestSpecificity = s;
    }
  }
  return best?.checkpoints ?? fallback;
}

/** A line of a group, its budget at the report date and the checkpoints in force for it then. */
export interface LinePlan {
  lineId: string;
  budget: bigint;
  checkpoints: readonly PlanCheckpoint[];
}

/**
 * The checkpoints a group of lines is shown against (issue 11: the dashboard marks the checkpoints of the plan in
 * force, SPEC §5 / §10). Lines of a group may follow different plans; the group's planned rate is then their
 * budget-weighted mean, which has no checkpoints of its own. The group shows those of the dominant plan: the one in
 * force for the largest share of the group's budget at the report date; on equal budgets the one of more lines; then
 * the department's own plan (`departmentPlan`: its department-wide plan or the region's default), then the plan of the
 * first line by lineId. Checkpoints are equal when their months and percents are (`'50'` = `'50.00'`).
 * An empty group has none.
 */
export function dominantPlan(lines: readonly LinePlan[], departmentPlan: readonly PlanCheckpoint[]): readonly PlanCheckpoint[] {
  const keyOf = (checkpoints: readonly PlanCheckpoint[]) => checkpoints.map((c) => `${c.month}:${Rational.parse(c.cumulativePercent).toFixed2()}`).join(',');
  const departmentKey = keyOf(departmentPlan);
  const candidates = new Map<string, { checkpoints: readonly PlanCheckpoint[]; budget: bigint; lines: number; firstLine: string }>();
  for (const line of lines) {
    const key = keyOf(line.checkpoints);
    const c = candidates.get(key);
    if (!c) candidates.set(key, { checkpoints: line.checkpoints, budget: line.budget, lines: 1, firstLine: line.lineId });
    else {
      c.budget += line.budget;
      c.lines += 1;
      if (line.lineId < c.firstLine) c.firstLine = line.lineId;
    }
  }
  const ranked = [...candidates.entries()].sort(
    ([aKey, a], [bKey, b]) =>
      (a.budget === b.budget ? 0 : a.budget > b.budget ? -1 : 1) ||
      b.lines - a.lines ||
      Number(bKey === departmentKey) - Number(aKey === departmentKey) ||
      (a.firstLine < b.firstLine ? -1 : a.firstLine > b.firstLine ? 1 : 0),
  );
  return ranked[0]?.[1].checkpoints ?? [];
}

/** Plans set for the whole department (no unit, project or line in their scope). */
export function isDepartmentWide(scope: PlanScope): boolean {
  return !('lineId' in scope) && !('projectCode' in scope) && !('unitCode' in scope);
}
