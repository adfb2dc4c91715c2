import { isPersonnelEconomicCode } from '../codes';
import type { PriorYearActualRow } from '../events/event-types';
import { formatWan, withThousands, type Fen } from '../money';
import { Rational } from '../progress/rational';
import type { FinalAccountsFacts, FinalAccountsTables } from './final-accounts-tables';

/**
 * 情况说明 variance items (SPEC §8): for every 7-digit function code of 一般公共预算财政拨款 spending this year or last,
 * for the income and expenditure totals, 三公 and 机关运行经费 (一般公共预算 基本支出 公用经费): current, prior, change,
 * rate, direction, and the published-style sentence with its 主要原因 — explained (VarianceExplained), suggested from
 * the drivers (clearly marked 【建议】), or missing (a to-do, 【待补充】).
 */
export type VarianceDirection = 'INCREASE' | 'DECREASE' | 'FLAT' | 'NEW' | 'DISCONTINUED';
export type ReasonSource = 'EXPLAINED' | 'SUGGESTED' | 'MISSING';

export interface YearFigures {
  /** 一般公共预算财政拨款 spending per 7-digit function code, with its spending by economic 类 when known. */
  functions: Map<string, { amount: Fen; byEconomicClass: Map<string, Fen> | null }>;
  totalIncome: Fen;
  totalExpenditure: Fen;
  threePublic: Fen;
  /** 三公 budget (net appropriation of lines coded 三公), for 完成全年预算的X%; absent for declared prior years. */
  threePublicBudget?: Fen;
  operatingCosts: Fen;
  /** 财政拨款 income and spending (04) and 一般公共预算财政拨款 spending (05); undefined when a declaration omits them. */
  fiscalIncome?: Fen;
  fiscalExpenditure?: Fen;
  generalBudgetExpenditure?: Fen;
}

export function yearFigures(facts: FinalAccountsFacts, tables: FinalAccountsTables): YearFigures {
  const functions = new Map<string, { amount: Fen; byEconomicClass: Map<string, Fen> }>();
  for (const line of facts.lines) {
    if (line.fundSource !== 'GENERAL_BUDGET') continue;
    const entry = functions.get(line.functionCode) ?? { amount: 0n, byEconomicClass: new Map<string, Fen>() };
    for (const [code, amount] of line.paidByEconomic) {
      entry.amount += amount;
      entry.byEconomicClass.set(code.slice(0, 3), (entry.byEconomicClass.get(code.slice(0, 3)) ?? 0n) + amount);
    }
    functions.set(line.functionCode, entry);
  }
  return {
    functions,
    totalIncome: tables.summary.income.totalIncome,
    totalExpenditure: tables.summary.expenditure.totalExpenditure,
    threePublic: tables.threePublic.actual.total,
    threePublicBudget: tables.threePublic.budget.total,
    operatingCosts: tables.generalBudgetBasic.publicTotal,
    fiscalIncome: tables.fiscalSummary.income.total,
    fiscalExpenditure: tables.fiscalSummary.expenditure.rows[0]?.values.total ?? 0n,
    generalBudgetExpenditure: tables.generalBudgetExpenditure.rows[0]?.values.total ?? 0n,
  };
}

/** Prior-year figures from a PriorYearActualsDeclared (used where the prior year's events are not in the system). */
export function declaredFigures(
  rows: readonly PriorYearActualRow[],
  totals: { totalIncome?: Fen; totalExpenditure?: Fen; fiscalIncome?: Fen; fiscalExpenditure?: Fen; generalBudgetExpenditure?: Fen },
  parse: (amount: string) => Fen,
): YearFigures {
  const functions = new Map<string, { amount: Fen; byEconomicClass: null }>();
  let threePublic = 0n;
  let operatingCosts = 0n;
  for (const row of rows) {
    if (row.functionCode?.length === 7) functions.set(row.functionCode, { amount: (functions.get(row.functionCode)?.amount ?? 0n) + parse(row.amount), byEconomicClass: null });
    if (row.threePublicItem === 'total') threePublic += parse(row.amount);
    if (row.threePublicItem === 'operatingCosts') operatingCosts += parse(row.amount);
  }
  return {
    functions,
    totalIncome: totals.totalIncome ?? 0n,
    totalExpenditure: totals.totalExpenditure ?? 0n,
    threePublic,
    operatingCosts,
    fiscalIncome: totals.fiscalIncome,
    fiscalExpenditure: totals.fiscalExpenditure,
    generalBudgetExpenditure: totals.generalBudgetExpenditure,
  };
}

