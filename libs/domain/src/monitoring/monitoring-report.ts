import type { CompletionLikelihood, DeviationCauseCategory } from '../codes';
import type { PlanCheckpoint } from '../events/event-types';
import type { IndicatorResult } from '../indicators/indicator-scoring';
import { forecastNextCheckpoint, type CheckpointForecast } from '../progress/checkpoint-forecast';
import { forecastYearEnd, groupFigures, type LineFigures, type ProgressThresholds, type YearEndForecast } from '../progress/execution-progress';
import type { DeviationExplanation, PerformanceGoal, SelfEvaluationFunds, SelfEvaluationProject } from '../self-evaluation/self-evaluation';

/**
 * The 绩效监控 report (SPEC §6, §12): the content of the standard 项目支出绩效目标执行监控表 per project and for the
 * department — 年初预算数 / 全年预算数 / 1-N月执行数 / 执行率 split 财政拨款 / 其他资金 (the self-evaluation's split),
 * execution against the 用款计划 and 序时进度, the year-end forecast and the forecast at the next checkpoint, the
 * 年度总体目标, indicator progress with the 偏差原因 / 完善措施 / 全年预计完成情况 / 完成可能性 recorded by
 * DeviationExplained (the latest by occurredOn ≤ the report date), and the items that still need a 偏差原因.
 */

/** An item that needs a 偏差原因 and 完善措施 from the department (SPEC §6), with what has been recorded for it. */
export interface DeviationItem {
  projectCode: string;
  kind: 'EXECUTION' | 'INDICATOR';
  indicatorId: string | null;
  item: string;
  expected: string;
  actual: string;
  /** The recorded 偏差原因 (DeviationExplained.cause), null while it is a to-do. */
  reason: string | null;
  /** The recorded 完善措施 (DeviationExplained.measure), null while it is a to-do. */
  measures: string | null;
  causeCategory: DeviationCauseCategory | null;
}

/** An indicator's progress (§6) with the DeviationExplained in force at the report date (SPEC §12). */
export interface MonitoredIndicator extends IndicatorResult {
  /** 全年预计完成值. */
  expectedActual: string | null;
  /** 完成可能性: 确定能 / 有可能 / 完全不可能. */
  likelihood: CompletionLikelihood | null;
  causeCategory: DeviationCauseCategory | null;
  cause: string | null;
  /** 完善措施. */
  measure: string | null;
}

/** A line at the report date with the 用款计划 checkpoints in force for it. */
export type MonitoredLine = LineFigures & { checkpoints: readonly PlanCheckpoint[] };

/** Execution figures of a project or of the department. */
export interface MonitoredExecution {
  projectCode: string;
  projectName: string | null;
  /** 年初预算数: INITIAL issues (SPEC §12). */
  initialBudget: string;
  budget: string;
  paid: string;
  /** 财政拨款 (the three fiscal funds) and 其他资金 (UNIT_FUNDS, SPECIAL_ACCOUNT), as the self-evaluation splits them. */
  funds: { fiscal: SelfEvaluationFunds; other: SelfEvaluationFunds };
  /** 实施单位: the units whose lines carry the project. */
  units: { code: string; name: string | null }[];
  executionRate: string | null;
  plannedRate: string | null;
  timeProgress: string;
  gap: string | null;
  status: string | null;
  forecast: YearEndForecast;
  /** The next 用款计划 checkpoint after the report date and whether the current pace meets it (null: none left). */
  nextCheckpoint: CheckpointForecast | null;
  /** 年度总体目标 (PerformanceGoalSet in force). */
  goal: PerformanceGoal | null;
  /** The DeviationExplained of the execution line (`projectCode`), if any. */
  executionExplanation: DeviationExplanation | null;
}

export interface MonitoredProject extends MonitoredExecution {
  executionScore: string | null;
  indicators: MonitoredIndicator[];
  deviations: DeviationItem[];
}

export interface MonitoringReport {
  departmentCode: string;
  departmentName: string | null;
  fiscalYear: number;
  asOf: string | null;
  /** N of the form's 1-N月: the month of the report date (12 for a whole-year read). */
  throughMonth: number;
  timeProgress: string;
  forecastMethod: string;
  checkpointMethod: string;
  department: MonitoredExecution;
  projects: MonitoredProject[];
  deviations: DeviationItem[];
}

/** What the adapter reads for one project (or the department, projectCode "*") at the report date. */
export interface MonitoringSubject {
  projectCode: string;
  projectName: string | null;
  lines: readonly MonitoredLine[];
  /** The self-evaluation of the subject at the same date (funds, goal, explanations), null when it has none. */
  evaluation: SelfEvaluationProject | null;
}

export interface MonitoringInput {
  departmentCode: string;
  departmentName: string | null;
  fiscalYear: number;
  asOf: string | null;
  timeProgress: string;
  thresholds: ProgressThresholds;
  forecastMethod: string;
  checkpointMethod: string;
  /** Projects with their indicator results (§6) and 10-point execution score, in report order; "*" (部门整体) last. */
  projects: (MonitoringSubject & { executionScore: string | null; indicators: IndicatorResult[] })[];
  department: MonitoringSubject;
}

