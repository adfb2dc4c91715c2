import { Kafka, logLevel } from 'kafkajs';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { issue, pay } from './support/events';
import { createTestDatabase } from './support/test-database';
import { kafkaBrokers, runId } from './support/test-env';

/**
 * API_WORKERS (issue 12): the built API with two HTTP worker processes on one port. Both answer; the ledger consumer
 * runs once (one member in the Kafka consumer group); a payment posted through either worker shows at once in the
 * next read of every worker, each of which had the earlier answer cached; a worker that dies is replaced; SIGTERM
 * stops everything with exit code 0.
 */
const API_MAIN = join(__dirname, '../dist/apps/api/main.js');

interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

/** One GET on its own connection (no keep-alive), so that the cluster hands each to the next worker. */
function fetchFresh(url: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: res.headers['x-api-worker'] as string | undefined, body }));
    });
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The worker processes of the primary `pid` (Linux). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

describe('the API with API_WORKERS=2', () => {
  const suffix = randomBytes(4).toString('hex');
  const topic = `bt.${runId()}.workers.${suffix}`;
  const groupId = `bt-ledger-workers-${suffix}`;
  const adminToken = `bt_admin_workers_${suffix}`;
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const o = { departmentCode: 'WK', fiscalYear: 2024 };
  const progress = `${base}/v1/departments/WK/years/2024/progress?groupBy=line`;
  let api: ChildProcess | null = null;
  let output = '';
  const kafka = new Kafka({ clientId: `bt-test-${suffix}`, brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} missing: run \`npx nest build api\` (npm test does)`);
    const databaseUrl = await createTestDatabase();
    api = spawn(process.execPath, [API_MAIN], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        BUDGET_ADMIN_TOKEN: adminToken,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_TOPIC: topic,
        KAFKA_DLQ_TOPIC: `${topic}.dlq`,
        KAFKA_GROUP_ID: groupId,
        KAFKA_PARTITIONS: '2',
        API_WORKERS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout!.on('data', (d) => (output += d));
    api.stderr!.on('data', (d) => (output += d));
    // Started once both workers answer (the primary prints its banner before they listen).
    const workers = new Set<string>();
    for (let i = 0; i < 600 && workers.size < 2; i++) {
      if (api.exitCode !== null) throw new Error(`the API exited: ${output}`);
      const answer = await fetchFresh(`${base}/v1/health`, adminToken).catch(() => null);
      if (answer?.status === 200 && answer.worker) workers.add(answer.worker);
      else await sleep(100);
    }
    if (workers.size < 2) throw new Error(`the API did not start: ${output}`);
    await admin.connect();
  });
  afterAll(async () => {
    if (api?.exitCode !== 0) console.log(`API output:\n${output}`);
    await admin.disconnect().catch(() => undefined);
    if (api && api.exitCode === null) api.kill('SIGKILL');
  });

  const post = async (events: unknown[]) => {
    const res = await fetch(`${base}/v1/events`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ events }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(events.map(() => 'APPLIED'));
  };
  /** Reads until both workers have answered; every answer's paid of line L1. */
  const paidByWorker = async (): Promise<Map<string, Set<string>>> => {
    const seen = new Map<string, Set<string>>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const answer = await fetchFresh(progress, adminToken);
      expect(answer.status).toBe(200);
      const paid = (JSON.parse(answer.body) as { groups: { key: string; paid: string }[] }).groups.find((g) => g.key === 'L1')!.paid;
      if (!seen.has(answer.worker!)) seen.set(answer.worker!, new Set());
      seen.get(answer.worker!)!.add(paid);
    }
    return seen;
  };

  it('answers from both workers, and a payment posted after cached reads shows in the next read of each', async () => {
    await post([issue('L1', '100000', {}, { ...o, occurredOn: '2024-01-05' }), pay('L1', '1000', '30201', { ...o, occurredOn: '2024-02-01' })]);
    expect(await paidByWorker()).toEqual(new Map([['1', new Set(['1000.00'])], ['2', new Set(['1000.00'])]]));
    // Each worker now has the answer cached; a payment through either must show in both at once.
    await post([pay('L1', '234.56', '30201', { ...o, occurredOn: '2024-03-01' })]);
    expect(await paidByWorker()).toEqual(new Map([['1', new Set(['1234.56'])], ['2', new Set(['1234.56'])]]));
    expect(output.match(/预算执行监控/g)).toHaveLength(1);
  });

  it('runs exactly one ledger consumer: one member in the consumer group', async () => {
    let members = 0;
    for (let i = 0; i < 50; i++) {
      const { groups } = await admin.describeGroups([groupId]);
      members = groups[0]?.members.length ?? 0;
      if (groups[0]?.state === 'Stable') break;
      await sleep(200);
    }
    expect(members).toBe(1);
  });

  it('replaces a worker that dies, and keeps answering', async () => {
    const before = childrenOf(api!.pid!);
    expect(before).toHaveLength(2);
    process.kill(before[0], 'SIGKILL');
    let after: number[] = [];
    for (let i = 0; i < 100; i++) {
      after = childrenOf(api!.pid!);
      if (after.length === 2 && !after.includes(before[0])) break;
      await sleep(100);
    }
    expect(after).toHaveLength(2);
    expect(after).not.toContain(before[0]);
    // The new worker may still be starting: reads go to whichever listens, and both answer once it does.
    let seen = new Map<string, Set<string>>();
    for (let i = 0; i < 100 && seen.size < 2; i++) {
      seen = await paidByWorker().catch(() => new Map());
      if (seen.size < 2) await sleep(100);
    }
    expect(seen).toEqual(new Map([['1', new Set(['1234.56'])], ['2', new Set(['1234.56'])]]));
  });

  it('stops the workers and itself on SIGTERM with exit code 0', async () => {
    const workers = childrenOf(api!.pid!);
    const exited = new Promise<number | null>((resolve) => api!.once('exit', (code) => resolve(code)));
    api!.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(existsSync(`/proc/${pid}`)).toBe(false);
  });
});
