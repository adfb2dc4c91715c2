import { adjust, issue, pay, register, type EventJson } from './support/events';
import { sleep } from './support/helpers';
import { startTestApp, TestApp } from './support/test-app';

/**
 * `?knownAt=` (SPEC §13, issue 13): a report read with knownAt before a back-dated correction equals the report as it
 * was first served, byte for byte — only `reflects.knownAt`, which names the request, differs — while the current read
 * shows the correction; knownAt combines with asOf; before the department's first event the answer is empty and says
 * so (position 0); a knownAt read leaves the current reads as they were. Every answer carries what it reflects.
 * The transport plays no part (the same ledger and read models behind both): the embedded one is used.
 *
 * Department KA, 2024. Before T1: L1 (basic, 100 000) paid 10 000 on 10 March and 2 000 on 20 May; L2 (project P1,
 * 50 000) paid 5 000 on 10 April; indicator I1 of P1 (≥ 100, weight 20) measured 50 on 31 May; one payment refused.
 * After T1: a payment of 3 000 on L1 dated 1 April, an adjustment of +10 000 to L2 dated 1 February, a new line L3
 * (20 000, 15 July), I1 measured 80 on 15 June, another refusal. Figures by hand.
 */
const D = 'KA';
const o = { departmentCode: D, fiscalYear: 2024 };
const base = `/v1/departments/${D}/years/2024`;
let n = 0;
const ev = (type: string, occurredOn: string, data: Record<string, unknown>): EventJson => ({ eventId: `ka-${type}-${++n}`, type, ...o, occurredOn, data });
const project = { functionCode: '2010350', economicCode: undefined, expenditureKind: 'PROJECT', projectCode: 'P1', projectName: '信息化项目' };

/** The reads served at T1 and compared afterwards (JSON). */
const REPORTS = [
  'progress?groupBy=line',
  'progress?groupBy=project&asOf=2024-06-30',
  'monitoring?asOf=2024-06-30',
  'final-accounts',
  'final-accounts?asOf=2024-06-30&unit=wan',
  'checks',
  'variance',
  'indicators',
  'self-evaluation',
  'budget',
  'lines',
  'lines?asOf=2024-04-30',
  'payments',
  'rejections',
];

interface Answer {
  status: number;
  text: string;
  body: { reflects: { position: number; knownAt: string | null } } & Record<string, unknown>;
  headers: Record<string, string>;
}

