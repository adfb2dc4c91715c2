import { issue } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Every route × every kind of token (issue 5, security; SPEC §4): 401 without a valid token, 403 outside the token's
 * scopes — and a 403 carries no figure — otherwise the route answers.
 */
const DEPT_READS = [
  'lines', 'payments', 'rejections', 'progress', 'indicators', 'monitoring', 'final-accounts', 'variance', 'checks', 'self-evaluation', 'budget',
  // The exports: documents carry the same figures, so the same department isolation.
  'final-accounts?format=xlsx', 'final-accounts?format=docx', 'final-accounts?format=html', 'monitoring?format=xlsx',
  'self-evaluation?format=xlsx', 'self-evaluation?format=docx', 'budget?format=xlsx', 'budget?format=docx',
  // The audit trail (SPEC §13); {line} is the department's own line.
  'lines/{line}/history', 'transfers',
];

describe('scopes on every route', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let requestId = '';
  beforeAll(async () => {
    t = await startTestApp('embedded');
    await t.post([issue('A-1', '123456.78', {}, { departmentCode: 'A' }), issue('B-1', '876543.21', {}, { departmentCode: 'B' })]);
    for (const [name, scopes] of Object.entries({ ingest: ['ingest'], ingestA: ['ingest:A'], readA: ['read:A'], readAll: ['read:*'], adminOnly: ['admin'] })) {
      tokens[name] = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes })).body.token;
    }
    tokens.full = t.adminToken;
    // A batch the full token posted: only it and admins may look it up (SPEC §13).
    requestId = (await t.post([issue('A-2', '1', {}, { departmentCode: 'A' })], '?wait=false')).body.requestId;
  });
  afterAll(async () => {
    await t?.close();
  });

  type Call = { name: string; run: (token: string | null) => Promise<{ status: number; text: string }> };
  const auth = (token: string | null) => (token === null ? {} : { Authorization: `Bearer ${token}` });
  const calls: Call[] = [
    ...DEPT_READS.flatMap((path) =>
      ['A', 'B'].map((dept) => ({
        name: `GET ${dept}/${path}`,
        run: (token: string | null) => t.http().get(`/v1/departments/${dept}/years/2023/${path.replace('{line}', `${dept}-1`)}`).set(auth(token)),
      })),
    ),
    { name: 'GET /v1/departments', run: (token) => t.http().get('/v1/departments').set(auth(token)) },
    { name: 'GET /v1/overview', run: (token) => t.http().get('/v1/overview?year=2023').set(auth(token)) },
    { name: 'POST /v1/events', run: (token) => t.http().post('/v1/events').set(auth(token)).send({ events: [issue('X', '1', {}, { departmentCode: 'A', eventId: 'scope-probe' })] }) },
    { name: 'POST /v1/events of B', run: (token) => t.http().post('/v1/events').set(auth(token)).send({ events: [issue('X', '1', {}, { departmentCode: 'B', eventId: 'scope-probe-b' })] }) },
    { name: 'GET /v1/requests/{id}', run: (token) => t.http().get(`/v1/requests/${requestId}`).set(auth(token)) },
    { name: 'POST /v1/admin/rebuild', run: (token) => t.http().post('/v1/admin/rebuild').set(auth(token)) },
    { name: 'POST /v1/admin/tokens', run: (token) => t.http().post('/v1/admin/tokens').set(auth(token)).send({ scopes: ['read:A'] }) },
    { name: 'GET /v1/admin/rejections', run: (token) => t.http().get('/v1/admin/rejections').set(auth(token)) },
    { name: 'GET /v1/admin/tokens', run: (token) => t.http().get('/v1/admin/tokens').set(auth(token)) },
    { name: 'POST /v1/admin/demo', run: (token) => t.http().post('/v1/admin/demo').set(auth(token)) },
  ];

  /** The status each token should get, by route. */
  function expected(call: string, token: string): number {
    if (token === 'none' || token === 'bad') return 401;
    const deptRead = /^GET ([AB])\//.exec(call);
    if (deptRead) {
      const dept = deptRead[1];
      return token === 'full' || token === 'readAll' || (token === 'readA' && dept === 'A') ? 200 : 403;
    }
    // Every valid token reads these; each lists only the departments the token may read (none for ingest alone).
    if (call === 'GET /v1/departments' || call === 'GET /v1/overview') return 200;
    if (call === 'POST /v1/events') return token === 'full' || token === 'ingest' || token === 'ingestA' ? 200 : 403;
    if (call === 'POST /v1/events of B') return token === 'full' || token === 'ingest' ? 200 : 403;
    // The poster (full) and admins; for anyone else the request does not exist.
    if (call === 'GET /v1/requests/{id}') return token === 'full' || token === 'adminOnly' ? 200 : 404;
    return token === 'full' || token === 'adminOnly' ? (call === 'POST /v1/admin/tokens' ? 201 : 200) : 403;
  }

  it('answers each route with the status its scope allows, and leaks nothing in a 403', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const call of calls) {
      for (const token of ['none', 'bad', 'ingest', 'ingestA', 'readA', 'readAll', 'adminOnly', 'full']) {
        const value = token === 'none' ? null : token === 'bad' ? 'bt_not-a-token' : tokens[token];
        const res = await call.run(value);
        checked++;
        if (res.status !== expected(call.name, token)) mismatches.push(`${call.name} with ${token}: ${res.status}, expected ${expected(call.name, token)}`);
        if (res.status === 403 || res.status === 401 || res.status === 404) {
          const error = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[res.status];
          // An ingest:A token posting B's event is told which event it may not post (SPEC §13), nothing else.
          const problems = call.name === 'POST /v1/events of B' && token === 'ingestA'
            ? { problems: [{ index: 0, eventId: 'scope-probe-b', path: 'departmentCode', message: expect.any(String) }] }
            : {};
          expect(JSON.parse(res.text)).toEqual({ error, message: expect.any(String), ...problems });
          expect(res.text).not.toMatch(/123456|876543/);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(calls.length * 8);
  });

  it('revokes a token: its next request gets 401, the list shows it revoked, and never shows a token', async () => {
    const minted = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['read:A'], name: '财政局对接' })).body;
    expect((await t.get('/v1/departments/A/years/2023/lines', minted.token)).status).toBe(200);
    const revoked = await t.http().delete(`/v1/admin/tokens/${minted.id}`).set('Authorization', `Bearer ${t.adminToken}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ id: minted.id, revokedAt: expect.any(String) });
    const after = await t.get('/v1/departments/A/years/2023/lines', minted.token);
    expect(after.status).toBe(401);
    expect(after.text).not.toMatch(/123456/);
    // Revoking twice keeps the first date; an unknown id is 404; a reader may not revoke.
    expect((await t.http().delete(`/v1/admin/tokens/${minted.id}`).set('Authorization', `Bearer ${t.adminToken}`)).body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await t.http().delete('/v1/admin/tokens/00000000-0000-0000-0000-000000000000').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(404);
    expect((await t.http().delete(`/v1/admin/tokens/${minted.id}`).set('Authorization', `Bearer ${tokens.readAll}`)).status).toBe(403);
    const list = await t.get('/v1/admin/tokens');
    expect(list.status).toBe(200);
    expect(list.body.tokens.find((x: { id: string }) => x.id === minted.id)).toEqual({ id: minted.id, name: '财政局对接', scopes: ['read:A'], createdAt: expect.any(String), revokedAt: revoked.body.revokedAt });
    for (const token of Object.values(tokens)) expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain(minted.token);
  });

  it('lists only the departments a token may read', async () => {
    const list = async (token: string) => (await t.get('/v1/departments', token)).body.departments.map((d: { code: string }) => d.code);
    expect(await list(tokens.readA)).toEqual(['A']);
    expect(await list(tokens.ingest)).toEqual([]);
    expect(await list(tokens.readAll)).toEqual(expect.arrayContaining(['A', 'B']));
  });

  it('limits ingest per token: 429 RATE_LIMITED with Retry-After, nothing appended, other tokens unaffected', async () => {
    const limited = await startTestApp('embedded', { ingestRatePerMinute: 2 });
    try {
      const other = (await limited.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${limited.adminToken}`).send({ scopes: ['ingest'] })).body.token;
      const post = (token: string, id: string) => limited.http().post('/v1/events').set('Authorization', `Bearer ${token}`).send({ events: [issue('R-1', '1', {}, { departmentCode: 'R', eventId: id })] });
      expect((await post(limited.adminToken, 'r1')).status).toBe(200);
      expect((await post(limited.adminToken, 'r2')).status).toBe(200);
      const third = await post(limited.adminToken, 'r3');
      expect(third.status).toBe(429);
      expect(third.body).toEqual({ error: 'RATE_LIMITED', message: expect.any(String) });
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect((await limited.runtime.pool.query("SELECT count(*)::int AS n FROM events WHERE event_id = 'r3'")).rows[0].n).toBe(0);
      expect((await post(other, 'r4')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
