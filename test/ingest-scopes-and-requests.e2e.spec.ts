import { IngestRequests } from '../apps/api/src/ingest/ingest-requests.service';
import { issue, pay } from './support/events';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * SPEC §13: `ingest:<departmentCode>` tokens post their own department's events only (a batch holding another's is
 * refused whole: 403 naming each such event, nothing appended), and `GET /v1/requests/{requestId}` answers a batch's
 * state to the token that posted it or an admin.
 */
describe('department ingest scopes and request lookup', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const mint = (scopes: unknown) => t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes });
  const postAs = (token: string, events: unknown[], query = '') => t.http().post(`/v1/events${query}`).set('Authorization', `Bearer ${token}`).send({ events });
  const eventCount = async () => Number((await t.runtime.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
  const logCount = async () => Number((await t.runtime.pool.query('SELECT count(*) AS n FROM event_log')).rows[0].n);

  beforeAll(async () => {
    t = await startTestApp('embedded');
    for (const [name, scopes] of Object.entries({ a: ['ingest:A'], ab: ['ingest:A', 'ingest:B'], readA: ['read:A'], all: ['ingest'] })) {
      const res = await mint(scopes);
      expect(res.status).toBe(201);
      expect(res.body.scopes).toEqual(scopes);
      tokens[name] = res.body.token;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("posts its own department's events", async () => {
    const res = await postAs(tokens.a, [issue('A-1', '1000', {}, { departmentCode: 'A' }), pay('A-1', '250.5', '30201', { departmentCode: 'A' })]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    const line = (await t.get('/v1/departments/A/years/2023/lines')).body.lines[0];
    expect(line).toMatchObject({ lineId: 'A-1', budget: '1000.00', paid: '250.50', available: '749.50' });
  });

  it("refuses a batch holding another department's events whole: 403 naming each, nothing appended, waiting or not", async () => {
    const events = [
      issue('A-2', '5', {}, { departmentCode: 'A' }),
      issue('B-1', '7', {}, { departmentCode: 'B' }),
      pay('A-1', '1', '30201', { departmentCode: 'A' }),
      issue('C-1', '9', {}, { departmentCode: 'C' }),
    ];
    const [events0, log0] = [await eventCount(), await logCount()];
    for (const query of ['', '?wait=false']) {
      const res = await postAs(tokens.a, events, query);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: 'FORBIDDEN',
        message: expect.any(String),
        problems: [
          { index: 1, eventId: events[1].eventId, path: 'departmentCode', message: expect.stringContaining('B') },
          { index: 3, eventId: events[3].eventId, path: 'departmentCode', message: expect.stringContaining('C') },
        ],
      });
    }
    expect([await eventCount(), await logCount()]).toEqual([events0, log0]);
    // A token for A and B still may not post C; `ingest` posts every department; a read token posts none.
    expect((await postAs(tokens.ab, events)).body.problems.map((p: { index: number }) => p.index)).toEqual([3]);
    expect((await postAs(tokens.readA, events.slice(0, 1))).status).toBe(403);
    const all = await postAs(tokens.all, events);
    expect(all.status).toBe(200);
    expect(all.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
  });

  it('mints ingest:<departmentCode> only with a valid department code', async () => {
    for (const bad of ['ingest:', 'ingest:has space', `ingest:${'x'.repeat(33)}`, 'ingest:*', 'ingest:A:B']) {
      const res = await mint([bad]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'VALIDATION_FAILED', problems: [{ path: 'scopes[0]' }] });
    }
  });

  it.each(TRANSPORTS)('GET /v1/requests/{id} (%s): PENDING until the ledger has the batch, then DONE with the synchronous answer', async (transport) => {
    const idle = await startTestApp(transport, { runProjector: false });
    try {
      const mintIdle = async (scopes: string[]) => (await idle.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${idle.adminToken}`).send({ scopes })).body.token as string;
      const poster = await mintIdle(['ingest:R']);
      const otherPoster = await mintIdle(['ingest']);
      const admin = await mintIdle(['admin']);
      const first = issue('R-1', '100', {}, { departmentCode: 'R' });
      const second = pay('R-1', '30', '30201', { departmentCode: 'R' });
      const refused = pay('NOPE', '1', '30201', { departmentCode: 'R' });
      const accepted = await idle.http().post('/v1/events?wait=false').set('Authorization', `Bearer ${poster}`).send({ events: [first, second, refused] });
      expect(accepted.status).toBe(202);
      const requestId: string = accepted.body.requestId;
      const lookUp = (token: string, id = requestId) => idle.get(`/v1/requests/${id}`, token);

      expect((await lookUp(poster)).body).toEqual({ requestId, state: 'PENDING', accepted: 3, processed: 0, results: [], position: null });
      const hidden = await lookUp(otherPoster);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual({ error: 'NOT_FOUND', message: expect.any(String) });
      expect((await lookUp(poster, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await lookUp(poster, 'not-a-request')).status).toBe(404);
      expect((await idle.http().get(`/v1/requests/${requestId}`)).status).toBe(401);

      await idle.runtime.consumer.start();
      let done = await lookUp(poster);
      for (let i = 0; i < 600 && done.body.state !== 'DONE'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        done = await lookUp(poster);
      }
      expect(done.status).toBe(200);
      const [p1, p2] = done.body.results.map((r: { position?: number }) => r.position);
      expect(p1).toBeLessThan(p2);
      expect(done.body).toEqual({
        requestId,
        state: 'DONE',
        accepted: 3,
        processed: 3,
        results: [
          { eventId: first.eventId, status: 'APPLIED', position: p1 },
          { eventId: second.eventId, status: 'APPLIED', position: p2 },
          { eventId: refused.eventId, status: 'REJECTED', code: 'UNKNOWN_LINE', message: expect.any(String) },
        ],
        position: p2,
      });
      // An admin sees it too; another ingest token still does not.
      expect((await lookUp(admin)).body).toEqual(done.body);
      expect((await lookUp(idle.adminToken)).body).toEqual(done.body);
      expect((await lookUp(otherPoster)).status).toBe(404);
      // Read-your-writes: DONE means the reads have it.
      expect((await idle.get('/v1/departments/R/years/2023/lines')).body.lines[0]).toMatchObject({ budget: '100.00', paid: '30.00' });

      // A synchronous answer names its request, and the request stays answerable after the answer was given.
      const sync = await idle.http().post('/v1/events').set('Authorization', `Bearer ${poster}`).send({ events: [second] });
      expect(sync.status).toBe(200);
      expect(sync.body.results).toEqual([{ eventId: second.eventId, status: 'DUPLICATE', position: p2 }]);
      expect((await lookUp(poster, sync.body.requestId)).body).toEqual({
        requestId: sync.body.requestId, state: 'DONE', accepted: 1, processed: 1, results: sync.body.results, position: p2,
      });
    } finally {
      await idle.close();
    }
  });

  it('keeps requests for 7 days, then purges them with their outcomes', async () => {
    const res = await t.post([issue('P-1', '1', {}, { departmentCode: 'P' })]);
    const id: string = res.body.requestId;
    expect((await t.get(`/v1/requests/${id}`)).body.state).toBe('DONE');
    const age = (days: number) => t.runtime.pool.query(`UPDATE ingest_requests SET created_at = now() - make_interval(days => $2) WHERE request_id = $1`, [id, days]);
    const purge = () => t.app.get(IngestRequests).purge();
    await age(6);
    await purge();
    expect((await t.get(`/v1/requests/${id}`)).body.state).toBe('DONE');
    await age(8);
    await purge();
    expect((await t.get(`/v1/requests/${id}`)).status).toBe(404);
    expect((await t.runtime.pool.query('SELECT count(*)::int AS n FROM ingest_results WHERE request_id = $1', [id])).rows[0].n).toBe(0);
  });
});
