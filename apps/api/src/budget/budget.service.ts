import { APP_CONFIG, type AppConfig } from '@app/config';
import { goalTargetText } from '@app/documents';
import {
  budgetChecks,
  budgetNarrative,
  budgetProjectGoals,
  buildBudgetTables,
  carryForwardChecks,
  formatWan,
  formatYuan,
  parseYuan,
  PLAN_PRESETS,
  planInForce,
  Rational,
  budgetDepartmentGoal,
  type BudgetDepartmentGoal,
  type BudgetFacts,
  type BudgetGoalIndicator,
  type BudgetLineFacts,
  type BudgetNarrative,
  type BudgetProjectGoal,
  type BudgetTables,
  type CarryLine,
  type CodeNameResolver,
  type CodeTable,
  type ConsistencyCheck,
  type IncomeCategory,
  type IndicatorDefined,
  type NarrativeSection,
} from '@app/domain';
import { LINE_ATTRIBUTES, LINE_ATTRIBUTES_OF_L, lineAttributesOf, readDeclarations, readDisbursementPlans, type LineAttributeRow } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';
import { readDb } from '../core/read-scope';
import { FinalAccountsService, renderChecks } from '../final-accounts/final-accounts.service';
import type { AmountUnit } from '../final-accounts/final-accounts.types';
import type { BudgetProjectGoalJson, BudgetResponse, BudgetTablesJson } from './budget.types';

/** Everything the budget answer and documents are built from. */
export interface BudgetReport {
  departmentCode: string;
  departmentName: string | null;
  fiscalYear: number;
  asOf: string | null;
  tables: BudgetTables;
  projectGoals: BudgetProjectGoal[];
  departmentGoal: BudgetDepartmentGoal;
  narrative: BudgetNarrative;
  priorYearBudget: boolean;
  checks: ConsistencyCheck[];
  names: CodeNameResolver;
  narratives: Partial<Record<NarrativeSection, string>>;
  units: { code: string; name: string }[];
}

interface LineRow extends LineAttributeRow {
  initial: string;
  carried_in: string;
}

/**
 * `GET …/budget` (SPEC §14): the 部门预算 tables of a department-year from its INITIAL issues (line_days.initial_delta,
 * the one 年初预算数 every report uses) and IncomeBudgeted (budgeted_income_days), with the 项目支出绩效目标表 from
 * IndicatorDefined / PerformanceGoalSet / the 用款计划, the 情况说明 sentences (compared with last year's budget when the
 * system holds it) and the tables' checks. Also the year-to-year carry check for GET …/checks.
 */
