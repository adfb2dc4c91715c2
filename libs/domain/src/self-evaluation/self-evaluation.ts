import type { CompletionLikelihood, DeviationCauseCategory } from '../codes';
import type { ExecutionScoreRule } from '../events/event-types';
import { computedDepartmentIndicators, computedIndicatorFor, type ComputedIndicator, type ComputedIndicatorFigures } from './computed-indicators';
import { completion, scoreIndicator, type IndicatorProgress } from '../indicators/indicator-scoring';
import { formatWan, formatYuan, parseYuan, type Fen } from '../money';
import { Rational } from '../progress/rational';

/**
 * 绩效自评 (SPEC §12): the 项目支出绩效自评表 of every project and the 部门整体支出绩效自评表, as the published tables
 * score them (seed 000, 泉港区人民政府办公室 2023, 附件一):
 * - 项目资金: 年初预算数 (INITIAL issues), 全年预算数 and 全年执行数 (SPEC §5), split 当年财政拨款 (the three fiscal
 *   funds) / 其他资金 (UNIT_FUNDS, SPECIAL_ACCOUNT);
 * - the 执行率 line: executionWeight (default 10) scored from the exact execution rate by the department's
 *   EvaluationPolicySet — PROPORTIONAL weight × min(rate, 100) / 100 (安阳 2023: 5.68 % → 0.57), or TIERED: the
 *   highest minRate ≤ rate gives weight × percentOfWeight / 100, none gives 0 (泉港 2023: 80 → 100 %, 60 → 50 %, so
 *   84.02 % → 10 and 65.31 % → 5);
 * - each 绩效指标 scored as in §6; totalWeight and totalScore summed exactly and rounded once (an unscored indicator
 *   adds 0 and leaves its project incomplete); grade from the printed totalScore × 100 / totalWeight;
 * - 部门整体: the indicators the ledger knows (预算执行率, 结转结余率, “三公”经费控制率: computed-indicators.ts) are offered
 *   as `department.computedIndicators`, and a 部门整体 GTE/LTE/EQ indicator of the same 三级指标 name that has no
 *   IndicatorMeasured takes the computed value as its 实际完成值 (`actualSource: "COMPUTED"`) and is scored with it; a
 *   measured value stays the department's.
 */

