import { createKafka, kafkaSettings } from '@app/transport';
import fc from 'fast-check';
import type { Admin } from 'kafkajs';
import { issue, pay } from './support/events';
import { reportFigures } from './support/figures';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * Hostile and malformed input (issue 5, bad input): fast-check mutates a valid event into a structurally invalid one
 * in many ways. Over HTTP the batch gets 400 VALIDATION_FAILED and nothing is accepted; written straight to the log
 * (embedded, or produced directly to the Kafka topic) the message is rejected and recorded, goes to the DLQ on Kafka,
 * and the log keeps flowing. Before and after, the event store and the
 * projections are identical (a later sentinel event proves the log was not stalled).
 */
type Json = Record<string, unknown>;
/** JSON text too deep for JSON.stringify to build: written out by hand. */
class RawJson {
  constructor(readonly text: string) {}
}
const toText = (value: unknown) => (value instanceof RawJson ? value.text : JSON.stringify(value));
const base = () => pay('H-1', '10.00', '30201', { departmentCode: 'HOST' }) as unknown as Json;

const hostileStrings = fc.constantFrom(
  "201'; DROP TABLE events;--",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  'x'.repeat(300),
);

/** Each mutation turns the valid payment into an event that must be refused as VALIDATION_FAILED. */
const mutation: fc.Arbitrary<[string, (e: Json) => unknown]> = fc.oneof(
  fc.constantFrom<[string, (e: Json) => unknown]>(
    ['amount as a JSON number', (e) => ({ ...e, data: { ...(e.data as Json), amount: 10.5 } })],
    ['three decimals', (e) => ({ ...e, data: { ...(e.data as Json), amount: '10.005' } })],
    ['zero amount', (e) => ({ ...e, data: { ...(e.data as Json), amount: '0.00' } })],
    ['negative payment', (e) => ({ ...e, data: { ...(e.data as Json), amount: '-1' } })],
    ['exponent', (e) => ({ ...e, data: { ...(e.data as Json), amount: '1e400' } })],
    ['huge amount', (e) => ({ ...e, data: { ...(e.data as Json), amount: '9'.repeat(40) } })],
    ['30 February', (e) => ({ ...e, occurredOn: '2023-02-30' })],
    ['month 13', (e) => ({ ...e, occurredOn: '2023-13-01' })],
    ['wrong year', (e) => ({ ...e, occurredOn: '2024-01-01' })],
    ['unknown type', (e) => ({ ...e, type: 'PaymentMadeTwice' })],
    ['fiscalYear as a string', (e) => ({ ...e, fiscalYear: '2023' })],
    ['data as an array', (e) => ({ ...e, data: [] })],
    ['null event', () => null],
    ['an array for an event', () => []],
    ['missing lineId', (e) => ({ ...e, data: { amount: '1', economicCode: '30201' } })],
    ['unknown field', (e) => ({ ...e, data: { ...(e.data as Json), surprise: true } })],
    ['deep JSON', (e) => new RawJson(JSON.stringify({ ...e, data: { ...(e.data as Json), payee: '@@' } }).replace('"@@"', '{"d":'.repeat(100_000) + '"x"' + '}'.repeat(100_000)))],
  ),
  hostileStrings.map((text): [string, (e: Json) => unknown] => ['hostile economic code', (e) => ({ ...e, data: { ...(e.data as Json), economicCode: text } })]),
  hostileStrings.map((text): [string, (e: Json) => unknown] => ['hostile eventId', (e) => ({ ...e, eventId: text })]),
  hostileStrings.map((text): [string, (e: Json) => unknown] => ['hostile department', (e) => ({ ...e, departmentCode: text })]),
);

/** The event store count and every projection a payment touches, as one comparable string. */
async function stateOf(t: TestApp): Promise<string> {
  const q = async (sql: string) => (await t.runtime.pool.query(sql)).rows;
  return JSON.stringify([
    await q('SELECT count(*)::int AS n FROM events'),
    await q('SELECT * FROM ledger_lines ORDER BY department_code, line_id'),
    await q('SELECT * FROM line_days ORDER BY department_code, line_id, day, economic_code'),
  ]);
}

let tried = 0;
afterAll(() => reportFigures('hostile input', `hostile inputs tried: ${tried}, differences found: 0 (each run asserts it)`));

