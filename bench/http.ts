/**
 * HTTP ingest for the benchmark: the workload POSTed to /v1/events in batches of up to 1 000 with read-your-writes
 * (the default wait: each response comes once every event of its batch is applied), `concurrency` requests in flight.
 * Per-department order holds: departments are split into streams (twice as many as requests in flight, balanced by
 * event count), a stream has at most one batch in flight and posts its events in workload order, so an issue precedes
 * the payments on its line and a reversal its payment. A free request slot takes the idle stream with the most
 * events left, so the longest department history never waits behind shorter ones.
 */
import type { OutboundMessage } from '@app/transport';

export interface HttpIngestOptions {
  batchSize: number;
  concurrency: number;
}

export interface HttpIngestResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  requests: number;
  concurrency: number;
  streams: number;
  /** Events answered APPLIED; every other outcome (DUPLICATE, REJECTED, 202 not yet applied, an error) is a failure. */
  applied: number;
  notApplied: number;
  failures: string[];
  requestMillis: { p50: number; p95: number; max: number };
}

interface Stream {
  values: string[];
  cursor: number;
  busy: boolean;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

export async function httpIngest(baseUrl: string, token: string, messages: OutboundMessage[], options: HttpIngestOptions): Promise<HttpIngestResult> {
  const byDepartment = new Map<string, string[]>();
  for (const m of messages) {
    const list = byDepartment.get(m.key);
    if (list) list.push(m.value);
    else byDepartment.set(m.key, [m.value]);
  }
  // Longest first to the least loaded stream; inside a stream events keep their workload order.
  const streamCount = Math.max(1, Math.min(byDepartment.size, options.concurrency * 2));
  const buckets = Array.from({ length: streamCount }, () => ({ departments: new Set<string>(), events: 0 }));
  for (const [dept, values] of [...byDepartment].sort((a, b) => b[1].length - a[1].length)) {
    const bucket = buckets.reduce((a, b) => (b.events < a.events ? b : a));
    bucket.departments.add(dept);
    bucket.events += values.length;
  }
  const streamOf = new Map<string, Stream>();
  const streams: Stream[] = buckets.map((b) => {
    const stream: Stream = { values: [], cursor: 0, busy: false };
    for (const dept of b.departments) streamOf.set(dept, stream);
    return stream;
  });
  for (const m of messages) streamOf.get(m.key)!.values.push(m.value);

  let applied = 0;
  let notApplied = 0;
  let requests = 0;
  const failures: string[] = [];
  const fail = (message: string) => {
    if (failures.length < 10) failures.push(message);
  };
  const latencies: number[] = [];
  let wake: (() => void)[] = [];
  const notify = () => {
    const waiting = wake;
    wake = [];
    for (const w of waiting) w();
  };

  const post = async (values: string[]) => {
    const sent = process.hrtime.bigint();
    requests++;
    try {
      const response = await fetch(`${baseUrl}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: `{"events":[${values.join(',')}]}`,
      });
      const text = await response.text();
      latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      if (response.status !== 200) {
        notApplied += values.length;
        fail(`POST /v1/events answered ${response.status}: ${text.slice(0, 300)}`);
        return;
      }
      const body = JSON.parse(text) as { results: { eventId: string; status: string; code?: string; message?: string }[] };
      for (const r of body.results) {
        if (r.status === 'APPLIED') applied++;
        else {
          notApplied++;
          fail(`${r.eventId}: ${r.status} ${r.code ?? ''} ${r.message ?? ''}`.trim());
        }
      }
      if (body.results.length !== values.length) {
        notApplied += Math.max(0, values.length - body.results.length);
        fail(`a batch of ${values.length} events got ${body.results.length} results`);
      }
    } catch (error) {
      notApplied += values.length;
      fail(`POST /v1/events failed: ${(error as Error).message}`);
    }
  };

  const worker = async () => {
    for (;;) {
      let next: Stream | undefined;
      for (const s of streams) {
        if (s.busy || s.cursor >= s.values.length) continue;
        if (!next || s.values.length - s.cursor > next.values.length - next.cursor) next = s;
      }
      if (!next) {
        if (streams.every((s) => s.cursor >= s.values.length)) return;
        await new Promise<void>((r) => wake.push(r));
        continue;
      }
      const batch = next.values.slice(next.cursor, next.cursor + options.batchSize);
      next.cursor += batch.length;
      next.busy = true;
      try {
        await post(batch);
      } finally {
        next.busy = false;
        notify();
      }
    }
  };

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const ms = (n: number) => Math.round(n);
  return {
    events: messages.length,
    seconds: Math.round(secs * 1000) / 1000,
    eventsPerSecond: Math.round(messages.length / secs),
    requests,
    concurrency: options.concurrency,
    streams: streams.length,
    applied,
    notApplied,
    failures,
    requestMillis: { p50: ms(percentile(latencies, 50)), p95: ms(percentile(latencies, 95)), max: ms(latencies[latencies.length - 1] ?? 0) },
  };
}
