/**
 * The performance benchmark (issue 12), in one run on the real PostgreSQL and, when KAFKA_BROKERS is set, the real
 * Kafka broker:
 *  - the physical limit: (a) a bare kafkajs consumer reading the pre-filled topic and JSON.parse-ing every message,
 *    (b) PostgreSQL bulk load of the same events into a table with a unique eventId (psql `COPY … FROM STDIN`, and a
 *    multi-row `INSERT … SELECT FROM unnest(…)` through `pg`; the faster counts); limit = min(a, b);
 *  - Kafka ingest from the pre-filled topic until every projection is current (every event applied), and the same
 *    on the embedded transport;
 *  - rebuild from the event store (`rebuildProjections`, what `POST /v1/admin/rebuild` calls);
 *  - HTTP ingest against the real API as a child process (`node dist/apps/api/main.js`, in-process projector, on
 *    Kafka when the run uses it): POST /v1/events in batches of 1 000 with read-your-writes, several requests in
 *    flight, per-department order kept (bench/http.ts); every event must come back APPLIED;
 *  - peak RSS of that API: Σ VmHWM from /proc at the end over its processes (the one with the projector and its
 *    HTTP workers under API_WORKERS), and Σ VmRSS sampled every 100 ms during ingest and during reads;
 *  - reads under load on the same API after ingest (bench/reads.ts): autocannon at 32 connections on progress by
 *    project, progress by line as of 31 October and final-accounts, for the department with the longest history
 *    (≈ 50 000 payments) and one with ≈ 4 000 (bench/workload.ts); p50/p95/p99 and requests/s; every answer 200;
 *  - correctness: after each ingest and after the rebuild, per department budget and paid in `ledger_lines` equal the
 *    generator's own sums in 分, else exit 1.
 * Each figure is reported beside its target and as a ratio to the physical limit.
 * Results: bench/results/<ISO time>.json and .md, bench/results/latest.json, appended to history.jsonl.
 * Flags: --events (default 1 000 000), --departments (2 000), --lines (lines per department, 20), --no-embedded,
 * --no-kafka, --no-http, --http-clients (requests in flight, 8), --read-seconds (per read load, 10),
 * --read-connections (32);
 * --growth [a,b,c]: the whole run at three sizes (default 100 000, 300 000, 1 000 000 events), one report with a table
 *   per figure across sizes (bench/results/<time>-growth.json/.md, latest-growth.json; each size in history.jsonl);
 * --smoke: the CI size (20 000 events, 40 departments, 2 s per read load), every figure once; exits non-zero only when
 *   correctness fails, never on speed; results only to bench/results/smoke-latest.json.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { rebuildProjections } from '@app/postgres';
import { createLedgerRuntime, EmbeddedLogConsumer, LedgerRuntime, OutboundMessage } from '@app/transport';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { ensureApiBuild, ensureBuild, startApi } from './api-process';
import { startProjector } from './projector-process';
import { httpIngest, HttpIngestResult } from './http';
import { FINAL_ACCOUNTS_P95_TARGET_MS, measureReads, PROGRESS_P95_TARGET_MS, ReadResult } from './reads';
import { DepartmentTotals, generateWorkload, Workload } from './workload';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL || process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const INGEST_TARGET_RATIO = 0.5;
const REBUILD_TARGET = 200_000;
const HTTP_INGEST_TARGET = 20_000;
const RSS_TARGET_MIB = 512;
const HTTP_BATCH = 1_000;
const DEFAULT_GROWTH = [100_000, 300_000, 1_000_000];
const SMOKE = { events: 20_000, departments: 40, readSeconds: 2 };

interface Options {
  events: number;
  departments: number;
  lines: number;
  embedded: boolean;
  kafka: boolean;
  http: boolean;
  httpClients: number;
  readSeconds: number;
  readConnections: number;
  smoke: boolean;
  growth: number[] | null;
}

function flags(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const raw = i >= 0 ? argv[i + 1] : undefined;
    const n = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${raw})`);
    return n;
  };
  const smoke = argv.includes('--smoke');
  const g = argv.indexOf('--growth');
  let growth: number[] | null = null;
  if (g >= 0) {
    const list = argv[g + 1];
    growth = list && /^[\d_,]+$/.test(list) ? list.split(',').filter(Boolean).map((n) => Number(n.replace(/_/g, ''))) : DEFAULT_GROWTH;
    if (!growth.length || growth.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--growth takes sizes like 100000,300000,1000000 (got ${list})`);
  }
  return {
    events: smoke ? SMOKE.events : value('events', Number(process.env.BENCH_EVENTS || 1_000_000)),
    departments: smoke ? SMOKE.departments : value('departments', 2_000),
    lines: value('lines', 20),
    embedded: !argv.includes('--no-embedded'),
    kafka: !argv.includes('--no-kafka'),
    http: !argv.includes('--no-http'),
    httpClients: value('http-clients', 8),
    readSeconds: smoke ? SMOKE.readSeconds : value('read-seconds', 10),
    readConnections: value('read-connections', 32),
    smoke,
    growth: smoke ? null : growth,
  };
}

async function freshDatabase(): Promise<string> {
  const name = `bt_bench_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

interface Figure {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  note?: string;
}
const figure = (name: string, events: number, secs: number, note?: string): Figure => ({ name, events, seconds: round(secs), eventsPerSecond: Math.round(events / secs), ...(note ? { note } : {}) });

/** Per department budget and paid in `ledger_lines` against the generator's sums; returns the mismatches. */
async function checkTotals(pool: Pool, expected: Map<string, DepartmentTotals>, when: string): Promise<string[]> {
  const { rows } = await pool.query<{ d: string; budget: string; paid: string }>(
    'SELECT department_code AS d, (sum(budget) * 100)::bigint::text AS budget, (sum(paid) * 100)::bigint::text AS paid FROM ledger_lines GROUP BY department_code',
  );
  const actual = new Map(rows.map((r) => [r.d, { budgetFen: BigInt(r.budget), paidFen: BigInt(r.paid) }]));
  const problems: string[] = [];
  for (const [dept, want] of expected) {
    const got = actual.get(dept);
    if (!got || got.budgetFen !== want.budgetFen || got.paidFen !== want.paidFen) {
      problems.push(`${when}: ${dept} expected budget ${want.budgetFen} paid ${want.paidFen} 分, got ${got ? `budget ${got.budgetFen} paid ${got.paidFen}` : 'nothing'}`);
    }
  }
  if (actual.size !== expected.size) problems.push(`${when}: ${actual.size} departments in ledger_lines, ${expected.size} generated`);
  console.log(`  check ${when}: ${problems.length ? `${problems.length} MISMATCHES` : `${expected.size} departments exact`}`);
  return problems;
}

