import { Client } from 'pg';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiProcess, startApiProcess } from './support/api-process';
import { issue, pay } from './support/events';
import { waitUntil } from './support/helpers';
import { startReplicaCluster, type ReplicaCluster } from './support/replica-cluster';
import { testConfig } from './support/test-app';

/**
 * Issue 12, scale-out: the API's GET routes on a PostgreSQL read replica (DATABASE_READ_URL). A real primary and a
 * real hot standby made by `pg_basebackup -R` (streaming replication); the API process applies events on the
 * primary (embedded transport, in-process projector) and reads from the replica. Shown: reads really come from the
 * replica (while its replay is paused they do not see a batch the primary has applied), and `POST /v1/events`
 * keeps SPEC §4's read-your-writes by answering only once the replica has replayed the batch.
 */
const LINE = 'RR-L1';
const lineOf = (answer: { body: unknown }) => (answer.body as { lines: { lineId: string; budget: string; paid: string; available: string }[] }).lines.find((l) => l.lineId === LINE);

describe('read replica (DATABASE_READ_URL)', () => {
  let cluster: ReplicaCluster | undefined;
  let api: ApiProcess | undefined;
  let primary: Client | undefined;

  afterAll(async () => {
    await api?.stop();
    await primary?.end();
    await cluster?.stop();
  });

  it('reads from the replica, and a POST answered 200 is visible through it at once', async () => {
    const base = 20000 + (process.pid % 2000) * 2;
    cluster = await startReplicaCluster(base, base + 1);
    const { config } = await testConfig('embedded');
    mkdirSync(join(__dirname, '../test-artifacts'), { recursive: true });
    api = await startApiProcess({ ...config, databaseUrl: cluster.primaryUrl }, 'read-replica', join(__dirname, '../test-artifacts/read-replica-api.log'), {
      DATABASE_READ_URL: cluster.replicaUrl,
      RUN_PROJECTOR: 'true',
      READ_REPLICA_WAIT_MS: '60000',
    });
    primary = new Client({ connectionString: cluster.primaryUrl });
    await primary.connect();
    const paidOnPrimary = async () =>
      (await primary!.query<{ paid: string }>('SELECT paid::text FROM ledger_lines WHERE line_id = $1', [LINE])).rows[0]?.paid;

    const health = await api.get<{ status: string; readReplica?: { ok: boolean; lagBytes: number } }>('/v1/health');
    expect(health.body.status).toBe('ok');
    expect(health.body.readReplica?.ok).toBe(true);

    // Read-your-writes through the replica: 1 000.00 issued, 250.50 paid → 749.50 available.
    const first = await api.post([issue(LINE, '1000.00'), pay(LINE, '250.50')]);
    expect(first.status).toBe(200);
    expect(lineOf(await api.get('/v1/departments/434/years/2023/lines'))).toMatchObject({ budget: '1000.00', paid: '250.50', available: '749.50' });

    // Replay paused: the primary applies a 100.00 payment, the API (reading the replica) still shows 250.50.
    await cluster.onReplica('SELECT pg_wal_replay_pause()');
    const logged = await api.post([pay(LINE, '100.00')], { wait: false });
    expect(logged.status).toBe(202);
    await waitUntil(async () => (await paidOnPrimary()) === '350.50', 30_000);
    expect(lineOf(await api.get('/v1/departments/434/years/2023/lines'))).toMatchObject({ paid: '250.50' });
    const lagging = await api.get<{ readReplica: { lagBytes: number } }>('/v1/health');
    expect(lagging.body.readReplica.lagBytes).toBeGreaterThan(0);

    // A synchronous POST while the replica is paused is not answered, even once the primary has applied it...
    let answered = false;
    const pending = api.post([pay(LINE, '10.00')]).then((a) => ((answered = true), a));
    await waitUntil(async () => (await paidOnPrimary()) === '360.50', 30_000);
    expect(answered).toBe(false);
    // ...and is answered after the replica replays it; the GET that follows sees it.
    await cluster.onReplica('SELECT pg_wal_replay_resume()');
    expect((await pending).status).toBe(200);
    expect(lineOf(await api.get('/v1/departments/434/years/2023/lines'))).toMatchObject({ budget: '1000.00', paid: '360.50', available: '639.50' });
  });
});
