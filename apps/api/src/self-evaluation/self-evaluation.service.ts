import {
  buildFinalAccounts,
  computedIndicatorLedgerFigures,
  FISCAL_FUND_SOURCES,
  foldIndicators,
  isIndicatorEvent,
  parseYuan,
  selfEvaluation,
  selfEvaluationGaps,
  type DeviationExplanation,
  type EvaluationPolicy,
  type FundFigures,
  type FundSource,
  type LedgerEvent,
  type PerformanceGoal,
  type SelfEvaluationReport,
  type SelfEvaluationSubject,
} from '@app/domain';
import { readDeclarations } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';
import { readDb } from '../core/read-scope';
import { FinalAccountsService } from '../final-accounts/final-accounts.service';

/** A check in the shape of GET …/checks (rule, passed, expected, actual, detail). */
export interface SelfEvaluationCheck {
  rule: 'SELF_EVALUATION_COMPLETE';
  passed: boolean;
  expected: string;
  actual: string;
  detail: string;
}

interface LineRow {
  line_id: string;
  unit_code: string;
  fund_source: FundSource;
  project_code: string | null;
  project_name: string | null;
  initial: string;
  budget: string;
  paid: string;
}

const emptyFunds = (): FundFigures => ({ initialBudget: 0n, budget: 0n, paid: 0n });

/**
 * `GET …/self-evaluation` (SPEC §12): reads, at the report date, every line's 年初预算 / budget / paid (line_days, as
 * progress does) with its fund source and project, the indicators (as `GET …/indicators`), the department's
 * EvaluationPolicySet, PerformanceGoalSet and DeviationExplained in force (readDeclarations), the 决算 tables' fiscal
 * closing balance and 三公 totals (for the computed 部门整体 indicators), and hands them to the pure `selfEvaluation`.
 */