@Injectable()
export class BudgetService {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly finalAccounts: FinalAccountsService,
  ) {}

  async report(dept: string, year: number, asOf: string | undefined): Promise<BudgetReport> {
    const db = readDb(this.runtime);
    const [facts, priorFacts, names, declarations, definitions, plans, department] = await Promise.all([
      this.facts(dept, year, asOf),
      this.facts(dept, year - 1, undefined),
      this.finalAccounts.codeNames(dept, year),
      readDeclarations(db, dept, year, asOf),
      db.query<{ payload: IndicatorDefined }>(
        `SELECT payload FROM indicator_events
          WHERE department_code = $1 AND fiscal_year = $2 AND payload->>'type' = 'IndicatorDefined' AND ($3::date IS NULL OR occurred_on <= $3::date)
          ORDER BY indicator_events.position`,
        [dept, year, asOf ?? null],
      ),
      readDisbursementPlans(db, [dept], year),
      db.query<{ name: string | null; units: { code: string; name: string }[] }>('SELECT name, units FROM departments WHERE department_code = $1', [dept]),
    ]);
    const tables = buildBudgetTables(facts);
    const prior = priorFacts.lines.some((l) => l.initial !== 0n) ? buildBudgetTables(priorFacts) : null;

    // A redefinition replaces the definition (SPEC §2): the latest IndicatorDefined per indicatorId, in first-definition order.
    const indicators = new Map<string, BudgetGoalIndicator & { projectCode: string }>();
    for (const { payload: e } of definitions.rows) {
      const d = e.data;
      indicators.set(d.indicatorId, {
        indicatorId: d.indicatorId,
        projectCode: d.projectCode,
        level1: d.level1,
        level2: d.level2,
        name: d.name,
        description: d.description ?? null,
        comparator: d.comparator,
        target: d.target,
        unit: d.unit ?? null,
        basis: d.basis ?? null,
      });
    }
    const planVersions = plans.get(dept) ?? [];
    const firstLine = new Map<string, BudgetLineFacts>();
    for (const l of facts.lines) if (l.projectCode !== null && !firstLine.has(l.projectCode)) firstLine.set(l.projectCode, l);
    const fallback = PLAN_PRESETS[this.config.defaultPlanPreset];
    const planOf = (projectCode: string) => {
      const line = firstLine.get(projectCode);
      return planInForce(planVersions, { lineId: line?.lineId ?? '', projectCode, unitCode: line?.unitCode ?? '' }, asOf ?? null, fallback);
    };
    const goals = new Map([...declarations.goals].map(([code, g]) => [code, { expected: g.expected, purpose: g.purpose ?? null }]));
    return {
      departmentCode: dept,
      departmentName: department.rows[0]?.name ?? null,
      fiscalYear: year,
      asOf: asOf ?? null,
      tables,
      projectGoals: budgetProjectGoals(tables, { goals, indicators: [...indicators.values()], planOf }),
      departmentGoal: budgetDepartmentGoal({ goals, indicators: [...indicators.values()] }),
      narrative: budgetNarrative(tables, { fiscalYear: year, prior, economicName: (code) => names.economicName(code) }),
      priorYearBudget: prior !== null,
      checks: budgetChecks(tables),
      names,
      narratives: declarations.narratives,
      units: department.rows[0]?.units ?? [],
    };
  }

  /** The year's lines with their INITIAL and CARRY_IN issues up to asOf, and IncomeBudgeted. */
  async facts(dept: string, year: number, asOf: string | undefined): Promise<BudgetFacts> {
    const db = readDb(this.runtime);
    const until = asOf ?? '9999-12-31';
    const [lines, income] = await Promise.all([
      db.query<LineRow>(
        `SELECT ${LINE_ATTRIBUTES_OF_L}, sum(d.initial_delta)::text AS initial, sum(d.carried_in_delta)::text AS carried_in
           FROM line_days d
           JOIN ledger_lines l ON l.department_code = d.department_code AND l.fiscal_year = d.fiscal_year AND l.line_id = d.line_id
          WHERE d.department_code = $1 AND d.fiscal_year = $2 AND d.day <= $3::date
          GROUP BY ${LINE_ATTRIBUTES_OF_L}
          ORDER BY l.line_id`,
        [dept, year, until],
      ),
      db.query<{ unit_code: string; function_code: string; category: IncomeCategory; amount: string }>(
        `SELECT unit_code, function_code, category, sum(amount)::text AS amount FROM budgeted_income_days
          WHERE department_code = $1 AND fiscal_year = $2 AND day <= $3::date GROUP BY unit_code, function_code, category`,
        [dept, year, until],
      ),
    ]);
    return {
      lines: lines.rows.map((r) => ({ ...lineAttributesOf(r), initial: parseYuan(r.initial), carriedIn: parseYuan(r.carried_in) })),
      income: income.rows.map((r) => ({ unitCode: r.unit_code, functionCode: r.function_code, category: r.category, amount: parseYuan(r.amount) })),
    };
  }

  /**
   * CARRY_FORWARD_MATCHES_PRIOR_YEAR (SPEC §14): year N−1's carry-forward against this year's CARRY_IN issues, line
   * by line and per fund; none when the system holds nothing of year N−1.
   */
  async carryChecks(dept: string, year: number, asOf: string | undefined): Promise<ConsistencyCheck[]> {
    const db = readDb(this.runtime);
    const [priorLines, closure, carriedIn] = await Promise.all([
      db.query<LineAttributeRow & { carried_forward: string | null }>(
        `SELECT ${LINE_ATTRIBUTES}, carried_forward::text FROM ledger_lines WHERE department_code = $1 AND fiscal_year = $2`,
        [dept, year - 1],
      ),
      db.query('SELECT 1 FROM year_closures WHERE department_code = $1 AND fiscal_year = $2', [dept, year - 1]),
      db.query<LineAttributeRow & { amount: string }>(
        `SELECT ${LINE_ATTRIBUTES_OF_L}, sum(d.carried_in_delta)::text AS amount
           FROM line_days d
           JOIN ledger_lines l ON l.department_code = d.department_code AND l.fiscal_year = d.fiscal_year AND l.line_id = d.line_id
          WHERE d.department_code = $1 AND d.fiscal_year = $2 AND d.day <= $3::date
          GROUP BY ${LINE_ATTRIBUTES_OF_L}
         HAVING sum(d.carried_in_delta) <> 0`,
        [dept, year, asOf ?? '9999-12-31'],
      ),
    ]);
    if (!priorLines.rows.length) return [];
    const line = (r: LineAttributeRow, amount: string): CarryLine => ({ ...lineAttributesOf(r), amount: parseYuan(amount) });
    return carryForwardChecks({
      priorYear: year - 1,
      priorClosed: closure.rows.length > 0,
      carriedForward: priorLines.rows.filter((r) => r.carried_forward !== null && parseYuan(r.carried_forward) !== 0n).map((r) => line(r, r.carried_forward!)),
      carriedIn: carriedIn.rows.map((r) => line(r, r.amount)),
    });
  }
}