/** (b) PostgreSQL bulk load through psql's COPY FROM STDIN (text format), into a table with a unique eventId. */
async function probeCopy(url: string, messages: OutboundMessage[]): Promise<Figure> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE probe_copy (position bigint PRIMARY KEY, event_id text NOT NULL UNIQUE, department_code text NOT NULL, type text NOT NULL, occurred_on date NOT NULL, payload jsonb NOT NULL)');
  await client.end();
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const psql = spawn('psql', ['-q', '-v', 'ON_ERROR_STOP=1', url, '-c', 'COPY probe_copy FROM STDIN'], { stdio: ['pipe', 'inherit', 'inherit'] });
    psql.on('error', reject);
    psql.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY exited ${code}`))));
    let i = 0;
    const write = () => {
      while (i < messages.length) {
        const chunk: string[] = [];
        for (const end = Math.min(i + 5_000, messages.length); i < end; i++) {
          const m = messages[i];
          const e = JSON.parse(m.value) as { eventId: string; type: string; occurredOn: string };
          chunk.push(`${i + 1}\t${e.eventId}\t${m.key}\t${e.type}\t${e.occurredOn}\t${m.value.replace(/\\/g, '\\\\')}\n`);
        }
        if (!psql.stdin.write(chunk.join(''))) return void psql.stdin.once('drain', write);
      }
      psql.stdin.end();
    };
    write();
  });
  return figure('PostgreSQL COPY (psql COPY FROM STDIN, text) into a table with a unique eventId', messages.length, seconds(started));
}

/** (b') the same load through `pg` in one process: INSERT … SELECT FROM unnest(…) in batches of 10 000. */
async function probeUnnest(url: string, messages: OutboundMessage[]): Promise<Figure> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE probe_unnest (position bigint PRIMARY KEY, event_id text NOT NULL UNIQUE, department_code text NOT NULL, type text NOT NULL, occurred_on date NOT NULL, payload jsonb NOT NULL)');
    const started = process.hrtime.bigint();
    for (let i = 0; i < messages.length; i += 10_000) {
      const slice = messages.slice(i, i + 10_000);
      const parsed = slice.map((m) => JSON.parse(m.value) as { eventId: string; type: string; occurredOn: string });
      await client.query(
        `INSERT INTO probe_unnest SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[], $6::jsonb[])`,
        [slice.map((_, j) => i + j + 1), parsed.map((e) => e.eventId), slice.map((m) => m.key), parsed.map((e) => e.type), parsed.map((e) => e.occurredOn), slice.map((m) => m.value)],
      );
    }
    return figure('PostgreSQL INSERT … SELECT FROM unnest (pg, batches of 10 000) into a table with a unique eventId', messages.length, seconds(started));
  } finally {
    await client.end();
  }
}

/** (a) a bare kafkajs consumer of the pre-filled topic, JSON.parse of every message, from group join to the last one. */
async function probeConsume(brokers: string[], topic: string, expected: number): Promise<Figure> {
  const kafka = new Kafka({ clientId: 'bench-probe', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-probe-${Date.now().toString(36)}` });
  const started = process.hrtime.bigint();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  let parsedBytes = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        const event = JSON.parse(message.value!.toString('utf8')) as { eventId: string };
        parsedBytes += event.eventId.length;
        if (++count >= expected) done();
      }
    },
  });
  await finished;
  const secs = seconds(started);
  await consumer.disconnect();
  return figure('bare kafkajs consume + JSON.parse', count, secs);
}