@Injectable()
export class SelfEvaluationService {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    private readonly finalAccounts: FinalAccountsService,
  ) {}

  async report(dept: string, year: number, asOf: string | undefined): Promise<SelfEvaluationReport> {
    const until = asOf ?? '9999-12-31';
    const pool = readDb(this.runtime);
    const [lines, indicatorRows, declarations, department, closure, facts] = await Promise.all([
      pool.query<LineRow>(
        `SELECT d.line_id, l.unit_code, l.fund_source, l.project_code, l.project_name,
                sum(d.initial_delta)::text AS initial, sum(d.budget_delta)::text AS budget, sum(d.paid_delta)::text AS paid
           FROM line_days d
           JOIN ledger_lines l ON l.department_code = d.department_code AND l.fiscal_year = d.fiscal_year AND l.line_id = d.line_id
          WHERE d.department_code = $1 AND d.fiscal_year = $2 AND d.day <= $3::date
          GROUP BY d.line_id, l.unit_code, l.fund_source, l.project_code, l.project_name
          ORDER BY d.line_id`,
        [dept, year, until],
      ),
      pool.query<{ payload: LedgerEvent }>(
        `SELECT payload FROM indicator_events
          WHERE department_code = $1 AND fiscal_year = $2 AND occurred_on <= $3::date
          ORDER BY indicator_events.position`,
        [dept, year, until],
      ),
      readDeclarations(pool, dept, year, asOf),
      pool.query<{ name: string | null; units: { code: string; name: string }[] }>('SELECT name, units FROM departments WHERE department_code = $1', [dept]),
      pool.query<{ closed_on: string }>(`SELECT to_char(closed_on, 'YYYY-MM-DD') AS closed_on FROM year_closures WHERE department_code = $1 AND fiscal_year = $2`, [dept, year]),
      this.finalAccounts.facts(dept, year, asOf),
    ]);
    const unitNames = new Map((department.rows[0]?.units ?? []).map((u) => [u.code, u.name]));
    const indicators = foldIndicators(indicatorRows.rows.map((r) => r.payload).filter(isIndicatorEvent));

    const subject = (code: string, name: string | null): SelfEvaluationSubject & { unitCodes: Set<string> } => ({
      projectCode: code,
      projectName: name,
      units: [],
      unitCodes: new Set(),
      fiscal: emptyFunds(),
      other: emptyFunds(),
      indicators: [],
    });
    const projects = new Map<string, ReturnType<typeof subject>>();
    const whole = subject('*', department.rows[0]?.name ?? null);
    for (const row of lines.rows) {
      const targets = [whole];
      if (row.project_code !== null) {
        if (!projects.has(row.project_code)) projects.set(row.project_code, subject(row.project_code, row.project_name));
        const p = projects.get(row.project_code)!;
        if (p.projectName === null) p.projectName = row.project_name;
        targets.push(p);
      }
      for (const t of targets) {
        // SPEC §12: fiscal = the three fiscal funds, other = UNIT_FUNDS and SPECIAL_ACCOUNT.
        const funds = FISCAL_FUND_SOURCES.includes(row.fund_source) ? t.fiscal : t.other;
        funds.initialBudget += parseYuan(row.initial);
        funds.budget += parseYuan(row.budget);
        funds.paid += parseYuan(row.paid);
        t.unitCodes.add(row.unit_code);
      }
    }
    for (const indicator of indicators) {
      const target = indicator.projectCode === '*' ? whole : projects.get(indicator.projectCode) ?? projects.set(indicator.projectCode, subject(indicator.projectCode, null)).get(indicator.projectCode)!;
      target.indicators.push(indicator);
    }
    const finish = ({ unitCodes, ...s }: ReturnType<typeof subject>): SelfEvaluationSubject => ({
      ...s,
      units: [...unitCodes].sort().map((code) => ({ code, name: unitNames.get(code) ?? null })),
    });

    const policyData = declarations.EvaluationPolicySet;
    const policy: EvaluationPolicy | null = policyData ? { executionWeight: policyData.executionWeight ?? '10', executionScore: policyData.executionScore } : null;
    const goals = new Map<string, PerformanceGoal>([...declarations.goals].map(([code, g]) => [code, { expected: g.expected, achieved: g.achieved ?? null }]));
    const deviations = new Map<string, DeviationExplanation>(
      [...declarations.deviations].map(([key, d]) => [
        key,
        { cause: d.cause, measure: d.measure, causeCategory: d.causeCategory ?? null, expectedActual: d.expectedActual ?? null, likelihood: d.likelihood ?? null },
      ]),
    );
    const closedOn = closure.rows[0]?.closed_on;
    return selfEvaluation({
      departmentCode: dept,
      fiscalYear: year,
      asOf: asOf ?? null,
      provisional: !(closedOn !== undefined && closedOn <= until),
      policy,
      projects: [...projects.values()].sort((a, b) => (a.projectCode < b.projectCode ? -1 : a.projectCode > b.projectCode ? 1 : 0)).map(finish),
      department: finish(whole),
      goals,
      deviations,
      // SPEC §7: the same tables as GET …/final-accounts at this date (结转结余率, “三公”经费控制率).
      departmentLedger: computedIndicatorLedgerFigures(buildFinalAccounts(facts.facts)),
    });
  }

  /** SELF_EVALUATION_COMPLETE for GET …/checks: every evaluated project (and 部门整体) complete. */
  async check(dept: string, year: number, asOf: string | undefined): Promise<SelfEvaluationCheck> {
    return selfEvaluationCheck(await this.report(dept, year, asOf));
  }
}

/**
 * SELF_EVALUATION_COMPLETE (SPEC §12): the evaluated projects, and 部门整体, whose 自评表 still prints a
 * 【待补充】 — an unscored indicator, no 年度总体目标 or 实际完成情况, no indicator, a deviation without its 偏差原因.
 */
export function selfEvaluationCheck(report: SelfEvaluationReport): SelfEvaluationCheck {
  const gaps = selfEvaluationGaps(report);
  // The evaluated projects and 部门整体 (when it has indicators); with none at all, the self-evaluation itself is the one to-do.
  const subjects = Math.max(report.projects.filter((p) => p.evaluated).length + (report.department.evaluated ? 1 : 0), gaps.length);
  const name = (g: (typeof gaps)[number]) => (g.projectCode === '*' ? '部门整体' : g.projectName ?? g.projectCode);
  return {
    rule: 'SELF_EVALUATION_COMPLETE',
    passed: gaps.length === 0,
    expected: String(subjects),
    actual: String(subjects - gaps.length),
    detail: gaps.length ? `绩效自评待补充：${gaps.map((g) => `${name(g)}（${g.missing.join('；')}）`).join('；')}` : '所有项目和部门整体的绩效自评表已填写完整',
  };
}