export type SelfEvaluationGrade = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR';
/** 评价等次 as published: 优 良 中 差. */
export const GRADE_NAMES: Record<SelfEvaluationGrade, string> = { EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' };

/** The department-year's 评价规则 in force (EvaluationPolicySet). */
export interface EvaluationPolicy {
  /** 执行率 分值, decimal string. */
  executionWeight: string;
  executionScore: ExecutionScoreRule;
}

/** SPEC §12: without an EvaluationPolicySet, 10 points scored PROPORTIONAL. */
export const DEFAULT_EVALUATION_POLICY: EvaluationPolicy = { executionWeight: '10', executionScore: { scheme: 'PROPORTIONAL' } };

/** 年度总体目标 (PerformanceGoalSet): 预期目标 and 实际完成情况. */
export interface PerformanceGoal {
  expected: string;
  achieved: string | null;
}

/** 偏差原因 (DeviationExplained) in force at the report date. */
export interface DeviationExplanation {
  cause: string;
  measure: string;
  causeCategory: DeviationCauseCategory | null;
  expectedActual: string | null;
  likelihood: CompletionLikelihood | null;
}

/** One fund block's figures in 分. */
export interface FundFigures {
  initialBudget: Fen;
  budget: Fen;
  paid: Fen;
}

/** A project (or the department, projectCode "*") as the adapter read it at the report date. */
export interface SelfEvaluationSubject {
  projectCode: string;
  projectName: string | null;
  /** 实施单位: the units whose lines carry the project. */
  units: { code: string; name: string | null }[];
  /** GENERAL_BUDGET, GOV_FUND, STATE_CAPITAL. */
  fiscal: FundFigures;
  /** UNIT_FUNDS, SPECIAL_ACCOUNT. */
  other: FundFigures;
  indicators: IndicatorProgress[];
}

export interface SelfEvaluationInput {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  provisional: boolean;
  /** The EvaluationPolicySet in force, or null for the default (PROPORTIONAL, 10). */
  policy: EvaluationPolicy | null;
  projects: SelfEvaluationSubject[];
  department: SelfEvaluationSubject;
  /** By projectCode ("*" for 部门整体). */
  goals: ReadonlyMap<string, PerformanceGoal>;
  /** By `indicator:<indicatorId>` or `project:<projectCode>` (the execution line). */
  deviations: ReadonlyMap<string, DeviationExplanation>;
  /** The department's 决算 figures at the report date, for the computed 部门整体 indicators (computedIndicatorLedgerFigures). */
  departmentLedger: Pick<ComputedIndicatorFigures, 'fiscalClosingBalance' | 'threePublicBudget' | 'threePublicActual'>;
}

// ---- The JSON of GET …/self-evaluation (SPEC §12); amounts are 元 strings (or 万元 after inWan). ----

export interface SelfEvaluationFunds {
  initialBudget: string;
  budget: string;
  paid: string;
  executionRate: string | null;
}

export interface SelfEvaluationIndicator {
  indicatorId: string;
  level1: string;
  level2: string;
  name: string;
  comparator: IndicatorProgress['comparator'];
  target: string;
  unit: string | null;
  actual: string | null;
  /** Where `actual` comes from: an IndicatorMeasured, the ledger (a computed 部门整体 indicator), or nowhere yet. */
  actualSource: 'MEASURED' | 'COMPUTED' | null;
  weight: string;
  completionRate: string | null;
  score: string | null;
  deviation: boolean;
  cause: string | null;
  measure: string | null;
  causeCategory: DeviationCauseCategory | null;
  expectedActual: string | null;
  likelihood: CompletionLikelihood | null;
}

export interface SelfEvaluationProject {
  projectCode: string;
  projectName: string | null;
  units: { code: string; name: string | null }[];
  initialBudget: string;
  budget: string;
  paid: string;
  funds: { fiscal: SelfEvaluationFunds; other: SelfEvaluationFunds };
  executionRate: string | null;
  executionWeight: string;
  /** null when the budget is 0 (no rate). */
  executionScore: string | null;
  /** The DeviationExplained of the execution line (`projectCode`), if any. */
  executionExplanation: DeviationExplanation | null;
  goal: PerformanceGoal | null;
  indicators: SelfEvaluationIndicator[];
  totalWeight: string;
  totalScore: string;
  /** null when the project is not evaluated (no budget) or totalWeight is 0. */
  grade: SelfEvaluationGrade | null;
  /** Has a budget: counted in `summary`. */
  evaluated: boolean;
  /** What the tables print as 【待补充】 (the check SELF_EVALUATION_COMPLETE lists it): empty when complete. */
  missing: string[];
}

/** 部门整体 ("*"): scored like a project, with the indicators the ledger computes. */
export interface SelfEvaluationDepartment extends SelfEvaluationProject {
  computedIndicators: ComputedIndicator[];
}

export interface SelfEvaluationReport {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  provisional: boolean;
  policy: EvaluationPolicy;
  projects: SelfEvaluationProject[];
  department: SelfEvaluationDepartment;
  summary: { evaluated: number; budget: string; paid: string; grades: Record<SelfEvaluationGrade, number> };
}

const HUNDRED = new Rational(100n);

/** paid / budget × 100, exact; null when the budget is 0. */
export function exactExecutionRate(paid: Fen, budget: Fen): Rational | null {
  return budget === 0n ? null : new Rational(paid * 100n, budget);
}

/**
 * The 执行率 line's score under the policy, exact (SPEC §12), from the exact rate (a rate printed 80.00 but below 80
 * does not reach the 80 tier). null when there is no rate.
 */
export function executionScoreUnder(policy: EvaluationPolicy, rate: Rational | null): Rational | null {
  if (rate === null) return null;
  const weight = Rational.parse(policy.executionWeight);
  const rule = policy.executionScore;
  if (rule.scheme === 'PROPORTIONAL') {
    const capped = rate.compare(HUNDRED) > 0 ? HUNDRED : rate.compare(Rational.ZERO) < 0 ? Rational.ZERO : rate;
    return weight.mul(capped).div(HUNDRED);
  }
  let best: { min: Rational; percent: Rational } | null = null;
  for (const tier of rule.tiers) {
    const min = Rational.parse(tier.minRate);
    if (min.compare(rate) <= 0 && (best === null || min.compare(best.min) > 0)) best = { min, percent: Rational.parse(tier.percentOfWeight) };
  }
  return best === null ? Rational.ZERO : weight.mul(best.percent).div(HUNDRED);
}

/**
 * 评价等次 from the printed totalScore × 100 / totalWeight (SPEC §12): ≥ 90 优, ≥ 80 良, ≥ 60 中, else 差. The printed
 * (rounded) figures decide, so a table showing 总分 90.00 of 100 is 优. null when totalWeight is 0.
 */
export function gradeOf(totalScore: string, totalWeight: string): SelfEvaluationGrade | null {
  const weight = Rational.parse(totalWeight);
  if (weight.compare(Rational.ZERO) <= 0) return null;
  const percent = Rational.parse(totalScore).mul(HUNDRED).div(weight);
  if (percent.compare(new Rational(90n)) >= 0) return 'EXCELLENT';
  if (percent.compare(new Rational(80n)) >= 0) return 'GOOD';
  if (percent.compare(new Rational(60n)) >= 0) return 'FAIR';
  return 'POOR';
}

/** An indicator's exact score (§6), or null when it is not measured (QUALITATIVE: not scored). */
function exactIndicatorScore(indicator: IndicatorProgress): Rational | null {
  if (indicator.comparator === 'QUALITATIVE') return indicator.manualScore === null ? null : Rational.parse(indicator.manualScore);
  const rate = completion(indicator);
  return rate === null ? null : Rational.parse(indicator.weight).mul(rate).div(HUNDRED);
}

function funds(f: FundFigures): SelfEvaluationFunds {
  const rate = exactExecutionRate(f.paid, f.budget);
  return { initialBudget: formatYuan(f.initialBudget), budget: formatYuan(f.budget), paid: formatYuan(f.paid), executionRate: rate === null ? null : rate.toFixed2() };
}

const COMPUTABLE_COMPARATORS: ReadonlySet<IndicatorProgress['comparator']> = new Set(['GTE', 'LTE', 'EQ']);

function evaluateSubject(subject: SelfEvaluationSubject, input: SelfEvaluationInput, policy: EvaluationPolicy, computed: readonly ComputedIndicator[] = []): SelfEvaluationProject {
  const budget = subject.fiscal.budget + subject.other.budget;
  const paid = subject.fiscal.paid + subject.other.paid;
  const rate = exactExecutionRate(paid, budget);
  const execution = executionScoreUnder(policy, rate);
  let totalWeight = Rational.parse(policy.executionWeight);
  let totalScore = execution ?? Rational.ZERO;
  const missing: string[] = [];
  const unscored: string[] = [];
  const unexplained: string[] = [];

  const indicators = subject.indicators.map((measured): SelfEvaluationIndicator => {
    // An unmeasured 部门整体 indicator the ledger computes takes the computed value (a percent with 2 decimals).
    const fromLedger = measured.actual === null && COMPUTABLE_COMPARATORS.has(measured.comparator) ? computedIndicatorFor(measured.name, computed)?.value ?? null : null;
    const i = fromLedger === null ? measured : { ...measured, actual: fromLedger };
    const result = scoreIndicator(i);
    const exact = exactIndicatorScore(i);
    totalWeight = totalWeight.add(Rational.parse(i.weight));
    if (exact === null) unscored.push(i.name);
    else totalScore = totalScore.add(exact);
    const why = input.deviations.get(`indicator:${i.indicatorId}`) ?? null;
    if (result.deviation && why === null) unexplained.push(i.name);
    return {
      indicatorId: i.indicatorId,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      comparator: i.comparator,
      target: i.target,
      unit: i.unit,
      actual: i.actual,
      actualSource: fromLedger !== null ? 'COMPUTED' : i.actual !== null ? 'MEASURED' : null,
      weight: i.weight,
      completionRate: result.completionRate,
      score: result.score,
      deviation: result.deviation,
      cause: why?.cause ?? null,
      measure: why?.measure ?? null,
      causeCategory: why?.causeCategory ?? null,
      expectedActual: why?.expectedActual ?? null,
      likelihood: why?.likelihood ?? null,
    };
  });

  const goal = input.goals.get(subject.projectCode) ?? null;
  if (goal === null) missing.push('年度总体目标');
  else if (goal.achieved === null) missing.push('实际完成情况');
  if (!subject.indicators.length) missing.push('绩效指标');
  if (unscored.length) missing.push(`指标完成值（${unscored.join('、')}）`);
  if (unexplained.length) missing.push(`偏差原因分析及改进措施（${unexplained.join('、')}）`);

  const weightText = totalWeight.toFixed2();
  const scoreText = totalScore.toFixed2();
  return {
    projectCode: subject.projectCode,
    projectName: subject.projectName,
    units: subject.units,
    initialBudget: formatYuan(subject.fiscal.initialBudget + subject.other.initialBudget),
    budget: formatYuan(budget),
    paid: formatYuan(paid),
    funds: { fiscal: funds(subject.fiscal), other: funds(subject.other) },
    executionRate: rate === null ? null : rate.toFixed2(),
    executionWeight: Rational.parse(policy.executionWeight).toFixed2(),
    executionScore: execution === null ? null : execution.toFixed2(),
    executionExplanation: input.deviations.get(`project:${subject.projectCode}`) ?? null,
    goal,
    indicators,
    totalWeight: weightText,
    totalScore: scoreText,
    grade: budget === 0n ? null : gradeOf(scoreText, weightText),
    // Evaluated: a project (or 部门整体) with a budget and 绩效目标 to score. Project spending without any indicator is
    // outside the self-evaluation, as in seed 000 (3 of its projects evaluated, 807.36 万元), not a table of blanks.
    evaluated: budget !== 0n && subject.indicators.length > 0,
    missing,
  };
}

/** The self-evaluation of a department-year (SPEC §12); `summary` counts the evaluated projects (a budget and indicators). */
export function selfEvaluation(input: SelfEvaluationInput): SelfEvaluationReport {
  const policy = input.policy ?? DEFAULT_EVALUATION_POLICY;
  const projects = input.projects.map((p) => evaluateSubject(p, input, policy));
  const evaluated = projects.filter((p) => p.evaluated);
  const grades: Record<SelfEvaluationGrade, number> = { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 };
  for (const p of evaluated) if (p.grade !== null) grades[p.grade]++;
  const whole = input.department;
  const computedIndicators = computedDepartmentIndicators({
    budget: whole.fiscal.budget + whole.other.budget,
    paid: whole.fiscal.paid + whole.other.paid,
    fiscalBudget: whole.fiscal.budget,
    ...input.departmentLedger,
  });
  return {
    departmentCode: input.departmentCode,
    fiscalYear: input.fiscalYear,
    asOf: input.asOf,
    provisional: input.provisional,
    policy,
    projects,
    department: { ...evaluateSubject(whole, input, policy, computedIndicators), computedIndicators },
    summary: {
      evaluated: evaluated.length,
      budget: formatYuan(evaluated.reduce((sum, p) => sum + parseYuan(p.budget), 0n)),
      paid: formatYuan(evaluated.reduce((sum, p) => sum + parseYuan(p.paid), 0n)),
      grades,
    },
  };
}

/**
 * SELF_EVALUATION_COMPLETE: every evaluated project, and the department, whose tables would print a 【待补充】 — an
 * unscored indicator, no 年度总体目标 (or no 实际完成情况), no indicator, a deviation without its 偏差原因.
 */
export function selfEvaluationGaps(report: SelfEvaluationReport): { projectCode: string; projectName: string | null; missing: string[] }[] {
  const evaluated = [...report.projects, report.department].filter((p) => p.evaluated);
  // Project spending and no 绩效目标 anywhere: the self-evaluation itself is missing.
  if (!evaluated.length && report.projects.some((p) => parseYuan(p.budget) !== 0n)) return [{ projectCode: '*', projectName: null, missing: ['绩效指标'] }];
  return evaluated.filter((p) => p.missing.length).map((p) => ({ projectCode: p.projectCode, projectName: p.projectName, missing: p.missing }));
}

/** The same report with every amount in 万元 (rounded half-up from the exact 元, SPEC §1). */
export function selfEvaluationInWan(report: SelfEvaluationReport): SelfEvaluationReport {
  const wan = (yuan: string) => formatWan(parseYuan(yuan));
  const fundsInWan = (f: SelfEvaluationFunds): SelfEvaluationFunds => ({ ...f, initialBudget: wan(f.initialBudget), budget: wan(f.budget), paid: wan(f.paid) });
  const project = (p: SelfEvaluationProject): SelfEvaluationProject => ({
    ...p,
    initialBudget: wan(p.initialBudget),
    budget: wan(p.budget),
    paid: wan(p.paid),
    funds: { fiscal: fundsInWan(p.funds.fiscal), other: fundsInWan(p.funds.other) },
  });
  return { ...report, projects: report.projects.map(project), department: { ...project(report.department), computedIndicators: report.department.computedIndicators }, summary: { ...report.summary, budget: wan(report.summary.budget), paid: wan(report.summary.paid) } };
}
