import {
  buildFinalAccounts,
  catalogue,
  codeNameResolver,
  type CodeNameResolver,
  consistencyChecks,
  narrativeChecks,
  formatWan,
  formatYuan,
  parseYuan,
  type CodeTable,
  type ExpenditureKind,
  type FundSource,
  type ConsistencyCheck,
  type FinalAccountsFacts,
  type FinalAccountsTables,
  type IncomeCategory,
  type LineFacts,
  declaredFigures,
  varianceItems,
  yearFigures,
  type PriorYearActualsDeclared,
  type VarianceItem,
  type YearFigures,
} from '@app/domain';
import { buildDisclosures, type Disclosures } from '@app/domain';
import { loadEventCodeNames, readDeclarations, readProcurementFromPayments } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';
import { readDb } from '../core/read-scope';
import { ReadCache } from '../core/read-cache';
import type { AmountUnit, CheckResult, DisclosuresJson, FinalAccountsTablesJson, VarianceItemJson } from './final-accounts.types';

export type { AmountUnit };

/** The read models the 决算 tables are built from (their file nodes are part of the cache's version). */
const TABLES_SOURCES = ['ledger_lines', 'line_days', 'income_days', 'year_closures'] as const;

/**
 * The 决算 of a department-year (SPEC §7, §9) at a date: facts read from the line_days /
 * income_days read models and the ledger's closing figures, tables built by the pure domain, rendered in 元 or
 * 万元 (rounded half-up from exact 元 totals), with the 勾稽 checks run on every build.
 */
