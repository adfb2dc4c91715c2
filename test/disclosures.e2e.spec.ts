import { createKafka, kafkaSettings } from '@app/transport';
import type { Consumer, Producer } from 'kafkajs';
import { closeYear, issue, nextId, pay, reverse, type EventJson } from './support/events';
import { waitUntil } from './support/helpers';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * Year-end disclosures (SPEC §11) through the ledger, on a department worked by hand (元):
 * - L1 一般公共预算 基本 2010301: 100 000.
 * - Tagged payments: 50 000 goods (31002) to a small/micro firm (so an SME); 20 000 services (30227) to an SME;
 *   8 000 works (30213) untagged for SMEs; 1 000 (30201) with no procurement tag. On 1 July 10 000 of the goods
 *   payment comes back.
 * So at year end 政府采购 = goods 40 000 + works 8 000 + services 20 000 = 68 000; SME 60 000 (88.235… → 88.24 %);
 * small/micro 40 000 of 60 000 (66.67 %); goods 100 %, works 0 %, services 100 %. Before the reversal (asOf 30 June):
 * goods 50 000, total 78 000, SME 70 000 (89.74 %), small/micro 50 000 (71.43 %).
 * 机关运行经费 = 一般公共预算 basic 公用经费 = 40 000 + 20 000 + 8 000 + 1 000 = 69 000.
 */
type Json = Record<string, unknown>;
const DEPT = 'DS';
const o = { departmentCode: DEPT };
const event = (type: string, occurredOn: string, data: Json, dept = DEPT): EventJson => ({ eventId: nextId(type), type, fiscalYear: 2023, departmentCode: dept, occurredOn, data });
const tagged = (amount: string, economicCode: string, occurredOn: string, procurement: Json) => ({ ...pay('L1', amount, economicCode, { ...o, occurredOn }), data: { lineId: 'L1', amount, economicCode, procurement } });
const assets = (occurredOn: string, vehicles: { kind: string; count: number }[], dept = DEPT) =>
  event('AssetsDeclared', occurredOn, { vehicles, specialEquipmentOver1M: 1, generalEquipmentOver500K: 0 }, dept);
const activity = (occurredOn: string, dept = DEPT) =>
  event('ThreePublicActivityDeclared', occurredOn, { outboundGroups: 2, outboundPeople: 3, vehiclesPurchased: 0, vehiclesHeld: 5, receptionBatches: 2, receptionPeople: 17 }, dept);

