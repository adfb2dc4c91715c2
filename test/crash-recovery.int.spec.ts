import { LEDGER_STATE_TABLES, rebuildProjections } from '@app/postgres';
import { createLedgerRuntime, LedgerRuntime, OutboundMessage } from '@app/transport';
import { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { issue, pay, reverse } from './support/events';
import { reportFigures } from './support/figures';
import { killHard, startProjector } from './support/projector-process';
import { testConfig, TRANSPORTS } from './support/test-app';
import { sleep, waitUntil, yuanOf } from './support/helpers';

/**
 * SPEC §3: "a crash at any point loses and doubles nothing". Events are ingested into the log while the real
 * projector process applies them and is SIGKILLed again and again at random instants (after it has made some
 * progress, then a random 0–800 ms later), and restarted. The line balances must then equal the sums of the posted
 * events, computed here independently of the ledger, and every other projection must equal a from-scratch replay of
 * the event store.
 */
const LINES = 20;
/** `npm run test:faults` scales the ingest up (FAULTS_SCALE, default 5 there: 200 000 payments; 1 in `npm test`). */
const SCALE = Number(process.env.FAULTS_SCALE || 1);
const PAYMENTS = 40_000 * SCALE;
const MAX_KILLS = 8 * SCALE;
/** Reproduce a run with FAULTS_SEED=<the seed it printed>. */
const SEED = Number(process.env.FAULTS_SEED || Date.now() % 100_000);
const artifacts = join(__dirname, '../test-artifacts');

describe.each(TRANSPORTS)('projector SIGKILLed at random points over the %s transport', (transport) => {
  let runtime: LedgerRuntime;
  let projector: ChildProcess | null = null;
  afterAll(async () => {
    if (projector) await killHard(projector);
    await runtime?.close();
  });

  it('leaves every line balance equal to the sum of its events and every projection equal to a replay: nothing lost, nothing doubled', async () => {
    // Batches of ~500 events, so every kill lands inside or between many transactions.
    const { config, databaseUrl } = await testConfig(transport, { runProjector: false, kafkaMaxBatchBytes: 150 * 1024, embeddedBatchSize: 500 });
    runtime = await createLedgerRuntime(config, databaseUrl, () => undefined);
    mkdirSync(artifacts, { recursive: true });

    // The events, with the expected paid amount per line computed in 分 by the test itself.
    const expectedPaid = new Map<string, bigint>();
    const messages: OutboundMessage[] = [];
    const dept = (i: number) => `K${i % 4}`;
    const lineOf = (i: number) => `line-${i % LINES}`;
    for (let i = 0; i < LINES; i++) messages.push(message(issue(lineOf(i), '100000000', {}, { departmentCode: dept(i), eventId: `issue-${i}` })));
    let seed = SEED;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < PAYMENTS; i++) {
      const fen = BigInt(1 + (random() % 1_000_000));
      const amount = yuanOf(fen);
      const line = lineOf(i);
      const p = pay(line, amount, '30201', { departmentCode: dept(i), eventId: `pay-${i}` });
      messages.push(message(p));
      expectedPaid.set(line, (expectedPaid.get(line) ?? 0n) + fen);
      if (i % 10 === 0) {
        messages.push(message(reverse(line, p.eventId, '0.01', { departmentCode: dept(i), eventId: `rev-${i}` })));
        expectedPaid.set(line, expectedPaid.get(line)! - 1n);
      }
    }
    const total = messages.length;
    // The issues go first (a payment on a line not yet issued would be rejected); the rest streams in meanwhile.
    await runtime.writer.append(messages.slice(0, LINES));
    // Paced over a fixed time rather than as fast as possible: a projector faster than the stream would otherwise
    // catch up before it had been killed often enough (a Kafka restart, with its group join, takes a few seconds).
    const streamMillis = (transport === 'kafka' ? 30_000 : 12_000) * SCALE;
    const chunks = Math.ceil((total - LINES) / 2000);
    let ingestDone = false;
    const ingest = (async () => {
      for (let i = LINES; i < total; i += 2000) {
        await runtime.writer.append(messages.slice(i, i + 2000));
        await sleep(streamMillis / chunks);
      }
      ingestDone = true;
    })();

    const applied = async () => Number((await runtime.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
    const log = join(artifacts, `projector-${transport}.log`);
    let kills = 0;
    let last = await applied();
    while (kills < MAX_KILLS && (!ingestDone || last < total * 0.97)) {
      projector = startProjector(config, log);
      const before = last;
      // Some progress first (a restart that never gets to work proves nothing), then a random instant.
      await waitUntil(async () => (last = await applied()) > before, 120_000);
      await sleep(random() % 800);
      await killHard(projector);
      projector = null;
      kills++;
      last = await applied();
    }
    await ingest;
    projector = startProjector(config, log);
    await waitUntil(async () => (await applied()) === total, 180_000 * SCALE);
    await killHard(projector);
    projector = null;

    expect(kills).toBeGreaterThanOrEqual(Math.min(5, MAX_KILLS));
    expect(await applied()).toBe(total);
    const { rows } = await runtime.pool.query<{ line_id: string; department_code: string; budget: string; paid: string }>(
      'SELECT line_id, department_code, budget::text, paid::text FROM ledger_lines',
    );
    expect(rows).toHaveLength(LINES);
    let differences = 0;
    for (const row of rows) {
      const fen = expectedPaid.get(row.line_id)!;
      if (row.paid !== yuanOf(fen) || row.budget !== '100000000.00') differences++;
    }
    // Every other projection (per-day, per-economic-code, departments…) equals a from-scratch replay of the event store.
    const projectionTables = [...LEDGER_STATE_TABLES, ...runtime.projections.flatMap((p) => p.tables)];
    const snapshot = async () =>
      Object.fromEntries(await Promise.all(projectionTables.map(async (table) => [table, (await runtime.pool.query(`SELECT * FROM ${table}`)).rows.map((r) => JSON.stringify(r)).sort()] as const)));
    const afterKills = await snapshot();
    await rebuildProjections(runtime.pool, runtime.projections);
    const fromScratch = await snapshot();
    for (const table of projectionTables) if (JSON.stringify(afterKills[table]) !== JSON.stringify(fromScratch[table])) differences++;
    expect(projectionTables.length).toBeGreaterThan(8);
    const duplicates = await runtime.pool.query('SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1');
    const rejected = await runtime.pool.query('SELECT count(*)::int AS n FROM rejections');
    reportFigures(`projector SIGKILLed (${transport})`, `seed ${SEED}, events ingested: ${total}, SIGKILLs survived: ${kills}, differences: ${differences}, doubled: ${duplicates.rowCount}, rejected: ${rejected.rows[0].n}`);
    expect(differences).toBe(0);
    expect(duplicates.rows).toEqual([]);
    expect(rejected.rows[0].n).toBe(0);
  }, 600_000 * SCALE);
});


function message(event: { eventId: string; departmentCode: string }): OutboundMessage {
  return { key: event.departmentCode, value: JSON.stringify(event) };
}

