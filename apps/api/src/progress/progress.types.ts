/**
 * The JSON answer of `GET …/progress` (SPEC §5): amounts are 元 strings, rates percent strings. Types only, so the
 * dashboard (apps/web) reads the same shapes the API writes.
 */
import type { GroupFigures } from '../../../../libs/domain/src/progress/execution-progress';

export type { GroupFigures };

export const GROUP_BY = ['department', 'unit', 'function', 'project', 'line'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A group's figures cumulated to the end of one month (months 1..month(asOf)). */
export interface MonthFigures {
  month: number;
  budget: string;
  paid: string;
  paidInMonth: string;
  executionRate: string | null;
  plannedRate: string | null;
}

/** A checkpoint of a 用款计划: the cumulative percent (2 decimals) planned by the end of `month`. */
export interface PlanCheckpointFigures {
  month: number;
  cumulativePercent: string;
}

export interface ProgressGroup extends GroupFigures {
  key: string;
  name: string | null;
  months: MonthFigures[];
  /**
   * The checkpoints of the 用款计划 in force at asOf (all plans without asOf) for the group, as the dashboard marks
   * them (issue 11). Lines under different plans: the dominant plan's — the one in force for the largest share of the
   * group's budget (SPEC §5, `dominantPlan` in libs/domain).
   */
  planCheckpoints: PlanCheckpointFigures[];
}

export interface ProgressReport {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  groupBy: GroupBy;
  timeProgress: string;
  /** 序时进度 at the end of each month of the year (12 entries, SPEC §10 day arithmetic): the reference line of a chart. */
  monthEndTimeProgress: string[];
  groups: ProgressGroup[];
}