@Injectable()
export class FinalAccountsService {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    private readonly cache: ReadCache,
  ) {}

  /**
   * The tables and their 勾稽 checks, reused while the department's ledger position is unchanged (`ReadCache`);
   * callers must not change them. Names, disclosures and declarations are read afresh by each caller.
   */
  async build(dept: string, year: number, asOf: string | undefined): Promise<{ tables: FinalAccountsTables; checks: ConsistencyCheck[] }> {
    return this.cache.get(dept, TABLES_SOURCES, `final-accounts\u0000${year}\u0000${asOf ?? ''}`, () => this.compute(dept, year, asOf));
  }

  private async compute(dept: string, year: number, asOf: string | undefined): Promise<{ tables: FinalAccountsTables; checks: ConsistencyCheck[] }> {
    const { facts, lineIds } = await this.facts(dept, year, asOf);
    const tables = buildFinalAccounts(facts);
    const overspent = facts.lines
      .map((l, i) => ({ lineId: lineIds[i], budget: l.budget, paid: [...l.paidByEconomic.values()].reduce((a, b) => a + b, 0n) }))
      .filter((l) => l.paid > l.budget);
    return { tables, checks: [...consistencyChecks(tables, overspent), ...narrativeChecks(tables, yearFigures(facts, tables))] };
  }

  /**
   * 情况说明 variances (SPEC §8) against the prior year: from its events when the system has them, else from the
   * latest PriorYearActualsDeclared of this year, else nothing (every item NEW).
   */
  async variance(
    dept: string,
    year: number,
    asOf: string | undefined,
  ): Promise<{ priorSource: 'EVENTS' | 'DECLARED' | 'NONE'; items: VarianceItem[]; prior: YearFigures; fiscalReason: string | null }> {
    const { facts } = await this.facts(dept, year, asOf);
    const current = yearFigures(facts, buildFinalAccounts(facts));
    const [priorLines, declared, explained] = await Promise.all([
      readDb(this.runtime).query('SELECT 1 FROM ledger_lines WHERE department_code = $1 AND fiscal_year = $2 LIMIT 1', [dept, year - 1]),
      readDb(this.runtime).query<{ payload: PriorYearActualsDeclared['data'] }>(
        'SELECT payload FROM prior_year_declarations WHERE department_code = $1 AND fiscal_year = $2',
        [dept, year],
      ),
      readDb(this.runtime).query<{ scope_key: string; reason: string }>(
        `SELECT DISTINCT ON (scope_key) scope_key, reason FROM variance_explanations
          WHERE department_code = $1 AND fiscal_year = $2 AND ($3::date IS NULL OR occurred_on <= $3::date)
          ORDER BY scope_key, occurred_on DESC, variance_explanations.position DESC`,
        [dept, year, asOf ?? null],
      ),
    ]);
    let prior: YearFigures;
    let priorSource: 'EVENTS' | 'DECLARED' | 'NONE';
    if (priorLines.rows.length) {
      const { facts: priorFacts } = await this.facts(dept, year - 1, undefined);
      prior = yearFigures(priorFacts, buildFinalAccounts(priorFacts));
      priorSource = 'EVENTS';
    } else if (declared.rows.length) {
      const d = declared.rows[0].payload;
      const amount = (v: string | undefined) => (v === undefined ? undefined : parseYuan(v));
      prior = declaredFigures(
        d.rows,
        { totalIncome: amount(d.totalIncome), totalExpenditure: amount(d.totalExpenditure), fiscalIncome: amount(d.fiscalIncome), fiscalExpenditure: amount(d.fiscalExpenditure), generalBudgetExpenditure: amount(d.generalBudgetExpenditure) },
        parseYuan,
      );
      priorSource = 'DECLARED';
    } else {
      prior = { functions: new Map(), totalIncome: 0n, totalExpenditure: 0n, threePublic: 0n, operatingCosts: 0n };
      priorSource = 'NONE';
    }
    const names = await this.codeNames(dept, year);
    const explanations = new Map(explained.rows.map((r) => [r.scope_key, r.reason]));
    const items = varianceItems(current, prior, {
      functionName: (code) => names.functionName(code) ?? undefined,
      economicName: (code) => names.economicName(code) ?? undefined,
      explanations,
      priorKnown: priorSource !== 'NONE',
    });
    return { priorSource, items, prior, fiscalReason: explanations.get('fiscal') ?? null };
  }

  /** Names of the department-year's codes (SPEC §11): the catalogue of the year first, then the names events carried. */
  async codeNames(dept: string, year: number): Promise<CodeNameResolver> {
    return codeNameResolver(catalogue, year, await loadEventCodeNames(readDb(this.runtime), dept, year));
  }

  /**
   * Year-end disclosures (SPEC §11) in force at asOf: declarations, 政府采购 from tagged payments, 机关运行经费 from the
   * tables (built here unless the caller already has them).
   */
  async disclosures(dept: string, year: number, asOf: string | undefined, built?: FinalAccountsTables): Promise<Disclosures> {
    const [declarations, procurementFromPayments, tables] = await Promise.all([
      readDeclarations(readDb(this.runtime), dept, year, asOf),
      readProcurementFromPayments(readDb(this.runtime), dept, year, asOf),
      built ?? this.build(dept, year, asOf).then((b) => b.tables),
    ]);
    return buildDisclosures({ declarations, procurementFromPayments, tables });
  }

  /** The facts, and the lineId of each fact line (same order). */
  async facts(dept: string, year: number, asOf: string | undefined): Promise<{ facts: FinalAccountsFacts; lineIds: string[] }> {
    const until = asOf ?? '9999-12-31';
    const [ledgerLines, amounts, paid, income, closure] = await Promise.all([
      readDb(this.runtime).query<{ line_id: string; function_code: string; economic_code: string | null; fund_source: FundSource; expenditure_kind: ExpenditureKind; carried_forward: string | null; lapsed: string | null }>(
        `SELECT line_id, function_code, economic_code, fund_source, expenditure_kind, carried_forward::text, lapsed::text FROM ledger_lines
          WHERE department_code = $1 AND fiscal_year = $2 ORDER BY line_id`,
        [dept, year],
      ),
      readDb(this.runtime).query<{ line_id: string; budget: string; carried_in: string; initial: string }>(
        `SELECT line_id, sum(budget_delta)::text AS budget, sum(carried_in_delta)::text AS carried_in, sum(initial_delta)::text AS initial FROM line_days
          WHERE department_code = $1 AND fiscal_year = $2 AND day <= $3 GROUP BY line_id`,
        [dept, year, until],
      ),
      readDb(this.runtime).query<{ line_id: string; economic_code: string; paid: string }>(
        `SELECT line_id, economic_code, sum(paid_delta)::text AS paid FROM line_days
          WHERE department_code = $1 AND fiscal_year = $2 AND day <= $3 AND economic_code <> '' GROUP BY line_id, economic_code`,
        [dept, year, until],
      ),
      readDb(this.runtime).query<{ function_code: string; category: IncomeCategory; amount: string }>(
        `SELECT function_code, category, sum(amount)::text AS amount FROM income_days
          WHERE department_code = $1 AND fiscal_year = $2 AND day <= $3 GROUP BY function_code, category`,
        [dept, year, until],
      ),
      readDb(this.runtime).query<{ closed_on: string }>('SELECT closed_on FROM year_closures WHERE department_code = $1 AND fiscal_year = $2', [dept, year]),
    ]);
    const closed = closure.rows.length > 0 && closure.rows[0].closed_on <= until;
    const byLine = new Map(amounts.rows.map((r) => [r.line_id, r]));
    const paidByLine = new Map<string, Map<string, bigint>>();
    for (const r of paid.rows) {
      if (!paidByLine.has(r.line_id)) paidByLine.set(r.line_id, new Map());
      paidByLine.get(r.line_id)!.set(r.economic_code, parseYuan(r.paid));
    }
    const lines: LineFacts[] = [];
    const lineIds: string[] = [];
    for (const line of ledgerLines.rows) {
      const a = byLine.get(line.line_id);
      if (!a && !paidByLine.has(line.line_id)) continue;
      lineIds.push(line.line_id);
      lines.push({
        functionCode: line.function_code,
        economicCode: line.economic_code,
        fundSource: line.fund_source,
        expenditureKind: line.expenditure_kind,
        budget: a ? parseYuan(a.budget) : 0n,
        carriedIn: a ? parseYuan(a.carried_in) : 0n,
        initial: a ? parseYuan(a.initial) : 0n,
        paidByEconomic: paidByLine.get(line.line_id) ?? new Map(),
        carriedForward: closed && line.carried_forward !== null ? parseYuan(line.carried_forward) : null,
        lapsed: closed && line.lapsed !== null ? parseYuan(line.lapsed) : null,
      });
    }
    const incomeFacts = income.rows.map((r) => ({ functionCode: r.function_code, category: r.category, amount: parseYuan(r.amount) }));
    return { facts: { lines, income: incomeFacts, closed }, lineIds };
  }
}

