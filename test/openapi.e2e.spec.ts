import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { adjust, closeYear, defineIndicator, issue, measure, pay, register, reverse, transfer } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The OpenAPI description (SPEC §13, issue 13): served without a token at /v1/openapi.json (3.1) and /docs; every
 * route Nest registered is described (method, summary, scope, path parameters, a 2xx answer); the query parameters
 * described are exactly the ones each read accepts; and real answers — every JSON read of a department seeded with
 * issues, an adjustment, a transfer, payments, a reversal, an indicator, a rejection and a year close, and of the demo
 * departments, the ingest answers, the admin answers and the errors — validate against the described schemas, which
 * allow no property they do not name.
 */

type Json = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  'x-required-scope'?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }>; headers?: Json }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const D = 'OAS';
const o = (occurredOn: string) => ({ departmentCode: D, occurredOn });
const project = { projectCode: 'P001', projectName: '政务热线运行维护' };
const payment = { ...pay('L1', '300', '30201', o('2023-05-10')), data: { lineId: 'L1', amount: '300', economicCode: '30201', payee: '某通信公司', method: 'DIRECT' } };
const EVENTS = [
  register('开放接口测试部门', { departmentCode: D }),
  issue('L1', '1000', project, o('2023-01-10')),
  issue('L2', '800', {}, o('2023-01-10')),
  adjust('L1', '200', o('2023-03-01')),
  transfer('L1', 'L2', '100', o('2023-04-01')),
  payment,
  pay('L2', '50', '30211', o('2023-06-01')),
  reverse('L1', payment.eventId, '20', o('2023-07-01')),
  defineIndicator('I1', 'GTE', '100', '20', o('2023-01-15')),
  measure('I1', '80', o('2023-06-30')),
  // Rejected by the ledger (no such line): the department has a rejection to list.
  pay('NO-SUCH-LINE', '1', '30201', o('2023-06-01')),
  closeYear([{ lineId: 'L1', amount: '100' }], { departmentCode: D }),
];

/** The base URI the document's components are registered under for ajv. */
const BASE = 'https://budget.invalid/openapi.json';

