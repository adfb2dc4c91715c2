import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { EventJson, issue, pay, register } from './support/events';
import { startTestApp, TestApp } from './support/test-app';
import { signInAt } from './support/browser';
import { ensureWebBuilt } from './support/web-build';

/**
 * The finance bureau's overview (SPEC §12, issue 11): `GET /v1/overview` over HTTP and the 各部门总览 page in headless
 * Chromium. Year 2023, read as of 31 March (t = 90 of 365: 序时进度 24.66 %), the default plan (3月20% / 6月40% /
 * 10月60% / 12月100%: exactly 20 % on 31 March; the next checkpoint is 30 June, t = 181, at 40 %). Worked by hand:
 *
 * - 436 区教育局: P1 600 000, paid 30 000 (5 % → gap −15, 滞后); P2 400 000, paid 60 000 (15 % → −5, 预警); a payment
 *   of 500 000 on 20 April lies after asOf. Department 1 000 000 / 90 000 = 9.00 %, gap −11.00 → ALERT. At the
 *   current pace 90 000 / 90 days × 181 = 181 000.00 by 30 June = 18.10 %, short of 400 000.00 by 219 000.00.
 * - 434 区人民政府办公室: a 基本支出 line 500 000 paid 110 000, project Q1 300 000 paid 40 000 (13.33 % → −6.67, 预警).
 *   800 000 / 150 000 = 18.75 %, gap −1.25 → WARNING. 150 000 × 181 / 90 = 301 666.67 = 37.71 %; short of 320 000.00
 *   by 18 333.33.
 * - 435 区住房和城乡建设局 under its own plan 6月50% / 9月75% / 11月90% / 12月100%: 31 March is 50 × 90 / 181 =
 *   24.8618…% → 24.86; 2 000 000 paid 600 000 = 30.00 %, gap 30 − 24.8618… = 5.14 → ON_TRACK. 600 000 × 181 / 90 =
 *   1 206 666.67 = 60.33 % by 30 June, above the 50 % (1 000 000.00): met.
 * - 401 区档案馆: registered, no budget yet: no rate, no gap, no status — listed last.
 * - For a fuller picture: 437 区卫生健康局 3 200 000 / 900 000 = 28.13 % (+8.13); 438 区民政局 1 000 000 / 20 000
 *   (滞后) + 500 000 / 100 000 (正常) = 8.00 % (−12.00); 439 区农业农村局 2 600 000 / 480 000 = 18.46 % (−1.54);
 *   440 区文化和旅游局 900 000 / 150 000 = 16.67 % (−3.33); 441 区市场监督管理局 1 200 000 / 260 000 = 21.67 % (+1.67).
 * - 499 has lines in 2022 only: not a department of 2023's overview.
 */
const YEAR = 2023;
const AS_OF = '2023-03-31';
const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'test-artifacts/screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Gap order, furthest behind first, the department without a budget last. */
const ORDER = ['438', '436', '440', '439', '434', '441', '435', '437', '401'];
const NAMES: Record<string, string> = {
  '436': '区教育局', '434': '区人民政府办公室', '435': '区住房和城乡建设局', '401': '区档案馆', '437': '区卫生健康局',
  '438': '区民政局', '439': '区农业农村局', '440': '区文化和旅游局', '441': '区市场监督管理局', '499': '区旧机构',
};
/** Per department, by hand: 万元 budget and paid, rates, gap (as the page signs it), status word, 滞后 / 预警 projects, forecast. */
const PAGE: Record<string, { budget: string; paid: string; rate: string; planned: string; gap: string; word: string; counts: string; forecast: string }> = {
  '438': { budget: '150.00', paid: '12.00', rate: '8.00%', planned: '20.00%', gap: '−12.00', word: '滞后', counts: '1 / 0', forecast: '按当前进度，6月末预计执行16.09%，低于计划40%需在当前节奏外加快支付 35.87 万元' },
  '436': { budget: '100.00', paid: '9.00', rate: '9.00%', planned: '20.00%', gap: '−11.00', word: '滞后', counts: '1 / 1', forecast: '按当前进度，6月末预计执行18.10%，低于计划40%需在当前节奏外加快支付 21.90 万元' },
  '440': { budget: '90.00', paid: '15.00', rate: '16.67%', planned: '20.00%', gap: '−3.33', word: '预警', counts: '0 / 1', forecast: '按当前进度，6月末预计执行33.52%，低于计划40%需在当前节奏外加快支付 5.83 万元' },
  '439': { budget: '260.00', paid: '48.00', rate: '18.46%', planned: '20.00%', gap: '−1.54', word: '预警', counts: '0 / 1', forecast: '按当前进度，6月末预计执行37.13%，低于计划40%需在当前节奏外加快支付 7.47 万元' },
  '434': { budget: '80.00', paid: '15.00', rate: '18.75%', planned: '20.00%', gap: '−1.25', word: '预警', counts: '0 / 1', forecast: '按当前进度，6月末预计执行37.71%，低于计划40%需在当前节奏外加快支付 1.83 万元' },
  '441': { budget: '120.00', paid: '26.00', rate: '21.67%', planned: '20.00%', gap: '+1.67', word: '正常', counts: '0 / 0', forecast: '按当前进度，6月末预计执行43.57%，可达计划40%' },
  '435': { budget: '200.00', paid: '60.00', rate: '30.00%', planned: '24.86%', gap: '+5.14', word: '正常', counts: '0 / 0', forecast: '按当前进度，6月末预计执行60.33%，可达计划50%' },
  '437': { budget: '320.00', paid: '90.00', rate: '28.13%', planned: '20.00%', gap: '+8.13', word: '正常', counts: '0 / 0', forecast: '按当前进度，6月末预计执行56.56%，可达计划40%' },
  '401': { budget: '0.00', paid: '0.00', rate: '—', planned: '—', gap: '—', word: '无预算', counts: '0 / 0', forecast: '—' },
};

