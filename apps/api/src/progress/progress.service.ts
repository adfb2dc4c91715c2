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
  timeProgress,
  type GroupFigures,
  type PlanCheckpoint,
} from '@app/domain';
import { readDisbursementPlans } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';
import { readDb } from '../core/read-scope';
import { jsonAnswer, ReadCache, type JsonAnswer } from '../core/read-cache';

export { GROUP_BY, type GroupBy, type MonthFigures, type ProgressGroup, type ProgressReport } from './progress.types';
import type { GroupBy, MonthFigures, ProgressGroup, ProgressReport } from './progress.types';

/** What progress needs of a line: its grouping attributes. */
type ProgressLine = Pick<LineState, 'departmentCode' | 'lineId' | 'unitCode' | 'functionCode' | 'projectCode' | 'projectName'>;

/** The read models a progress answer is computed from (their file nodes are part of the cache's version). */
const PROGRESS_TABLES = ['ledger_lines', 'line_days', 'disbursement_plans', 'departments'] as const;

interface LineSeries {
  line: ProgressLine;
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
    private readonly cache: ReadCache,
  ) {}

  /** The report, reused while the department's ledger position is unchanged (`ReadCache`); callers must not change it. */
  async progress(dept: string, year: number, asOf: string | undefined, groupBy: GroupBy): Promise<ProgressReport> {
    return this.cache.get(dept, PROGRESS_TABLES, `progress\u0000${year}\u0000${asOf ?? ''}\u0000${groupBy}`, () => this.compute(dept, year, asOf, groupBy));
  }

  /**
   * The report as the HTTP answer: its JSON text and a content validator, cached like `progress` so that a repeated
   * read is neither recomputed nor serialised again.
   */
  async progressJson(dept: string, year: number, asOf: string | undefined, groupBy: GroupBy): Promise<JsonAnswer> {
    return this.cache.get(dept, PROGRESS_TABLES, `progress.json\u0000${year}\u0000${asOf ?? ''}\u0000${groupBy}`, async () =>
      jsonAnswer(await this.compute(dept, year, asOf, groupBy)),
    );
  }

  private async compute(dept: string, year: number, asOf: string | undefined, groupBy: GroupBy): Promise<ProgressReport> {
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
  async headlineFigures(dept: string, year: number, asOf: string | undefined, groupBy: GroupBy): Promise<{ timeProgress: string; groups: HeadlineGroup[] }> {
    const model = await this.model(dept, year, asOf, groupBy);
    return { timeProgress: model.timeProgress, groups: headlineGroups(model, model.groups) };
  }

  /**
   * `headlineFigures` of many departments at once, grouped several ways (the finance bureau's overview, SPEC §12):
   * the same figures as one department at a time, read with four queries in all however many departments there are.
   * Every department asked for has an entry (no groups when it has no line in the year).
   */
  async headlineFiguresOfDepartments<G extends GroupBy>(
    depts: readonly string[],
    year: number,
    asOf: string | undefined,
    groupBys: readonly G[],
  ): Promise<{ timeProgress: string; departments: Map<string, Record<G, HeadlineGroup[]>> }> {
    const sources = await this.load(depts, year, asOf);
    const departments = new Map<string, Record<G, HeadlineGroup[]>>();
    for (const dept of depts) {
      const model = this.build(sources.get(dept)!, year, asOf);
      departments.set(dept, Object.fromEntries(groupBys.map((g) => [g, headlineGroups(model, model.groupsBy(g))])) as Record<G, HeadlineGroup[]>);
    }
    const none: DepartmentSource = { series: [], plans: [], names: { department: null, units: new Map() } };
    return { timeProgress: this.build(none, year, asOf).timeProgress, departments };
  }

  private async model(dept: string, year: number, asOf: string | undefined, groupBy: GroupBy) {
    const model = this.build((await this.load([dept], year, asOf)).get(dept)!, year, asOf);
    return { ...model, groups: model.groupsBy(groupBy) };
  }

  /** What progress is computed from, per department: lines with their monthly series, plans, names. */
  private async load(depts: readonly string[], year: number, asOf: string | undefined): Promise<Map<string, DepartmentSource>> {
    const [series, plans, names] = await Promise.all([this.lineSeries(depts, year, untilOf(year, asOf)), readDisbursementPlans(readDb(this.runtime), depts, year), this.names(depts)]);
    return new Map(depts.map((d) => [d, { series: series.get(d) ?? [], plans: plans.get(d) ?? [], names: names.get(d) ?? { department: null, units: new Map() } }]));
  }

  private build({ series, plans, names }: DepartmentSource, year: number, asOf: string | undefined) {
    const until = untilOf(year, asOf);
    const untilDate = parseBusinessDate(until)!;
    const lastMonth = until < `${year}-01-01` ? 0 : untilDate.month;
    const evaluationDate = (month: number) =>
      month === lastMonth ? until : `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
    const fallback = PLAN_PRESETS[this.config.defaultPlanPreset];

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
      groupsBy: (groupBy: GroupBy) => {
        const grouped = new Map<string, LineSeries[]>();
        for (const s of series) {
          const key = groupKey(s.line, groupBy);
          if (key === null) continue;
          grouped.set(key, [...(grouped.get(key) ?? []), s]);
        }
        return [...grouped.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, members]) => ({ key, name: nameOf(key, groupBy, members[0].line, names, year), members, checkpoints: checkpointsOf(members) }));
      },
      figuresAt,
      headline: (members: LineSeries[]) => (lastMonth ? figuresAt(members, lastMonth - 1) : []),
    };
  }

  /** Lines with any budget or payment dated ≤ until, with cumulative figures at each month end, by department. */
  private async lineSeries(depts: readonly string[], year: number, until: string): Promise<Map<string, LineSeries[]>> {
    const [lines, sums] = await Promise.all([
      readDb(this.runtime).query<{ department_code: string; line_id: string; unit_code: string; function_code: string; project_code: string | null; project_name: string | null }>(
        `SELECT department_code, line_id, unit_code, function_code, project_code, project_name FROM ledger_lines
          WHERE department_code = ANY($1::text[]) AND fiscal_year = $2`,
        [depts, year],
      ),
      // Summed per line and month in SQL: a department's days collapse to at most 12 rows per line.
      readDb(this.runtime).query<{ department_code: string; line_id: string; month: number; budget: string; paid: string }>(
        `SELECT department_code, line_id, extract(month FROM day)::int AS month, sum(budget_delta)::text AS budget, sum(paid_delta)::text AS paid
           FROM line_days
          WHERE department_code = ANY($1::text[]) AND fiscal_year = $2 AND day <= $3
          GROUP BY department_code, line_id, extract(month FROM day)`,
        [depts, year, until],
      ),
    ]);
    const attributes = new Map<string, ProgressLine>();
    for (const r of lines.rows) {
      attributes.set(`${r.department_code}\u0000${r.line_id}`, {
        departmentCode: r.department_code,
        lineId: r.line_id,
        unitCode: r.unit_code,
        functionCode: r.function_code,
        projectCode: r.project_code,
        projectName: r.project_name,
      });
    }
    const byLine = new Map<string, LineSeries>();
    for (const row of sums.rows) {
      const key = `${row.department_code}\u0000${row.line_id}`;
      const line = attributes.get(key);
      if (!line) continue;
      let s = byLine.get(key);
      if (!s) byLine.set(key, (s = { line, budget: new Array(12).fill(0n), paid: new Array(12).fill(0n) }));
      s.budget[row.month - 1] += parseYuan(row.budget);
      s.paid[row.month - 1] += parseYuan(row.paid);
    }
    const result = new Map<string, LineSeries[]>();
    // In lineId order, whatever order the aggregate came in.
    for (const s of [...byLine.values()].sort((a, b) => (a.line.lineId < b.line.lineId ? -1 : a.line.lineId > b.line.lineId ? 1 : 0))) {
      for (let m = 1; m < 12; m++) {
        s.budget[m] += s.budget[m - 1];
        s.paid[m] += s.paid[m - 1];
      }
      const list = result.get(s.line.departmentCode);
      if (list) list.push(s);
      else result.set(s.line.departmentCode, [s]);
    }
    return result;
  }

  private async names(depts: readonly string[]): Promise<Map<string, Names>> {
    const { rows } = await readDb(this.runtime).query<{ department_code: string; name: string | null; units: { code: string; name: string }[] }>(
      'SELECT department_code, name, units FROM departments WHERE department_code = ANY($1::text[])',
      [depts],
    );
    return new Map(rows.map((r) => [r.department_code, { department: r.name, units: new Map((r.units ?? []).map((u) => [u.code, u.name])) }]));
  }
}

interface Names {
  department: string | null;
  units: Map<string, string>;
}

interface DepartmentSource {
  series: LineSeries[];
  plans: PlanVersion[];
  names: Names;
}

/** A group's lines at the report date with the 用款计划 checkpoints in force for each (see `headlineFigures`). */
export interface HeadlineGroup {
  key: string;
  name: string | null;
  lines: (LineFigures & { checkpoints: readonly PlanCheckpoint[] })[];
}

/** Without asOf a read covers every applied event: the year's end (money events all lie inside the year). */
function untilOf(year: number, asOf: string | undefined): string {
  const yearEnd = `${year}-12-31`;
  return asOf === undefined || asOf > yearEnd ? yearEnd : asOf;
}

function headlineGroups(
  model: { headline(members: LineSeries[]): LineFigures[]; checkpointsAt(s: LineSeries): readonly PlanCheckpoint[] },
  groups: { key: string; name: string | null; members: LineSeries[] }[],
): HeadlineGroup[] {
  return groups.map((g) => ({ key: g.key, name: g.name, lines: model.headline(g.members).map((f, i) => ({ ...f, checkpoints: model.checkpointsAt(g.members[i]) })) }));
}

function groupKey(line: ProgressLine, groupBy: GroupBy): string | null {
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

function nameOf(key: string, groupBy: GroupBy, sample: ProgressLine, names: { department: string | null; units: Map<string, string> }, year: number): string | null {
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