/** SPEC §14 JSON: codes with names, amounts in 元 or 万元, all-zero rows omitted (TOTAL kept); 财政拨款收支总表 by 类. */
export function renderBudget(report: BudgetReport, unit: AmountUnit): BudgetResponse {
  const money = (fen: bigint) => (unit === 'wan' ? formatWan(fen) : formatYuan(fen));
  const amounts = <K extends string>(values: Record<K, bigint>) => Object.fromEntries(Object.entries<bigint>(values).map(([k, v]) => [k, money(v)])) as Record<K, string>;
  const names = report.names;
  const functionName = (code: string) => (code === 'TOTAL' ? '合计' : names.functionName(code) ?? null);
  const economicName = (code: string) => (code === 'TOTAL' ? '合计' : names.economicName(code) ?? null);
  const rows = <K extends string>(table: CodeTable<K>, name = functionName) => ({
    rows: table.rows.filter((r) => r.code === 'TOTAL' || Object.values<bigint>(r.values).some((v) => v !== 0n)).map((r) => ({ code: r.code, name: name(r.code), ...amounts(r.values) })),
  });
  const t = report.tables;
  const tables: BudgetTablesJson = {
    summary: {
      income: amounts(t.summary.income),
      expenditure: {
        rows: t.summary.expenditure.rows.filter((r) => r.amount !== 0n).map((r) => ({ code: r.code, name: functionName(r.code), amount: money(r.amount) })),
        totalExpenditure: money(t.summary.expenditure.totalExpenditure),
        grandTotal: money(t.summary.expenditure.grandTotal),
      },
    },
    income: rows(t.income),
    expenditure: rows(t.expenditure),
    fiscalSummary: { income: amounts(t.fiscalSummary.income), expenditure: rows({ rows: t.fiscalSummary.expenditure.rows.filter((r) => r.code === 'TOTAL' || r.code.length === 3) }) },
    generalBudgetExpenditure: rows(t.generalBudgetExpenditure),
    generalBudgetBasic: rows(t.generalBudgetBasic, economicName),
    threePublic: Object.fromEntries(Object.entries(t.threePublic).map(([item, values]) => [item, amounts(values)])) as BudgetTablesJson['threePublic'],
    govFund: rows(t.govFund),
    stateCapital: rows(t.stateCapital),
    projects: { rows: t.projects.map((p) => ({ projectCode: p.projectCode, projectName: p.projectName, unitCodes: p.unitCodes, functionCodes: p.functionCodes, ...amounts(p.amounts) })) },
  };
  const projectGoals: BudgetProjectGoalJson[] = report.projectGoals.map((g) => ({
    projectCode: g.projectCode,
    projectName: g.projectName,
    budget: money(g.budget),
    fiscal: money(g.fiscal),
    other: money(g.other),
    purpose: g.purpose,
    expected: g.expected,
    plan: g.plan.map((c) => ({ month: c.month, cumulativePercent: Rational.parse(c.cumulativePercent).toFixed2() })),
    indicators: g.indicators.map((i) => ({ ...i, targetText: goalTargetText(i) })),
  }));
  return {
    departmentCode: report.departmentCode,
    departmentName: report.departmentName,
    fiscalYear: report.fiscalYear,
    asOf: report.asOf,
    unit,
    tables,
    agencyOperatingCosts: money(t.agencyOperatingCosts),
    carriedIn: money(t.carriedIn),
    projectGoals,
    departmentGoal: { expected: report.departmentGoal.expected, indicators: report.departmentGoal.indicators.map((i) => ({ ...i, targetText: goalTargetText(i) })) },
    narrative: report.narrative,
    priorYearBudget: report.priorYearBudget,
    checks: renderChecks(report.checks),
  };
}
