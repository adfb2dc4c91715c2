/**
 * The JSON answer of `GET /v1/overview` (SPEC §12): the finance bureau's view of every department it may read. Types
 * only, so the dashboard (apps/web) reads the same shapes the API writes.
 */
import type { CheckpointForecast } from '../../../../libs/domain/src/progress/checkpoint-forecast';
import type { GroupFigures } from '../../../../libs/domain/src/progress/execution-progress';

export type { CheckpointForecast };

/** One department: its §5 progress (as `GET …/progress?groupBy=department`), laggard counts and the next checkpoint. */
export interface OverviewDepartment extends GroupFigures {
  departmentCode: string;
  name: string | null;
  /** Projects (lines with a projectCode) that have a budget or payment by asOf. */
  projects: number;
  /** Projects whose status (SPEC §5) is ALERT / WARNING, as `GET …/progress?groupBy=project` gives them. */
  alertProjects: number;
  warningProjects: number;
  /** Whether the next 用款计划 checkpoint after asOf will be met at the current pace; null without asOf or checkpoint. */
  nextCheckpoint: CheckpointForecast | null;
}

export interface Overview {
  fiscalYear: number;
  asOf: string | null;
  /** 序时进度 at asOf (SPEC §5). */
  timeProgress: string;
  /** Sorted by gap, furthest behind first; departments without a gap (no budget) last; ties by departmentCode. */
  departments: OverviewDepartment[];
}
