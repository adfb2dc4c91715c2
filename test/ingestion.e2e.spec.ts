import { adjust, closeYear, defineIndicator, issue, measure, nextId, pay, register, reverse, score, transfer } from './support/events';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';
import { waitUntil } from './support/helpers';

/**
 * The ingestion contract of SPEC §4 through HTTP, run against both transports (SPEC §3): the same requests must
 * give the same answers whether the log is Kafka or the embedded PostgreSQL log.
 */
describe.each(TRANSPORTS)('POST /v1/events over the %s transport', (transport) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(transport);
  });
  afterAll(async () => {
    await t?.close();
  });

  const lines = async (dept = '434', year = 2023, query = '') => {
    const res = await t.get(`/v1/departments/${dept}/years/${year}/lines${query}`);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body.lines as { lineId: string; budget: string; paid: string; available: string }[]).map((l) => [l.lineId, l]));
  };
  const eventCount = async () => Number((await t.runtime.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);

  it('applies a batch and answers after the ledger has it (read-your-writes)', async () => {
    const i1 = issue('A-1', '1000000', {}, { departmentCode: 'A' });
    const i2 = issue('A-2', '200000.5', { expenditureKind: 'PROJECT', projectCode: 'P001', projectName: '固定电话打包费' }, { departmentCode: 'A' });
    const p1 = pay('A-1', '123456.78', '30201', { departmentCode: 'A' });
    const res = await t.post([i1, i2, p1]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
    expect(res.body.results.map((r: { eventId: string }) => r.eventId)).toEqual([i1.eventId, i2.eventId, p1.eventId]);
    const positions = res.body.results.map((r: { position: number }) => r.position);
    expect(positions[0]).toBeLessThan(positions[1]);
    expect(positions[1]).toBeLessThan(positions[2]);
    expect(res.body.position).toBe(positions[2]);

    const l = await lines('A');
    expect(l['A-1']).toMatchObject({ budget: '1000000.00', paid: '123456.78', available: '876543.22' });
    expect(l['A-2']).toMatchObject({ budget: '200000.50', paid: '0.00', available: '200000.50', projectCode: 'P001' });
  });

  it('refuses a structurally bad batch whole: 400 VALIDATION_FAILED with problems, nothing accepted', async () => {
    const before = await eventCount();
    const good = issue('B-1', '100', {}, { departmentCode: 'B' });
    const bad = pay('B-1', '12.345', '30201', { departmentCode: 'B' });
    const alsoBad = { ...pay('B-1', '1', '30201', { departmentCode: 'B' }), occurredOn: '2023-02-30' };
    const res = await t.post([good, bad, alsoBad]);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(typeof res.body.message).toBe('string');
    expect(res.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, eventId: bad.eventId, path: 'data.amount' }),
        expect.objectContaining({ index: 2, eventId: alsoBad.eventId, path: 'occurredOn' }),
      ]),
    );
    expect(res.body.problems.some((p: { index: number }) => p.index === 0)).toBe(false);
    expect(await eventCount()).toBe(before);
    expect(await lines('B')).toEqual({});
  });

  it('refuses a body that is not JSON, or not {events:[...]}, with 400', async () => {
    const raw = await t.http().post('/v1/events').set('Authorization', `Bearer ${t.adminToken}`).set('Content-Type', 'application/json').send('{"events": [');
    expect(raw.status).toBe(400);
    expect(raw.body.error).toBe('VALIDATION_FAILED');
    const shape = await t.http().post('/v1/events').set('Authorization', `Bearer ${t.adminToken}`).send({ event: [] });
    expect(shape.status).toBe(400);
    expect(shape.body).toMatchObject({ error: 'VALIDATION_FAILED', problems: [expect.objectContaining({ path: 'events' })] });
  });

  it('gives every ledger rejection code of SPEC §2 and keeps the rejected events for inspection', async () => {
    const o = { departmentCode: 'C' };
    const l1 = issue('C-1', '100', {}, o);
    const l2 = issue('C-2', '10', {}, o);
    const p = pay('C-1', '60', '30201', o);
    const q = defineIndicator('C-Q', 'QUALITATIVE', '群众满意', '10', o);
    const setup = await t.post([l1, l2, p, q]);
    expect(setup.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);

    const cases: [unknown, string][] = [
      [pay('C-404', '1', '30201', o), 'UNKNOWN_LINE'],
      [issue('C-1', '5', { functionCode: '2010302' }, o), 'LINE_ATTRIBUTE_CONFLICT'],
      [adjust('C-1', '-40.01', o), 'INSUFFICIENT_BALANCE'],
      [transfer('C-1', 'C-2', '40.01', o), 'INSUFFICIENT_BALANCE'],
      [reverse('C-1', p.eventId, '60.01', o), 'REVERSAL_EXCEEDS_PAYMENT'],
      [reverse('C-1', 'no-such-payment', '1', o), 'UNKNOWN_PAYMENT'],
      [{ ...l1, data: { ...l1.data, amount: '101' } }, 'EVENT_ID_CONFLICT'],
      [measure('C-404', '1', o), 'UNKNOWN_INDICATOR'],
      [score('C-Q', '10.5', o), 'INVALID_SCORE'],
    ];
    const res = await t.post(cases.map(([e]) => e));
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { code?: string }) => r.code)).toEqual(cases.map(([, c]) => c));
    for (const r of res.body.results) {
      expect(r.status).toBe('REJECTED');
      expect(r.message.length).toBeGreaterThan(0);
      expect(r.position).toBeUndefined();
    }

    // Each rejection was handed to the log with its eventId (pino in the apps). The log hears of a batch once it has
    // committed, and the HTTP answer may overtake that call: wait for it.
    const logged = ([event, code]: (typeof cases)[number]) =>
      t.rejectionLog.some((r) => r.eventId === (event as { eventId: string }).eventId && r.code === code);
    await waitUntil(async () => cases.every(logged), 10_000).catch(() => undefined);
    for (const [event, code] of cases) expect(t.rejectionLog).toContainEqual(expect.objectContaining({ eventId: (event as { eventId: string }).eventId, code }));

    // A rejected event changed nothing.
    expect((await lines('C'))['C-1']).toMatchObject({ budget: '100.00', paid: '60.00', available: '40.00' });

    // Year closed: then money events are YEAR_CLOSED, indicators still accepted.
    const closed = await t.post([closeYear([{ lineId: 'C-1', amount: '40' }], o), pay('C-1', '1', '30201', o), defineIndicator('C-N', 'GTE', '5000', '20', o)]);
    expect(closed.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(['APPLIED', 'YEAR_CLOSED', 'APPLIED']);

    const rejections = await t.get('/v1/departments/C/years/2023/rejections');
    expect(rejections.status).toBe(200);
    const codes = rejections.body.rejections.map((r: { code: string }) => r.code).sort();
    expect(codes).toEqual([...cases.map(([, c]) => c), 'YEAR_CLOSED'].sort());
    const unknownLine = rejections.body.rejections.find((r: { code: string }) => r.code === 'UNKNOWN_LINE');
    expect(unknownLine.event).toMatchObject({ type: 'PaymentMade', data: { lineId: 'C-404' } });
  });

  it('shows the admin every rejection, including messages written straight to the log that name no department', async () => {
    await t.runtime.writer.append([{ key: 'treasury-x', value: '{"eventId": "half a mess' }]);
    let listed: { code: string; raw?: string; departmentCode?: string | null }[] = [];
    for (let i = 0; i < 100; i++) {
      listed = (await t.get('/v1/admin/rejections?limit=50')).body.rejections;
      if (listed.some((r) => r.raw === '{"eventId": "half a mess')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(listed.find((r) => r.raw === '{"eventId": "half a mess')).toMatchObject({ code: 'VALIDATION_FAILED', departmentCode: null });
    const readOnly = await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['read:*'] });
    expect((await t.get('/v1/admin/rejections', readOnly.body.token)).status).toBe(403);
  });

  it('stores rejections of hostile text (escaped NUL, NUL in a field name) and keeps the log flowing', async () => {
    const o = { departmentCode: 'NUL' };
    const escaped = { ...adjust('N-404', '5', o), data: { lineId: 'N-404', amount: '5', reason: 'C:\\u0000x \\ud800' } };
    const nulKey = '{"eventId":"nul-key","type":"PaymentMade","fiscalYear":2023,"departmentCode":"NUL","occurredOn":"2023-03-01","data":{"a\\u0000b":1}}';
    const after = issue('N-1', '8', {}, o);
    await t.runtime.writer.append([
      { key: 'NUL', value: JSON.stringify(escaped) },
      { key: 'NUL', value: nulKey },
      { key: 'NUL', value: JSON.stringify(after) },
    ]);
    for (let i = 0; i < 100 && !(await lines('NUL'))['N-1']; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await lines('NUL'))['N-1']).toMatchObject({ budget: '8.00' });
    const rejected = (await t.get('/v1/admin/rejections?limit=100')).body.rejections.filter((r: { departmentCode: string }) => r.departmentCode === 'NUL');
    expect(rejected.map((r: { code: string }) => r.code).sort()).toEqual(['UNKNOWN_LINE', 'VALIDATION_FAILED']);
    expect(rejected.find((r: { code: string }) => r.code === 'UNKNOWN_LINE').event.data.reason).toBe('C:\\u0000x \\ud800');
  });

  it('treats a second copy of an eventId as DUPLICATE, in the same batch and in a later one; a rejected event may be posted again', async () => {
    const o = { departmentCode: 'D' };
    const i = issue('D-1', '500', {}, o);
    const p = pay('D-1', '100', '30201', o);
    const early = pay('D-2', '1', '30201', { ...o, eventId: nextId('retry') });
    const reordered = Object.fromEntries(Object.entries(p).reverse());
    const first = await t.post([i, p, p, reordered, early]);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED', 'DUPLICATE', 'DUPLICATE', 'REJECTED']);
    expect(first.body.results[2].position).toBe(first.body.results[1].position);
    const again = await t.post([p, issue('D-2', '50', {}, o), early]);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['DUPLICATE', 'APPLIED', 'APPLIED']);
    expect(await lines('D')).toMatchObject({ 'D-1': { paid: '100.00' }, 'D-2': { paid: '1.00' } });
  });

  it('reverses payments and moves transfers; as-of answers ignore later events', async () => {
    const o = { departmentCode: 'E' };
    const p = pay('E-1', '300', '30201', { ...o, occurredOn: '2023-04-10' });
    const res = await t.post([
      issue('E-1', '1000', {}, o),
      issue('E-2', '0.5', {}, o),
      p,
      reverse('E-1', p.eventId, '100.25', { ...o, occurredOn: '2023-05-20' }),
      transfer('E-1', 'E-2', '99.5', { ...o, occurredOn: '2023-06-01' }),
      adjust('E-2', '-0.01', { ...o, occurredOn: '2023-06-02' }),
    ]);
    expect(res.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
    expect(await lines('E')).toMatchObject({
      'E-1': { budget: '900.50', paid: '199.75', available: '700.75' },
      'E-2': { budget: '99.99', paid: '0.00', available: '99.99' },
    });
    expect(await lines('E', 2023, '?asOf=2023-04-30')).toMatchObject({
      'E-1': { budget: '1000.00', paid: '300.00' },
      'E-2': { budget: '0.50' },
    });
  });

  it('answers as-of questions even when treasury dates run backwards (payment before its issue, reversal before its payment)', async () => {
    const o = { departmentCode: 'E2' };
    const p = pay('E2-1', '80', '30201', { ...o, occurredOn: '2023-04-20' });
    const res = await t.post([
      issue('E2-1', '100', {}, { ...o, occurredOn: '2023-05-01' }),
      p,
      reverse('E2-1', p.eventId, '30', { ...o, occurredOn: '2023-04-10' }),
    ]);
    expect(res.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
    expect(await lines('E2', 2023, '?asOf=2023-04-15')).toMatchObject({ 'E2-1': { budget: '0.00', paid: '-30.00' } });
    expect(await lines('E2', 2023, '?asOf=2023-04-30')).toMatchObject({ 'E2-1': { budget: '0.00', paid: '50.00', overspent: true } });
    expect(await lines('E2')).toMatchObject({ 'E2-1': { budget: '100.00', paid: '50.00', available: '50.00', overspent: false } });
  });

  it('answers 202 with wait=false once the batch is durably logged; the ledger applies it soon after', async () => {
    const i = issue('F-1', '42', {}, { departmentCode: 'F' });
    const res = await t.post([i], '?wait=false');
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    for (let attempt = 0; attempt < 100 && !(await lines('F'))['F-1']; attempt++) await new Promise((r) => setTimeout(r, 100));
    expect((await lines('F'))['F-1']).toMatchObject({ budget: '42.00' });
  });

  it('401 without a valid token, with the SPEC error shape', async () => {
    const none = await t.http().post('/v1/events').send({ events: [] });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: 'UNAUTHORIZED', message: expect.any(String) });
    const wrong = await t.http().get('/v1/departments').set('Authorization', 'Bearer not-a-token');
    expect(wrong.status).toBe(401);
  });

  it('403 for a department or a scope outside the token, and nothing leaks', async () => {
    await t.post([register('甲部门', { departmentCode: 'G' }), issue('G-1', '7', {}, { departmentCode: 'G' }), issue('H-1', '9', {}, { departmentCode: 'H' })]);
    const minted = await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['read:G'], name: 'G 财务' });
    expect(minted.status).toBe(201);
    expect(minted.body.scopes).toEqual(['read:G']);
    const token = minted.body.token as string;
    const stored = await t.runtime.pool.query('SELECT token_hash, scopes FROM api_tokens');
    expect(JSON.stringify(stored.rows)).not.toContain(token); // kept hashed at rest

    const own = await t.get('/v1/departments/G/years/2023/lines', token);
    expect(own.status).toBe(200);
    expect(own.body.lines[0]).toMatchObject({ lineId: 'G-1', budget: '7.00' });

    const other = await t.get('/v1/departments/H/years/2023/lines', token);
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error: 'FORBIDDEN', message: expect.any(String) });
    expect(JSON.stringify(other.body)).not.toContain('9.00');

    const listed = await t.get('/v1/departments', token);
    expect(listed.body.departments).toEqual([{ code: 'G', name: '甲部门', fiscalYears: [2023] }]);

    const post = await t.http().post('/v1/events').set('Authorization', `Bearer ${token}`).send({ events: [issue('G-2', '1', {}, { departmentCode: 'G' })] });
    expect(post.status).toBe(403);
    expect(post.body.error).toBe('FORBIDDEN');
    const rebuild = await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${token}`);
    expect(rebuild.status).toBe(403);
  });

  it('413 PAYLOAD_TOO_LARGE for more than 10 000 events or a body over 10 MiB', async () => {
    const many = Array.from({ length: 10_001 }, () => issue('X', '1', {}, { departmentCode: 'TOO' }));
    const tooMany = await t.post(many);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toEqual({ error: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    const big = await t.http()
      .post('/v1/events')
      .set('Authorization', `Bearer ${t.adminToken}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ events: [{ ...pay('X', '1'), data: { lineId: 'X', amount: '1', economicCode: '30201', payee: 'x'.repeat(10 * 1024 * 1024) } }] }));
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rebuilds projections from the event store into the same rows', async () => {
    const snapshot = async () =>
      (await t.runtime.pool.query('SELECT * FROM ledger_lines ORDER BY department_code, fiscal_year, line_id')).rows.concat(
        (await t.runtime.pool.query('SELECT * FROM departments ORDER BY department_code')).rows,
        (await t.runtime.pool.query('SELECT * FROM ledger_closed_years ORDER BY department_code')).rows,
      );
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(10);
    const res = await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`);
    expect(res.status).toBe(200);
    expect(res.body.events).toBe(await eventCount());
    expect(await snapshot()).toEqual(before);
  });

  it('reports health without a token', async () => {
    const res = await t.http().get('/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', transport, database: { ok: true }, broker: { ok: true } });
    expect(typeof res.body.projectionLag).toBe('number');
  });

  it('reports the projection lag: events in the log the ledger has not applied yet', async () => {
    const idle = await startTestApp(transport, { runProjector: false });
    try {
      await idle.post([issue('LAG-1', '10', {}, { departmentCode: 'LAG' }), pay('LAG-1', '1', '30201', { departmentCode: 'LAG' })], '?wait=false');
      await idle.post([pay('LAG-1', '2', '30201', { departmentCode: 'LAG' })], '?wait=false');
      expect((await idle.http().get('/v1/health')).body.projectionLag).toBe(3);
      await idle.runtime.consumer.start();
      let lag: number | null = null;
      for (let i = 0; i < 300 && lag !== 0; i++) {
        lag = (await idle.http().get('/v1/health')).body.projectionLag;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(lag).toBe(0);
    } finally {
      await idle.close();
    }
  });
});