const NO_FUNDS: SelfEvaluationFunds = { initialBudget: '0.00', budget: '0.00', paid: '0.00', executionRate: null };

/** N of 1-N月: the report date's month inside the fiscal year; 12 for a whole-year read or a date after the year. */
export function monitoringMonth(fiscalYear: number, asOf: string | null): number {
  if (asOf === null || asOf > `${fiscalYear}-12-31`) return 12;
  if (asOf < `${fiscalYear}-01-01`) return 0;
  return Number(asOf.slice(5, 7));
}

function execution(subject: MonitoringSubject, input: MonitoringInput): MonitoredExecution {
  const f = groupFigures(subject.lines, input.thresholds);
  const e = subject.evaluation;
  return {
    projectCode: subject.projectCode,
    projectName: subject.projectName,
    initialBudget: e?.initialBudget ?? '0.00',
    budget: f.budget,
    paid: f.paid,
    funds: e?.funds ?? { fiscal: NO_FUNDS, other: NO_FUNDS },
    units: e?.units ?? [],
    executionRate: f.executionRate,
    plannedRate: f.plannedRate,
    timeProgress: input.timeProgress,
    gap: f.gap,
    status: f.status,
    forecast: forecastYearEnd(subject.lines),
    nextCheckpoint: forecastNextCheckpoint(subject.lines, input.fiscalYear, input.asOf),
    goal: e?.goal ?? null,
    executionExplanation: e?.executionExplanation ?? null,
  };
}

/** The 绩效监控 report of a department-year at a date (SPEC §6, §12). */
export function monitoringReport(input: MonitoringInput): MonitoringReport {
  const projects = input.projects.map((p): MonitoredProject => {
    const base = execution(p, input);
    const explained = new Map((p.evaluation?.indicators ?? []).map((i) => [i.indicatorId, i]));
    const indicators = p.indicators.map((i): MonitoredIndicator => {
      const why = explained.get(i.indicatorId);
      return {
        ...i,
        expectedActual: why?.expectedActual ?? null,
        likelihood: why?.likelihood ?? null,
        causeCategory: why?.causeCategory ?? null,
        cause: why?.cause ?? null,
        measure: why?.measure ?? null,
      };
    });
    return { ...base, executionScore: p.executionScore, indicators, deviations: deviationsOf(base, indicators) };
  });
  return {
    departmentCode: input.departmentCode,
    departmentName: input.departmentName,
    fiscalYear: input.fiscalYear,
    asOf: input.asOf,
    throughMonth: monitoringMonth(input.fiscalYear, input.asOf),
    timeProgress: input.timeProgress,
    forecastMethod: input.forecastMethod,
    checkpointMethod: input.checkpointMethod,
    department: execution(input.department, input),
    projects,
    deviations: projects.flatMap((p) => p.deviations),
  };
}

/**
 * The items needing a 偏差原因 and 完善措施 (SPEC §6): execution behind plan (WARNING/ALERT) or overspent, and every
 * indicator with completion under 100 %; each carries what DeviationExplained recorded for it, if anything.
 */
export function deviationsOf(
  p: Pick<MonitoredExecution, 'projectCode' | 'executionRate' | 'plannedRate' | 'status' | 'executionExplanation'>,
  indicators: readonly MonitoredIndicator[],
): DeviationItem[] {
  const items: DeviationItem[] = [];
  if (p.status === 'WARNING' || p.status === 'ALERT' || p.status === 'OVERSPENT') {
    const why = p.executionExplanation;
    items.push({
      projectCode: p.projectCode,
      kind: 'EXECUTION',
      indicatorId: null,
      item: p.status === 'OVERSPENT' ? '预算执行（超支）' : '预算执行进度',
      expected: p.status === 'OVERSPENT' ? '支出不超过预算' : `计划进度 ${p.plannedRate}%`,
      actual: `执行率 ${p.executionRate ?? '—'}%`,
      reason: why?.cause ?? null,
      measures: why?.measure ?? null,
      causeCategory: why?.causeCategory ?? null,
    });
  }
  for (const i of indicators.filter((x) => x.deviation)) {
    items.push({
      projectCode: p.projectCode,
      kind: 'INDICATOR',
      indicatorId: i.indicatorId,
      item: `${i.level1}/${i.level2}/${i.name}`,
      expected: i.comparator === 'BOOL' ? yesNo(i.target) : `${comparatorText(i.comparator)}${i.target}${i.unit ?? ''}`,
      actual: `${i.actual === null ? '—' : i.comparator === 'BOOL' ? yesNo(i.actual) : i.actual}${i.comparator === 'QUALITATIVE' || i.comparator === 'BOOL' ? '' : (i.unit ?? '')}（完成 ${i.completionRate}%）`,
      reason: i.cause,
      measures: i.measure,
      causeCategory: i.causeCategory,
    });
  }
  return items;
}

/** A BOOL indicator's value as every page and document prints it: 是 / 否, never true / false (issue 11). */
export function yesNo(value: string): string {
  return value === 'true' ? '是' : value === 'false' ? '否' : value;
}

export function comparatorText(comparator: string): string {
  return comparator === 'GTE' ? '≥' : comparator === 'LTE' ? '≤' : comparator === 'EQ' ? '=' : '';
}
