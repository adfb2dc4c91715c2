/**
 * Reads under load for the benchmark: autocannon at `connections` connections against the running API, one endpoint
 * and one department at a time for `seconds`; latency percentiles from every response's own time. Before each load,
 * one plain GET must answer 200; for the department's progress by line it must also add up to the generator's
 * budget and paid in 分 (SPEC §5: every line is in `groupBy=line`).
 */
import autocannon from 'autocannon';
import { DepartmentTotals, FISCAL_YEAR, FeaturedDepartment } from './workload';

export const PROGRESS_P95_TARGET_MS = 25;
export const FINAL_ACCOUNTS_P95_TARGET_MS = 100;

export interface ReadResult {
  endpoint: string;
  path: string;
  department: string;
  departmentCode: string;
  payments: number;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  targetP95Ms: number;
  non2xx: number;
  errors: number;
}

export interface ReadTarget {
  label: 'long' | 'medium';
  department: FeaturedDepartment;
}

/** Paths under /v1/departments/{dept}/years/{year}/ (SPEC §4, §5, §7). */
const ENDPOINTS = [
  { endpoint: 'progress?groupBy=project', query: 'progress?groupBy=project', target: PROGRESS_P95_TARGET_MS },
  { endpoint: 'progress?groupBy=line&asOf=Y-10-31', query: `progress?groupBy=line&asOf=${FISCAL_YEAR}-10-31`, target: PROGRESS_P95_TARGET_MS },
  { endpoint: 'final-accounts', query: 'final-accounts', target: FINAL_ACCOUNTS_P95_TARGET_MS },
];

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
const twoDigits = (n: number) => Math.round(n * 100) / 100;

/** A decimal 元 string ("12.3", "-4.05") in 分, exactly. */
function yuanToFen(yuan: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!m) throw new Error(`not an amount: ${yuan}`);
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -fen : fen;
}

async function get(url: string, token: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

export async function measureReads(
  baseUrl: string,
  token: string,
  targets: ReadTarget[],
  totals: Map<string, DepartmentTotals>,
  options: { seconds: number; connections: number },
): Promise<{ reads: ReadResult[]; problems: string[] }> {
  const reads: ReadResult[] = [];
  const problems: string[] = [];
  for (const { label, department } of targets) {
    const base = `${baseUrl}/v1/departments/${department.departmentCode}/years/${FISCAL_YEAR}/`;
    // The whole department by line, no asOf: its budget and paid must be the generator's.
    const check = await get(`${base}progress?groupBy=line`, token);
    if (check.status !== 200) problems.push(`GET progress?groupBy=line for ${department.departmentCode}: ${check.status} ${check.text.slice(0, 200)}`);
    else {
      const groups = (JSON.parse(check.text) as { groups?: { budget: string; paid: string }[] }).groups ?? [];
      const budget = groups.reduce((s, g) => s + yuanToFen(g.budget), 0n);
      const paid = groups.reduce((s, g) => s + yuanToFen(g.paid), 0n);
      const want = totals.get(department.departmentCode);
      if (!want || want.budgetFen !== budget || want.paidFen !== paid) {
        problems.push(`progress of ${department.departmentCode} by line: budget ${budget} paid ${paid} 分, generated ${want?.budgetFen} / ${want?.paidFen}`);
      }
    }
    for (const { endpoint, query, target } of ENDPOINTS) {
      const url = base + query;
      const first = await get(url, token);
      if (first.status !== 200) {
        problems.push(`GET ${url.slice(baseUrl.length)}: ${first.status} ${first.text.slice(0, 200)}`);
        continue;
      }
      const latencies: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const load = { url, connections: options.connections, duration: options.seconds, headers: { authorization: `Bearer ${token}` }, timeout: 30 };
        const instance = autocannon(load, (error, r) => (error ? reject(error) : resolve(r)));
        instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      });
      latencies.sort((a, b) => a - b);
      const non2xx = result.non2xx;
      const errors = result.errors + result.timeouts;
      if (non2xx || errors) problems.push(`GET ${url.slice(baseUrl.length)} under load: ${non2xx} non-2xx responses, ${errors} errors or timeouts`);
      const read: ReadResult = {
        endpoint,
        path: url.slice(baseUrl.length),
        department: label === 'long' ? 'long history' : 'medium history',
        departmentCode: department.departmentCode,
        payments: department.payments,
        connections: options.connections,
        seconds: result.duration,
        requests: latencies.length,
        requestsPerSecond: Math.round(latencies.length / result.duration),
        latencyMs: { p50: twoDigits(percentile(latencies, 50)), p95: twoDigits(percentile(latencies, 95)), p99: twoDigits(percentile(latencies, 99)), max: twoDigits(latencies[latencies.length - 1] ?? 0) },
        targetP95Ms: target,
        non2xx,
        errors,
      };
      reads.push(read);
      console.log(`  ${read.endpoint}, ${read.department} (${read.payments} payments): p50 ${read.latencyMs.p50} p95 ${read.latencyMs.p95} p99 ${read.latencyMs.p99} ms, ${read.requestsPerSecond} req/s${non2xx || errors ? `, ${non2xx} non-2xx, ${errors} errors` : ''}`);
    }
  }
  return { reads, problems };
}