export interface VarianceItem {
  scope: { functionCode: string } | { total: 'income' | 'expenditure' } | { threePublic: true } | { operatingCosts: true };
  name: string;
  current: Fen;
  prior: Fen;
  change: Fen;
  changeRate: string | null;
  direction: VarianceDirection;
  reason: string | null;
  reasonSource: ReasonSource;
  /** The 主要原因 clause as the sentence writes it ('' when flat). */
  reasonClause: string;
  sentence: string;
}

export interface VarianceContext {
  functionName: (code: string) => string | undefined;
  economicName: (code: string) => string | undefined;
  /** VarianceExplained reasons by scope key: `function:<code>`, `economic:<code>`, `threePublic`, `total`. */
  explanations: ReadonlyMap<string, string>;
  /**
   * False when the system has neither the prior year's events nor a PriorYearActualsDeclared (SPEC §11): the prior
   * figures are unknown, not zero, so no sentence may claim 持平, 新增 or 上年无此项 — it prints a placeholder instead.
   */
  priorKnown?: boolean;
}

/** The visible placeholder of a missing input (SPEC §11), the same text every renderer marks. */
export const missingInput = (what: string) => `【待补充：${what}】`;

function direction(current: Fen, prior: Fen): VarianceDirection {
  if (prior === 0n && current !== 0n) return 'NEW';
  if (current === 0n && prior !== 0n) return 'DISCONTINUED';
  return current > prior ? 'INCREASE' : current < prior ? 'DECREASE' : 'FLAT';
}

/** 万元 as the 情况说明 prints it: rounded half-up, thousands grouped (2,658.28). */
const wan = (fen: Fen) => withThousands(formatWan(fen < 0n ? -fen : fen));

/** 较上年决算数… ; `noun` names what a zero prior lacked (支出 for spending items, 收入 for income). */
function movement(current: Fen, prior: Fen, rate: string | null, noun: '支出' | '收入' = '支出'): string {
  const change = current - prior;
  if (change === 0n) return '，与上年决算数持平。';
  if (prior === 0n) return `，较上年决算数增加${wan(change)}万元（上年无此项${noun}）。`;
  const word = change > 0n ? ['增加', '增长'] : ['减少', '下降'];
  return `，较上年决算数${word[0]}${wan(change)}万元，${word[1]}${rate!.replace('-', '')}%。`;
}

/** A 主要原因 as the published sentences print it: 「主要原因是…。」 unless the text already starts so. */
export function reasonText(reason: string): string {
  const trimmed = reason.trim().replace(/[。.]$/, '');
  return /^主要(原因|是)/.test(trimmed) ? `${trimmed}。` : `主要原因是${trimmed}。`;
}

/** The economic 类 that moved most, as a suggested driver (only when both years' breakdowns are known). */
function suggestFromDrivers(current: Map<string, Fen> | null, prior: Map<string, Fen> | null, dir: VarianceDirection, ctx: VarianceContext): string | null {
  if (dir === 'NEW') return '本年新增该项支出';
  if (dir === 'DISCONTINUED') return '本年未安排该项支出';
  if (dir === 'FLAT' || !current || !prior) return null;
  let best: { code: string; change: Fen } | null = null;
  for (const code of new Set([...current.keys(), ...prior.keys()])) {
    const change = (current.get(code) ?? 0n) - (prior.get(code) ?? 0n);
    if (!best || (change < 0n ? -change : change) > (best.change < 0n ? -best.change : best.change)) best = { code, change };
  }
  if (!best || best.change === 0n) return null;
  const kind = isPersonnelEconomicCode(best.code) ? '人员经费' : '公用经费及其他';
  return `${ctx.economicName(best.code) ?? best.code}（${kind}）${best.change > 0n ? '增加' : '减少'}${wan(best.change)}万元`;
}

