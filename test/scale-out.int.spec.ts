import { AppConfig } from '@app/config';
import { createPool } from '@app/postgres';
import { createKafka, ensureTopics, kafkaSettings } from '@app/transport';
import { Admin, AssignerProtocol } from 'kafkajs';
import { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { ApiProcess, startApiProcess } from './support/api-process';
import { adjust, EventJson, issue, pay, reverse } from './support/events';
import { reportFigures } from './support/figures';
import { sleep, waitUntil, yuanOf } from './support/helpers';
import { killHard, startProjector as startProjectorProcess } from './support/projector-process';
import { testConfig } from './support/test-app';

/**
 * Issue 12, scale-out: two projector processes in one Kafka consumer group (key = departmentCode, SPEC §3) and two
 * API replicas over one PostgreSQL. Every department's events go through both APIs alternately — in order, since
 * each batch is answered (200 applied, or 202 durably logged with `?wait=false`) before the department's next one is
 * sent — while projector A is SIGKILLed (its partitions move to B) and started again (some move back). Afterwards
 * every line's budget and paid, read through BOTH APIs, equal the sums the test computed itself in 分, every event is
 * in the event store exactly once, and only the batches re-posted on purpose come back DUPLICATE.
 */
const DEPARTMENTS = 20;
const PARTITIONS = 6;
const LINES = ['L1', 'L2', 'L3'];
const ROUNDS = 12;
/** Chains pause before these rounds: the kill of A (posting resumes just before it), and A's restart. */
const KILL_ROUND = 4;
const RESTART_ROUND = 8;
const YEAR = 2024;
const artifacts = join(__dirname, '../test-artifacts');

type Sample = { owner: Map<number, string>; members: Map<string, number[]>; checkpoints: Map<number, bigint> };

describe('scale-out: two projector processes in one consumer group, two API replicas', () => {
  let config: AppConfig;
  let pool: Pool;
  let admin: Admin;
  const projectors = new Map<string, ChildProcess>();
  const apis: ApiProcess[] = [];

  afterAll(async () => {
    await Promise.all([...projectors.values()].map(killHard));
    await Promise.all(apis.map((a) => a.stop()));
    await admin?.disconnect().catch(() => undefined);
    await pool?.end();
  });

  it('stays exact through both APIs while a projector is SIGKILLed and restarted: every balance equals the posted sums, every event applied once', async () => {
    const started = Date.now();
    ({ config } = await testConfig('kafka', { kafkaPartitions: PARTITIONS, runProjector: false, kafkaMaxBatchBytes: 64 * 1024 }));
    pool = createPool(config.databaseUrl!, 2);
    const kafka = createKafka(kafkaSettings(config));
    // The topic with its partitions before any process starts (so no two of them race to create it).
    await ensureTopics(kafka, kafkaSettings(config));
    admin = kafka.admin();
    await admin.connect();
    mkdirSync(artifacts, { recursive: true });
    const logOf = (name: string) => join(artifacts, `scale-out-${name}.log`);
    for (const name of ['projector-a', 'projector-b', 'api-1', 'api-2']) rmSync(logOf(name), { force: true });

    const sample = async (): Promise<Sample | null> => {
      const { groups } = await admin.describeGroups([config.kafkaGroupId]);
      if (groups[0]?.state !== 'Stable') return null;
      const owner = new Map<number, string>();
      const members = new Map<string, number[]>();
      for (const m of groups[0].members) {
        const partitions = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[config.kafkaTopic] ?? [];
        members.set(m.clientId, [...partitions].sort((a, b) => a - b));
        for (const p of partitions) owner.set(p, m.clientId);
      }
      const { rows } = await pool.query<{ partition: number; next_offset: string }>('SELECT partition, next_offset::text FROM transport_checkpoints WHERE stream = $1', [
        config.kafkaTopic,
      ]);
      return { owner, members, checkpoints: new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)])) };
    };
    /** Waits for a stable group of exactly these members, every partition held by one of them. */
    const stableGroup = async (...names: string[]): Promise<Sample> => {
      let found: Sample | null = null;
      await waitUntil(async () => {
        const s = await sample();
        if (!s || s.members.size !== names.length || !names.every((n) => (s.members.get(n)?.length ?? 0) > 0) || s.owner.size !== PARTITIONS) return false;
        found = s;
        return true;
      }, 30_000);
      return found!;
    };
    /** Offsets each member applied between two samples, on the partitions it held at both. */
    const consumedBetween = (from: Sample, to: Sample) => {
      const by = new Map<string, bigint>();
      for (let p = 0; p < PARTITIONS; p++) {
        const who = to.owner.get(p);
        if (!who || from.owner.get(p) !== who) continue;
        by.set(who, (by.get(who) ?? 0n) + (to.checkpoints.get(p) ?? 0n) - (from.checkpoints.get(p) ?? 0n));
      }
      return by;
    };

    // Four processes: projectors A and B, APIs 1 and 2.
    const startProjector = (name: string) => projectors.set(name, startProjectorProcess(config, logOf(name), name));
    startProjector('projector-a');
    startProjector('projector-b');
    apis.push(...(await Promise.all([startApiProcess(config, 'api-1', logOf('api-1')), startApiProcess(config, 'api-2', logOf('api-2'))])));
    const beforePosting = await stableGroup('projector-a', 'projector-b');

    // The events per department and round, with the expected figures per line kept in 分 by the test itself.
    let seed = 20241231;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const expected = new Map<string, { budget: bigint; paid: bigint }>();
    const plan: EventJson[][][] = [];
    for (let d = 0; d < DEPARTMENTS; d++) {
      const dept = `SO${String(d).padStart(2, '0')}`;
      const o = (eventId: string, occurredOn: string) => ({ departmentCode: dept, fiscalYear: YEAR, eventId, occurredOn });
      const line = (l: string) => expected.get(`${dept}/${l}`)!;
      const open: { eventId: string; lineId: string; fen: bigint }[] = [];
      const rounds: EventJson[][] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const batch: EventJson[] = [];
        const id = (k: number) => `so-${dept}-${r}-${k}`;
        const day = () => `${YEAR}-${String(1 + Math.floor((r * 12) / ROUNDS)).padStart(2, '0')}-${String(1 + random(28)).padStart(2, '0')}`;
        if (r === 0) {
          for (const l of LINES) {
            const fen = BigInt(5_000_000 + random(5_000_000)) * 100n; // 5–10 million 元
            expected.set(`${dept}/${l}`, { budget: fen, paid: 0n });
            batch.push(issue(l, yuanOf(fen), { unitCode: `${dept}01` }, o(`${id(batch.length)}-issue-${l}`, `${YEAR}-01-02`)));
          }
        }
        for (let k = 0; k < 12; k++) {
          const lineId = LINES[random(LINES.length)];
          const fen = BigInt(100 + random(500_000)); // 1.00 – 5 001.00 元
          const p = pay(lineId, yuanOf(fen), k % 3 ? '30201' : '30216', o(id(batch.length), day()));
          batch.push(p);
          open.push({ eventId: p.eventId, lineId, fen });
          line(lineId).paid += fen;
        }
        // 退回: part of an earlier payment of this department (each reversed at most once, SPEC §2).
        for (let k = 0; k < 2 && open.length; k++) {
          const original = open.splice(random(open.length), 1)[0];
          const fen = 1n + BigInt(random(Number(original.fen)));
          batch.push(reverse(original.lineId, original.eventId, yuanOf(fen), o(id(batch.length), day())));
          line(original.lineId).paid -= fen;
        }
        // 调整: up, or down by at most 10 000 元 (the lines keep millions available).
        const lineId = LINES[random(LINES.length)];
        const fen = BigInt(1 + random(1_000_000)) * (random(2) ? 1n : -1n);
        batch.push(adjust(lineId, yuanOf(fen), o(id(batch.length), day())));
        line(lineId).budget += fen;
        rounds.push(batch);
      }
      plan.push(rounds);
    }
    const posted = plan.flat(2);
    const postedIds = posted.map((e) => e.eventId);

    // Each department a chain of rounds, alternating the API; the two gates hold chains before the kill and the restart.
    const gate = () => {
      let open: () => void = () => undefined;
      const opened = new Promise<void>((resolve) => (open = resolve));
      let waiting = 0;
      return { opened, open, arrive: () => (waiting++, opened), waiting: () => waiting };
    };
    const killGate = gate();
    const restartGate = gate();
    const statuses = new Map<string, number>();
    let waited = 0;
    let notWaited = 0;
    let appliedExpected = 0;
    let duplicatesPostedOnPurpose = 0;
    const failures: string[] = [];
    type Result = { eventId: string; status: string; code?: string };
    const send = async (api: ApiProcess, batch: EventJson[], wait: boolean, what: string): Promise<Result[]> => {
      const res = await api.post<{ results?: Result[] }>(batch, { wait });
      if (res.status !== (wait ? 200 : 202)) {
        failures.push(`${what} via ${api.name}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        return [];
      }
      if (!wait) {
        notWaited++;
        return [];
      }
      waited++;
      for (const r of res.body.results ?? []) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      return res.body.results ?? [];
    };
    let brokenChains = 0;
    const chains = plan.map(async (rounds, d) => {
      for (let r = 0; r < ROUNDS; r++) {
        if (r === KILL_ROUND) await killGate.arrive();
        if (r === RESTART_ROUND) await restartGate.arrive();
        const api = apis[(r + d) % 2];
        // About one batch in four with ?wait=false (202 once logged); read-your-writes for the rest.
        const wait = (r * 3 + d) % 4 !== 1;
        if (wait) appliedExpected += rounds[r].length;
        await send(api, rounds[r], wait, `department ${d} round ${r}`);
        // Now and then the previous round again through the other API, on purpose: DUPLICATE every one (SPEC §2).
        if (d % 5 === 0 && (r === 2 || r === 9)) {
          const results = await send(apis[(r + d + 1) % 2], rounds[r - 1], true, `department ${d} round ${r - 1} again`);
          duplicatesPostedOnPurpose += rounds[r - 1].length;
          if (results.some((x) => x.status !== 'DUPLICATE')) failures.push(`re-posted round ${r - 1} of department ${d}: ${JSON.stringify(results.filter((x) => x.status !== 'DUPLICATE'))}`);
        }
      }
    }).map((chain, d) => chain.catch((error) => (brokenChains++, failures.push(`department ${d}: ${String(error)}`))));
    /** Until every chain waits at the gate (or one broke: then its failure is shown). */
    const allAt = async (g: ReturnType<typeof gate>, timeoutMs: number) => {
      await waitUntil(async () => g.waiting() === DEPARTMENTS || brokenChains > 0, timeoutMs);
      expect(failures).toEqual([]);
    };

    // Phase 1: both projectors consume their partitions.
    await allAt(killGate, 40_000);
    const beforeKill = await stableGroup('projector-a', 'projector-b');
    const phase1 = consumedBetween(beforePosting, beforeKill);
    const formerlyA = beforeKill.members.get('projector-a')!;

    // Phase 2: posting resumes, and A is SIGKILLed while the batches are in flight: B takes every partition after
    // A's session times out, and applies what was posted to A's partitions.
    killGate.open();
    await sleep(150);
    await killHard(projectors.get('projector-a')!);
    const killedAt = Date.now();
    projectors.delete('projector-a');
    const aloneB = await stableGroup('projector-b');
    const takeOverMs = Date.now() - killedAt;
    let handedOver = 0n;
    await waitUntil(async () => {
      const now = await sample();
      if (!now || now.members.size !== 1) return false;
      handedOver = formerlyA.reduce((sum, p) => sum + (now.checkpoints.get(p) ?? 0n) - (aloneB.checkpoints.get(p) ?? 0n), 0n);
      return handedOver > 0n;
    }, 30_000);

    // Phase 3: A starts again; the group rebalances and A gets partitions back; the last rounds go through both.
    await allAt(restartGate, 60_000);
    startProjector('projector-a');
    const restartedAt = Date.now();
    const afterRestart = await stableGroup('projector-a', 'projector-b');
    const rejoinMs = Date.now() - restartedAt;
    restartGate.open();
    await Promise.all(chains);
    const distinct = new Set(postedIds).size;
    await waitUntil(async () => Number((await pool.query('SELECT count(*) AS n FROM events')).rows[0].n) >= distinct, 30_000);
    const atEnd = await stableGroup('projector-a', 'projector-b');
    const phase3 = consumedBetween(afterRestart, atEnd);

    expect(failures).toEqual([]);
    // Both projectors consumed: each before the kill, B on A's partitions while A was dead, A again after its restart.
    expect(phase1.get('projector-a')).toBeGreaterThan(0n);
    expect(phase1.get('projector-b')).toBeGreaterThan(0n);
    expect(aloneB.members.get('projector-b')).toEqual([...Array(PARTITIONS).keys()]);
    expect(handedOver).toBeGreaterThan(0n);
    expect(phase3.get('projector-a')).toBeGreaterThan(0n);
    expect(phase3.get('projector-b')).toBeGreaterThan(0n);
    // Every partition carried departments, so each of those moves had work to hand over.
    const { rows: used } = await pool.query<{ p: number }>('SELECT DISTINCT source_partition AS p FROM events ORDER BY 1');
    expect(used.map((r) => r.p)).toEqual([...Array(PARTITIONS).keys()]);

    // Every posted event in the event store exactly once; nothing rejected; DUPLICATE only for the re-posted batches.
    expect(distinct).toBe(posted.length);
    const counts = await pool.query<{ total: number; ours: number; rejected: number }>(
      'SELECT (SELECT count(*)::int FROM events) AS total, (SELECT count(*)::int FROM events WHERE event_id = ANY($1)) AS ours, (SELECT count(*)::int FROM rejections) AS rejected',
      [postedIds],
    );
    expect(counts.rows[0]).toEqual({ total: posted.length, ours: posted.length, rejected: 0 });
    expect(duplicatesPostedOnPurpose).toBeGreaterThan(0);
    expect(Object.fromEntries(statuses)).toEqual({ APPLIED: appliedExpected, DUPLICATE: duplicatesPostedOnPurpose });
    expect(notWaited).toBeGreaterThan(0);

    // Every line's budget and paid, through BOTH APIs, equal the test's own sums.
    const differences: string[] = [];
    for (const api of apis) {
      for (let d = 0; d < DEPARTMENTS; d++) {
        const dept = `SO${String(d).padStart(2, '0')}`;
        const res = await api.get<{ lines: { lineId: string; budget: string; paid: string }[] }>(`/v1/departments/${dept}/years/${YEAR}/lines`);
        expect(res.status).toBe(200);
        const got = Object.fromEntries(res.body.lines.map((l) => [l.lineId, { budget: l.budget, paid: l.paid }]));
        const want = Object.fromEntries(LINES.map((l) => [l, { budget: yuanOf(expected.get(`${dept}/${l}`)!.budget), paid: yuanOf(expected.get(`${dept}/${l}`)!.paid) }]));
        if (JSON.stringify(got) !== JSON.stringify(want)) differences.push(`${api.name} ${dept}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    expect(differences).toEqual([]);

    // Read-your-writes across replicas: a payment answered by API 1 shows in the very next read through API 2.
    const last = pay('L1', '12.34', '30201', { departmentCode: 'SO00', fiscalYear: YEAR, eventId: 'so-last', occurredOn: `${YEAR}-12-31` });
    expect((await apis[0].post([last])).status).toBe(200);
    const next = await apis[1].get<{ lines: { lineId: string; paid: string }[] }>(`/v1/departments/SO00/years/${YEAR}/lines`);
    expect(next.body.lines.find((l) => l.lineId === 'L1')?.paid).toBe(yuanOf(expected.get('SO00/L1')!.paid + 1234n));

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    reportFigures(
      'scale-out (2 projectors, 2 APIs)',
      `${posted.length} events over ${DEPARTMENTS} departments and ${PARTITIONS} partitions in ${seconds} s; ${waited} batches with read-your-writes, ${notWaited} with wait=false; ` +
        `B held A's ${formerlyA.length} partitions ${(takeOverMs / 1000).toFixed(1)} s after A was SIGKILLed (session timeout ${config.kafkaSessionTimeoutMs / 1000} s), ` +
        `A held [${afterRestart.members.get('projector-a')}] again ${(rejoinMs / 1000).toFixed(1)} s after its restart; differences: ${differences.length}, duplicates: ${statuses.get('DUPLICATE') ?? 0} (all posted on purpose)`,
    );
  }, 120_000);
});