describe.each(TRANSPORTS)('disclosures in GET …/final-accounts and …/checks over the %s transport', (transport) => {
  let t: TestApp;
  const goods = tagged('50000', '31002', '2023-03-01', { category: 'GOODS', smeAwarded: true, smallMicroAwarded: true });

  beforeAll(async () => {
    t = await startTestApp(transport);
    const res = await t.post([
      issue('L1', '100000', {}, o),
      goods,
      tagged('20000', '30227', '2023-04-01', { category: 'SERVICES', smeAwarded: true }),
      tagged('8000', '30213', '2023-05-01', { category: 'WORKS', smeAwarded: false }),
      pay('L1', '1000', '30201', { ...o, occurredOn: '2023-06-01' }),
      reverse('L1', goods.eventId, '10000', { ...o, occurredOn: '2023-07-01' }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(6).fill('APPLIED'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (path: string) => {
    const res = await t.get(`/v1/departments/${DEPT}/years/2023/${path}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const disclosures = async (query = '') => (await get(`final-accounts${query}`)).disclosures;
  const check = async (rule: string) => (await get('checks')).checks.find((c: { rule: string }) => c.rule === rule);

  it('derives 政府采购 from tagged payments; the reversal reduces the goods it came from', async () => {
    expect(await disclosures()).toEqual({
      procurement: {
        source: 'PAYMENTS',
        total: '68000.00',
        goods: '40000.00',
        works: '8000.00',
        services: '20000.00',
        smeAwarded: '60000.00',
        smeShare: '88.24',
        smallMicroAwarded: '40000.00',
        smallMicroShareOfSme: '66.67',
        goodsSme: '40000.00',
        worksSme: '0.00',
        servicesSme: '20000.00',
        goodsSmeShare: '100.00',
        worksSmeShare: '0.00',
        servicesSmeShare: '100.00',
      },
      assets: null,
      threePublicActivity: null,
      agencyOperatingCosts: '69000.00',
      narratives: {},
    });
  });

  it('writes 万元 with ?unit=wan, and shows the figures before the reversal with ?asOf', async () => {
    expect((await disclosures('?unit=wan')).procurement).toMatchObject({ total: '6.80', goods: '4.00', smeAwarded: '6.00', smeShare: '88.24' });
    expect((await disclosures('?unit=wan')).agencyOperatingCosts).toBe('6.90');
    expect((await disclosures('?asOf=2023-06-30')).procurement).toMatchObject({
      total: '78000.00',
      goods: '50000.00',
      smeAwarded: '70000.00',
      smeShare: '89.74',
      smallMicroAwarded: '50000.00',
      smallMicroShareOfSme: '71.43',
    });
    expect((await disclosures('?asOf=2023-02-28')).procurement).toMatchObject({ total: '0.00', smeShare: null, smallMicroShareOfSme: null, goodsSmeShare: null });
  });

  it('DISCLOSURES_DECLARED is only a reminder before closing, and fails once the year is closed without declarations', async () => {
    const open = await check('DISCLOSURES_DECLARED');
    expect(open.passed).toBe(true);
    expect((await t.post([closeYear([], o)])).body.results[0].status).toBe('APPLIED');
    expect(await check('DISCLOSURES_DECLARED')).toEqual({
      rule: 'DISCLOSURES_DECLARED',
      passed: false,
      expected: '2',
      actual: '0',
      detail: expect.stringContaining('待补充：国有资产占用情况（AssetsDeclared）'),
    });
    expect((await check('DISCLOSURES_DECLARED')).detail).toContain('ThreePublicActivityDeclared');
    expect((await check('PROCUREMENT_SHARES')).passed).toBe(true);
  });

  it('accepts declarations after YearEndClosed while a payment is YEAR_CLOSED; the latest by occurredOn wins', async () => {
    const res = await t.post([
      assets('2024-01-15', [{ kind: 'PRINCIPAL', count: 1 }, { kind: 'GENERAL', count: 2 }]),
      // Processed later but dated earlier: it does not replace the 15 January position.
      assets('2024-01-10', [{ kind: 'GENERAL', count: 5 }]),
      activity('2024-01-15'),
      event('NarrativeDeclared', '2024-01-15', { section: 'DUTIES', text: '负责区政府日常运转（初稿）' }),
      // Same date, processed later: the tie goes to the later one.
      event('NarrativeDeclared', '2024-01-15', { section: 'DUTIES', text: '负责区政府日常运转。' }),
      event('NarrativeDeclared', '2024-01-15', { section: 'OTHER_MATTERS', text: '无' }),
      tagged('1', '31002', '2023-12-31', { category: 'GOODS' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'APPLIED', 'YEAR_CLOSED']);
    const d = await disclosures();
    expect(d.assets).toEqual({
      vehicles: { total: 3, MINISTERIAL: 0, PRINCIPAL: 1, CONFIDENTIAL: 0, EMERGENCY: 0, LAW_ENFORCEMENT: 0, SPECIAL_TECHNICAL: 0, RETIRED_CADRES: 0, GENERAL: 2, OTHER: 0 },
      specialEquipmentOver1M: 1,
      generalEquipmentOver500K: 0,
      note: null,
    });
    expect(d.threePublicActivity).toEqual({
      outboundGroups: 2, outboundPeople: 3, vehiclesPurchased: 0, vehiclesHeld: 5, receptionBatches: 2, receptionPeople: 17, foreignReceptionBatches: null, foreignReceptionPeople: null,
    });
    expect(d.narratives).toEqual({ DUTIES: '负责区政府日常运转。', OTHER_MATTERS: '无' });
    expect(d.procurement.total).toBe('68000.00'); // the refused payment changed nothing
  });

  it('as of a date, only the declarations dated by then', async () => {
    const before = await disclosures('?asOf=2024-01-09');
    expect([before.assets, before.threePublicActivity, before.narratives]).toEqual([null, null, {}]);
    const between = await disclosures('?asOf=2024-01-12');
    expect(between.assets.vehicles).toMatchObject({ total: 5, GENERAL: 5, PRINCIPAL: 0 });
    expect(between.threePublicActivity).toBeNull();
  });

  it('DISCLOSURES_DECLARED passes once assets and 三公 counts are declared', async () => {
    expect(await check('DISCLOSURES_DECLARED')).toMatchObject({ passed: true, expected: '2', actual: '2' });
    expect((await check('DISCLOSURES_DECLARED')).detail).not.toContain('待补充');
  });

  it('refuses a batch holding an invalid declaration with 400 and changes nothing', async () => {
    const before = await get('final-accounts');
    const beforeChecks = await get('checks');
    const batches = [
      [assets('2024-02-01', [{ kind: 'OTHER', count: 9 }]), tagged('5', '31002', '2023-06-01', { category: 'GOODS', smallMicroAwarded: true })],
      [activity('2024-02-01'), assets('2024-02-01', [{ kind: 'GENERAL', count: 1 }, { kind: 'GENERAL', count: 1 }])],
      [assets('2024-02-01', [{ kind: 'GENERAL', count: 1.5 }])],
      [event('DeviationExplained', '2024-02-01', { indicatorId: 'I1', projectCode: 'P1', cause: 'x', measure: 'y' })],
      [event('EvaluationPolicySet', '2024-02-01', { executionScore: { scheme: 'TIERED' } })],
    ];
    const paths = ['data.procurement.smallMicroAwarded', 'data.vehicles[1].kind', 'data.vehicles[0].count', 'data', 'data.executionScore.tiers'];
    for (const [i, batch] of batches.entries()) {
      const res = await t.post(batch);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
      expect(res.body.problems.map((p: { path: string }) => p.path)).toContain(paths[i]);
    }
    expect(await get('final-accounts')).toEqual(before);
    expect(await get('checks')).toEqual(beforeChecks);
  });

  it('a ProcurementDeclared replaces the figures from payments (source DECLARED) from its date; PROCUREMENT_SHARES checks it', async () => {
    const declared = (occurredOn: string, data: Json) =>
      event('ProcurementDeclared', occurredOn, { goods: '72600', works: '0', services: '0', smeAwarded: '72600', smallMicroAwarded: '72600', ...data });
    const bad = await t.post([declared('2024-02-01', { smallMicroAwarded: '80000' })]);
    expect(bad.body.results[0].status).toBe('APPLIED');
    expect(await check('PROCUREMENT_SHARES')).toMatchObject({ passed: false, expected: '72600.00', actual: '80000.00', detail: expect.stringContaining('授予小微企业合同金额不超过授予中小企业合同金额') });
    const good = await t.post([declared('2024-02-02', { goodsSme: '72600' })]);
    expect(good.body.results[0].status).toBe('APPLIED');
    expect((await check('PROCUREMENT_SHARES')).passed).toBe(true);
    expect((await disclosures()).procurement).toEqual({
      source: 'DECLARED',
      total: '72600.00',
      goods: '72600.00',
      works: '0.00',
      services: '0.00',
      smeAwarded: '72600.00',
      smeShare: '100.00',
      smallMicroAwarded: '72600.00',
      smallMicroShareOfSme: '100.00',
      goodsSme: '72600.00',
      worksSme: null,
      servicesSme: null,
      goodsSmeShare: '100.00',
      worksSmeShare: null,
      servicesSmeShare: null,
    });
    expect((await disclosures('?unit=wan')).procurement).toMatchObject({ total: '7.26', goods: '7.26', smeAwarded: '7.26' });
    expect((await disclosures('?asOf=2024-01-31')).procurement).toMatchObject({ source: 'PAYMENTS', total: '68000.00' });
  });

  it('gives identical disclosures and checks after a rebuild from the event store', async () => {
    const before = await get('final-accounts');
    const beforeChecks = await get('checks');
    const beforeAsOf = await get('final-accounts?asOf=2024-01-12');
    // Lose the read models: the rebuild must restore them from the event store.
    await t.runtime.pool.query('DELETE FROM declarations');
    await t.runtime.pool.query('DELETE FROM procurement_days');
    expect((await disclosures()).assets).toBeNull();
    expect((await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(200);
    expect(await get('final-accounts')).toEqual(before);
    expect(await get('checks')).toEqual(beforeChecks);
    expect(await get('final-accounts?asOf=2024-01-12')).toEqual(beforeAsOf);
  });
});

/** A treasury or asset system producing straight to the topic (SPEC §3): valid declarations apply, a bad one goes to the DLQ. */
describe('declarations produced straight to Kafka', () => {
  let t: TestApp;
  let producer: Producer;
  let dlq: Consumer;
  const dlqMessages: { value: string | null; headers: Record<string, string> }[] = [];

  beforeAll(async () => {
    t = await startTestApp('kafka');
    const kafka = createKafka(kafkaSettings(t.config));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    dlq = kafka.consumer({ groupId: `${t.config.kafkaGroupId}-dlq-reader` });
    await dlq.connect();
    await dlq.subscribe({ topic: t.config.kafkaDlqTopic, fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        dlqMessages.push({ value: message.value?.toString() ?? null, headers });
      },
    });
  });
  afterAll(async () => {
    await dlq?.disconnect();
    await producer?.disconnect();
    await t?.close();
  });

  it('applies a valid AssetsDeclared, sends smallMicroAwarded without smeAwarded to the DLQ, and keeps the partition flowing', async () => {
    const dept = 'KDS';
    const valid = assets('2024-01-10', [{ kind: 'GENERAL', count: 2 }], dept);
    const invalid = { ...pay('K1', '5', '31002', { departmentCode: dept }), data: { lineId: 'K1', amount: '5', economicCode: '31002', procurement: { category: 'GOODS', smallMicroAwarded: true } } };
    const sentinel = activity('2024-01-11', dept);
    await producer.send({ topic: t.config.kafkaTopic, acks: -1, messages: [valid, invalid, sentinel].map((e) => ({ key: dept, value: JSON.stringify(e) })) });
    await waitUntil(async () => (await t.runtime.pool.query('SELECT 1 FROM events WHERE event_id = $1', [sentinel.eventId])).rows.length > 0, 20_000);
    await waitUntil(async () => dlqMessages.some((m) => m.headers['x-event-id'] === invalid.eventId), 20_000);

    const d = (await t.get(`/v1/departments/${dept}/years/2023/final-accounts`)).body.disclosures;
    expect(d.assets.vehicles).toMatchObject({ total: 2, GENERAL: 2 });
    expect(d.threePublicActivity).toMatchObject({ outboundGroups: 2, receptionPeople: 17 });
    const dead = dlqMessages.find((m) => m.headers['x-event-id'] === invalid.eventId)!;
    expect(dead.headers).toMatchObject({ 'x-dlq-code': 'VALIDATION_FAILED', 'x-original-topic': t.config.kafkaTopic });
    expect(dead.headers['x-dlq-reason']).toContain('smallMicroAwarded');
    const { rows } = await t.runtime.pool.query('SELECT code FROM rejections WHERE event_id = $1', [invalid.eventId]);
    expect(rows.map((r) => r.code)).toEqual(['VALIDATION_FAILED']);
    expect((await t.runtime.pool.query('SELECT 1 FROM events WHERE event_id = $1', [invalid.eventId])).rows).toEqual([]);
  });
});