function item(
  scope: VarianceItem['scope'],
  name: string,
  current: Fen,
  prior: Fen,
  explained: string | undefined,
  suggestion: string | null,
  lead: string,
  options: { budget?: Fen; priorKnown: boolean; noun?: '支出' | '收入' },
): VarianceItem {
  const rate = prior === 0n ? null : new Rational((current - prior) * 100n, prior).toFixed2();
  const dir = direction(current, prior);
  // 三公: 完成全年预算的X% (SPEC §7 budget) before the year-on-year change.
  const completion = options.budget ? `，完成全年预算的${new Rational(current * 100n, options.budget).toFixed2()}%` : '';
  if (!options.priorKnown) {
    // No prior-year data at all: state this year's figure, leave the comparison to the finance office (SPEC §11).
    const sentence = `${lead}${wan(current)}万元${completion}，较上年决算数${missingInput('上年决算数')}。`;
    return { scope, name, current, prior, change: current - prior, changeRate: null, direction: dir, reason: explained ?? null, reasonSource: explained ? 'EXPLAINED' : 'MISSING', reasonClause: '', sentence };
  }
  const reasonSource: ReasonSource = explained ? 'EXPLAINED' : suggestion ? 'SUGGESTED' : 'MISSING';
  const reason = explained ?? suggestion ?? null;
  const tail = dir === 'FLAT' ? '' : explained ? reasonText(explained) : suggestion ? `【建议】${reasonText(suggestion)}` : `主要原因是${missingInput('变动原因')}。`;
  const body = dir === 'DISCONTINUED' ? `${lead}本年无${options.noun ?? '支出'}，上年决算数${wan(prior)}万元。` : `${lead}${wan(current)}万元${completion}${movement(current, prior, rate, options.noun)}`;
  return { scope, name, current, prior, change: current - prior, changeRate: rate, direction: dir, reason, reasonSource, reasonClause: tail, sentence: body + tail };
}

export function varianceItems(current: YearFigures, prior: YearFigures, ctx: VarianceContext): VarianceItem[] {
  const items: VarianceItem[] = [];
  const priorKnown = ctx.priorKnown ?? true;
  const codes = [...new Set([...current.functions.keys(), ...prior.functions.keys()])].sort();
  for (const code of codes) {
    const now = current.functions.get(code);
    const before = prior.functions.get(code);
    if (!now?.amount && !before?.amount) continue;
    const name = ctx.functionName(code) ?? code;
    const parent = ctx.functionName(code.slice(0, 5));
    const dir = direction(now?.amount ?? 0n, before?.amount ?? 0n);
    items.push(
      item({ functionCode: code }, name, now?.amount ?? 0n, before?.amount ?? 0n, ctx.explanations.get(`function:${code}`),
        suggestFromDrivers(now?.byEconomicClass ?? null, before?.byEconomicClass ?? null, dir, ctx), `${code}-${name}${parent ? `(${parent})` : ''}`, { priorKnown }),
    );
  }
  const total = ctx.explanations.get('total');
  items.push(item({ total: 'income' }, '本年收入合计', current.totalIncome, prior.totalIncome, total, null, '本年收入合计', { priorKnown, noun: '收入' }));
  items.push(item({ total: 'expenditure' }, '本年支出合计', current.totalExpenditure, prior.totalExpenditure, total, null, '本年支出合计', { priorKnown }));
  items.push(item({ threePublic: true }, '“三公”经费', current.threePublic, prior.threePublic, ctx.explanations.get('threePublic'), null, '一般公共预算财政拨款“三公”经费支出', { budget: current.threePublicBudget, priorKnown }));
  items.push(item({ operatingCosts: true }, '机关运行经费', current.operatingCosts, prior.operatingCosts, ctx.explanations.get('economic:302'), null, '机关运行经费支出', { priorKnown }));
  return items;
}
