import { createLedgerRuntime, LedgerRuntime, OutboundMessage } from '@app/transport';
import { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { issue, pay, reverse } from './support/events';
import { killHard, startProjector } from './support/projector-process';
import { testConfig, TRANSPORTS } from './support/test-app';

/**
 * SPEC §3: "a crash at any point loses and doubles nothing". The real projector process is SIGKILLed several times
 * while it applies a large backlog, restarted, and the line balances must equal the sums of the posted events,
 * computed here independently of the ledger.
 */
const LINES = 20;
/** `npm run test:faults` scales the backlog up (FAULTS_SCALE, default 5 there, 1 in `npm test`). */
const SCALE = Number(process.env.FAULTS_SCALE || 1);
const PAYMENTS = 30_000 * SCALE;
const artifacts = join(__dirname, '../test-artifacts');

describe.each(TRANSPORTS)('projector SIGKILLed mid-batch over the %s transport', (transport) => {
  let runtime: LedgerRuntime;
  let projector: ChildProcess | null = null;
  afterAll(async () => {
    if (projector) await killHard(projector);
    await runtime?.close();
  });

  it('leaves every line balance equal to the sum of its events, nothing lost, nothing doubled', async () => {
    // Batches of ~1 000 events, so every kill lands inside or between many transactions, never after the last one.
    const { config, databaseUrl } = await testConfig(transport, { runProjector: false, kafkaMaxBatchBytes: 300 * 1024, embeddedBatchSize: 1000 });
    runtime = await createLedgerRuntime(config, databaseUrl, () => undefined);
    mkdirSync(artifacts, { recursive: true });

    // The backlog, with the expected paid amount per line computed in 分 by the test itself.
    const expectedPaid = new Map<string, bigint>();
    const messages: OutboundMessage[] = [];
    const dept = (i: number) => `K${i % 4}`;
    const lineOf = (i: number) => `line-${i % LINES}`;
    for (let i = 0; i < LINES; i++) messages.push(message(issue(lineOf(i), '100000000', {}, { departmentCode: dept(i), eventId: `issue-${i}` })));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < PAYMENTS; i++) {
      const fen = BigInt(1 + (random() % 1_000_000));
      const amount = `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
      const line = lineOf(i);
      const p = pay(line, amount, '30201', { departmentCode: dept(i), eventId: `pay-${i}` });
      messages.push(message(p));
      expectedPaid.set(line, (expectedPaid.get(line) ?? 0n) + fen);
      if (i % 10 === 0) {
        messages.push(message(reverse(line, p.eventId, '0.01', { departmentCode: dept(i), eventId: `rev-${i}` })));
        expectedPaid.set(line, expectedPaid.get(line)! - 1n);
      }
    }
    for (let i = 0; i < messages.length; i += 5000) await runtime.writer.append(messages.slice(i, i + 5000));
    const total = messages.length;

    const applied = async () => Number((await runtime.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
    const log = join(artifacts, `projector-${transport}.log`);
    let kills = 0;
    let last = -1;
    for (const threshold of [total * 0.15, total * 0.4, total * 0.7]) {
      projector = startProjector(config, log);
      await waitUntil(async () => (last = await applied()) >= threshold, 120_000 * SCALE);
      await killHard(projector);
      projector = null;
      kills++;
      expect(last).toBeLessThan(total);
    }
    projector = startProjector(config, log);
    await waitUntil(async () => (await applied()) === total, 180_000 * SCALE);
    await killHard(projector);
    projector = null;

    expect(kills).toBe(3);
    expect(await applied()).toBe(total);
    const { rows } = await runtime.pool.query<{ line_id: string; department_code: string; budget: string; paid: string }>(
      'SELECT line_id, department_code, budget::text, paid::text FROM ledger_lines',
    );
    expect(rows).toHaveLength(LINES);
    for (const row of rows) {
      const fen = expectedPaid.get(row.line_id)!;
      expect(row.paid).toBe(`${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`);
      expect(row.budget).toBe('100000000.00');
    }
    const duplicates = await runtime.pool.query('SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1');
    expect(duplicates.rows).toEqual([]);
    const rejected = await runtime.pool.query('SELECT count(*)::int AS n FROM rejections');
    expect(rejected.rows[0].n).toBe(0);
  }, 300_000 * SCALE);
});

function message(event: { eventId: string; departmentCode: string }): OutboundMessage {
  return { key: event.departmentCode, value: JSON.stringify(event) };
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
