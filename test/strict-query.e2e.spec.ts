import { issue, pay } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Strict query parameters on every GET route under /v1 (issue 13, SPEC §4, §13): an unknown parameter, a misspelt
 * one, a repeated one, a malformed value, an unsupported `format` or a malformed `knownAt` is refused with 400
 * `VALIDATION_FAILED` naming the parameter — never a silently different answer. A well-formed `knownAt` (RFC 3339)
 * is accepted on every department read, with or without `asOf`.
 */
interface Route {
  path: string;
  /** Whether the route reads `asOf` (the department-year reads of SPEC §4). */
  asOf: boolean;
  /** Whether it answers a single department (only those reproduce a `knownAt` cut, read-scope.ts). */
  dept: boolean;
}

const DEPT = '/v1/departments/SQ/years/2023';
const ROUTES: Route[] = [
  ...['lines', 'payments', 'progress', 'indicators', 'monitoring', 'final-accounts', 'variance', 'checks', 'self-evaluation', 'budget', 'lines/L1/history', 'transfers'].map((p) => ({
    path: `${DEPT}/${p}`,
    asOf: true,
    dept: true,
  })),
  { path: `${DEPT}/rejections`, asOf: false, dept: true },
  { path: '/v1/departments', asOf: false, dept: false },
  { path: '/v1/overview?year=2023', asOf: true, dept: false },
  { path: '/v1/admin/rejections', asOf: false, dept: false },
  { path: '/v1/admin/tokens', asOf: false, dept: false },
  { path: '/v1/requests/{requestId}', asOf: false, dept: false },
];