function events(): EventJson[] {
  const d = (departmentCode: string, occurredOn: string) => ({ departmentCode, occurredOn });
  const project = (code: string, name: string) => ({ expenditureKind: 'PROJECT', projectCode: code, projectName: name });
  return [
    ...Object.entries(NAMES).map(([code, name]) => register(name, { ...d(code, '2023-01-02'), fiscalYear: code === '499' ? 2022 : YEAR })),
    issue('C-P1', '600000.00', project('P1', '课后服务补助'), d('436', '2023-01-10')),
    issue('C-P2', '400000.00', project('P2', '校舍维修'), d('436', '2023-01-10')),
    pay('C-P1', '30000.00', '30201', d('436', '2023-02-15')),
    pay('C-P2', '60000.00', '30201', d('436', '2023-03-20')),
    pay('C-P1', '500000.00', '30201', d('436', '2023-04-20')),
    issue('A-B', '500000.00', {}, d('434', '2023-01-10')),
    issue('A-Q1', '300000.00', project('Q1', '政务服务热线'), d('434', '2023-01-10')),
    pay('A-B', '110000.00', '30201', d('434', '2023-03-10')),
    pay('A-Q1', '40000.00', '30201', d('434', '2023-03-25')),
    {
      eventId: 'plan-435', type: 'DisbursementPlanSet', fiscalYear: YEAR, departmentCode: '435', occurredOn: '2023-01-01',
      data: { scope: {}, checkpoints: [{ month: 6, cumulativePercent: '50' }, { month: 9, cumulativePercent: '75' }, { month: 11, cumulativePercent: '90' }, { month: 12, cumulativePercent: '100' }] },
    },
    issue('B-R1', '2000000.00', project('R1', '老旧小区改造'), d('435', '2023-01-10')),
    pay('B-R1', '600000.00', '30201', d('435', '2023-03-01')),
    issue('H-1', '3200000.00', project('H1', '基本公共卫生服务'), d('437', '2023-01-10')),
    pay('H-1', '900000.00', '30201', d('437', '2023-03-01')),
    issue('M-1', '1000000.00', project('M1', '困难群众救助'), d('438', '2023-01-10')),
    issue('M-2', '500000.00', project('M2', '养老服务补贴'), d('438', '2023-01-10')),
    pay('M-1', '20000.00', '30201', d('438', '2023-03-01')),
    pay('M-2', '100000.00', '30201', d('438', '2023-03-01')),
    issue('N-1', '2600000.00', project('N1', '高标准农田建设'), d('439', '2023-01-10')),
    pay('N-1', '480000.00', '30201', d('439', '2023-03-01')),
    issue('W-1', '900000.00', project('W1', '公共文化服务'), d('440', '2023-01-10')),
    pay('W-1', '150000.00', '30201', d('440', '2023-03-01')),
    issue('S-1', '1200000.00', project('S1', '食品安全抽检'), d('441', '2023-01-10')),
    pay('S-1', '260000.00', '30201', d('441', '2023-03-01')),
    issue('O-1', '100000.00', {}, { departmentCode: '499', fiscalYear: 2022, occurredOn: '2022-01-10' }),
  ];
}

