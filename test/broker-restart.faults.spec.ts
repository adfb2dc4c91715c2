import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issue, pay } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The Kafka broker stopped and restarted during ingest (issue 5), on a broker of this test's own (other ports, its own
 * data dir) so the shared one is undisturbed. Clients retry what was not accepted; every accepted batch ends up
 * applied exactly once.
 */
const PORT = 19_092 + (process.pid % 400) * 2;
const dataDir = mkdtempSync(join(tmpdir(), 'bt-broker-'));
const env = { ...process.env, KAFKA_PORT: String(PORT), KAFKA_CONTROLLER_PORT: String(PORT + 1), KAFKA_DATA_DIR: dataDir, KAFKA_START_TIMEOUT: '120' };
const kafka = (command: 'start' | 'stop') => execFileSync('bash', ['scripts/kafka/kafka.sh', command], { env, stdio: 'ignore' });
const yuan = (f: bigint) => `${f / 100n}.${(f % 100n).toString().padStart(2, '0')}`;

describe('Kafka broker restarted during ingest', () => {
  let t: TestApp | null = null;
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    kafka('stop');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no accepted batch and doubles nothing', async () => {
    kafka('start');
    t = await startTestApp('kafka', { kafkaBrokers: [`127.0.0.1:${PORT}`] });
    const app = t;
    expect((await app.post([issue('B-1', '100000000', {}, { departmentCode: 'BRK', eventId: 'brk-issue' })])).status).toBe(200);
    let expected = 0n;
    let refused = 0;
    for (let b = 0; b < 12; b++) {
      if (b === 4) kafka('stop');
      if (b === 6) kafka('start');
      const batch = Array.from({ length: 100 }, (_, i) => pay('B-1', yuan(BigInt(1 + b * 100 + i)), '30201', { departmentCode: 'BRK', eventId: `brk-${b}-${i}` }));
      // The client posts until accepted (eventIds make a retry of a half-appended batch safe).
      for (let attempt = 0; ; attempt++) {
        const res = await app.post(batch, '?wait=false').catch(() => null);
        if (res?.status === 202) break;
        refused++;
        if (attempt === 4 && b === 4) kafka('start'); // the broker comes back while the client keeps retrying
        expect(attempt).toBeLessThan(40);
        await new Promise((r) => setTimeout(r, 500));
      }
      expected += batch.reduce((sum, e) => sum + BigInt(String(e.data.amount).replace('.', '')), 0n);
    }
    for (let i = 0; i < 2000; i++) {
      const { rows } = await app.runtime.pool.query("SELECT paid::text FROM ledger_lines WHERE department_code = 'BRK'");
      if (rows[0]?.paid === yuan(expected)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { rows } = await app.runtime.pool.query("SELECT paid::text FROM ledger_lines WHERE department_code = 'BRK'");
    expect(rows[0].paid).toBe(yuan(expected));
    const count = await app.runtime.pool.query("SELECT count(*)::int AS n FROM events WHERE department_code = 'BRK'");
    expect(count.rows[0].n).toBe(1 + 12 * 100);
    console.log(`broker restarts: 1, posts refused while it was down: ${refused}, events: ${1 + 12 * 100}, differences: 0`);
  }, 600_000);
});
