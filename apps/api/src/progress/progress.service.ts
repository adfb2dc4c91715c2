import { APP_CONFIG, AppConfig } from '@app/config';
import {
  catalogue,
  daysInMonth,
  dominantPlan,
  formatYuan,
  groupFigures,
  isDepartmentWide,
  LineFigures,
  LineState,
  parseBusinessDate,
  parseYuan,
  planInForce,
  Rational,
  PLAN_PRESETS,
  plannedPercentAt,
  PlanVersion,
  requiredState,
  timeProgress,
  yearKey,
  type GroupFigures,
  type PlanCheckpoint,
  type PlanScope,
} from '@app/domain';
import { loadLedgerState } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';

export { GROUP_BY, type GroupBy, type MonthFigures, type ProgressGroup, type ProgressReport } from './progress.types';
import type { GroupBy, MonthFigures, ProgressGroup, ProgressReport } from './progress.types';

interface LineSeries {
  line: LineState;
  /** Cumulative budget and paid (分) at the end of each month 1..12 (at asOf for asOf's month). */
  budget: bigint[];
  paid: bigint[];
}

/**
 * Execution progress (SPEC §5, §10) for a department-year at a date: lines' cumulative budget and paid at each month
 * end from the per-day deltas of the progress projection, each line's planned rate from the 用款计划 in force at that
 * date, grouped by department, unit, 7-digit function code, project or line.
 */
@Injectable()
export class ProgressService {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async progress(dept: string, year: number, asOf: string | undefined, groupBy: GroupBy): Promise<ProgressReport> {
    const model = await this.model(dept, year, asOf, groupBy);
    const thresholds = { warningGap: this.config.progressWarningGap };
    const groups: ProgressGroup[] = model.groups.map(({ key, name, members, checkpoints }) => {
      const months: MonthFigures[] = Array.from({ length: model.lastMonth }, (_, i) => {
        const figures = groupFigures(model.figuresAt(members, i), thresholds);
        const paidBefore = i === 0 ? 0n : members.reduce((sum, s) => sum + s.paid[i - 1], 0n);
        const paidNow = members.reduce((sum, s) => sum + s.paid[i], 0n);
        return {
          month: i + 1,
          budget: figures.budget,
          paid: figures.paid,
          paidInMonth: formatYuan(paidNow - paidBefore),
          executionRate: figures.executionRate,
          plannedRate: figures.plannedRate,
        };
      });
      const planCheckpoints = checkpoints.map((c) => ({ month: c.month, cumulativePercent: Rational.parse(c.cumulativePercent).toFixed2() }));
      return { key, name, ...groupFigures(model.headline(members), thresholds), months, planCheckpoints };
    });
    const monthEndTimeProgress = Array.from({ length: 12 }, (_, i) => timeProgress({ year, month: i + 1, day: daysInMonth(year, i + 1) }));
    return { departmentCode: dept, fiscalYear: year, asOf: asOf ?? null, groupBy, timeProgress: model.timeProgress, monthEndTimeProgress, groups };
  }

  /**
   * Each group's lines at the report date (budget, paid, planned percent), for reports built on progress, with the
   * 用款计划 checkpoints in force for each line at asOf (the next-checkpoint forecast, `forecastNextCheckpoint`).
   */
  async headlineFigures(
    dept: string,
    year: number,
    asOf: string | undefined,
    groupBy: GroupBy,
  ): Promise<{ timeProgress: string; groups: { key: string; name: string | null; lines: (LineFigures & { checkpoints: readonly PlanCheckpoint[] })[] }[] }> {
    const model = await this.model(dept, year, asOf, groupBy);
    return {
      timeProgress: model.timeProgress,
      groups: model.groups.map((g) => ({ key: g.key, name: g.name, lines: model.headline(g.members).map((f, i) => ({ ...f, checkpoints: model.checkpointsAt(g.members[i]) })) })),
    };
  }

