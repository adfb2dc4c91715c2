/**
 * The benchmark's workload generator: a province-like year of events, deterministic for a seed. Departments differ in
 * size (a few large ones with long histories, many small ones); every department receives its 指标 first, then
 * payments dated through the year with a December rush (December weighs 3× an ordinary month), some 退回 (partial
 * reversals of an earlier payment of the same department) and some 指标调整 (up, or down only while the line keeps
 * enough available balance, so no event is rejected). Two featured departments give the reads a known history length:
 * department 0 gets about 50 000 payments and department 1 about 4 000 once there are ≥ 200 000 events (both scaled
 * down in proportion below that). The generator keeps its own totals in 分 (bigint), independent of the domain, to
 * check the ledger against.
 */
import type { OutboundMessage } from '@app/transport';

export interface WorkloadOptions {
  events: number;
  departments: number;
  linesPerDepartment: number;
  seed?: number;
}

export interface DepartmentTotals {
  budgetFen: bigint;
  paidFen: bigint;
}

export interface FeaturedDepartment {
  departmentCode: string;
  /** PaymentMade events generated for it (the target was about `target`). */
  payments: number;
  target: number;
}

export interface Workload {
  messages: OutboundMessage[];
  totals: Map<string, DepartmentTotals>;
  mix: Record<string, number>;
  decemberShareOfPayments: number;
  /** The departments with a long (≈ 50 000 payments) and a medium (≈ 4 000) history; absent below 3 departments. */
  featured: { long: FeaturedDepartment; medium: FeaturedDepartment } | null;
}