/** Express's `/a/:b` as OpenAPI's `/a/{b}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI description', () => {
  let t: TestApp;
  let doc: Document;
  let ajv: Ajv2020;
  /** Every route Nest registered in Express, as OpenAPI method and path. */
  let routes: { method: string; path: string }[];
  let requestId: string;

  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.http().get('/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body as Document;
    ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    // The document's components under one base URI, so every `#/components/schemas/…` in them resolves.
    ajv.addKeyword('components');
    ajv.addSchema({ $id: BASE, components: doc.components });
    const stack = (t.app.getHttpAdapter().getInstance() as { _router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } })._router.stack;
    routes = stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => ({ method, path: openApiPath(layer.route!.path) })) : [],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A validator for a schema of the document (its `$ref`s into the components made absolute). */
  function validator(schema: Json): ValidateFunction {
    return ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${BASE}#/components/`)));
  }

  /** Fails, naming the operation and the mismatch, unless `body` is what the document says `status` of `method path` is. */
  function expectDescribed(method: string, path: string, res: Response, status = res.status): void {
    const operation = doc.paths[path]?.[method];
    expect({ operation: `${method.toUpperCase()} ${path}`, described: !!operation }).toEqual({ operation: `${method.toUpperCase()} ${path}`, described: true });
    const response = operation.responses[String(status)];
    expect({ operation: `${method.toUpperCase()} ${path}`, status, documented: !!response }).toEqual({ operation: `${method.toUpperCase()} ${path}`, status, documented: true });
    const schema = response.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    const validate = validator(schema!);
    const valid = validate(res.body);
    const errors = valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    expect({ operation: `${method.toUpperCase()} ${path} → ${status}`, errors }).toEqual({ operation: `${method.toUpperCase()} ${path} → ${status}`, errors: [] });
  }

  it('is served without a token as OpenAPI 3.1, with Swagger UI at /docs', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const ui = await t.http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.text).toContain('swagger-ui-bundle.js');
    // The page's own scripts load from this origin (script-src 'self' of the CSP).
    expect((await t.http().get('/docs/swagger-ui-init.js')).status).toBe(200);
    expect((await t.http().get('/docs/swagger-ui-bundle.js')).status).toBe(200);
    const yaml = await t.http().get('/v1/openapi.yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toMatch(/^openapi: 3\.1\.0$/m);
  });

  it('describes every route Nest registered: method, Chinese summary, scope, path parameters, a 2xx answer', () => {
    // Swagger UI's own files under /docs/ (its init script, the trailing-slash page) serve the page described as /docs.
    const described = routes.filter((r) => !r.path.startsWith('/docs/'));
    expect(described.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const { method, path } of described) {
      const name = `${method.toUpperCase()} ${path}`;
      const op = doc.paths[path]?.[method];
      if (!op) {
        missing.push(`${name}: not described`);
        continue;
      }
      if (!op.summary || !/[\u4e00-\u9fff]/.test(op.summary)) missing.push(`${name}: no Chinese summary`);
      if (!op.description) missing.push(`${name}: no description`);
      if (!op.tags?.length) missing.push(`${name}: no tag`);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic && !op['x-required-scope']) missing.push(`${name}: neither x-required-scope nor security: []`);
      for (const [, param] of path.matchAll(/\{([^}]+)\}/g)) {
        const p = op.parameters?.find((x) => x.in === 'path' && x.name === param);
        if (!p || p.required !== true || !p.schema?.type) missing.push(`${name}: path parameter ${param} not described`);
      }
      if (!Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))) missing.push(`${name}: no 2xx answer`);
      if (!isPublic && !op.responses['401']) missing.push(`${name}: no 401`);
      if (path.includes('{dept}') && !op.responses['403']) missing.push(`${name}: no 403`);
    }
    expect(missing).toEqual([]);
    // And nothing is described that is not served.
    const served = new Set(described.map((r) => `${r.method} ${r.path}`));
    const phantom = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`)).filter((k) => !served.has(k));
    expect(phantom).toEqual([]);
  });

  it('says which scope each operation needs, and which are public', () => {
    const scope = (method: string, path: string) => doc.paths[path][method]['x-required-scope'];
    expect(scope('get', '/v1/departments/{dept}/years/{year}/progress')).toBe('read:<部门编码> 或 read:*');
    expect(scope('post', '/v1/events')).toMatch(/^ingest 或 ingest:<部门编码>/);
    expect(scope('post', '/v1/admin/rebuild')).toBe('admin');
    expect(scope('delete', '/v1/admin/tokens/{id}')).toBe('admin');
    expect(scope('get', '/v1/overview')).toBe('任一有效令牌');
    for (const path of ['/v1/health', '/v1/openapi.json', '/docs']) expect(doc.paths[path].get.security).toEqual([]);
    expect(doc.paths['/v1/departments/{dept}/years/{year}/lines'].get.security).toBeUndefined();
  });

  it('describes exactly the query parameters each read accepts', async () => {
    // An unknown parameter is refused with the list of the ones the route accepts (read-query.ts): compare.
    const mismatches: string[] = [];
    for (const { method, path } of routes.filter((r) => r.method === 'get' && !r.path.startsWith('/docs') && !doc.paths[r.path].get.security)) {
      const url = path.replace('{dept}', D).replace('{year}', '2023').replace('{lineId}', 'L1').replace('{requestId}', '00000000-0000-0000-0000-000000000000');
      const res = await t.get(`${url}?notAParameter=1`);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expectDescribed(method, path, res);
      const accepted = new Set<string>(res.body.problems[0].allowed);
      // knownAt is refused on reads that name no department (AuthGuard) before the route's own rule runs.
      if (!path.includes('{dept}')) accepted.delete('knownAt');
      const described = new Set((doc.paths[path].get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      if ([...accepted].sort().join() !== [...described].sort().join()) mismatches.push(`${path}: accepts ${[...accepted].sort()} but describes ${[...described].sort()}`);
    }
    expect(mismatches).toEqual([]);
  });

  describe('with data', () => {
    beforeAll(async () => {
      // POST /v1/events: the request body and both answers as described.
      const body = { events: EVENTS };
      expect(validator(doc.paths['/v1/events'].post.requestBody!.content['application/json'].schema)(body)).toBe(true);
      const res = await t.post(EVENTS);
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([...Array(10).fill('APPLIED'), 'REJECTED', 'APPLIED']);
      expectDescribed('post', '/v1/events', res);
      const again = await t.post(EVENTS.slice(0, 2));
      expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['DUPLICATE', 'DUPLICATE']);
      expectDescribed('post', '/v1/events', again);
      const accepted = await t.post([issue('L3', '5', {}, o('2023-02-01'))], '?wait=false');
      expect(accepted.status).toBe(202);
      expectDescribed('post', '/v1/events', accepted);
      requestId = accepted.body.requestId;
    });

    /** Every GET route's path filled in for one department-year (`lineId` one of its lines). */
    const jsonReads = (dept: string, year: number, lineId: string) =>
      routes
        .filter((r) => r.method === 'get' && !r.path.startsWith('/docs') && !r.path.startsWith('/v1/openapi'))
        .map((r) => ({
          path: r.path,
          url: r.path.replace('{dept}', encodeURIComponent(dept)).replace('{year}', String(year)).replace('{lineId}', encodeURIComponent(lineId)).replace('{requestId}', requestId),
        }));

    async function expectReadsDescribed(dept: string, year: number, lineId: string, queries: Record<string, string[]> = {}): Promise<number> {
      let checked = 0;
      for (const { path, url } of jsonReads(dept, year, lineId)) {
        // A parameter the document says is required (the overview's year) is always sent.
        const required = (doc.paths[path].get.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${({ year } as Record<string, unknown>)[p.name]}`);
        for (const extra of ['', ...(queries[path.split('/').pop()!] ?? [])]) {
          const query = [...required, ...(extra ? [extra] : [])].join('&');
          const res = await t.get(`${url}${query ? `?${query}` : ''}`);
          expect({ url, query, status: res.status }).toEqual({ url, query, status: 200 });
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          expectDescribed('get', path, res);
          if (path.includes('{dept}')) {
            // What the answer reflects: in the body (part of each schema) and in the headers described.
            expect(res.headers['x-ledger-position']).toBe(String(res.body.reflects.position));
            expect(doc.paths[path].get.responses['200'].headers).toHaveProperty('X-Ledger-Position');
            if (query.includes('knownAt')) expect(res.headers['x-known-at']).toBe(res.body.reflects.knownAt);
          }
          checked++;
        }
      }
      return checked;
    }

    it('answers every JSON read of the seeded department as described', async () => {
      const checked = await expectReadsDescribed(D, 2023, 'L1', {
        progress: ['groupBy=unit', 'groupBy=function', 'groupBy=project', 'groupBy=line&asOf=2023-06-30', `knownAt=${encodeURIComponent(new Date().toISOString())}`],
        payments: ['projectCode=P001&limit=1', 'asOf=2023-05-31'],
        'final-accounts': ['unit=wan', 'asOf=2023-06-30'],
        variance: ['unit=wan'],
        'self-evaluation': ['unit=wan'],
        budget: ['unit=wan', 'asOf=2023-01-31'],
        monitoring: ['asOf=2023-06-30'],
        indicators: ['asOf=2023-03-31'],
        history: ['asOf=2023-04-30', `knownAt=${encodeURIComponent(new Date().toISOString())}`],
        lines: ['knownAt=2000-01-01T00:00:00Z'],
      });
      expect(checked).toBeGreaterThan(30);
    });

    it('answers every read of the demo departments (a closed year with its disclosures, a year in progress) as described', async () => {
      const demo = await t.http().post('/v1/admin/demo').set('Authorization', `Bearer ${t.adminToken}`);
      expect(demo.status).toBe(200);
      expectDescribed('post', '/v1/admin/demo', demo);
      for (const [dept, year] of [['QG-GOV', 2023], ['434', 2024]] as const) {
        const lines = await t.get(`/v1/departments/${dept}/years/${year}/lines`);
        expect(lines.body.lines.length).toBeGreaterThan(0);
        await expectReadsDescribed(dept, year, lines.body.lines[0].lineId, { 'final-accounts': ['unit=wan'], 'self-evaluation': ['unit=wan'], budget: ['unit=wan'] });
      }
    });

    it('describes the files each read renders with their content types', async () => {
      const mismatches: string[] = [];
      for (const { path, url } of jsonReads(D, 2023, 'L1')) {
        const op = doc.paths[path].get;
        const formats = (op.parameters?.find((p) => p.name === 'format')?.schema?.enum as string[] | undefined) ?? [];
        for (const format of formats.filter((f) => f !== 'json')) {
          const res = await t.download(`${url}?format=${format}${path.endsWith('final-accounts') && format === 'csv' ? '&table=01' : ''}`);
          const type = res.headers['content-type'].toLowerCase();
          const described = Object.entries(op.responses['200'].content ?? {}).find(([media]) => media.toLowerCase() === type);
          if (res.status !== 200 || !described) mismatches.push(`${path}?format=${format}: ${res.status} ${type}, described ${Object.keys(op.responses['200'].content ?? {})}`);
          else if (described[1].schema.format !== 'binary') mismatches.push(`${path}?format=${format}: not described as binary`);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('answers the batch status, the admin routes and the health check as described', async () => {
      const status = await t.get(`/v1/requests/${requestId}`);
      expect(status.status).toBe(200);
      expectDescribed('get', '/v1/requests/{requestId}', status);
      const minted = await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['read:OAS', 'ingest:OAS'], name: '接口文档测试' });
      expect(minted.status).toBe(201);
      expectDescribed('post', '/v1/admin/tokens', minted);
      const revoked = await t.http().delete(`/v1/admin/tokens/${minted.body.id}`).set('Authorization', `Bearer ${t.adminToken}`);
      expectDescribed('delete', '/v1/admin/tokens/{id}', revoked, 200);
      const rebuilt = await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`);
      expectDescribed('post', '/v1/admin/rebuild', rebuilt, 200);
      expectDescribed('get', '/v1/health', await t.http().get('/v1/health'), 200);
    });

    it('answers errors with the described ApiErrorBody, for statuses the operation describes', async () => {
      const reader = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['read:OTHER'] })).body.token as string;
      const cases: [string, string, Promise<Response>, number][] = [
        ['get', '/v1/departments/{dept}/years/{year}/progress', t.get(`/v1/departments/${D}/years/2023/progress?groupBy=month`), 400],
        ['get', '/v1/departments/{dept}/years/{year}/progress', t.get(`/v1/departments/${D}/years/23/progress`), 400],
        ['get', '/v1/departments/{dept}/years/{year}/final-accounts', t.get(`/v1/departments/${D}/years/2023/final-accounts?format=pdf`), 400],
        ['get', '/v1/departments/{dept}/years/{year}/progress', t.http().get(`/v1/departments/${D}/years/2023/progress`), 401],
        ['get', '/v1/departments/{dept}/years/{year}/progress', t.get(`/v1/departments/${D}/years/2023/progress`, reader), 403],
        ['get', '/v1/departments/{dept}/years/{year}/lines/{lineId}/history', t.get(`/v1/departments/${D}/years/2023/lines/NOPE/history`), 404],
        ['get', '/v1/overview', t.get('/v1/overview'), 400],
        ['get', '/v1/overview', t.get('/v1/overview?year=2023&knownAt=2023-01-01T00:00:00Z'), 400],
        ['post', '/v1/events', t.post([{ ...issue('X', 'abc', {}, o('2023-01-10')) }]), 400],
        ['post', '/v1/events', t.http().post('/v1/events').set('Authorization', `Bearer ${t.adminToken}`).set('Content-Type', 'application/json').send('{"events": ['), 400],
        ['post', '/v1/events', t.http().post('/v1/events').set('Authorization', `Bearer ${reader}`).send({ events: [issue('X', '1')] }), 403],
        ['post', '/v1/admin/tokens', t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['write:*'] }), 400],
        ['post', '/v1/admin/rebuild', t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${reader}`), 403],
        ['delete', '/v1/admin/tokens/{id}', t.http().delete('/v1/admin/tokens/00000000-0000-0000-0000-000000000000').set('Authorization', `Bearer ${t.adminToken}`), 404],
        ['get', '/v1/requests/{requestId}', t.get('/v1/requests/00000000-0000-0000-0000-000000000000'), 404],
      ];
      for (const [method, path, pending, expected] of cases) {
        const res = await pending;
        expect({ path, status: res.status }).toEqual({ path, status: expected });
        expectDescribed(method, path, res);
      }
      const tooMany = await t.post(Array.from({ length: 10_001 }, () => ({})));
      expect(tooMany.status).toBe(413);
      expectDescribed('post', '/v1/events', tooMany);
    });
  });
});
