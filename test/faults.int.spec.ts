import { createLedgerRuntime, LedgerRuntime, OutboundMessage } from '@app/transport';
import { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { issue, pay } from './support/events';
import { reportFigures } from './support/figures';
import { killHard, startProjector } from './support/projector-process';
import { startTestApp, testConfig } from './support/test-app';
import { PG_ADMIN_URL } from './support/test-env';
import { waitUntil, yuanOf } from './support/helpers';

/**
 * Fault injection, bounded for CI (issue 5): PostgreSQL connections killed during ingest, and two projector processes
 * racing over the same Kafka partitions. Each ends with the projections equal to sums computed by the test.
 */
const artifacts = join(__dirname, '../test-artifacts');
const fen = (yuan: string) => BigInt(yuan.replace('.', ''));


describe('faults', () => {
  it('recovers by itself when every PostgreSQL connection is terminated during ingest; no accepted batch is lost', async () => {
    const t = await startTestApp('embedded', { embeddedBatchSize: 200 });
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const database = new URL(t.databaseUrl).pathname.slice(1);
    try {
      const lines = 10;
      const setup = await t.post(Array.from({ length: lines }, (_, i) => issue(`F-${i}`, '1000000', {}, { departmentCode: 'FLT', eventId: `f-issue-${i}` })));
      expect(setup.status).toBe(200);
      const expected = new Map<string, bigint>();
      let kills = 0;
      let retries = 0;
      for (let b = 0; b < 30; b++) {
        const batch = Array.from({ length: 50 }, (_, i) => {
          const line = `F-${(b * 50 + i) % lines}`;
          const amount = yuanOf(BigInt(1 + ((b * 50 + i) % 997)));
          return pay(line, amount, '30201', { departmentCode: 'FLT', eventId: `f-pay-${b}-${i}` });
        });
        if (b % 5 === 2) {
          const killed = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
          kills += killed.rows[0].n;
        }
        // A client retries a batch that was not accepted: eventIds make the retry safe.
        let accepted = false;
        for (let attempt = 0; attempt < 20 && !accepted; attempt++) {
          const res = await t.post(batch, '?wait=false').catch(() => null);
          accepted = res?.status === 202;
          if (!accepted) {
            retries++;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        expect(accepted).toBe(true);
        for (const e of batch) expected.set(String(e.data.lineId), (expected.get(String(e.data.lineId)) ?? 0n) + fen(String(e.data.amount)));
      }
      await waitUntil(async () => (await t.runtime.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n === lines + 30 * 50, 60_000);
      const { rows } = await t.runtime.pool.query<{ line_id: string; paid: string }>("SELECT line_id, paid::text FROM ledger_lines WHERE department_code = 'FLT'");
      for (const r of rows) expect([r.line_id, r.paid]).toEqual([r.line_id, yuanOf(expected.get(r.line_id)!)]);
      const days = await t.runtime.pool.query("SELECT sum(paid_delta)::text AS paid FROM line_days WHERE department_code = 'FLT'");
      expect(days.rows[0].paid).toBe(yuanOf([...expected.values()].reduce((a, b) => a + b, 0n)));
      expect(kills).toBeGreaterThan(0);
      reportFigures('PostgreSQL connections', `terminated: ${kills}, batches retried by the client: ${retries}, events: ${lines + 30 * 50}, differences: 0`);
    } finally {
      await admin.end();
      await t.close();
    }
  });

  it('applies everything exactly once when two projector processes race over the same partitions', async () => {
    const { config, databaseUrl } = await testConfig('kafka', { runProjector: false, kafkaMaxBatchBytes: 100 * 1024, kafkaPartitions: 4 });
    const runtime: LedgerRuntime = await createLedgerRuntime(config, databaseUrl, () => undefined);
    mkdirSync(artifacts, { recursive: true });
    const projectors: ChildProcess[] = [];
    try {
      const messages: OutboundMessage[] = [];
      const expected = new Map<string, bigint>();
      for (let d = 0; d < 8; d++) messages.push({ key: `R${d}`, value: JSON.stringify(issue('L', '100000000', {}, { departmentCode: `R${d}`, eventId: `race-issue-${d}` })) });
      for (let i = 0; i < 8000; i++) {
        const dept = `R${i % 8}`;
        const amount = BigInt(1 + (i % 5000));
        messages.push({ key: dept, value: JSON.stringify(pay('L', yuanOf(amount), '30201', { departmentCode: dept, eventId: `race-pay-${i}` })) });
        expected.set(dept, (expected.get(dept) ?? 0n) + amount);
      }
      for (let i = 0; i < messages.length; i += 2000) await runtime.writer.append(messages.slice(i, i + 2000));
      // Two consumers of one group: every join rebalances the partitions between them mid-backlog.
      projectors.push(startProjector(config, join(artifacts, 'race-1.log')));
      await new Promise((r) => setTimeout(r, 1500));
      projectors.push(startProjector(config, join(artifacts, 'race-2.log')));
      await waitUntil(async () => (await runtime.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n === messages.length, 120_000);
      const { rows } = await runtime.pool.query<{ department_code: string; paid: string }>('SELECT department_code, paid::text FROM ledger_lines');
      expect(rows).toHaveLength(8);
      for (const r of rows) expect([r.department_code, r.paid]).toEqual([r.department_code, yuanOf(expected.get(r.department_code)!)]);
      const duplicates = await runtime.pool.query('SELECT count(*)::int AS n FROM rejections');
      expect(duplicates.rows[0].n).toBe(0);
      reportFigures('two projectors racing', `projector processes: 2, events: ${messages.length}, applied twice: 0, differences: 0`);
    } finally {
      for (const p of projectors) await killHard(p);
      await runtime.close();
    }
  });
});