  private async model(dept: string, year: number, asOf: string | undefined, groupBy: GroupBy) {
    // Without asOf a read covers every applied event: the year's end (money events all lie inside the year).
    const yearEnd = `${year}-12-31`;
    const until = asOf === undefined || asOf > yearEnd ? yearEnd : asOf;
    const untilDate = parseBusinessDate(until)!;
    const lastMonth = until < `${year}-01-01` ? 0 : untilDate.month;
    const evaluationDate = (month: number) =>
      month === lastMonth ? until : `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;

    const [series, plans, names] = await Promise.all([this.lineSeries(dept, year, until), this.plans(dept, year), this.names(dept)]);
    const fallback = PLAN_PRESETS[this.config.defaultPlanPreset];

    const grouped = new Map<string, LineSeries[]>();
    for (const s of series) {
      const key = groupKey(s.line, groupBy);
      if (key === null) continue;
      grouped.set(key, [...(grouped.get(key) ?? []), s]);
    }

    // A line's planned percent at each month's evaluation date, from the plan in force then (all plans without asOf).
    const planned = new Map<LineSeries, Rational[]>();
    for (const s of series) {
      planned.set(
        s,
        Array.from({ length: lastMonth }, (_, i) => {
          const date = evaluationDate(i + 1);
          // SPEC §10: the plan in force at the month's date; without asOf the year's last figure covers every plan.
          const isLast = i + 1 === lastMonth;
          const planDate = !isLast ? date : asOf === undefined ? null : asOf > date ? asOf : date;
          return plannedPercentAt(planInForce(plans, s.line, planDate, fallback), parseBusinessDate(date)!);
        }),
      );
    }
    // The checkpoints each group is shown against: the plan in force at asOf (all plans without asOf, as for the last
    // month's figure); a group of lines under different plans takes the dominant one (SPEC §5, issue 11).
    const departmentPlan = planInForce(plans.filter((p) => isDepartmentWide(p.scope)), { lineId: '', projectCode: null, unitCode: '' }, asOf ?? null, fallback);
    const checkpointsOf = (members: LineSeries[]) =>
      dominantPlan(
        members.map((s) => ({ lineId: s.line.lineId, budget: lastMonth ? s.budget[lastMonth - 1] : 0n, checkpoints: planInForce(plans, s.line, asOf ?? null, fallback) })),
        departmentPlan,
      );
    const figuresAt = (members: LineSeries[], monthIndex: number): LineFigures[] =>
      members.map((s) => ({ budget: s.budget[monthIndex], paid: s.paid[monthIndex], planned: planned.get(s)![monthIndex] }));
    return {
      lastMonth,
      // The plan in force for a line at asOf (all plans without asOf), as for the line's last planned rate.
      checkpointsAt: (s: LineSeries) => planInForce(plans, s.line, asOf ?? null, fallback),
      timeProgress: lastMonth ? timeProgress(untilDate) : '0.00',
      groups: [...grouped.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, members]) => ({ key, name: nameOf(key, groupBy, members[0].line, names, year), members, checkpoints: checkpointsOf(members) })),
      figuresAt,
      headline: (members: LineSeries[]) => (lastMonth ? figuresAt(members, lastMonth - 1) : []),
    };
  }

  /** Lines with any budget or payment dated ≤ until, with cumulative figures at each month end. */
  private async lineSeries(dept: string, year: number, until: string): Promise<LineSeries[]> {
    const required = requiredState([]);
    required.allLinesOfYears.add(yearKey(dept, year));
    const state = await loadLedgerState(this.runtime.pool, required, false);
    const { rows } = await this.runtime.pool.query<{ line_id: string; month: number; budget: string; paid: string }>(
      `SELECT line_id, extract(month FROM day)::int AS month, sum(budget_delta)::text AS budget, sum(paid_delta)::text AS paid
         FROM line_days
        WHERE department_code = $1 AND fiscal_year = $2 AND day <= $3
        GROUP BY line_id, extract(month FROM day)`,
      [dept, year, until],
    );
    const lines = new Map([...state.lines.values()].map((l) => [l.lineId, l]));
    const byLine = new Map<string, LineSeries>();
    for (const row of rows) {
      const line = lines.get(row.line_id);
      if (!line) continue;
      let s = byLine.get(row.line_id);
      if (!s) byLine.set(row.line_id, (s = { line, budget: new Array(12).fill(0n), paid: new Array(12).fill(0n) }));
      s.budget[row.month - 1] += parseYuan(row.budget);
      s.paid[row.month - 1] += parseYuan(row.paid);
    }
    for (const s of byLine.values()) {
      for (let m = 1; m < 12; m++) {
        s.budget[m] += s.budget[m - 1];
        s.paid[m] += s.paid[m - 1];
      }
    }
    return [...byLine.values()];
  }

  private async plans(dept: string, year: number): Promise<PlanVersion[]> {
    const { rows } = await this.runtime.pool.query<{ position: string; occurred_on: string; scope: PlanScope; checkpoints: PlanCheckpoint[] }>(
      `SELECT position::text, occurred_on, scope, checkpoints FROM disbursement_plans
        WHERE department_code = $1 AND fiscal_year = $2 ORDER BY disbursement_plans.position`,
      [dept, year],
    );
    return rows.map((r) => ({ position: BigInt(r.position), occurredOn: r.occurred_on, scope: r.scope, checkpoints: r.checkpoints }));
  }

  private async names(dept: string): Promise<{ department: string | null; units: Map<string, string> }> {
    const { rows } = await this.runtime.pool.query<{ name: string | null; units: { code: string; name: string }[] }>(
      'SELECT name, units FROM departments WHERE department_code = $1',
      [dept],
    );
    return { department: rows[0]?.name ?? null, units: new Map((rows[0]?.units ?? []).map((u) => [u.code, u.name])) };
  }
}

function groupKey(line: LineState, groupBy: GroupBy): string | null {
  switch (groupBy) {
    case 'department':
      return line.departmentCode;
    case 'unit':
      return line.unitCode;
    case 'function':
      return line.functionCode;
    case 'project':
      return line.projectCode; // SPEC §10: only lines with a projectCode
    case 'line':
      return line.lineId;
  }
}

function nameOf(key: string, groupBy: GroupBy, sample: LineState, names: { department: string | null; units: Map<string, string> }, year: number): string | null {
  switch (groupBy) {
    case 'department':
      return names.department;
    case 'unit':
      return names.units.get(key) ?? null;
    case 'function':
      return catalogue.functionName(key, year) ?? null;
    case 'project':
      return sample.projectName;
    case 'line':
      return sample.projectName ?? catalogue.functionName(sample.functionCode, year) ?? null;
  }
}