/** Polls the ledger's own checkpoints (committed with the rows they produce) until every partition reached its high watermark. */
async function timeUntilLastOffsetApplied(runtime: LedgerRuntime, topic: string, high: Map<number, bigint>, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const { rows } = await runtime.pool.query<{ partition: number; next_offset: string }>('SELECT partition, next_offset::text FROM transport_checkpoints WHERE stream = $1', [topic]);
    const at = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
    if ([...high].every(([partition, offset]) => (at.get(partition) ?? 0n) >= offset)) return;
    if (Date.now() > deadline) throw new Error(`not every offset applied after ${timeoutSeconds} s: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function deleteTopics(brokers: string[], topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}

interface Row {
  figure: string;
  measured: number | null;
  unit: 'ev/s' | 'MiB';
  target: string;
  met: boolean | null;
  ratio: number | null;
}

interface RunReport {
  at: string;
  wallSeconds: number;
  machine: { cpus: number; cpuModel: string | undefined; memoryGiB: number; node: string; loadAverageAtStart: number };
  options: { httpClients: number; httpBatch: number; readConnections: number; readSeconds: number; kafka: boolean };
  workload: { events: number; departments: number; linesPerDepartment: number; mix: Record<string, number>; decemberShareOfPayments: number; featured: Workload['featured'] };
  physicalLimit: number | null;
  targets: { kafkaIngestRatio: number; httpIngestEventsPerSecond: number; rebuildEventsPerSecond: number; peakRssMiB: number; progressP95Ms: number; finalAccountsP95Ms: number };
  summary: Row[];
  results: Record<string, Figure>;
  http: (HttpIngestResult & { transport: string }) | null;
  reads: ReadResult[];
  /** peakRssMiB: Σ VmHWM over the API process and its HTTP workers (the target figure); the rest as named. */
  memory: { peakRssMiB: number; primaryPeakRssMiB: number; processes: number; sampledPeakRssMiB: number; duringIngestMiB: number; duringReadsMiB: number } | null;
  correct: boolean;
  problems: string[];
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** One whole measurement at one size. */
async function runOnce(options: Options, events: number): Promise<RunReport> {
  const wall = process.hrtime.bigint();
  const loadAverageAtStart = round(loadavg()[0], 2);
  // Built first, so that the API measured is the code of this run's other figures and a broken build fails fast.
  if (options.http) ensureApiBuild();
  if (options.kafka && process.env.KAFKA_BROKERS) ensureBuild('projector');
  const generated = process.hrtime.bigint();
  const workload = generateWorkload({ events, departments: options.departments, linesPerDepartment: options.lines });
  const { messages, totals } = workload;
  const featured = workload.featured;
  console.log(
    `workload: ${messages.length} events over ${options.departments} departments × ${options.lines} lines in ${round(seconds(generated), 1)} s; mix ${JSON.stringify(workload.mix)}; December ${Math.round(workload.decemberShareOfPayments * 100)} % of payments` +
      (featured ? `; ${featured.long.departmentCode} has ${featured.long.payments} payments, ${featured.medium.departmentCode} ${featured.medium.payments}` : ''),
  );
  const problems: string[] = [];
  const results: Record<string, Figure> = {};
  /** Rebuild from the event store, timed by rebuildProjections itself, then the totals checked again. */
  const measureRebuild = async (runtime: LedgerRuntime) => {
    const rebuild = await rebuildProjections(runtime.pool, runtime.projections);
    results.rebuild = figure('rebuild from the event store (rebuildProjections)', rebuild.events, rebuild.millis / 1000);
    console.log(`  ${results.rebuild.name}: ${results.rebuild.eventsPerSecond} ev/s`);
    problems.push(...(await checkTotals(runtime.pool, totals, 'after rebuild')));
  };
  let rejected = 0;
  const onRejected = (r: { eventId: string | null; code: string; reason: string }) => {
    if (rejected++ < 5) console.error(`  rejected ${r.eventId}: ${r.code} ${r.reason}`);
  };
  const timeout = Math.max(120, messages.length / 1_000);

  const brokers = options.kafka ? process.env.KAFKA_BROKERS?.split(',').filter(Boolean) : undefined;
  let projectorPeakRss: number | null = null;
  if (options.kafka && !brokers?.length) console.log('KAFKA_BROKERS not set: Kafka figures and the consume probe are skipped; the API runs on the embedded transport');

  // Physical limit, PostgreSQL side (on a database of its own).
  {
    const url = await freshDatabase();
    try {
      results.copy = await probeCopy(url, messages);
      console.log(`  ${results.copy.name}: ${results.copy.eventsPerSecond} ev/s`);
      results.unnest = await probeUnnest(url, messages);
      console.log(`  ${results.unnest.name}: ${results.unnest.eventsPerSecond} ev/s`);
    } finally {
      await dropDatabase(url);
    }
  }

  if (options.embedded) {
    const url = await freshDatabase();
    const runtime = await createLedgerRuntime({ ...loadConfig({}), kafkaBrokers: undefined }, url, (e) => console.error(e), onRejected);
    try {
      for (let i = 0; i < messages.length; i += 10_000) await runtime.writer.append(messages.slice(i, i + 10_000));
      const started = process.hrtime.bigint();
      await (runtime.consumer as EmbeddedLogConsumer).drain();
      results.embeddedIngest = figure('embedded-log ingest, every projection', messages.length, seconds(started));
      console.log(`  ${results.embeddedIngest.name}: ${results.embeddedIngest.eventsPerSecond} ev/s`);
      problems.push(...(await checkTotals(runtime.pool, totals, 'after embedded ingest')));
    } finally {
      await runtime.close();
      await dropDatabase(url);
    }
  }

  if (brokers?.length) {
    const url = await freshDatabase();
    const suffix = Date.now().toString(36);
    const config = { ...loadConfig({}), kafkaBrokers: brokers, kafkaTopic: `bench.${suffix}`, kafkaDlqTopic: `bench.${suffix}.dlq`, kafkaGroupId: `bench-${suffix}` };
    const runtime = await createLedgerRuntime(config, url, (e) => console.error(e), onRejected);
    try {
      const produced = process.hrtime.bigint();
      for (let i = 0; i < messages.length; i += 10_000) await runtime.writer.append(messages.slice(i, i + 10_000));
      results.produce = figure(`produce to a fresh topic (${config.kafkaPartitions} partitions, idempotent, acks=all)`, messages.length, seconds(produced), 'setup, not a target');
      console.log(`  ${results.produce.name}: ${results.produce.eventsPerSecond} ev/s`);
      results.consume = await probeConsume(brokers, config.kafkaTopic, messages.length);
      console.log(`  ${results.consume.name}: ${results.consume.eventsPerSecond} ev/s`);

      const admin = new Kafka({ clientId: 'bench-offsets', brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const high = new Map((await admin.fetchTopicOffsets(config.kafkaTopic)).map((p) => [p.partition, BigInt(p.high)]));
      await admin.disconnect();
      // The projector app in a process of its own, as deployed (the benchmark's heap holds the whole workload).
      const started = process.hrtime.bigint();
      const projector = startProjector(url, { brokers, topic: config.kafkaTopic, dlqTopic: config.kafkaDlqTopic, groupId: config.kafkaGroupId });
      try {
        await timeUntilLastOffsetApplied(runtime, config.kafkaTopic, high, timeout);
        results.kafkaIngest = figure('Kafka ingest from the pre-filled topic, every projection (projector process)', messages.length, seconds(started));
      } finally {
        await projector.stop();
      }
      projectorPeakRss = projector.peakRss();
      console.log(`  ${results.kafkaIngest.name}: ${results.kafkaIngest.eventsPerSecond} ev/s; projector peak RSS ${Math.round(projectorPeakRss / 2 ** 20)} MiB`);
      const { rows: rejections } = await runtime.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM rejections');
      if (rejections[0].n) problems.push(`${rejections[0].n} events rejected during Kafka ingest`);
      problems.push(...(await checkTotals(runtime.pool, totals, 'after Kafka ingest')));

      await measureRebuild(runtime);
    } finally {
      await runtime.close();
      await dropDatabase(url);
      await deleteTopics(brokers, [config.kafkaTopic, config.kafkaDlqTopic]);
    }
  } else {
    // Without a broker, rebuild is measured on the embedded transport's store.
    const url = await freshDatabase();
    const runtime = await createLedgerRuntime({ ...loadConfig({}), kafkaBrokers: undefined }, url, (e) => console.error(e), onRejected);
    try {
      for (let i = 0; i < messages.length; i += 10_000) await runtime.writer.append(messages.slice(i, i + 10_000));
      await (runtime.consumer as EmbeddedLogConsumer).drain();
      await measureRebuild(runtime);
    } finally {
      await runtime.close();
      await dropDatabase(url);
    }
  }

  // HTTP ingest, then reads under load, on one real API process (in-process projector), with its memory.
  let http: RunReport['http'] = null;
  let reads: ReadResult[] = [];
  let memory: RunReport['memory'] = null;
  if (options.http) {
    const url = await freshDatabase();
    const suffix = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const kafka = brokers?.length ? { brokers, topic: `bench.http.${suffix}`, dlqTopic: `bench.http.${suffix}.dlq`, groupId: `bench-http-${suffix}` } : undefined;
    const transport = kafka ? 'Kafka' : 'embedded';
    const pool = new Pool({ connectionString: url, max: 2 });
    let api: Awaited<ReturnType<typeof startApi>> | undefined;
    try {
      api = await startApi(url, kafka);
      console.log(`  API pid ${api.pid} at ${api.baseUrl} (${transport} transport, in-process projector)`);
      api.markWindow();
      const result = await httpIngest(api.baseUrl, api.token, messages, { batchSize: HTTP_BATCH, concurrency: options.httpClients });
      const duringIngest = api.windowPeakRss();
      http = { ...result, transport };
      results.httpIngest = { name: `HTTP ingest, batches of ${HTTP_BATCH}, read-your-writes, ${options.httpClients} in flight`, events: result.events, seconds: result.seconds, eventsPerSecond: result.eventsPerSecond };
      console.log(`  ${results.httpIngest.name}: ${result.eventsPerSecond} ev/s (${result.requests} requests, p50 ${result.requestMillis.p50} ms, p95 ${result.requestMillis.p95} ms; ${result.applied} APPLIED)`);
      if (result.notApplied) {
        problems.push(`${result.notApplied} of ${result.events} events not APPLIED over HTTP`, ...result.failures.slice(0, 5));
        console.error(`  the API's last output:\n${api.output()}`);
      }
      problems.push(...(await checkTotals(pool, totals, 'after HTTP ingest')));
      api.markWindow();
      if (featured) {
        const measured = await measureReads(api.baseUrl, api.token, [{ label: 'long', department: featured.long }, { label: 'medium', department: featured.medium }], totals, {
          seconds: options.readSeconds,
          connections: options.readConnections,
        });
        reads = measured.reads;
        problems.push(...measured.problems);
      } else {
        console.log('  fewer than 3 departments or no dated events: reads not measured');
      }
      const duringReads = api.windowPeakRss();
      if (api.alive()) {
        const peaks = api.peaks();
        memory = {
          peakRssMiB: mib(peaks.treeHwm),
          primaryPeakRssMiB: mib(peaks.primaryHwm),
          processes: peaks.processes,
          sampledPeakRssMiB: mib(peaks.sampledTreeRss),
          duringIngestMiB: mib(duringIngest),
          duringReadsMiB: mib(duringReads),
        };
        console.log(`  API peak RSS: Σ VmHWM ${memory.peakRssMiB} MiB over ${memory.processes} process(es) (the one with the projector ${memory.primaryPeakRssMiB} MiB); sampled Σ VmRSS max ${memory.duringIngestMiB} MiB during ingest, ${memory.duringReadsMiB} MiB during reads`);
      } else {
        problems.push(`the API process exited during the run:\n${api.output()}`);
      }
    } finally {
      await api?.stop();
      await pool.end();
      await dropDatabase(url);
      if (kafka) await deleteTopics(kafka.brokers, [kafka.topic, kafka.dlqTopic]);
    }
  }

  const pgProbe = Math.max(results.copy.eventsPerSecond, results.unnest.eventsPerSecond);
  const limit = results.consume ? Math.min(results.consume.eventsPerSecond, pgProbe) : undefined;
  const ratio = (eps?: number) => (limit && eps !== undefined ? round(eps / limit, 2) : null);
  const evs = (figureName: string, eps: number | undefined, target: string, met: boolean | null): Row => ({ figure: figureName, measured: eps ?? null, unit: 'ev/s', target, met: eps === undefined ? null : met, ratio: ratio(eps) });
  const kafkaEps = results.kafkaIngest?.eventsPerSecond;
  const httpEps = results.httpIngest?.eventsPerSecond;
  const rebuildEps = results.rebuild?.eventsPerSecond;
  const summary: Row[] = [
    { figure: 'physical limit = min(bare consume + JSON.parse, PostgreSQL load)', measured: limit ?? null, unit: 'ev/s', target: '—', met: null, ratio: limit ? 1 : null },
    evs('(a) bare kafkajs consume + JSON.parse', results.consume?.eventsPerSecond, '—', null),
    evs('(b) PostgreSQL COPY FROM STDIN (psql)', results.copy.eventsPerSecond, '—', null),
    evs("(b') PostgreSQL INSERT … unnest (pg)", results.unnest.eventsPerSecond, '—', null),
    evs('Kafka ingest from a pre-filled topic, every projection, exact', kafkaEps, `≥ ${INGEST_TARGET_RATIO} × limit${limit ? ` = ${Math.round(INGEST_TARGET_RATIO * limit).toLocaleString('en-US')}` : ''}`, limit && kafkaEps !== undefined ? kafkaEps >= INGEST_TARGET_RATIO * limit : null),
    evs(`HTTP ingest, batches of ${HTTP_BATCH.toLocaleString('en-US')}, read-your-writes, every event APPLIED`, httpEps, `≥ ${HTTP_INGEST_TARGET.toLocaleString('en-US')}`, httpEps !== undefined ? httpEps >= HTTP_INGEST_TARGET : null),
    evs('embedded-log ingest, every projection, exact', results.embeddedIngest?.eventsPerSecond, '—', null),
    evs('rebuild from the event store', rebuildEps, `≥ ${REBUILD_TARGET.toLocaleString('en-US')}`, rebuildEps !== undefined ? rebuildEps >= REBUILD_TARGET : null),
    { figure: 'API + in-process projector peak RSS (Σ VmHWM of its processes)', measured: memory?.peakRssMiB ?? null, unit: 'MiB', target: `≤ ${RSS_TARGET_MIB}`, met: memory ? memory.peakRssMiB <= RSS_TARGET_MIB : null, ratio: null },
    { figure: 'projector process peak RSS (Kafka ingest)', measured: projectorPeakRss === null ? null : mib(projectorPeakRss), unit: 'MiB', target: `≤ ${RSS_TARGET_MIB}`, met: projectorPeakRss === null ? null : mib(projectorPeakRss) <= RSS_TARGET_MIB, ratio: null },
  ];
  return {
    at: new Date().toISOString(),
    wallSeconds: round(seconds(wall), 1),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart },
    options: { httpClients: options.httpClients, httpBatch: HTTP_BATCH, readConnections: options.readConnections, readSeconds: options.readSeconds, kafka: Boolean(brokers?.length) },
    workload: { events: messages.length, departments: options.departments, linesPerDepartment: options.lines, mix: workload.mix, decemberShareOfPayments: round(workload.decemberShareOfPayments, 3), featured },
    physicalLimit: limit ?? null,
    targets: { kafkaIngestRatio: INGEST_TARGET_RATIO, httpIngestEventsPerSecond: HTTP_INGEST_TARGET, rebuildEventsPerSecond: REBUILD_TARGET, peakRssMiB: RSS_TARGET_MIB, progressP95Ms: PROGRESS_P95_TARGET_MS, finalAccountsP95Ms: FINAL_ACCOUNTS_P95_TARGET_MS },
    summary,
    results,
    http,
    reads,
    memory,
    correct: problems.length === 0,
    problems: problems.slice(0, 20),
  };
}

