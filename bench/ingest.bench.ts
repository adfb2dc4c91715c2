/**
 * The performance benchmark (`npm run bench -- --events N --departments N`, issue 12), in one run on the real
 * PostgreSQL and, when KAFKA_BROKERS is set, the real Kafka broker:
 *  - the physical limit: (a) a bare kafkajs consumer reading the pre-filled topic and JSON.parse-ing every message,
 *    (b) PostgreSQL bulk load of the same events into a table with a unique eventId (psql `COPY … FROM STDIN`, and a
 *    multi-row `INSERT … SELECT FROM unnest(…)` through `pg`; the faster counts); limit = min(a, b);
 *  - Kafka ingest from the pre-filled topic until every projection is current (every event applied), and the same
 *    on the embedded transport;
 *  - rebuild from the event store (`rebuildProjections`, what `POST /v1/admin/rebuild` calls);
 *  - correctness: after each ingest and after the rebuild, per department budget and paid totals in `ledger_lines`
 *    equal the generator's own sums in 分, else exit 1.
 * Results: bench/results/<ISO time>.json and .md, bench/results/latest.json, appended to history.jsonl.
 * Flags: --events (default 1 000 000), --departments (2 000), --lines (lines per department, 20), --no-embedded,
 * --no-kafka.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { rebuildProjections } from '@app/postgres';
import { createLedgerRuntime, EmbeddedLogConsumer, LedgerRuntime, OutboundMessage } from '@app/transport';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { DepartmentTotals, generateWorkload } from './workload';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL || process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const INGEST_TARGET_RATIO = 0.5;
const REBUILD_TARGET = 200_000;

function flags(argv: string[]) {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const raw = i >= 0 ? argv[i + 1] : undefined;
    const n = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${raw})`);
    return n;
  };
  return {
    events: value('events', Number(process.env.BENCH_EVENTS || 1_000_000)),
    departments: value('departments', 2_000),
    lines: value('lines', 20),
    embedded: !argv.includes('--no-embedded'),
    kafka: !argv.includes('--no-kafka'),
  };
}

async function freshDatabase(): Promise<string> {
  const name = `bt_bench_${Date.now().toString(36)}`;
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
async function checkTotals(runtime: LedgerRuntime, expected: Map<string, DepartmentTotals>, when: string): Promise<string[]> {
  const { rows } = await runtime.pool.query<{ d: string; budget: string; paid: string }>(
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

async function main(): Promise<void> {
  const options = flags(process.argv.slice(2));
  const generated = process.hrtime.bigint();
  const workload = generateWorkload({ events: options.events, departments: options.departments, linesPerDepartment: options.lines });
  const { messages, totals } = workload;
  console.log(`workload: ${messages.length} events over ${options.departments} departments × ${options.lines} lines in ${round(seconds(generated), 1)} s; mix ${JSON.stringify(workload.mix)}; December ${Math.round(workload.decemberShareOfPayments * 100)} % of payments`);
  const problems: string[] = [];
  const results: Record<string, Figure> = {};
  /** Rebuild from the event store, timed by rebuildProjections itself, then the totals checked again. */
  const measureRebuild = async (runtime: LedgerRuntime) => {
    const rebuild = await rebuildProjections(runtime.pool, runtime.projections);
    results.rebuild = figure('rebuild from the event store (rebuildProjections)', rebuild.events, rebuild.millis / 1000);
    console.log(`  ${results.rebuild.name}: ${results.rebuild.eventsPerSecond} ev/s`);
    problems.push(...(await checkTotals(runtime, totals, 'after rebuild')));
  };
  let rejected = 0;
  const onRejected = (r: { eventId: string | null; code: string; reason: string }) => {
    if (rejected++ < 5) console.error(`  rejected ${r.eventId}: ${r.code} ${r.reason}`);
  };
  const timeout = Math.max(120, messages.length / 1_000);

  const brokers = options.kafka ? process.env.KAFKA_BROKERS?.split(',').filter(Boolean) : undefined;
  if (options.kafka && !brokers?.length) console.log('KAFKA_BROKERS not set: Kafka figures and the consume probe are skipped');

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
      problems.push(...(await checkTotals(runtime, totals, 'after embedded ingest')));
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
      rejected = 0;
      const started = process.hrtime.bigint();
      await runtime.consumer.start();
      await timeUntilLastOffsetApplied(runtime, config.kafkaTopic, high, timeout);
      results.kafkaIngest = figure('Kafka ingest from the pre-filled topic, every projection', messages.length, seconds(started));
      console.log(`  ${results.kafkaIngest.name}: ${results.kafkaIngest.eventsPerSecond} ev/s`);
      if (rejected) problems.push(`${rejected} events rejected during Kafka ingest`);
      problems.push(...(await checkTotals(runtime, totals, 'after Kafka ingest')));
      await runtime.consumer.stop();

      await measureRebuild(runtime);
    } finally {
      await runtime.close();
      await dropDatabase(url);
      const kafka = new Kafka({ clientId: 'bench-cleanup', brokers, logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [config.kafkaTopic, config.kafkaDlqTopic] }).catch(() => undefined);
      await admin.disconnect();
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

  const pgProbe = Math.max(results.copy.eventsPerSecond, results.unnest.eventsPerSecond);
  const limit = results.consume ? Math.min(results.consume.eventsPerSecond, pgProbe) : undefined;
  const ratio = (eps?: number) => (limit && eps !== undefined ? round(eps / limit, 2) : null);
  const at = new Date().toISOString();
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const rows: { figure: string; measured: number | null; target: string; ratio: number | null }[] = [
    { figure: 'physical limit = min(bare consume + JSON.parse, PostgreSQL load)', measured: limit ?? null, target: '—', ratio: limit ? 1 : null },
    { figure: '(a) bare kafkajs consume + JSON.parse', measured: results.consume?.eventsPerSecond ?? null, target: '—', ratio: ratio(results.consume?.eventsPerSecond) },
    { figure: '(b) PostgreSQL COPY FROM STDIN (psql)', measured: results.copy.eventsPerSecond, target: '—', ratio: ratio(results.copy.eventsPerSecond) },
    { figure: "(b') PostgreSQL INSERT … unnest (pg)", measured: results.unnest.eventsPerSecond, target: '—', ratio: ratio(results.unnest.eventsPerSecond) },
    { figure: 'Kafka ingest from a pre-filled topic, every projection, exact', measured: results.kafkaIngest?.eventsPerSecond ?? null, target: `≥ ${INGEST_TARGET_RATIO} × limit${limit ? ` = ${Math.round(INGEST_TARGET_RATIO * limit)}` : ''}`, ratio: ratio(results.kafkaIngest?.eventsPerSecond) },
    { figure: 'embedded-log ingest, every projection, exact', measured: results.embeddedIngest?.eventsPerSecond ?? null, target: '—', ratio: ratio(results.embeddedIngest?.eventsPerSecond) },
    { figure: 'rebuild from the event store', measured: results.rebuild?.eventsPerSecond ?? null, target: `≥ ${REBUILD_TARGET}`, ratio: ratio(results.rebuild?.eventsPerSecond) },
  ];
  const report = {
    at,
    machine,
    workload: { events: messages.length, departments: options.departments, linesPerDepartment: options.lines, mix: workload.mix, decemberShareOfPayments: round(workload.decemberShareOfPayments, 3) },
    physicalLimit: limit ?? null,
    targets: { kafkaIngestRatio: INGEST_TARGET_RATIO, rebuildEventsPerSecond: REBUILD_TARGET },
    summary: rows,
    results,
    correct: problems.length === 0,
    problems: problems.slice(0, 20),
  };
  const fmt = (n: number | null) => (n === null ? 'not measured' : `${n.toLocaleString('en-US')} ev/s`);
  const markdown = [
    `# Benchmark ${at}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}. Workload: ${messages.length.toLocaleString('en-US')} events over ${options.departments} departments × ${options.lines} lines (${Object.entries(workload.mix).map(([t, n]) => `${t} ${n}`).join(', ')}; December ${Math.round(workload.decemberShareOfPayments * 100)} % of payments).`,
    '',
    '| figure | measured | target | ratio to the limit |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${fmt(r.measured)} | ${r.target} | ${r.ratio ?? '—'} |`),
    '',
    `Correctness (per department budget and paid in ledger_lines = the generator's sums in 分, after each ingest and after the rebuild): ${problems.length ? `FAILED (${problems.length})` : 'exact'}.`,
    '',
  ].join('\n');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = at.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, `${stamp}.md`), markdown);
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  appendFileSync(join(dir, 'history.jsonl'), JSON.stringify(report) + '\n');
  console.log('\n' + markdown);
  console.log(`written bench/results/${stamp}.json and .md`);
  if (problems.length) {
    for (const p of problems.slice(0, 10)) console.error(p);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
