/**
 * Ledger throughput benchmark (`npm run bench`): how many events per second the ledger applies, end to end from the
 * transport's log to committed PostgreSQL rows (validation, dedupe, rules, event-store append, ledger state,
 * projections, checkpoint), on the embedded transport and, when KAFKA_BROKERS is set, on Kafka.
 * Results go to bench/results/latest.json and are appended to bench/results/history.jsonl.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { createLedgerRuntime, EmbeddedLogConsumer, OutboundMessage } from '@app/transport';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL || process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS || 200_000);
const DEPARTMENTS = 50;
const LINES_PER_DEPARTMENT = 40;

function workload(): OutboundMessage[] {
  const messages: OutboundMessage[] = [];
  const push = (event: { departmentCode: string; [field: string]: unknown }) => messages.push({ key: event.departmentCode, value: JSON.stringify(event) });
  for (let d = 0; d < DEPARTMENTS; d++) {
    for (let l = 0; l < LINES_PER_DEPARTMENT; l++) {
      push({
        eventId: `b-issue-${d}-${l}`, type: 'AppropriationIssued', fiscalYear: 2024, departmentCode: `D${d}`, occurredOn: '2024-01-05',
        data: { lineId: `L${l}`, unitCode: `D${d}01`, functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', stage: 'INITIAL', amount: '10000000' },
      });
    }
  }
  for (let i = messages.length; i < EVENTS; i++) {
    const d = i % DEPARTMENTS;
    const month = 1 + (i % 12);
    push({
      eventId: `b-pay-${i}`, type: 'PaymentMade', fiscalYear: 2024, departmentCode: `D${d}`, occurredOn: `2024-${String(month).padStart(2, '0')}-15`,
      data: { lineId: `L${i % LINES_PER_DEPARTMENT}`, amount: `${1 + (i % 9999)}.${String(i % 100).padStart(2, '0')}`, economicCode: '30201', method: 'DIRECT' },
    });
  }
  return messages;
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

interface Result {
  transport: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

async function benchEmbedded(messages: OutboundMessage[]): Promise<Result> {
  const url = await freshDatabase();
  const runtime = await createLedgerRuntime({ ...loadConfig({}), kafkaBrokers: undefined }, url, (e) => console.error(e));
  try {
    for (let i = 0; i < messages.length; i += 10_000) await runtime.writer.append(messages.slice(i, i + 10_000));
    const started = process.hrtime.bigint();
    await (runtime.consumer as EmbeddedLogConsumer).drain();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { transport: 'embedded', events: messages.length, seconds: round(seconds), eventsPerSecond: Math.round(messages.length / seconds) };
  } finally {
    await runtime.close();
    await dropDatabase(url);
  }
}

async function benchKafka(messages: OutboundMessage[], brokers: string[]): Promise<Result> {
  const url = await freshDatabase();
  const suffix = Date.now().toString(36);
  const config = { ...loadConfig({}), kafkaBrokers: brokers, kafkaTopic: `bench.${suffix}`, kafkaDlqTopic: `bench.${suffix}.dlq`, kafkaGroupId: `bench-${suffix}`, kafkaPartitions: 4 };
  const runtime = await createLedgerRuntime(config, url, (e) => console.error(e));
  try {
    for (let i = 0; i < messages.length; i += 10_000) await runtime.writer.append(messages.slice(i, i + 10_000));
    const started = process.hrtime.bigint();
    await runtime.consumer.start();
    for (;;) {
      const { rows } = await runtime.pool.query('SELECT count(*)::int AS n FROM events');
      if (rows[0].n >= messages.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { transport: 'kafka', events: messages.length, seconds: round(seconds), eventsPerSecond: Math.round(messages.length / seconds) };
  } finally {
    await runtime.close();
    await dropDatabase(url);
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

async function main(): Promise<void> {
  const messages = workload();
  const results: Result[] = [await benchEmbedded(messages)];
  const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  if (brokers?.length) results.push(await benchKafka(messages, brokers));
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    workload: { events: messages.length, departments: DEPARTMENTS, lines: DEPARTMENTS * LINES_PER_DEPARTMENT },
    results,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  appendFileSync(join(dir, 'history.jsonl'), JSON.stringify(report) + '\n');
  for (const r of results) console.log(`${r.transport.padEnd(9)} ${r.events} events in ${r.seconds} s = ${r.eventsPerSecond} events/s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