const num = (n: number) => n.toLocaleString('en-US');
const metCell = (met: boolean | null) => (met === null ? '—' : met ? 'yes' : '**no**');
const measuredCell = (r: Row) => (r.measured === null ? 'not measured' : `${num(r.measured)} ${r.unit}`);

function workloadLine(r: RunReport): string {
  const w = r.workload;
  const f = w.featured;
  return (
    `Workload: ${num(w.events)} events over ${num(w.departments)} departments × ${w.linesPerDepartment} lines (${Object.entries(w.mix).map(([t, n]) => `${t} ${n}`).join(', ')}; December ${Math.round(w.decemberShareOfPayments * 100)} % of payments)` +
    (f ? `; read departments ${f.long.departmentCode} with ${num(f.long.payments)} payments (long history) and ${f.medium.departmentCode} with ${num(f.medium.payments)} (medium).` : '.')
  );
}

const CORRECTNESS =
  "Correctness (per department budget and paid in ledger_lines = the generator's sums in 分 after each ingest and after the rebuild; every HTTP event APPLIED; every read 200, progress by line adding up to the generator's sums)";
const verdict = (r: RunReport) => (r.correct ? 'exact' : `FAILED (${r.problems.length}): ${r.problems[0]?.split('\n')[0]}`);

function correctnessLine(r: RunReport): string {
  return `${CORRECTNESS}: ${verdict(r)}.`;
}

