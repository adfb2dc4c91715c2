import { formatWan, formatYuan, parseYuan } from '@app/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { issue, pay } from './support/events';
import { startTestApp, TestApp } from './support/test-app';
import { ensureWebBuilt } from './support/web-build';

/**
 * The department dashboard (issue 6) driven in a real headless Chromium (Debian's package, installed by
 * scripts/install-chromium.sh) against the API loaded with the demo departments (seed 001: 434 海港区人民政府办公室
 * 2024; seed 004: 430 山海关区机关事务服务中心 2023; seed 000: QG-GOV 泉港区人民政府办公室 2023). Every figure read from the page is compared with the API's JSON, turned
 * into 万元 here with the server's own decimal.js formatter — independently of the page's BigInt formatter.
 */
const ROOT = resolve(__dirname, '..');
const SCREENSHOTS = join(ROOT, 'test-artifacts/screenshots');
const DOWNLOADS = join(ROOT, 'test-artifacts/downloads');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const DEPT = '434';
const YEAR = 2024;
const AS_OF = '2024-06-30'; // 30 June: 重点工作经费 and 金融办企业监管服务经费 are more than 10 points behind the plan (ALERT)
const LAGGING = '13030224P00308P12281R';
const BIG = 'BIG500';

/** 元 string → the 万元 text the page should show: decimal.js half-up rounding, thousands separators. */
const wan = (yuan: string) => groupThousands(formatWan(parseYuan(yuan)));
const yuanText = (yuan: string) => groupThousands(formatYuan(parseYuan(yuan)));
function groupThousands(text: string): string {
  const [whole, cents] = text.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  let grouped = '';
  for (let i = 0; i < digits.length; i++) grouped += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return `${negative ? '-' : ''}${grouped}.${cents}`;
}
const signed = (gap: string) => (gap.startsWith('-') ? `−${gap.slice(1)}` : /^0\.00$/.test(gap) ? gap : `+${gap}`);

interface Group { key: string; name: string; budget: string; paid: string; executionRate: string; plannedRate: string; gap: string; status: string; months: { month: number; paid: string; paidInMonth: string; executionRate: string }[] }