describe('strict query parameters on every read route', () => {
  let t: TestApp;
  let requestId = '';
  beforeAll(async () => {
    t = await startTestApp('embedded');
    const o = { departmentCode: 'SQ' };
    const res = await t.post([issue('L1', '1000.00', {}, o), pay('L1', '250.50', '30201', { ...o, occurredOn: '2023-03-15' })]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    requestId = (await t.post([issue('L2', '1', {}, o)], '?wait=false')).body.requestId;
  });
  afterAll(async () => {
    await t?.close();
  });

  const url = (route: Route, query: string) => {
    const path = route.path.replace('{requestId}', requestId);
    return `${path}${path.includes('?') ? '&' : '?'}${query}`;
  };

  /** A 400 VALIDATION_FAILED whose message (Chinese) and problems name `parameter`. */
  async function refused(path: string, parameter: string): Promise<{ message: string; problems: { path: string; message: string; allowed?: string[] }[] }> {
    const res = await t.get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 400 });
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.message).toContain(parameter);
    expect(res.body.problems.map((p: { path: string }) => p.path)).toContain(parameter);
    return res.body;
  }

  const REFUSALS: [string, string, (r: Route) => boolean][] = [
    ['bogus=1', 'bogus', () => true],
    ['asof=2023-06-30', 'asof', () => true],
    ['format=pdf', 'format', () => true],
    ['knownAt=2026-07-01', 'knownAt', () => true],
    ['knownAt=2026-07-01T09:00:00', 'knownAt', () => true],
    ['knownAt=2026-02-30T09:00:00Z', 'knownAt', () => true],
    ['knownAt=yesterday', 'knownAt', () => true],
    ['knownAt=2026-07-01T09:00:00Z&knownAt=2026-07-02T09:00:00Z', 'knownAt', () => true],
    ['asOf=2023-06-30&asOf=2023-07-01', 'asOf', () => true],
    ['asOf[x]=2023-06-30', 'asOf', () => true],
    ['asOf=2023-02-30', 'asOf', (r) => r.asOf],
    ['asOf=', 'asOf', (r) => r.asOf],
    ['asOf=2023-06-30', 'asOf', (r) => !r.asOf],
  ];

  it.each(ROUTES.map((r) => [r.path, r] as const))('%s refuses unknown, repeated and malformed parameters', async (_name, route) => {
    for (const [query, parameter, applies] of REFUSALS) if (applies(route)) await refused(url(route, query), parameter);
  });

  it('names the parameter a misspelt one probably meant', async () => {
    const body = await refused(`${DEPT}/progress?asof=2023-06-30`, 'asof');
    expect(body.message).toContain('是否应为 asOf');
  });

  it.each(ROUTES.filter((r) => r.dept).map((r) => [r.path, r] as const))('%s accepts knownAt (RFC 3339), alone and with asOf, and format=json', async (_name, route) => {
    // An instant after the events were posted (the line exists by then), written three RFC 3339 ways.
    const now = new Date();
    const utc = now.toISOString(); // 2026-12-02T07:18:35.123Z
    const beijing = `${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`; // whole seconds, +08:00
    const micro = utc.replace('Z', '999Z');
    for (const query of [
      `knownAt=${encodeURIComponent(beijing)}`,
      `knownAt=${utc}`,
      `knownAt=${micro}`,
      ...(route.asOf ? [`asOf=2023-06-30&knownAt=${utc}`] : []),
      'format=json',
    ]) {
      const res = await t.get(url(route, query));
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
    }
  });

  it('refuses an unsupported format with the supported ones: progress?format=xlsx is not JSON in disguise', async () => {
    const body = await refused(`${DEPT}/progress?format=xlsx`, 'format');
    expect(body.message).toContain('json、csv');
    for (const [path, listed] of [
      ['lines?format=xlsx', 'json、csv'],
      ['payments?format=docx', 'json、csv'],
      ['indicators?format=html', 'json、csv'],
      ['checks?format=csv', 'json'],
      ['variance?format=csv', 'json'],
      ['monitoring?format=csv', 'json、xlsx、docx'],
      ['self-evaluation?format=csv', 'json、xlsx、docx'],
      ['final-accounts?format=pdf', 'json、xlsx、docx、html、csv'],
    ] as const) {
      expect((await refused(`${DEPT}/${path}`, 'format')).message).toContain(listed);
    }
  });

  it('refuses a value outside a closed list, listing the list', async () => {
    const body = await refused(`${DEPT}/progress?groupBy=foo`, 'groupBy');
    expect(body.problems[0].allowed).toEqual(['department', 'unit', 'function', 'project', 'line']);
    expect(body.message).toContain('department、unit、function、project、line');
    await refused(`${DEPT}/variance?unit=yuan2`, 'unit');
    await refused(`${DEPT}/final-accounts?template=XX`, 'template');
    for (const limit of ['0', '10001', '1.5', '1e3', 'ten']) await refused(`${DEPT}/payments?limit=${limit}`, 'limit');
    await refused('/v1/overview', 'year');
    await refused('/v1/overview?year=23', 'year');
  });

  it('refuses a parameter that means nothing for the chosen format', async () => {
    await refused(`${DEPT}/final-accounts?table=01`, 'table');
    await refused(`${DEPT}/final-accounts?format=docx&unit=wan`, 'unit');
    await refused(`${DEPT}/final-accounts?template=SEED_000`, 'template');
    await refused(`${DEPT}/self-evaluation?format=xlsx&unit=wan`, 'unit');
  });

  it('决算 CSV without a table, or with an unknown one, lists the valid tables', async () => {
    for (const query of ['format=csv', 'format=csv&table=10', 'format=csv&table=公开00表', 'format=csv&table=Summary']) {
      const body = await refused(`${DEPT}/final-accounts?${encodeURI(query)}`, 'table');
      expect(body.message).toContain('01 收入支出决算总表（summary）');
      expect(body.message).toContain('09 一般公共预算财政拨款“三公”经费支出决算表（threePublic）');
      expect(body.problems[0].allowed).toHaveLength(9);
    }
    // Under SEED_000 三公 is 07.
    expect((await refused(`${DEPT}/final-accounts?format=csv&template=SEED_000`, 'table')).message).toContain('07 一般公共预算财政拨款“三公”经费支出决算表（threePublic）');
  });

  it('lists every problem of a query at once', async () => {
    const body = await refused(`${DEPT}/progress?groupBy=foo&asOf=2023-13-01&extra=1`, 'groupBy');
    expect(body.problems.map((p) => p.path).sort()).toEqual(['asOf', 'extra', 'groupBy']);
  });
});