describe('hostile input over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.post([issue('H-1', '1000', {}, { departmentCode: 'HOST' })]);
    expect(res.body.results[0].status).toBe('APPLIED');
  });
  afterAll(async () => {
    await t?.close();
  });
  const state = () => stateOf(t);

  it('refuses every mutated batch over HTTP with 400 and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ([, mutate]) => {
        tried++;
        const before = await state();
        const res = await t.http()
          .post('/v1/events')
          .set('Authorization', `Bearer ${t.adminToken}`)
          .set('Content-Type', 'application/json')
          .send(`{"events":[${JSON.stringify(pay('H-1', '1.00', '30201', { departmentCode: 'HOST' }))},${toText(mutate(base()))}]}`);
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
        // The mutated event (index 1), or the whole body when it does not even parse (JSON nested too deep).
        expect(res.body.problems.every((p: { index: number | null }) => p.index === 1 || p.index === null)).toBe(true);
        expect(await state()).toBe(before);
      }),
      { numRuns: 60 * Number(process.env.FAULTS_SCALE || 1) },
    );
  });

  it('refuses a body that is not valid UTF-8, and a 10 MiB string, without changing anything', async () => {
    const before = await state();
    const bytes = Buffer.concat([Buffer.from('{"events":[{"eventId":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]);
    const bad = await t.http().post('/v1/events').set('Authorization', `Bearer ${t.adminToken}`).set('Content-Type', 'application/json').send(bytes);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('VALIDATION_FAILED');
    const big = await t.post([{ ...base(), data: { ...(base().data as Json), payee: 'x'.repeat(10 * 1024 * 1024) } }]);
    expect(big.status).toBe(413);
    expect(await state()).toBe(before);
  });

  it('stores SQL and HTML in free text verbatim, as data', async () => {
    const payee = "Robert'); DROP TABLE events;-- <img src=x onerror=alert(1)>";
    const res = await t.post([{ ...pay('H-1', '2.00', '30201', { departmentCode: 'HOST' }), data: { lineId: 'H-1', amount: '2.00', economicCode: '30201', payee } }]);
    expect(res.body.results[0].status).toBe('APPLIED');
    const { rows } = await t.runtime.pool.query("SELECT payload->'data'->>'payee' AS payee FROM events WHERE event_id = $1", [res.body.results[0].eventId]);
    expect(rows[0].payee).toBe(payee);
  });
});

/** The same hostile messages produced straight to the log: on Kafka, as a treasury system producing to the topic. */
describe.each(TRANSPORTS)('hostile messages written straight to the %s log', (transport) => {
  let t: TestApp;
  let admin: Admin | null = null;
  let dlqExpected = 0;
  beforeAll(async () => {
    t = await startTestApp(transport);
    expect((await t.post([issue('H-1', '1000', {}, { departmentCode: 'HOST' })])).body.results[0].status).toBe('APPLIED');
    if (transport === 'kafka') {
      admin = createKafka(kafkaSettings(t.config)).admin();
      await admin.connect();
    }
  });
  afterAll(async () => {
    await admin?.disconnect();
    await t?.close();
  });
  const state = () => stateOf(t);
  const dlqCount = async () => (await admin!.fetchTopicOffsets(t.config.kafkaDlqTopic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);

  it('rejects every mutated message, and the log keeps flowing', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ([label, mutate]) => {
        tried++;
        const before = await state();
        const rejectionsBefore = (await t.runtime.pool.query('SELECT count(*)::int AS n FROM rejections')).rows[0].n as number;
        const sentinel = issue(`S-${tried}`, '1', {}, { departmentCode: 'HOST-S' });
        await t.runtime.writer.append([
          { key: 'HOST', value: toText(mutate(base())) ?? 'null' },
          // Same key, so the same Kafka partition: the sentinel is applied only after the hostile message.
          { key: 'HOST', value: JSON.stringify(sentinel) },
        ]);
        for (let i = 0; ; i++) {
          const { rows } = await t.runtime.pool.query('SELECT 1 FROM events WHERE event_id = $1', [sentinel.eventId]);
          if (rows.length) break;
          if (i === 400) throw new Error(`${label}: the log stalled (sentinel not applied after 10 s)`);
          await new Promise((r) => setTimeout(r, 25));
        }
        const rejections = (await t.runtime.pool.query('SELECT code FROM rejections ORDER BY id')).rows.slice(rejectionsBefore);
        expect([label, rejections.map((r) => r.code)]).toEqual([label, ['VALIDATION_FAILED']]);
        // On Kafka the message also went to the DLQ (written before the batch that carried the sentinel committed).
        if (transport === 'kafka') expect([label, await dlqCount()]).toEqual([label, ++dlqExpected]);
        // Only the sentinel's department changed.
        await t.runtime.pool.query('SELECT 1');
        const after = JSON.parse(await state()) as unknown[][];
        const was = JSON.parse(before) as unknown[][];
        expect((after[0][0] as { n: number }).n).toBe((was[0][0] as { n: number }).n + 1);
        expect((after[1] as { department_code: string }[]).filter((r) => r.department_code === 'HOST')).toEqual((was[1] as { department_code: string }[]).filter((r) => r.department_code === 'HOST'));
      }),
      { numRuns: (transport === 'kafka' ? 20 : 40) * Number(process.env.FAULTS_SCALE || 1) },
    );
  });

});