function readsTable(r: RunReport): string[] {
  if (!r.reads.length) return ['Reads: not measured.'];
  return [
    `Reads under load: autocannon, ${r.options.readConnections} connections, ${r.options.readSeconds} s each, on the same API after the HTTP ingest (GET /v1/departments/{dept}/years/${r.reads[0].path.split('/')[5]}/…).`,
    '',
    '| read | department | payments | p50 ms | p95 ms | p99 ms | req/s | target p95 | met | non-2xx |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.reads.map(
      (x) =>
        `| \`${x.endpoint}\` | ${x.departmentCode} (${x.department}) | ${num(x.payments)} | ${x.latencyMs.p50} | ${x.latencyMs.p95} | ${x.latencyMs.p99} | ${num(x.requestsPerSecond)} | ≤ ${x.targetP95Ms} ms | ${metCell(x.latencyMs.p95 <= x.targetP95Ms)} | ${x.non2xx + x.errors} |`,
    ),
  ];
}

function markdownOf(r: RunReport, title: string): string {
  const h = r.http;
  const m = r.memory;
  return [
    `# ${title} ${r.at}`,
    '',
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; load average ${r.machine.loadAverageAtStart} at the start. ${workloadLine(r)} Run took ${r.wallSeconds} s.`,
    '',
    '| figure | measured | target | met | ratio to the limit |',
    '|---|---|---|---|---|',
    ...r.summary.map((x) => `| ${x.figure} | ${measuredCell(x)} | ${x.target}${x.measured !== null && x.target !== '—' ? ` ${x.unit}` : ''} | ${metCell(x.met)} | ${x.ratio ?? '—'} |`),
    '',
    h
      ? `HTTP ingest: ${num(h.requests)} requests of ≤ ${num(r.options.httpBatch)} events, ${h.concurrency} in flight over ${h.streams} department streams, ${h.transport} transport; request time p50 ${h.requestMillis.p50} ms, p95 ${h.requestMillis.p95} ms, max ${h.requestMillis.max} ms; ${num(h.applied)} of ${num(h.events)} events APPLIED.`
      : 'HTTP ingest: not measured.',
    m
      ? `Memory of the API (${m.processes === 1 ? 'one process' : `${m.processes} processes: the primary with the in-process projector and ${m.processes - 1} HTTP workers`}): peak RSS Σ VmHWM ${m.peakRssMiB} MiB (the process with the projector ${m.primaryPeakRssMiB} MiB); sampled Σ VmRSS maximum ${m.duringIngestMiB} MiB during ingest, ${m.duringReadsMiB} MiB during reads.`
      : '',
    '',
    ...readsTable(r),
    '',
    correctnessLine(r),
    '',
  ].join('\n');
}

function growthMarkdown(reports: RunReport[]): string {
  const first = reports[0];
  const sizes = reports.map((r) => `${num(r.workload.events)} events`);
  const head = (label: string) => [`| ${label} | target | ${sizes.join(' | ')} |`, `|---|---|${sizes.map(() => '---|').join('')}`];
  const figureNames = first.summary.map((row) => row.figure);
  const throughput = figureNames
    .filter((_, i) => first.summary[i].unit === 'ev/s')
    .map((name) => {
      const cells = reports.map((r) => {
        const row = r.summary.find((x) => x.figure === name)!;
        return row.measured === null ? '—' : `${num(row.measured)}${row.ratio !== null ? ` (${row.ratio})` : ''}${row.met === false ? ' **✗**' : row.met ? ' ✓' : ''}`;
      });
      const target = first.summary.find((x) => x.figure === name)!.target.replace(/ = [\d,]+$/, '');
      return `| ${name} | ${target} | ${cells.join(' | ')} |`;
    });
  const readKeys = first.reads.map((x) => ({ endpoint: x.endpoint, department: x.department, target: x.targetP95Ms }));
  const readRows = readKeys.map((k) => {
    const cells = reports.map((r) => {
      const x = r.reads.find((y) => y.endpoint === k.endpoint && y.department === k.department);
      return x ? `${x.latencyMs.p95} (${x.latencyMs.p50} / ${x.latencyMs.p99}) · ${num(x.requestsPerSecond)} req/s${x.latencyMs.p95 <= x.targetP95Ms ? ' ✓' : ' **✗**'}` : '—';
    });
    return `| \`${k.endpoint}\`, ${k.department} | p95 ≤ ${k.target} ms | ${cells.join(' | ')} |`;
  });
  const paymentsRow = (label: 'long' | 'medium') =>
    `| payments of the ${label}-history department | — | ${reports.map((r) => (r.workload.featured ? num(r.workload.featured[label].payments) : '—')).join(' | ')} |`;
  const memoryRow = (label: string, pick: (m: NonNullable<RunReport['memory']>) => number, target: string, met: boolean) =>
    `| ${label} | ${target} | ${reports.map((r) => (r.memory ? `${num(pick(r.memory))} MiB${met ? (pick(r.memory) <= RSS_TARGET_MIB ? ' ✓' : ' **✗**') : ''}` : '—')).join(' | ')} |`;
  return [
    `# Benchmark growth ${reports[reports.length - 1].at}`,
    '',
    `Machine: ${first.machine.cpus} × ${first.machine.cpuModel}, ${first.machine.memoryGiB} GiB, Node ${first.machine.node}. The same run at ${reports.length} sizes over ${num(first.workload.departments)} departments × ${first.workload.linesPerDepartment} lines (${reports.map((r) => `${num(r.workload.events)} events in ${r.wallSeconds} s, load average ${r.machine.loadAverageAtStart} at its start`).join('; ')}).`,
    '',
    '## Throughput, ev/s (ratio to the physical limit measured at that size)',
    '',
    ...head('figure'),
    ...throughput,
    '',
    `## Reads at ${first.options.readConnections} connections: p95 ms (p50 / p99) · requests/s`,
    '',
    ...head('read'),
    ...readRows,
    paymentsRow('long'),
    paymentsRow('medium'),
    '',
    '## Memory of the API (its processes together: the one with the in-process projector and any HTTP workers)',
    '',
    ...head('figure'),
    memoryRow('peak RSS (Σ VmHWM)', (m) => m.peakRssMiB, `≤ ${RSS_TARGET_MIB} MiB`, true),
    memoryRow('the process with the projector (VmHWM)', (m) => m.primaryPeakRssMiB, '—', false),
    memoryRow('sampled Σ VmRSS maximum during HTTP ingest', (m) => m.duringIngestMiB, '—', false),
    memoryRow('sampled Σ VmRSS maximum during reads', (m) => m.duringReadsMiB, '—', false),
    '',
    '## Correctness',
    '',
    `${CORRECTNESS}:`,
    '',
    ...reports.map((r) => `- ${num(r.workload.events)} events: ${verdict(r)}.`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = flags(process.argv.slice(2));
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stampOf = (at: string) => at.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const fail = (reports: RunReport[]) => {
    const problems = reports.flatMap((r) => r.problems);
    if (!problems.length) return;
    for (const p of problems.slice(0, 10)) console.error(p);
    process.exit(1);
  };

  if (options.smoke) {
    // CI: correctness only; the figures are printed and kept in smoke-latest.json, never asserted.
    const report = await runOnce(options, options.events);
    writeFileSync(join(dir, 'smoke-latest.json'), JSON.stringify(report, null, 2) + '\n');
    console.log('\n' + markdownOf(report, 'Benchmark smoke run'));
    console.log(`smoke run in ${report.wallSeconds} s; written bench/results/smoke-latest.json`);
    return fail([report]);
  }

  if (options.growth) {
    const reports: RunReport[] = [];
    for (const events of options.growth) {
      console.log(`\n== growth: ${num(events)} events ==`);
      const report = await runOnce(options, events);
      reports.push(report);
      appendFileSync(join(dir, 'history.jsonl'), JSON.stringify({ ...report, growth: options.growth }) + '\n');
    }
    const markdown = growthMarkdown(reports);
    const stamp = `${stampOf(reports[reports.length - 1].at)}-growth`;
    const json = JSON.stringify({ at: reports[reports.length - 1].at, sizes: options.growth, reports }, null, 2) + '\n';
    writeFileSync(join(dir, `${stamp}.json`), json);
    writeFileSync(join(dir, `${stamp}.md`), markdown);
    writeFileSync(join(dir, 'latest-growth.json'), json);
    console.log('\n' + markdown);
    console.log(`written bench/results/${stamp}.json and .md`);
    return fail(reports);
  }

  const report = await runOnce(options, options.events);
  const markdown = markdownOf(report, 'Benchmark');
  const stamp = stampOf(report.at);
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, `${stamp}.md`), markdown);
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  appendFileSync(join(dir, 'history.jsonl'), JSON.stringify(report) + '\n');
  console.log('\n' + markdown);
  console.log(`written bench/results/${stamp}.json and .md`);
  fail([report]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