interface Row {
  departmentCode: string;
  name: string | null;
  budget: string;
  paid: string;
  executionRate: string | null;
  plannedRate: string | null;
  gap: string | null;
  status: string | null;
  projects: number;
  alertProjects: number;
  warningProjects: number;
  nextCheckpoint: Record<string, unknown> | null;
}

describe('GET /v1/overview and the 各部门总览 page', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp('embedded', { webDir: ensureWebBuilt() });
    const res = await t.post(events());
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r: { status: string }) => r.status !== 'APPLIED')).toEqual([]);
    for (const [name, scopes] of Object.entries({ all: ['read:*'], only434: ['read:434'], two: ['read:436', 'read:435'], ingest: ['ingest'] })) {
      tokens[name] = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes, name: `overview ${name}` })).body.token;
    }
  }, 10 * 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const overview = async (query: string, token = t.adminToken) => {
    const res = await t.get(`/v1/overview${query}`, token);
    expect(res.status).toBe(200);
    return res.body as { fiscalYear: number; asOf: string | null; timeProgress: string; departments: Row[] };
  };

  it('lists every department of the year by gap, furthest behind first, with the figures worked out by hand', async () => {
    const body = await overview(`?year=${YEAR}&asOf=${AS_OF}`);
    expect(body.fiscalYear).toBe(YEAR);
    expect(body.asOf).toBe(AS_OF);
    expect(body.timeProgress).toBe('24.66');
    expect(body.departments.map((d) => d.departmentCode)).toEqual(ORDER);
    expect(body.departments.map((d) => d.gap)).toEqual(['-12.00', '-11.00', '-3.33', '-1.54', '-1.25', '1.67', '5.14', '8.13', null]);
    const row = (code: string) => body.departments.find((d) => d.departmentCode === code);
    expect(row('436')).toEqual({
      departmentCode: '436', name: '区教育局', budget: '1000000.00', paid: '90000.00', executionRate: '9.00', plannedRate: '20.00', gap: '-11.00', status: 'ALERT',
      projects: 2, alertProjects: 1, warningProjects: 1,
      nextCheckpoint: { month: 6, date: '2023-06-30', cumulativePercent: '40.00', requiredPaid: '400000.00', forecastPaid: '181000.00', forecastRate: '18.10', willMeet: false, shortfall: '219000.00' },
    });
    expect(row('434')).toEqual({
      departmentCode: '434', name: '区人民政府办公室', budget: '800000.00', paid: '150000.00', executionRate: '18.75', plannedRate: '20.00', gap: '-1.25', status: 'WARNING',
      projects: 1, alertProjects: 0, warningProjects: 1,
      nextCheckpoint: { month: 6, date: '2023-06-30', cumulativePercent: '40.00', requiredPaid: '320000.00', forecastPaid: '301666.67', forecastRate: '37.71', willMeet: false, shortfall: '18333.33' },
    });
    expect(row('435')).toEqual({
      departmentCode: '435', name: '区住房和城乡建设局', budget: '2000000.00', paid: '600000.00', executionRate: '30.00', plannedRate: '24.86', gap: '5.14', status: 'ON_TRACK',
      projects: 1, alertProjects: 0, warningProjects: 0,
      nextCheckpoint: { month: 6, date: '2023-06-30', cumulativePercent: '50.00', requiredPaid: '1000000.00', forecastPaid: '1206666.67', forecastRate: '60.33', willMeet: true, shortfall: '0.00' },
    });
    expect(row('401')).toEqual({
      departmentCode: '401', name: '区档案馆', budget: '0.00', paid: '0.00', executionRate: null, plannedRate: null, gap: null, status: null,
      projects: 0, alertProjects: 0, warningProjects: 0, nextCheckpoint: null,
    });
    expect(row('438')).toMatchObject({ executionRate: '8.00', status: 'ALERT', projects: 2, alertProjects: 1, warningProjects: 0 });
    expect(row('499')).toBeUndefined();
  });

  it('gives each department the same figures as its own progress read', async () => {
    const body = await overview(`?year=${YEAR}&asOf=${AS_OF}`);
    for (const d of body.departments) {
      const progress = await t.get(`/v1/departments/${d.departmentCode}/years/${YEAR}/progress?groupBy=department&asOf=${AS_OF}`);
      const g = progress.body.groups[0] ?? { budget: '0.00', paid: '0.00', executionRate: null, plannedRate: null, gap: null, status: null };
      expect([d.departmentCode, d.budget, d.paid, d.executionRate, d.plannedRate, d.gap, d.status]).toEqual([d.departmentCode, g.budget, g.paid, g.executionRate, g.plannedRate, g.gap, g.status]);
    }
  });

  it('reads the whole year without asOf (later payments count, no checkpoint left), and another year on its own', async () => {
    const body = await overview(`?year=${YEAR}`);
    expect(body.asOf).toBeNull();
    expect(body.timeProgress).toBe('100.00');
    // 31 December, every plan at 100 %: 434 18.75 % (−81.25), 435 30.00 % (−70.00), 436 590 000 of 1 000 000 (−41.00).
    const hand = body.departments.filter((d) => ['434', '435', '436', '401'].includes(d.departmentCode));
    expect(hand.map((d) => [d.departmentCode, d.paid, d.gap, d.status])).toEqual([
      ['434', '150000.00', '-81.25', 'ALERT'],
      ['435', '600000.00', '-70.00', 'ALERT'],
      ['436', '590000.00', '-41.00', 'ALERT'],
      ['401', '0.00', null, null],
    ]);
    expect(body.departments.every((d) => d.nextCheckpoint === null)).toBe(true);
    const earlier = await overview('?year=2022');
    expect(earlier.departments.map((d) => [d.departmentCode, d.name, d.budget])).toEqual([['499', '区旧机构', '100000.00']]);
  });

  it('lists only the departments a token may read', async () => {
    const codes = async (token: string) => (await overview(`?year=${YEAR}&asOf=${AS_OF}`, token)).departments.map((d) => d.departmentCode);
    expect(await codes(tokens.only434)).toEqual(['434']);
    expect(await codes(tokens.two)).toEqual(['436', '435']);
    expect(await codes(tokens.all)).toEqual(ORDER);
    // A token without any read scope reads no department: an empty list, as GET /v1/departments.
    expect(await codes(tokens.ingest)).toEqual([]);
    const only = await t.get(`/v1/overview?year=${YEAR}&asOf=${AS_OF}`, tokens.only434);
    expect(only.text).not.toMatch(/区教育局|1000000\.00|600000\.00/);
  });

  it('refuses a missing or malformed year or date with 400 VALIDATION_FAILED, and a missing token with 401', async () => {
    for (const query of ['', '?asOf=2023-03-31', '?year=', '?year=23', '?year=abcd', `?year=${YEAR}&asOf=2023-02-30`, `?year=${YEAR}&asOf=31.03.2023`]) {
      const res = await t.get(`/v1/overview${query}`);
      expect([query, res.status, res.body.error]).toEqual([query, 400, 'VALIDATION_FAILED']);
      expect(res.body.message).toEqual(expect.any(String));
    }
    expect((await t.http().get(`/v1/overview?year=${YEAR}`)).status).toBe(401);
  });

  it('reads fifty departments of 500 projects in one pass, quicker than one department after another', async () => {
    // 50 departments × 10 projects (500 lines), two payments each, in 2024 (apart from the hand-computed year).
    const perf: EventJson[] = [];
    for (let d = 1; d <= 50; d++) {
      const o = { departmentCode: `PERF${String(d).padStart(2, '0')}`, fiscalYear: 2024 };
      for (let p = 1; p <= 10; p++) {
        const line = `L${p}`;
        perf.push(issue(line, `${100_000 + d * 1000 + p * 10}.00`, { expenditureKind: 'PROJECT', projectCode: `P${p}`, projectName: `项目${p}` }, { ...o, occurredOn: '2024-01-05' }));
        perf.push(pay(line, `${(d * 7 + p * 13) % 50 * 100 + 1}.00`, '30201', { ...o, occurredOn: '2024-02-15' }));
        perf.push(pay(line, `${(d * 11 + p * 3) % 40 * 200 + 2}.50`, '30201', { ...o, occurredOn: '2024-05-15' }));
      }
    }
    expect((await t.post(perf)).status).toBe(200);
    const time = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return times.sort((a, b) => a - b)[2]; // the median of five
    };
    let body: { departments: Row[] } = { departments: [] };
    const oneCall = await time(async () => (body = await overview('?year=2024&asOf=2024-06-30')));
    expect(body.departments).toHaveLength(50);
    expect(body.departments.reduce((n, d) => n + d.projects, 0)).toBe(500);
    // The same figures one department at a time (what a page would otherwise do): department and project progress.
    const oneByOne = await time(async () => {
      for (const d of body.departments) {
        await t.get(`/v1/departments/${d.departmentCode}/years/2024/progress?groupBy=department&asOf=2024-06-30`);
        await t.get(`/v1/departments/${d.departmentCode}/years/2024/progress?groupBy=project&asOf=2024-06-30`);
      }
    });
    process.stdout.write(`overview of 50 departments / 500 projects: ${oneCall.toFixed(0)} ms in one call; ${oneByOne.toFixed(0)} ms department by department (100 progress reads)\n`);
    expect(oneCall).toBeLessThan(3000);
    expect(oneCall).toBeLessThan(oneByOne);
  }, 5 * 60_000);

  describe('in headless Chromium', () => {
    let base: string;
    let context: BrowserContext;
    let profile: string;
    const problems: string[] = [];

    beforeAll(async () => {
      execFileSync('bash', [join(ROOT, 'scripts/install-chromium.sh')], { stdio: 'inherit', timeout: 20 * 60_000 });
      await t.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      mkdirSync(SCREENSHOTS, { recursive: true });
      profile = mkdtempSync(join(tmpdir(), 'bt-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 }, locale: 'zh-CN',
      });
    }, 25 * 60_000);
    afterAll(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    async function newPage(): Promise<Page> {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      return page;
    }

    /** A new tab has its own (empty) sessionStorage, so each sign-in starts from the form. */
    const signIn = (page: Page, token: string, hash = '') => signInAt(page, base, token, hash);

    const rowsOf = (page: Page) =>
      page.$$eval('[data-testid=overview-table] tbody tr[data-dept]', (trs) =>
        trs.map((tr) => {
          const text = (cls: string) => tr.querySelector(`td.${cls}`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          return {
            dept: tr.getAttribute('data-dept')!,
            word: text('ov-status'),
            name: text('ov-name'),
            budget: tr.querySelector('td.ov-budget .money')?.textContent ?? '',
            paid: tr.querySelector('td.ov-paid .money')?.textContent ?? '',
            rate: text('ov-rate').replace(/^执行率\s*/, ''),
            planned: text('ov-planned').replace(/^计划进度\s*/, ''),
            gap: text('ov-gap').replace(/^偏差\s*/, ''),
            counts: `${tr.querySelector('[data-role=alert-projects]')?.textContent} / ${tr.querySelector('[data-role=warning-projects]')?.textContent}`,
            forecast: tr.querySelector('td.ov-forecast')?.textContent ?? '',
          };
        }),
      );

    it('ranks every department by gap with the API’s figures, and a row opens the department’s own view', async () => {
      const page = await newPage();
      await signIn(page, tokens.all, `#dept=434&year=${YEAR}&asOf=${AS_OF}`);
      await page.click('[data-tab=overview]');
      await page.waitForSelector('[data-testid=overview-table] tbody tr[data-dept]');
      const rows = await rowsOf(page);
      expect(rows.map((r) => r.dept)).toEqual(ORDER);
      for (const r of rows) {
        const want = PAGE[r.dept];
        expect(r).toEqual({ dept: r.dept, word: want.word, name: `${NAMES[r.dept]}${r.dept}`, budget: want.budget, paid: want.paid, rate: want.rate, planned: want.planned, gap: want.gap, counts: want.counts, forecast: want.forecast });
      }
      // The page shows what the API says (the figures above were worked out by hand; these are the API's own).
      const api = await overview(`?year=${YEAR}&asOf=${AS_OF}`, tokens.all);
      expect(rows.map((r) => r.rate)).toEqual(api.departments.map((d) => (d.executionRate === null ? '—' : `${d.executionRate}%`)));
      expect(await page.textContent('[data-testid=overview-alert] .value')).toBe('2');
      expect(await page.textContent('[data-testid=overview-warning] .value')).toBe('3');
      expect(await page.textContent('[data-testid=overview-missing] .value')).toBe('5');
      expect(await page.textContent('[data-testid=overview-time] .value')).toBe('24.66');
      expect(await page.textContent('[data-testid=dept-title]')).toBe('各部门总览');
      await page.waitForSelector('[data-testid=overview-gap-chart] canvas');

      for (const [name, width, height] of [['1280', 1280, 900], ['390', 390, 844]] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(SCREENSHOTS, `overview-${name}.png`), fullPage: true });
        await page.$eval('[data-testid=overview]', (el) => el.scrollIntoView());
        await page.screenshot({ path: join(SCREENSHOTS, `overview-${name}-ranking.png`) });
        await page.evaluate(() => window.scrollTo(0, 0));
        // The page never scrolls sideways, and every figure of the ranking is whole inside the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        const cut = await page.$$eval('[data-testid=overview-table] .money, [data-testid=overview-table] td.num', (els) =>
          els.filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5); }).map((e) => e.textContent));
        expect(cut).toEqual([]);
        if (width === 390) {
          // A card per department: status and name on the first line, then the figures three to a row.
          const box = await page.$eval('[data-testid=overview-table] tr[data-dept="438"]', (tr) =>
            Object.fromEntries(['ov-rank', 'ov-status', 'ov-name', 'ov-budget', 'ov-paid', 'ov-rate', 'ov-planned', 'ov-forecast'].map((c) => {
              const r = tr.querySelector(`td.${c}`)!.getBoundingClientRect();
              return [c, { top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height) }];
            })));
          expect(box['ov-rank'].height).toBe(0);
          expect(Math.abs(box['ov-status'].top - box['ov-name'].top)).toBeLessThan(12);
          expect(box['ov-budget'].top).toBeGreaterThanOrEqual(box['ov-name'].bottom);
          expect([box['ov-paid'].top, box['ov-rate'].top]).toEqual([box['ov-budget'].top, box['ov-budget'].top]);
          expect(box['ov-planned'].top).toBeGreaterThan(box['ov-budget'].top);
          expect(box['ov-forecast'].top).toBeGreaterThan(box['ov-planned'].top);
        }
        // No figure wraps: each amount sits on one line.
        const wrapped = await page.$$eval('[data-testid=overview-table] .money', (els) => els.filter((e) => e.getClientRects().length > 1).map((e) => e.textContent));
        expect(wrapped).toEqual([]);
      }
      if (process.env.DASHBOARD_README_SCREENSHOT === '1') {
        // The README's picture (docs/overview.png): written only on request, so a test run leaves the tree as it was.
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(ROOT, 'docs/overview.png'), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.click('[data-testid=overview-table] tr[data-dept="436"]');
      await page.waitForFunction(() => location.hash.includes('dept=436') && location.hash.includes('tab=pace'));
      await page.waitForFunction(() => document.querySelector('[data-testid=kpi-budget] .value')?.textContent === '100.00');
      expect(await page.textContent('[data-testid=kpi-rate] .value')).toBe('9.00');
      expect(await page.textContent('[data-testid=dept-title]')).toBe('区教育局');
      expect(page.url()).toContain(`asOf=${AS_OF}`);
      await page.close();
    });

    it('offers the overview only to a token that reads several departments', async () => {
      const page = await newPage();
      await signIn(page, tokens.only434, `#dept=434&year=${YEAR}&asOf=${AS_OF}`);
      await page.waitForSelector('[data-tab=pace]');
      expect(await page.$('[data-tab=overview]')).toBeNull();
      // Forced through the address, it shows the department's own view instead.
      await page.goto(`${base}/#dept=434&year=${YEAR}&asOf=${AS_OF}&tab=overview`);
      await page.waitForFunction(() => document.querySelector('[data-testid=kpi-budget] .value')?.textContent === '80.00');
      expect(await page.$('[data-testid=overview-table]')).toBeNull();

      await page.close();

      const two = await newPage();
      await signIn(two, tokens.two, `#year=${YEAR}&asOf=${AS_OF}&tab=overview`);
      await two.waitForSelector('[data-testid=overview-table] tbody tr[data-dept]');
      expect(await two.$$eval('[data-testid=overview-table] tbody tr[data-dept]', (trs) => trs.map((tr) => tr.getAttribute('data-dept')))).toEqual(['436', '435']);
      await two.close();
    });

    it('ran with no CSP violation or script error', () => {
      expect(problems).toEqual([]);
    });
  });
});