describe('GET …?knownAt= reproduces what was known at an instant (SPEC §13)', () => {
  let t: TestApp;
  let setupPosition: number;
  let t1: string;
  const first = new Map<string, Answer>();
  let firstHtml: ArrayBuffer;

  const read = async (path: string): Promise<Answer> => {
    const res = await t.get(`${base}/${path}`);
    return { status: res.status, text: res.text, body: res.body, headers: res.headers as Record<string, string> };
  };
  const withKnownAt = (path: string, at: string) => `${path}${path.includes('?') ? '&' : '?'}knownAt=${encodeURIComponent(at)}`;
  /** The body text with `reflects.knownAt` (the one member naming the request) written as a current read writes it. */
  const asCurrent = (a: Answer) => a.text.replace(`"reflects":{"position":${a.body.reflects.position},"knownAt":"${a.body.reflects.knownAt}"}`, `"reflects":{"position":${a.body.reflects.position},"knownAt":null}`);
  const withoutReflects = (text: string) => text.replace(/,"reflects":\{[^}]*\}\}$/, '}');
  const lineOf = (a: Answer, key: string) => (a.body.groups as { key: string; budget: string; paid: string }[]).find((g) => g.key === key);

  beforeAll(async () => {
    t = await startTestApp('embedded', { knownAtConcurrency: 1 });
    const setup = await t.post([
      register('时点测试局', { ...o, occurredOn: '2024-01-02' }),
      issue('L1', '100000', {}, { ...o, occurredOn: '2024-01-05' }),
      issue('L2', '50000', project, { ...o, occurredOn: '2024-01-05' }),
      ev('IndicatorDefined', '2024-01-10', { indicatorId: 'I1', projectCode: 'P1', level1: '产出指标', level2: '数量指标', name: '系统上线数', comparator: 'GTE', target: '100', unit: '个', weight: '20' }),
      pay('L1', '10000', '30201', { ...o, occurredOn: '2024-03-10' }),
      pay('L2', '5000', '30201', { ...o, occurredOn: '2024-04-10' }),
      pay('L1', '2000', '30205', { ...o, occurredOn: '2024-05-20' }),
      ev('IndicatorMeasured', '2024-05-31', { indicatorId: 'I1', actual: '50' }),
      pay('L9', '100', '30201', { ...o, eventId: 'ka-refused-before', occurredOn: '2024-05-21' }),
    ]);
    expect(setup.body.results.map((r: { status: string }) => r.status)).toEqual([...Array(8).fill('APPLIED'), 'REJECTED']);
    setupPosition = setup.body.position;

    for (const path of REPORTS) first.set(path, await read(path));
    firstHtml = (await t.download(`${base}/final-accounts?format=html`)).body;
    // T1: after every answer above was served and before anything below is posted (server and tests share a clock).
    await sleep(5);
    t1 = new Date().toISOString();
    await sleep(5);

    const corrections = await t.post([
      pay('L1', '3000', '30201', { ...o, occurredOn: '2024-04-01' }),
      adjust('L2', '10000', { ...o, occurredOn: '2024-02-01' }),
      issue('L3', '20000', {}, { ...o, occurredOn: '2024-07-15' }),
      ev('IndicatorMeasured', '2024-06-15', { indicatorId: 'I1', actual: '80' }),
      pay('L9', '100', '30201', { ...o, eventId: 'ka-refused-after', occurredOn: '2024-05-22' }),
    ]);
    expect(corrections.body.results.map((r: { status: string }) => r.status)).toEqual([...Array(4).fill('APPLIED'), 'REJECTED']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('served the first answers with the position they reflect', () => {
    for (const [path, a] of first) {
      expect([path, a.status]).toEqual([path, 200]);
      expect([path, a.body.reflects]).toEqual([path, { position: setupPosition, knownAt: null }]);
      expect([path, a.headers['x-ledger-position']]).toEqual([path, String(setupPosition)]);
      expect(a.headers['x-known-at']).toBeUndefined();
    }
    const progress = first.get('progress?groupBy=line')!;
    expect(lineOf(progress, 'L1')).toMatchObject({ budget: '100000.00', paid: '12000.00' });
    expect(lineOf(progress, 'L2')).toMatchObject({ budget: '50000.00', paid: '5000.00' });
  });

  it('shows the back-dated corrections and the later issue in the current reads', async () => {
    const progress = await read('progress?groupBy=line');
    expect(progress.body.reflects).toEqual({ position: setupPosition + 4, knownAt: null });
    expect(lineOf(progress, 'L1')).toMatchObject({ budget: '100000.00', paid: '15000.00' });
    expect(lineOf(progress, 'L2')).toMatchObject({ budget: '60000.00', paid: '5000.00' });
    expect(lineOf(progress, 'L3')).toMatchObject({ budget: '20000.00', paid: '0.00' });
    const monitoring = await read('monitoring?asOf=2024-06-30');
    expect(monitoring.text).not.toBe(first.get('monitoring?asOf=2024-06-30')!.text);
    const lines = await read('lines?asOf=2024-04-30');
    expect((lines.body.lines as { lineId: string; paid: string }[]).find((l) => l.lineId === 'L1')?.paid).toBe('13000.00');
    // Every report changed, beyond the position it reflects.
    for (const path of REPORTS) {
      expect([path, withoutReflects((await read(path)).text) === withoutReflects(first.get(path)!.text)]).toEqual([path, false]);
    }
  });

  it('answers every report read with knownAt=T1 exactly as it was first served', async () => {
    for (const path of REPORTS) {
      const again = await read(withKnownAt(path, t1));
      expect([path, again.status]).toEqual([path, 200]);
      expect([path, again.body.reflects]).toEqual([path, { position: setupPosition, knownAt: t1 }]);
      expect([path, again.headers['x-ledger-position'], again.headers['x-known-at']]).toEqual([path, String(setupPosition), t1]);
      expect([path, asCurrent(again)]).toEqual([path, first.get(path)!.text]);
    }
    // Hand-computed: the April payment and the February adjustment were not known at T1.
    const progress = await read(withKnownAt('progress?groupBy=line', t1));
    expect(lineOf(progress, 'L1')).toMatchObject({ budget: '100000.00', paid: '12000.00' });
    expect(lineOf(progress, 'L2')).toMatchObject({ budget: '50000.00', paid: '5000.00' });
    expect(lineOf(progress, 'L3')).toBeUndefined();
  });

  it('renders the 决算 draft document of T1 byte for byte, with the position and instant in headers', async () => {
    const again = await t.download(`${base}/final-accounts?format=html&knownAt=${encodeURIComponent(t1)}`);
    expect(again.status).toBe(200);
    expect(again.headers['x-ledger-position']).toBe(String(setupPosition));
    expect(again.headers['x-known-at']).toBe(t1);
    expect(Buffer.from(again.body).equals(Buffer.from(firstHtml))).toBe(true);
    const current = await t.download(`${base}/final-accounts?format=html`);
    expect(current.headers['x-ledger-position']).toBe(String(setupPosition + 4));
    expect(Buffer.from(current.body).equals(Buffer.from(firstHtml))).toBe(false);
  });

  it('combines knownAt with asOf: occurredOn ≤ asOf among the events known at T1', async () => {
    // Known at T1 and dated by 30 April: L1's 10 000 of 10 March (not the 3 000 of 1 April, posted later).
    const lines = await read(withKnownAt('lines?asOf=2024-04-30', t1));
    expect((lines.body.lines as { lineId: string; paid: string }[]).map((l) => [l.lineId, l.paid])).toEqual([['L1', '10000.00'], ['L2', '5000.00']]);
    const monitoring = await read(withKnownAt('monitoring?asOf=2024-06-30', t1));
    expect(asCurrent(monitoring)).toBe(first.get('monitoring?asOf=2024-06-30')!.text);
    // I1 measured 50 (known at T1), not the 80 dated 15 June that came later.
    const indicators = await read(withKnownAt('indicators?asOf=2024-06-30', t1));
    const i1 = (indicators.body.projects as { projectCode: string; indicators: { indicatorId: string; actual: string }[] }[]).find((p) => p.projectCode === 'P1')!.indicators[0];
    expect(i1).toMatchObject({ indicatorId: 'I1', actual: '50' });
  });

  it('lists the rejections made by knownAt only', async () => {
    const ids = (a: Answer) => (a.body.rejections as { eventId: string }[]).map((r) => r.eventId);
    expect(ids(await read('rejections'))).toEqual(['ka-refused-after', 'ka-refused-before']);
    expect(ids(await read(withKnownAt('rejections', t1)))).toEqual(['ka-refused-before']);
  });

  it('answers a knownAt before the department\'s first event with an empty report at position 0', async () => {
    const early = '2000-01-01T00:00:00Z';
    const progress = await read(withKnownAt('progress?groupBy=line', early));
    expect(progress.status).toBe(200);
    expect(progress.body.groups).toEqual([]);
    expect(progress.body.reflects).toEqual({ position: 0, knownAt: '2000-01-01T00:00:00.000Z' });
    expect(progress.headers['x-ledger-position']).toBe('0');
    const lines = await read(withKnownAt('lines', early));
    expect(lines.body.lines).toEqual([]);
    const tables = await read(withKnownAt('final-accounts', early));
    expect((tables.body.tables as { summary: { expenditure: { totalExpenditure: string } } }).summary.expenditure.totalExpenditure).toBe('0.00');
    expect((await read(withKnownAt('rejections', early))).body.rejections).toEqual([]);
  });

  it('answers a knownAt after the last event as the current read does, and one in the future as of now', async () => {
    const now = new Date().toISOString();
    for (const path of ['progress?groupBy=line', 'final-accounts', 'monitoring?asOf=2024-06-30']) {
      const current = await read(path);
      const known = await read(withKnownAt(path, now));
      expect([path, known.body.reflects]).toEqual([path, { position: setupPosition + 4, knownAt: now }]);
      expect([path, asCurrent(known)]).toEqual([path, current.text]);
    }
    const future = await read(withKnownAt('progress?groupBy=line', '2999-01-01T00:00:00+08:00'));
    expect(future.status).toBe(200);
    expect(future.body.reflects.position).toBe(setupPosition + 4);
    // The instant it reflects is the server's clock, not one that has not come yet.
    expect(future.body.reflects.knownAt! < '2999').toBe(true);
  });

  it('leaves the current reads as they were after knownAt reads', async () => {
    const before = new Map<string, string>();
    for (const path of REPORTS) before.set(path, (await read(path)).text);
    for (const path of REPORTS) expect((await read(withKnownAt(path, t1))).status).toBe(200);
    for (const path of REPORTS) expect([path, (await read(path)).text]).toEqual([path, before.get(path)]);
    // A knownAt answer computed before any current read of the same report is not served to the current read:
    // unit 434001 holds every line, paid 12 000 + 5 000 at T1 and 15 000 + 5 000 now.
    const unitPaid = (a: Answer) => (a.body.groups as { key: string; paid: string }[]).map((g) => [g.key, g.paid]);
    expect(unitPaid(await read(withKnownAt('progress?groupBy=unit', t1)))).toEqual([['434001', '17000.00']]);
    expect(unitPaid(await read('progress?groupBy=unit'))).toEqual([['434001', '20000.00']]);
    expect(unitPaid(await read(withKnownAt('progress?groupBy=unit', t1)))).toEqual([['434001', '17000.00']]);
    // The progress entity tag of T1 is not the current one.
    const etagOf = async (path: string) => (await t.get(`${base}/${path}`)).headers.etag;
    expect(await etagOf(withKnownAt('progress?groupBy=line', t1))).not.toBe(await etagOf('progress?groupBy=line'));
  });

  it('answers many knownAt reads at once, one at a time (KNOWN_AT_CONCURRENCY=1)', async () => {
    const paths = [...REPORTS, ...REPORTS].map((p) => withKnownAt(p, t1));
    const answers = await Promise.all(paths.map((p) => read(p)));
    answers.forEach((a, i) => {
      const path = REPORTS[i % REPORTS.length];
      expect([path, a.status]).toEqual([path, 200]);
      expect([path, asCurrent(a)]).toEqual([path, first.get(path)!.text]);
    });
  });

  it('refuses a malformed knownAt, and knownAt on reads across departments, with 400', async () => {
    const bad = await read('progress?knownAt=2024-07-01');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect((bad.body as unknown as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['knownAt']);
    for (const path of [`/v1/overview?year=2024&knownAt=${encodeURIComponent(t1)}`, `/v1/departments?knownAt=${encodeURIComponent(t1)}`]) {
      const res = await t.get(path);
      expect([path, res.status, res.body.error]).toEqual([path, 400, 'VALIDATION_FAILED']);
      expect(res.body.message).toContain('knownAt');
    }
  });
});
