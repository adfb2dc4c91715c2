/** The shapes the dashboard reads (SPEC §4–§9); amounts are 元 strings, rates percent strings. */
export type Status = 'ON_TRACK' | 'WARNING' | 'ALERT' | 'OVERSPENT' | null;

export interface Department {
  code: string;
  name: string | null;
  fiscalYears: number[];
}

export interface MonthPoint {
  month: number;
  budget: string;
  paid: string;
  paidInMonth: string;
  executionRate: string | null;
  plannedRate: string | null;
}

/** Execution against the plan (SPEC §5), as progress groups and monitored projects carry it. */
export interface Execution {
  budget: string;
  paid: string;
  executionRate: string | null;
  plannedRate: string | null;
  gap: string | null;
  status: Status;
}

export interface ProgressGroup extends Execution {
  key: string;
  name: string | null;
  months: MonthPoint[];
}

export type GroupBy = 'department' | 'project' | 'unit' | 'function' | 'line';

export interface Progress {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  groupBy: GroupBy;
  timeProgress: string;
  groups: ProgressGroup[];
}

/** 指标 balances and payments: the API's own answer types (plain, no import). */
export type { LineBalance as Line, PaymentList as Payments, PaymentRecord as Payment } from '../../api/src/ledger/ledger-reads.types';

export interface Indicator {
  indicatorId: string;
  level1: string;
  level2: string;
  name: string;
  comparator: 'GTE' | 'LTE' | 'EQ' | 'BOOL' | 'QUALITATIVE';
  target: string;
  unit: string | null;
  weight: string;
  actual: string | null;
  completionRate: string | null;
  score: string | null;
  deviation: boolean;
}

export interface IndicatorProject {
  projectCode: string;
  projectName: string | null;
  budget: string;
  paid: string;
  executionRate: string | null;
  executionScore: string | null;
  indicators: Indicator[];
}

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
