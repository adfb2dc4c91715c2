/** The shapes the dashboard reads (SPEC §4–§9); amounts are 元 strings, rates percent strings. */
export type Status = 'ON_TRACK' | 'WARNING' | 'ALERT' | 'OVERSPENT' | null;

export interface Department {
  code: string;
  name: string | null;
  fiscalYears: number[];
}

/** Execution progress (SPEC §5): the API's own answer types. */
export type { GroupBy, GroupFigures as Execution, MonthFigures as MonthPoint, ProgressGroup, ProgressReport as Progress } from '../../api/src/progress/progress.types';
import type { GroupFigures as Execution } from '../../api/src/progress/progress.types';

/** 指标 balances and payments: the API's own answer types (plain, no import). */
export type { LineBalance as Line, PaymentList as Payments, PaymentRecord as Payment } from '../../api/src/ledger/ledger-reads.types';

/** Indicator completion and scores (SPEC §6): the API's own answer types. */
export type { IndicatorResult as Indicator, ProjectIndicators as IndicatorProject } from '../../api/src/indicators/indicators.types';

export interface Deviation {
  projectCode: string;
  kind: 'EXECUTION' | 'INDICATOR' | string;
  indicatorId: string | null;
  item: string;
  expected: string;
  actual: string;
  reason: string | null;
  measures: string | null;
}

export interface MonitoringProject extends Execution {
  projectCode: string;
  projectName: string | null;
  forecast: { method: string; paid: string | null; executionRate: string | null } | null;
  executionScore: string | null;
  deviations: Deviation[];
}

export interface Monitoring {
  departmentName: string | null;
  asOf: string | null;
  timeProgress: string;
  forecastMethod: string;
  department: MonitoringProject;
  projects: MonitoringProject[];
  deviations: Deviation[];
}

export interface Check {
  rule: string;
  passed: boolean;
  expected: string | null;
  actual: string | null;
  detail: string;
}

export interface VarianceItem {
  scope: Record<string, unknown>;
  name: string;
  current: string;
  prior: string;
  change: string;
  changeRate: string | null;
  direction: 'INCREASE' | 'DECREASE' | 'FLAT' | 'NEW' | 'DISCONTINUED';
  reason: string | null;
  reasonSource: 'EXPLAINED' | 'SUGGESTED' | 'MISSING';
  sentence: string;
}

export type Row = Record<string, string> & { code: string; name: string };

export interface FinalAccounts {
  provisional: boolean;
  asOf: string | null;
  tables: Record<string, unknown>;
}

/**
 * The part of `GET …/budget` (部门预算公开表, SPEC §14; apps/api/src/budget/budget.types.ts) the dashboard reads: its
 * figures are the year's INITIAL issues, the one 年初预算数 the self-evaluation and the 监控表 print too. (Written out
 * here: the API's type imports @app/domain, which the browser build does not resolve.)
 */
export interface Budget {
  fiscalYear: number;
  asOf: string | null;
  tables: {
    summary: { expenditure: { totalExpenditure: string } };
    /** 项目支出表: one row per project with an INITIAL issue; `total` over every fund. */
    projects: { rows: { projectCode: string; projectName: string | null; total: string }[] };
  };
  /** CARRY_IN issues of the year (上年结转): not in the budget tables. */
  carriedIn: string;
}

/** The finance bureau's overview of every department (SPEC §12): the API's own answer types. */
export type { CheckpointForecast, Overview, OverviewDepartment } from '../../api/src/overview/overview.types';