/**
 * SPEC §7 JSON: codes with names (`names`: catalogue, then the events' names; null where neither has one), amounts as
 * strings in 元 or 万元, all-zero rows omitted (TOTAL kept). 04 lists 类 rows only, as SPEC §7 and every published 04.
 */
export function renderTables(tables: FinalAccountsTables, names: Pick<CodeNameResolver, 'functionName' | 'economicName'>, unit: AmountUnit): FinalAccountsTablesJson {
  const money = (fen: bigint) => (unit === 'wan' ? formatWan(fen) : formatYuan(fen));
  const amounts = <K extends string>(values: Record<K, bigint>) => Object.fromEntries(Object.entries<bigint>(values).map(([k, v]) => [k, money(v)])) as Record<K, string>;
  const functionName = (code: string) => (code === 'TOTAL' ? '合计' : names.functionName(code) ?? null);
  const economicName = (code: string) => (code === 'TOTAL' ? '合计' : names.economicName(code) ?? null);
  const rows = <K extends string>(table: CodeTable<K>) => ({
    rows: table.rows.filter((r) => r.code === 'TOTAL' || Object.values<bigint>(r.values).some((v) => v !== 0n)).map((r) => ({ code: r.code, name: functionName(r.code), ...amounts(r.values) })),
  });
  return {
    summary: {
      income: amounts(tables.summary.income),
      expenditure: {
        rows: tables.summary.expenditure.rows.filter((r) => r.amount !== 0n).map((r) => ({ code: r.code, name: functionName(r.code), amount: money(r.amount) })),
        totalExpenditure: money(tables.summary.expenditure.totalExpenditure),
        closingBalance: money(tables.summary.expenditure.closingBalance),
        grandTotal: money(tables.summary.expenditure.grandTotal),
      },
    },
    income: rows(tables.income),
    expenditure: rows(tables.expenditure),
    fiscalSummary: {
      income: amounts(tables.fiscalSummary.income),
      openingBalance: amounts(tables.fiscalSummary.openingBalance),
      expenditure: rows({ rows: tables.fiscalSummary.expenditure.rows.filter((r) => r.code === 'TOTAL' || r.code.length === 3) }),
      closingBalance: amounts(tables.fiscalSummary.closingBalance),
    },
    generalBudgetExpenditure: rows(tables.generalBudgetExpenditure),
    generalBudgetBasic: {
      rows: tables.generalBudgetBasic.rows.filter((r) => r.code === 'TOTAL' || r.amount !== 0n).map((r) => ({ code: r.code, name: economicName(r.code), amount: money(r.amount) })),
      personnelTotal: money(tables.generalBudgetBasic.personnelTotal),
      publicTotal: money(tables.generalBudgetBasic.publicTotal),
    },
    govFund: rows(tables.govFund),
    stateCapital: rows(tables.stateCapital),
    threePublic: { initialBudget: amounts(tables.threePublic.initialBudget), budget: amounts(tables.threePublic.budget), actual: amounts(tables.threePublic.actual) },
  };
}