/** Month weights: January–November 1 each, December 3 (the 年底突击支出). */
const MONTH_WEIGHTS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3];
export const FISCAL_YEAR = 2024;
const YEAR = FISCAL_YEAR;
/** Payments of the featured departments at ≥ FEATURED_FULL_SIZE events; proportionally fewer below. */
const LONG_HISTORY_PAYMENTS = 50_000;
const MEDIUM_HISTORY_PAYMENTS = 4_000;
const FEATURED_FULL_SIZE = 200_000;
/** Share of a department's dated events that are payments (4 % reversals and 4 % adjustments, see below). */
const PAYMENT_SHARE = 0.92;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 分 → 元 string with two decimals, written here independently of the domain's formatter. */
export function fenToYuan(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function departmentCode(d: number): string {
  return `B${String(d).padStart(5, '0')}`;
}

export function generateWorkload(options: WorkloadOptions): Workload {
  const { events, departments, linesPerDepartment } = options;
  const random = mulberry32(options.seed ?? 20241231);
  const messages: OutboundMessage[] = [];
  const totals = new Map<string, DepartmentTotals>();
  const mix: Record<string, number> = {};
  const push = (event: { eventId: string; type: string; departmentCode: string; [field: string]: unknown }) => {
    mix[event.type] = (mix[event.type] ?? 0) + 1;
    messages.push({ key: event.departmentCode, value: JSON.stringify(event) });
  };
  const lineBudget: bigint[][] = [];
  const linePaid: bigint[][] = [];

  for (let d = 0; d < departments; d++) {
    const dept = departmentCode(d);
    totals.set(dept, { budgetFen: 0n, paidFen: 0n });
    lineBudget.push([]);
    linePaid.push([]);
    for (let l = 0; l < linesPerDepartment; l++) {
      const fen = BigInt(200_000 + Math.floor(random() * 800_000)) * 10_000n; // 2 000 000 – 10 000 000 元
      lineBudget[d].push(fen);
      linePaid[d].push(0n);
      totals.get(dept)!.budgetFen += fen;
      push({
        eventId: `bench-issue-${d}-${l}`, type: 'AppropriationIssued', fiscalYear: YEAR, departmentCode: dept, occurredOn: `${YEAR}-01-02`,
        data: {
          lineId: `L${String(l).padStart(3, '0')}`, unitCode: `${dept}01`, functionCode: '2010301', fundSource: 'GENERAL_BUDGET',
          expenditureKind: l % 3 === 0 ? 'PROJECT' : 'BASIC', ...(l % 3 === 0 ? { projectCode: `${dept}-P${l}`, projectName: `项目${l}` } : {}),
          stage: 'INITIAL', amount: fenToYuan(fen),
        },
      });
    }
  }

  const rest = Math.max(0, events - messages.length);
  // Featured departments 0 (long history) and 1 (medium) take a fixed share of the dated events; the others share
  // the rest with weight ∝ 1/√(rank+1), so the first of them have long histories too.
  const scale = Math.min(1, events / FEATURED_FULL_SIZE);
  const hasFeatured = departments >= 3 && rest > 0;
  const longTarget = hasFeatured ? Math.round(LONG_HISTORY_PAYMENTS * scale) : 0;
  const mediumTarget = hasFeatured ? Math.round(MEDIUM_HISTORY_PAYMENTS * scale) : 0;
  const pLong = Math.min(0.5, longTarget / PAYMENT_SHARE / Math.max(1, rest));
  const pMedium = Math.min(0.1, mediumTarget / PAYMENT_SHARE / Math.max(1, rest));
  const first = hasFeatured ? 2 : 0;
  const cumulative: number[] = [];
  let sum = 0;
  for (let d = first; d < departments; d++) cumulative.push((sum += 1 / Math.sqrt(d - first + 1)));
  const pickDepartment = () => {
    if (hasFeatured) {
      const f = random();
      if (f < pLong) return 0;
      if (f < pLong + pMedium) return 1;
    }
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return first + lo;
  };
  const monthTotal = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);
  // Dated slots in chronological order: each month gets its share, days spread 1–28.
  const slots: { month: number; day: number }[] = [];
  for (let m = 0; m < 12; m++) {
    const count = m === 11 ? rest - slots.length : Math.round((rest * MONTH_WEIGHTS[m]) / monthTotal);
    const days = Array.from({ length: count }, () => 1 + Math.floor(random() * 28)).sort((a, b) => a - b);
    for (const day of days) slots.push({ month: m + 1, day });
  }

  const payments: { eventId: string; line: number; remaining: bigint }[][] = Array.from({ length: departments }, () => []);
  const paymentsOf = new Array<number>(departments).fill(0);
  let decemberPayments = 0;
  let allPayments = 0;
  for (let i = 0; i < slots.length; i++) {
    const { month, day } = slots[i];
    const d = pickDepartment();
    const dept = departmentCode(d);
    const occurredOn = `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const roll = random();
    const own = payments[d];
    if (roll < 0.04 && own.length) {
      const payment = own[own.length - 1 - Math.floor(random() * Math.min(own.length, 50))];
      if (payment.remaining > 0n) {
        const fen = payment.remaining <= 100n ? payment.remaining : BigInt(1 + Math.floor(random() * Number(payment.remaining)));
        payment.remaining -= fen;
        linePaid[d][payment.line] -= fen;
        totals.get(dept)!.paidFen -= fen;
        push({
          eventId: `bench-rev-${i}`, type: 'PaymentReversed', fiscalYear: YEAR, departmentCode: dept, occurredOn,
          data: { lineId: `L${String(payment.line).padStart(3, '0')}`, originalEventId: payment.eventId, amount: fenToYuan(fen), reason: '退回' },
        });
        continue;
      }
    }
    if (roll >= 0.04 && roll < 0.08) {
      const line = Math.floor(random() * linesPerDepartment);
      let fen = BigInt(1_000 + Math.floor(random() * 500_000)) * 100n; // 1 000 – 501 000 元
      const available = lineBudget[d][line] - linePaid[d][line];
      if (random() < 0.4 && available >= fen) fen = -fen;
      lineBudget[d][line] += fen;
      totals.get(dept)!.budgetFen += fen;
      push({
        eventId: `bench-adj-${i}`, type: 'AppropriationAdjusted', fiscalYear: YEAR, departmentCode: dept, occurredOn,
        data: { lineId: `L${String(line).padStart(3, '0')}`, amount: fenToYuan(fen), reason: fen < 0n ? '预算调减' : '追加预算' },
      });
      continue;
    }
    const line = Math.floor(random() * linesPerDepartment);
    const fen = BigInt(1_000 + Math.floor(random() * 5_000_000)); // 10.00 – 50 010.00 元
    const eventId = `bench-pay-${i}`;
    own.push({ eventId, line, remaining: fen });
    if (own.length > 200) own.shift();
    linePaid[d][line] += fen;
    totals.get(dept)!.paidFen += fen;
    allPayments++;
    paymentsOf[d]++;
    if (month === 12) decemberPayments++;
    push({
      eventId, type: 'PaymentMade', fiscalYear: YEAR, departmentCode: dept, occurredOn,
      data: { lineId: `L${String(line).padStart(3, '0')}`, amount: fenToYuan(fen), economicCode: i % 5 === 0 ? '30201' : '30216', method: i % 7 === 0 ? 'AUTHORIZED' : 'DIRECT' },
    });
  }
  return {
    messages,
    totals,
    mix,
    decemberShareOfPayments: allPayments ? decemberPayments / allPayments : 0,
    featured: hasFeatured
      ? {
          long: { departmentCode: departmentCode(0), payments: paymentsOf[0], target: longTarget },
          medium: { departmentCode: departmentCode(1), payments: paymentsOf[1], target: mediumTarget },
        }
      : null,
  };
}