describe('department dashboard in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let profile: string;
  const tokens: Record<string, string> = {};
  /** CSP violations, script errors and requests whose URL carries a token, from every page. */
  const problems: string[] = [];

  beforeAll(async () => {
    execFileSync('bash', [join(ROOT, 'scripts/install-chromium.sh')], { stdio: 'inherit', timeout: 20 * 60_000 });
    const webDir = ensureWebBuilt();
    t = await startTestApp('embedded', { webDir });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    expect((await t.http().post('/v1/admin/demo').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(200);
    expect((await t.post(bigDepartment())).status).toBe(200);
    for (const [name, scopes] of Object.entries({ all: ['read:*'], only434: [`read:${DEPT}`] })) {
      tokens[name] = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes, name: `dashboard ${name}` })).body.token;
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(DOWNLOADS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'bt-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
      locale: 'zh-CN',
    });
  }, 25 * 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t?.close();
  });

  /** 500 projects, two payments each: enough to see that long lists stay paged and the page stays quick. */
  function bigDepartment() {
    const o = { departmentCode: BIG, fiscalYear: YEAR };
    const events = [];
    for (let i = 1; i <= 500; i++) {
      const code = `P${String(i).padStart(4, '0')}`;
      events.push(issue(`${code}-L`, `${10_000 + i * 137}.${String(i % 100).padStart(2, '0')}`, { expenditureKind: 'PROJECT', projectCode: code, projectName: `项目${i}号` }, { ...o, occurredOn: `${YEAR}-01-05` }));
      events.push(pay(`${code}-L`, `${(i % 7) * 400 + 1}.50`, '30201', { ...o, occurredOn: `${YEAR}-02-15` }));
      events.push(pay(`${code}-L`, `${(i % 11) * 300 + 2}.25`, '30201', { ...o, occurredOn: `${YEAR}-05-15` }));
    }
    return events;
  }

  const api = async <T = Record<string, unknown>>(path: string, token = tokens.all): Promise<T> => {
    const res = await t.get(path, token);
    expect(res.status).toBe(200);
    return res.body as T;
  };
  const read = (dept: string, year: number, what: string) => `/v1/departments/${dept}/years/${year}/${what}`;

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (Object.values(tokens).some((token) => r.url().includes(token))) problems.push(`token in URL: ${r.url()}`);
    });
    return page;
  }

  async function signIn(page: Page, token: string, hash = ''): Promise<void> {
    await page.goto(`${base}/${hash}`);
    await page.fill('[data-testid=token-input]', token);
    await page.click('[data-testid=signin-submit]');
    await page.waitForSelector('[data-testid=dept-select]');
  }

  /** Waits until the element's text is `expected` (views reload when a picker changes), then returns it. */
  async function textOf(page: Page, selector: string, expected?: string): Promise<string> {
    if (expected !== undefined) {
      await page
        .waitForFunction(([sel, exp]) => document.querySelector(sel)?.textContent?.trim() === exp, [selector, expected] as const, { timeout: 15_000 })
        .catch(() => undefined);
    } else {
      await page.waitForSelector(selector);
    }
    return ((await page.textContent(selector)) ?? '').trim();
  }

  async function behindRows(page: Page): Promise<{ key: string; status: string; text: string }[]> {
    await page.waitForSelector('[data-testid=behind-table] tbody tr[data-key]');
    return page.$$eval('[data-testid=behind-table] tbody tr[data-key]', (rows) =>
      rows.map((r) => ({ key: r.getAttribute('data-key')!, status: r.getAttribute('data-status')!, text: r.textContent ?? '' })),
    );
  }

  it('signs in, lists the departments of the token, and shows the headline figures of the API', async () => {
    const page = await newPage();
    await signIn(page, tokens.all);
    const options = await page.$$eval('[data-testid=dept-select] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    const listed = (await api<{ departments: { code: string }[] }>('/v1/departments')).departments.map((d) => d.code);
    expect(options).toEqual(listed);
    expect(options).toEqual(expect.arrayContaining(['430', DEPT, BIG]));

    await page.selectOption('[data-testid=dept-select]', DEPT);
    await page.waitForFunction(() => location.hash.includes('dept=434'));
    expect(await page.inputValue('[data-testid=year-select]')).toBe(String(YEAR));
    await page.fill('[data-testid=asof-input]', AS_OF);
    await page.waitForFunction((d) => location.hash.includes(`asOf=${d}`), AS_OF);

    const progress = await api<{ timeProgress: string; groups: Group[] }>(`${read(DEPT, YEAR, 'progress')}?groupBy=department&asOf=${AS_OF}`);
    const g = progress.groups[0];
    expect(g).toMatchObject({ budget: '5334000.00', status: 'WARNING' });
    expect(await textOf(page, '[data-testid=kpi-budget] .value', wan(g.budget))).toBe(wan(g.budget)); // 533.40
    expect(await textOf(page, '[data-testid=kpi-paid] .value', wan(g.paid))).toBe(wan(g.paid));
    expect(await page.getAttribute('[data-testid=kpi-paid]', 'title')).toBe(`${yuanText(g.paid)} 元`);
    expect(await textOf(page, '[data-testid=kpi-rate] .value')).toBe(g.executionRate);
    expect(await textOf(page, '[data-testid=kpi-planned] .value')).toBe(g.plannedRate);
    expect(await textOf(page, '[data-testid=kpi-time] .value')).toBe(progress.timeProgress);
    expect(await textOf(page, '[data-testid=kpi-gap] .value')).toBe(signed(g.gap));
    expect(await textOf(page, '[data-testid=kpi-status]')).toContain('预警');
    expect(await page.getAttribute('[data-testid=kpi-status] .badge', 'data-status')).toBe(g.status);
    expect(await textOf(page, '[data-testid=dept-title]')).toBe('秦皇岛市海港区人民政府办公室');
    // One chart for the pace, drawn on a canvas; its tooltip (built from text nodes) names the month's figures.
    await page.waitForSelector('[data-testid=pace-chart] canvas');
    const { x, y, width, height } = (await page.locator('[data-testid=pace-chart]').boundingBox())!;
    await page.mouse.move(x + 52 + ((width - 116) * 2.5) / 12, y + height / 2);
    await page.waitForSelector('[data-testid=pace-chart] .chart-tip');
    const tip = await page.textContent('[data-testid=pace-chart] .chart-tip');
    expect(tip).toContain('3月末');
    expect(tip).toContain(`累计执行率 ${g.months[2].executionRate}%`);
    expect(tip).toContain(`当月支付 ${wan(g.months[2].paidInMonth)} 万元（${yuanText(g.months[2].paidInMonth)} 元）`);
    await page.mouse.move(0, 0);
    await behindRows(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-main.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-main-full.png'), fullPage: true });
    if (process.env.DASHBOARD_README_SCREENSHOT === '1') {
      // The README's picture (docs/dashboard.png): written only on request, so a test run leaves the tree as it was.
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      await page.setViewportSize({ width: 1440, height: 1240 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(ROOT, 'docs/dashboard.png') });
    }
    for (const [name, width, height] of [['laptop-1280', 1280, 800], ['monitor-2560', 2560, 1440]] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`) });
      // Nothing overflows sideways: the layout fits the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    await page.close();
  });

  it('flags the projects behind plan, sorted by gap, and opens a project’s monthly series and payments', async () => {
    const page = await newPage();
    await signIn(page, tokens.all, `#dept=${DEPT}&year=${YEAR}&asOf=${AS_OF}`);
    const projects = await api<{ groups: Group[] }>(`${read(DEPT, YEAR, 'progress')}?groupBy=project&asOf=${AS_OF}`);
    const alerts = projects.groups.filter((p) => p.status === 'ALERT').map((p) => p.key);
    expect(alerts).toContain(LAGGING);

    const rows = await behindRows(page);
    expect(rows.map((r) => [r.key, r.status]).sort()).toEqual(projects.groups.map((p) => [p.key, p.status]).sort());
    const byGap = [...projects.groups].sort((a, b) => Number(a.gap) - Number(b.gap)).map((p) => p.key);
    expect(rows.map((r) => r.key)).toEqual(byGap);
    for (const row of rows.filter((r) => r.status === 'ALERT')) expect(row.text).toMatch(/滞后\s*ALERT/);
    expect(await page.textContent('[data-testid=count-ALERT] strong')).toBe(String(alerts.length));

    const lagging = projects.groups.find((p) => p.key === LAGGING)!;
    const row = `[data-testid=behind-table] tr[data-key="${LAGGING}"]`;
    expect(await page.textContent(row)).toContain(lagging.name);
    expect(await page.textContent(row)).toContain(wan(lagging.budget));
    expect(await page.textContent(row)).toContain(signed(lagging.gap));
    await page.click(row);

    // The monthly series: one row per month to 30 June, cumulative paid in 万元 as the API says.
    await page.waitForSelector('[data-testid=detail] [data-testid=months-table] tbody tr');
    const months = await page.$$eval('[data-testid=months-table] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(months).toEqual(lagging.months.map((m) => [`${m.month}月`, wan(m.paidInMonth), wan(m.paid), `${m.executionRate}%`, expect.stringMatching(/%$/)]));
    expect(await textOf(page, '[data-testid=detail-paid] .value')).toBe(wan(lagging.paid));
    await page.waitForSelector('[data-testid=detail-chart] canvas');

    // Its payments: the same total as the progress figure, newest first, in 元.
    const payments = await api<{ total: { count: number; net: string }; payments: { occurredOn: string; amount: string }[] }>(
      `${read(DEPT, YEAR, 'payments')}?projectCode=${LAGGING}&asOf=${AS_OF}`,
    );
    expect(payments.total.net).toBe(lagging.paid);
    await page.waitForSelector('[data-testid=payments-total]');
    expect(await page.getAttribute('[data-testid=payments-total]', 'data-net')).toBe(lagging.paid);
    expect(await page.textContent('[data-testid=payments-total]')).toContain(`共 ${payments.total.count} 笔`);
    expect(await page.textContent('[data-testid=payments-total]')).toContain(`${wan(lagging.paid)} 万元`);
    const paymentRows = await page.$$eval('[data-testid=payments-table] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim())));
    expect(paymentRows).toEqual(payments.payments.slice(0, 12).map((p) => [p.occurredOn, yuanText(p.amount)]));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-project-detail.png') });
    await page.click('[data-testid=detail-close]');
    expect(await page.$('[data-testid=detail]')).toBeNull();

    // By unit: the same department in one row; lines with their 指标 balances.
    await page.click('[data-groupby=unit]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=behind-table] tbody tr[data-key]').length === 1);
    const lines = await api<{ lines: { lineId: string; available: string }[] }>(`${read(DEPT, YEAR, 'lines')}?asOf=${AS_OF}`);
    for (const line of lines.lines) expect(await page.textContent(`[data-testid=lines-table] tr[data-line="${line.lineId}"]`)).toContain(wan(line.available));
    await page.close();
  });

  it('shows the indicators and downloads the monitoring workbook, which opens with the API’s figures', async () => {
    const page = await newPage();
    await signIn(page, tokens.all, `#dept=${DEPT}&year=${YEAR}&asOf=${AS_OF}&tab=indicators`);
    const monitoring = await api<{ deviations: unknown[]; projects: { projectCode: string; budget: string; executionRate: string }[] }>(`${read(DEPT, YEAR, 'monitoring')}?asOf=${AS_OF}`);
    expect(await textOf(page, '[data-testid=kpi-deviations] .value', String(monitoring.deviations.length))).toBe(String(monitoring.deviations.length));
    const indicators = await api<{ projects: { projectCode: string; indicators: { indicatorId: string; name: string; completionRate: string | null }[] }[] }>(`${read(DEPT, YEAR, 'indicators')}?asOf=${AS_OF}`);
    await page.click(`[data-testid=indicator-projects-table] tr[data-project="${LAGGING}"]`);
    const project = indicators.projects.find((p) => p.projectCode === LAGGING)!;
    for (const i of project.indicators) {
      const text = await page.textContent(`[data-testid=indicators-table] tr[data-indicator="${i.indicatorId}"]`);
      expect(text).toContain(i.name);
      expect(text).toContain(i.completionRate === null ? '未填报' : `${i.completionRate}%`);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-indicators.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-monitoring]')]);
    expect(download.suggestedFilename()).toBe(`秦皇岛市海港区人民政府办公室${YEAR}年度项目支出绩效目标执行监控表（截至${AS_OF}）.xlsx`);
    const file = join(DOWNLOADS, download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const summary = book.getWorksheet('监控汇总')!;
    const row = summary.getSheetValues().find((r) => Array.isArray(r) && r[1] === LAGGING) as unknown[];
    const lagging = monitoring.projects.find((p) => p.projectCode === LAGGING)!;
    // Number cells: 65.00 万元 and the execution rate in percent.
    expect(row[3]).toBe(Number(wan(lagging.budget)));
    expect(row[5]).toBe(Number(lagging.executionRate));
    await page.close();
  });

  it('shows the 决算 checks and missing explanations, and downloads the docx and xlsx drafts', async () => {
    const page = await newPage();
    await signIn(page, tokens.all, `#dept=430&year=2023&asOf=2023-12-31&tab=final`);
    const checks = await api<{ checks: { rule: string; passed: boolean }[] }>(`${read('430', 2023, 'checks')}?asOf=2023-12-31`);
    const failed = checks.checks.filter((c) => !c.passed);
    expect(failed.length).toBeGreaterThan(0); // the variances nobody explained yet
    await page.waitForSelector('[data-testid=checks-table] tbody tr[data-rule]');
    const rows = await page.$$eval('[data-testid=checks-table] tbody tr[data-rule]', (trs) => trs.map((tr) => ({ rule: tr.getAttribute('data-rule'), passed: tr.getAttribute('data-passed'), cls: tr.className })));
    // Failures come first and are marked.
    expect(rows.slice(0, failed.length).map((r) => [r.rule, r.passed, r.cls])).toEqual(failed.map((c) => [c.rule, 'false', 'row-fail']));
    expect(await textOf(page, '[data-testid=kpi-failed] .value')).toBe(String(failed.length));

    const variance = await api<{ items: { name: string; reasonSource: string; direction: string; current: string }[] }>(`${read('430', 2023, 'variance')}?asOf=2023-12-31`);
    const missing = variance.items.filter((i) => i.reasonSource === 'MISSING' && i.direction !== 'FLAT');
    expect(missing.length).toBeGreaterThan(0);
    const missingRows = await page.$$eval('[data-testid=missing-table] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim())));
    expect(missingRows).toEqual(missing.map((i) => [i.name, wan(i.current)]));

    const accounts = await api<{ tables: { summary: { income: { totalIncome: string }; expenditure: { totalExpenditure: string } } } }>(`${read('430', 2023, 'final-accounts')}?asOf=2023-12-31`);
    expect(await page.textContent('[data-testid=final-table]')).toContain(wan(accounts.tables.summary.income.totalIncome));
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-final-accounts.png'), fullPage: true });

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
    expect(xlsx.suggestedFilename()).toBe('2023年度秦皇岛市山海关区机关事务服务中心部门决算（草稿，截至2023-12-31）.xlsx');
    await xlsx.saveAs(join(DOWNLOADS, xlsx.suggestedFilename()));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(DOWNLOADS, xlsx.suggestedFilename()));
    const t01 = book.getWorksheet('公开01表')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
    expect(t01).toContainEqual(['本年收入合计', wan(accounts.tables.summary.income.totalIncome), '本年支出合计', wan(accounts.tables.summary.expenditure.totalExpenditure)]);

    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-docx]')]);
    expect(docx.suggestedFilename()).toBe('2023年度秦皇岛市山海关区机关事务服务中心部门决算（草稿，截至2023-12-31）.docx');
    await docx.saveAs(join(DOWNLOADS, docx.suggestedFilename()));
    const zip = await JSZip.loadAsync(readFileSync(join(DOWNLOADS, docx.suggestedFilename())));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain('第二部分 2023年度部门决算表');
    expect(text).toContain(`本年支出合计${wan(accounts.tables.summary.expenditure.totalExpenditure)}万元`);
    await page.close();
  });

  it('a token for department 434 neither lists nor shows department 430', async () => {
    expect((await t.get(read('430', 2023, 'progress'), tokens.only434)).status).toBe(403);
    const page = await newPage();
    await signIn(page, tokens.only434);
    const options = await page.$$eval('[data-testid=dept-select] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual([DEPT]);
    await page.waitForSelector('[data-testid=kpi-budget]');

    // Forcing 430 through the address: the 403 message and no figure of 430.
    const other = (await api<{ groups: Group[] }>(`${read('430', 2023, 'progress')}?groupBy=department&asOf=2023-06-30`)).groups[0];
    await page.goto(`${base}/#dept=430&year=2023&asOf=2023-06-30`);
    expect(await textOf(page, '[data-testid=error]', '无权查看该部门：当前令牌没有该部门的读取权限。')).toContain('无权查看该部门');
    expect(await page.$('[data-testid=kpi-budget]')).toBeNull();
    expect(await page.$('[data-testid=behind-table]')).toBeNull();
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain(wan(other.budget));
    expect(body).not.toContain(wan(other.paid));
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-forbidden.png') });
    for (const tab of ['indicators', 'final']) {
      await page.click(`[data-tab=${tab}]`);
      expect(await textOf(page, '[data-testid=error]', '无权查看该部门：当前令牌没有该部门的读取权限。')).toContain('无权查看该部门');
    }
    // The token lives in sessionStorage, not in the address.
    expect(page.url()).not.toContain(tokens.only434);
    expect(await page.evaluate(() => sessionStorage.getItem('budget-tracker.token'))).toBe(tokens.only434);
    await page.close();
  });

  it('goes back to sign-in with a message on 401: a wrong token, or a stored token that no longer works', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.fill('[data-testid=token-input]', 'bt_not-a-real-token');
    await page.click('[data-testid=signin-submit]');
    expect(await textOf(page, '[data-testid=signin-message]', '令牌无效或已过期，请检查后重新登录。')).toBe('令牌无效或已过期，请检查后重新登录。');

    await signIn(page, tokens.all, `#dept=${DEPT}&year=${YEAR}`);
    await page.waitForSelector('[data-testid=kpi-budget]');
    await page.evaluate(() => sessionStorage.setItem('budget-tracker.token', 'bt_revoked'));
    await page.reload();
    await page.waitForSelector('[data-testid=signin]');
    expect(await textOf(page, '[data-testid=signin-message]')).toContain('令牌无效');
    expect(await page.evaluate(() => sessionStorage.getItem('budget-tracker.token'))).toBeNull();
    expect(await page.$('[data-testid=kpi-budget]')).toBeNull();
    await page.close();
  });

  it('stays quick with 500 projects: long lists paged, two charts', async () => {
    const page = await newPage();
    await signIn(page, tokens.all);
    const started = Date.now();
    await page.goto(`${base}/#dept=${BIG}&year=${YEAR}&asOf=${AS_OF}`);
    await page.waitForFunction(() => document.querySelector('[data-testid=behind-table-page]')?.textContent?.includes('共 500 项'));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(15_000);
    expect(await page.$$eval('[data-testid=behind-table] tbody tr', (trs) => trs.length)).toBe(15);
    expect(await page.textContent('[data-testid=behind-table-page]')).toBe('第 1 / 34 页，共 500 项');
    // Two charts (the pace and the ten furthest behind), not one per project.
    expect(await page.$$eval('[_echarts_instance_]', (els) => els.length)).toBe(2);
    const progress = await api<{ groups: Group[] }>(`${read(BIG, YEAR, 'progress')}?groupBy=department&asOf=${AS_OF}`);
    expect(await textOf(page, '[data-testid=kpi-budget] .value', wan(progress.groups[0].budget))).toBe(wan(progress.groups[0].budget));

    await page.click('[data-testid=behind] .pager button:last-child');
    expect(await page.textContent('[data-testid=behind-table-page]')).toBe('第 2 / 34 页，共 500 项');
    await page.fill('[data-testid=behind] input.search', '项目377号');
    const found = await behindRows(page);
    expect(found.map((r) => r.key)).toEqual(['P0377']);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-500-projects.png') });
    await page.click('[data-tab=indicators]');
    await page.waitForSelector('[data-testid=indicator-kpis] [data-testid=kpi-projects]');
    await page.close();
  });

  it('loads the demo departments in one click on an empty installation (admin token); a read token is told it may not', async () => {
    const empty = await startTestApp('embedded', { webDir: ensureWebBuilt() });
    try {
      await empty.app.listen(0, '127.0.0.1');
      const emptyBase = `http://127.0.0.1:${(empty.app.getHttpServer().address() as AddressInfo).port}`;
      const reader = (await empty.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${empty.adminToken}`).send({ scopes: ['read:*'] })).body.token;
      tokens.emptyAdmin = empty.adminToken;
      tokens.emptyReader = reader;
      const page = await newPage();
      for (const [token, outcome] of [[reader, '加载演示数据需要管理员令牌（admin）。'], [empty.adminToken, null]] as const) {
        await page.goto(`${emptyBase}/`);
        await page.evaluate(() => sessionStorage.clear());
        await page.goto(`${emptyBase}/`);
        await page.fill('[data-testid=token-input]', token);
        await page.click('[data-testid=signin-submit]');
        await page.click('[data-testid=load-demo]');
        if (outcome) {
          expect(await textOf(page, '[data-testid=demo-status]', outcome)).toBe(outcome);
          continue;
        }
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=dept-select] option').length >= 2, undefined, { timeout: 60_000 });
        const listed = await page.$$eval('[data-testid=dept-select] option', (options) => options.map((o) => (o as HTMLOptionElement).value));
        const expected = (await empty.get('/v1/departments')).body.departments.map((d: { code: string }) => d.code);
        expect(listed).toEqual(expected);
        expect(listed).toEqual(expect.arrayContaining(['434', '430']));
        await page.waitForSelector('[data-testid=view] [data-testid=headline]');
        await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-demo-loaded.png') });
      }
      await page.close();
    } finally {
      await empty.close();
    }
  });

  it('ran with no CSP violation, script error or token in a URL', () => {
    expect(problems).toEqual([]);
  });
});