export function renderChecks(checks: ConsistencyCheck[]): CheckResult[] {
  return checks.map((c) => ({ rule: c.rule, passed: c.passed, expected: formatYuan(c.expected), actual: formatYuan(c.actual), detail: c.detail }));
}

export function renderVariance(items: VarianceItem[], unit: AmountUnit): VarianceItemJson[] {
  const money = (fen: bigint) => (unit === 'wan' ? formatWan(fen) : formatYuan(fen));
  return items.map((i) => ({
    scope: i.scope,
    name: i.name,
    current: money(i.current),
    prior: money(i.prior),
    change: money(i.change),
    changeRate: i.changeRate,
    direction: i.direction,
    reason: i.reason,
    reasonSource: i.reasonSource,
    sentence: i.sentence,
  }));
}

/** §9 "unexplained variances": every item that moved needs its 主要原因 (a suggestion still needs confirming). */
export function varianceCheck(items: VarianceItem[], priorSource: 'EVENTS' | 'DECLARED' | 'NONE' = 'DECLARED'): CheckResult {
  // Without any prior-year figure nothing can be compared yet: the to-do is the prior year itself (SPEC §11).
  if (priorSource === 'NONE') {
    return { rule: 'VARIANCES_EXPLAINED', passed: false, expected: '1', actual: '0', detail: '待补充上年决算数（PriorYearActualsDeclared），之后逐项说明差异原因' };
  }
  const open = items.filter((i) => i.direction !== 'FLAT' && i.reasonSource !== 'EXPLAINED');
  const label = (i: VarianceItem) => ('functionCode' in i.scope ? i.scope.functionCode : i.name) + (i.reasonSource === 'SUGGESTED' ? '（有建议，待确认）' : '');
  return {
    rule: 'VARIANCES_EXPLAINED',
    passed: open.length === 0,
    expected: String(items.filter((i) => i.direction !== 'FLAT').length),
    actual: String(items.filter((i) => i.direction !== 'FLAT').length - open.length),
    detail: open.length ? `待说明差异原因：${open.map(label).join('、')}` : '所有变动均已说明主要原因',
  };
}

/**
 * SPEC §11 JSON of the disclosures: amounts in 元 or 万元, shares as 2-decimal percentage strings or null, counts as
 * JSON integers, `assets` / `threePublicActivity` null until declared.
 */
export function renderDisclosures(d: Disclosures, unit: AmountUnit): DisclosuresJson {
  const money = (fen: bigint) => (unit === 'wan' ? formatWan(fen) : formatYuan(fen));
  const maybe = (fen: bigint | null) => (fen === null ? null : money(fen));
  const p = d.procurement;
  return {
    procurement: {
      source: p.source,
      total: money(p.total),
      goods: money(p.goods),
      works: money(p.works),
      services: money(p.services),
      smeAwarded: money(p.smeAwarded),
      smeShare: p.smeShare,
      smallMicroAwarded: money(p.smallMicroAwarded),
      smallMicroShareOfSme: p.smallMicroShareOfSme,
      goodsSme: maybe(p.goodsSme),
      worksSme: maybe(p.worksSme),
      servicesSme: maybe(p.servicesSme),
      goodsSmeShare: p.goodsSmeShare,
      worksSmeShare: p.worksSmeShare,
      servicesSmeShare: p.servicesSmeShare,
    },
    assets: d.assets,
    threePublicActivity: d.threePublicActivity,
    agencyOperatingCosts: money(d.agencyOperatingCosts),
    narratives: d.narratives,
  };
}

/** The §11 checks as JSON: DISCLOSURES_DECLARED compares counts of declarations (written as integers), PROCUREMENT_SHARES 元. */
export function renderDisclosureChecks(checks: ConsistencyCheck[]): CheckResult[] {
  return checks.map((c) =>
    c.rule === 'DISCLOSURES_DECLARED'
      ? { rule: c.rule, passed: c.passed, expected: String(c.expected), actual: String(c.actual), detail: c.detail }
      : { rule: c.rule, passed: c.passed, expected: formatYuan(c.expected), actual: formatYuan(c.actual), detail: c.detail },
  );
}
