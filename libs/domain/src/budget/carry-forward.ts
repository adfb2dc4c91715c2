import { FUND_SOURCES, type FundSource } from '../codes';
import type { ConsistencyCheck } from '../final-accounts/consistency-checks';
import { formatYuan, type Fen } from '../money';

/**
 * Year N rolling into year N+1 (SPEC §14, issue 14): the 结转 that year N's YearEndClosed carried forward must come
 * back as year N+1's CARRY_IN issues (上年结转), line by line and per fund. Lines are matched by lineId where the
 * treasury kept the id across the years, otherwise by what a line is — fund, unit, 功能科目 and project — so a
 * re-numbered line still meets its predecessor. The check runs on year N+1 once the system holds year N.
 */
export interface CarryLine {
  lineId: string;
  fundSource: FundSource;
  unitCode: string;
  functionCode: string;
  projectCode: string | null;
  amount: Fen;
}

export interface CarryForwardInputs {
  /** Year N (the prior year). */
  priorYear: number;
  /** Whether year N's YearEndClosed was applied. */
  priorClosed: boolean;
  /** Year N's lines with a carried-forward amount > 0. */
  carriedForward: readonly CarryLine[];
  /** Year N+1's CARRY_IN issues, per line. */
  carriedIn: readonly CarryLine[];
}

export interface CarryDifference {
  /** The lineId of each side ("—" where a side has none). */
  priorLineIds: string[];
  lineIds: string[];
  fundSource: FundSource;
  label: string;
  carriedForward: Fen;
  carriedIn: Fen;
}

const RULE = 'CARRY_FORWARD_MATCHES_PRIOR_YEAR';
const attributesKey = (l: CarryLine) => [l.fundSource, l.unitCode, l.functionCode, l.projectCode ?? ''].join('\u0000');
const describe = (l: CarryLine) => `${l.functionCode}${l.projectCode ? ` 项目${l.projectCode}` : ''}（单位 ${l.unitCode}）`;

/** Pairs the two years' lines (same lineId first, then same attributes) and returns every pair whose amounts differ. */
export function carryDifferences(inputs: Pick<CarryForwardInputs, 'carriedForward' | 'carriedIn'>): CarryDifference[] {
  const differences: CarryDifference[] = [];
  const nextById = new Map(inputs.carriedIn.map((l) => [l.lineId, l]));
  const unmatchedPrior: CarryLine[] = [];
  const matchedNext = new Set<string>();
  for (const prior of inputs.carriedForward) {
    const next = nextById.get(prior.lineId);
    if (next && next.fundSource === prior.fundSource) {
      matchedNext.add(next.lineId);
      if (next.amount !== prior.amount) {
        differences.push({ priorLineIds: [prior.lineId], lineIds: [next.lineId], fundSource: prior.fundSource, label: describe(prior), carriedForward: prior.amount, carriedIn: next.amount });
      }
    } else unmatchedPrior.push(prior);
  }
  const groups = new Map<string, { prior: CarryLine[]; next: CarryLine[] }>();
  const group = (l: CarryLine) => groups.get(attributesKey(l)) ?? groups.set(attributesKey(l), { prior: [], next: [] }).get(attributesKey(l))!;
  for (const l of unmatchedPrior) group(l).prior.push(l);
  for (const l of inputs.carriedIn) if (!matchedNext.has(l.lineId)) group(l).next.push(l);
  for (const { prior, next } of groups.values()) {
    const carriedForward = prior.reduce((a, l) => a + l.amount, 0n);
    const carriedIn = next.reduce((a, l) => a + l.amount, 0n);
    if (carriedForward === carriedIn) continue;
    const sample = prior[0] ?? next[0];
    differences.push({ priorLineIds: prior.map((l) => l.lineId), lineIds: next.map((l) => l.lineId), fundSource: sample.fundSource, label: describe(sample), carriedForward, carriedIn });
  }
  return differences;
}

/**
 * One check per fund source present on either side (expected = year N's 结转, actual = year N+1's 上年结转), failing
 * when the fund totals or any line differ, with the differing lines named; none when neither year has any carry.
 */
export function carryForwardChecks(inputs: CarryForwardInputs): ConsistencyCheck[] {
  const n = inputs.priorYear;
  if (!inputs.priorClosed) {
    if (!inputs.carriedIn.length) return [];
    const actual = inputs.carriedIn.reduce((a, l) => a + l.amount, 0n);
    return [{ rule: RULE, passed: false, expected: 0n, actual, detail: `${n}年尚未年终结账（YearEndClosed），结转数未定，无法核对${n + 1}年上年结转指标 ${formatYuan(actual)} 元` }];
  }
  const differences = carryDifferences(inputs);
  const funds = [...new Set([...inputs.carriedForward, ...inputs.carriedIn].map((l) => l.fundSource))].sort();
  if (!funds.length) return [{ rule: RULE, passed: true, expected: 0n, actual: 0n, detail: `${n}年无结转，${n + 1}年无上年结转指标` }];
  return funds.map((fund) => {
    const expected = inputs.carriedForward.filter((l) => l.fundSource === fund).reduce((a, l) => a + l.amount, 0n);
    const actual = inputs.carriedIn.filter((l) => l.fundSource === fund).reduce((a, l) => a + l.amount, 0n);
    const lines = differences.filter((d) => d.fundSource === fund);
    const head = `${FUND_SOURCES[fund]}：${n}年结转 ${formatYuan(expected)} 元，${n + 1}年上年结转 ${formatYuan(actual)} 元`;
    const detail = lines.length
      ? `${head}；不一致：${lines
          .map((d) => `${d.label} ${n}年结转 ${formatYuan(d.carriedForward)}（${d.priorLineIds.join('、') || '—'}），${n + 1}年上年结转 ${formatYuan(d.carriedIn)}（${d.lineIds.join('、') || '—'}），差 ${formatYuan(d.carriedIn - d.carriedForward)}`)
          .join('；')}`
      : `${head}，逐条一致`;
    return { rule: RULE, passed: lines.length === 0 && expected === actual, expected, actual, detail };
  });
}
