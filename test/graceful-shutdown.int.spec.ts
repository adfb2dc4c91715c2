import { createLedgerRuntime, LedgerRuntime, OutboundMessage } from '@app/transport';
import { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, pay } from './support/events';
import { killHard, startProjector } from './support/projector-process';
import { testConfig, TRANSPORTS } from './support/test-app';
import { sleep, yuanOf } from './support/helpers';

/**
 * Graceful shutdown (issue 5, operations): SIGTERM during a long backlog finishes the batch in flight (its transaction
 * commits, it is not rolled back), then the projector exits 0 without draining the rest; a restart applies the rest
 * exactly once.
 */
const artifacts = join(__dirname, '../test-artifacts');

describe.each(TRANSPORTS)('SIGTERM to the projector over the %s transport', (transport) => {
  let runtime: LedgerRuntime;
  let projector: ChildProcess | null = null;
  afterAll(async () => {
    if (projector) await killHard(projector);
    await runtime?.close();
  });

  it('finishes the batch in flight, exits 0 and leaves the rest for the next start', async () => {
    const { config, databaseUrl } = await testConfig(transport, { runProjector: false, embeddedBatchSize: 2000, kafkaMaxBatchBytes: 600 * 1024, kafkaPartitions: 1 });
    runtime = await createLedgerRuntime(config, databaseUrl, () => undefined);
    mkdirSync(artifacts, { recursive: true });
    const messages: OutboundMessage[] = [{ key: 'GS', value: JSON.stringify(issue('GS-1', '100000000', {}, { departmentCode: 'GS', eventId: 'gs-issue' })) }];
    let expected = 0n;
    for (let i = 0; i < 40_000; i++) {
      const fen = BigInt(1 + (i % 9973));
      messages.push({ key: 'GS', value: JSON.stringify(pay('GS-1', yuanOf(fen), '30201', { departmentCode: 'GS', eventId: `gs-${i}` })) });
      expected += fen;
    }
    for (let i = 0; i < messages.length; i += 5000) await runtime.writer.append(messages.slice(i, i + 5000));
    const applied = async () => Number((await runtime.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
    /** A ledger transaction of the projector open right now (the test's own connections hold none). */
    const batchInFlight = async () =>
      (await runtime.pool.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'")).rowCount! > 0;

    const log = join(artifacts, `graceful-${transport}.log`);
    writeFileSync(log, '');
    projector = startProjector(config, log);
    while ((await applied()) < 2000) await sleep(20);
    const before = await applied();
    while (!(await batchInFlight())) await sleep(2);
    const exited = new Promise<number | null>((resolve) => projector!.once('exit', (code) => resolve(code)));
    projector.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(30_000).then(() => 'still running')]);
    projector = null;
    const after = await applied();

    expect(code).toBe(0);
    expect(after).toBeGreaterThan(before); // the batch in flight committed
    expect(after).toBeLessThan(messages.length); // and the backlog was left for the next start
    const output = readFileSync(log, 'utf8');
    expect(output).toContain('shutting down');
    expect(output).not.toContain('ledger batch failed');

    projector = startProjector(config, log);
    while ((await applied()) < messages.length) await sleep(50);
    await killHard(projector);
    projector = null;
    const { rows } = await runtime.pool.query("SELECT paid::text FROM ledger_lines WHERE department_code = 'GS'");
    expect(rows[0].paid).toBe(yuanOf(expected));
    expect((await runtime.pool.query('SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1')).rows).toEqual([]);
  }, 300_000);
});
