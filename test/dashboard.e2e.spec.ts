import { formatWan, formatYuan, parseYuan } from '@app/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHECK_RULE_NAMES } from '../apps/web/src/labels';
import { closeYear, issue, pay, register } from './support/events';
import { startTestApp, TestApp } from './support/test-app';
import { installChromium, launchChromium, signInAt, type HeadlessChromium } from './support/browser';
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
const DEPT = '434';
const YEAR = 2024;
const AS_OF = '2024-06-30'; // 30 June: 重点工作经费 and 金融办企业监管服务经费 are more than 10 points behind the plan (ALERT)
const LAGGING = '13030224P00308P12281R';
const BIG = 'BIG500';
/** A department whose own 用款计划 is the 6月50% / 9月75% / 11月90% one several provinces use. */
const JSN = 'JSN';
const PHONE = { width: 390, height: 844 };
/** A department with two fiscal years (issue 14): 2023 closed with a carry-forward, 2024 opening with it. */
const TWO = 'TWO';
const TWO_AS_OF = '2024-06-30';
/** Pictures for the docs (written only with DASHBOARD_README_SCREENSHOT=1, like docs/dashboard.png). */
const DOC_IMAGES = join(ROOT, 'docs/images');

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
  let browser: HeadlessChromium | undefined;
  const tokens: Record<string, string> = {};
  /** CSP violations, script errors and requests whose URL carries a token, from every page. */
  const problems: string[] = [];

  beforeAll(async () => {
    installChromium();
    const webDir = ensureWebBuilt();
    t = await startTestApp('embedded', { webDir });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    expect((await t.http().post('/v1/admin/demo').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(200);
    expect((await t.post(bigDepartment())).status).toBe(200);
    expect((await t.post(juneSeptNovDepartment())).body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
    expect((await t.post(twoYearDepartment())).body.results.filter((r: { status: string }) => r.status !== 'APPLIED')).toEqual([]);
    for (const [name, scopes] of Object.entries({ all: ['read:*'], only434: [`read:${DEPT}`] })) {
      tokens[name] = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes, name: `dashboard ${name}` })).body.token;
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(DOWNLOADS, { recursive: true });
    browser = await launchChromium({ width: 1440, height: 900 }, { acceptDownloads: true });
    context = browser.context;
  }, 25 * 60_000);

  afterAll(async () => {
    await browser?.close();
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

  /** Two lines of 100 万元 and 50 万元 under a department-wide JUNE_SEPT_NOV plan, paid into July. */
  function juneSeptNovDepartment() {
    const o = { departmentCode: JSN, fiscalYear: YEAR };
    return [
      { ...register('六九十一月用款计划试点单位', o), occurredOn: `${YEAR}-01-01`, data: { name: '六九十一月用款计划试点单位', units: [{ code: 'JSN001', name: '本级' }] } },
      issue('JSN-1', '1000000.00', { unitCode: 'JSN001', expenditureKind: 'PROJECT', projectCode: 'JSN-P1', projectName: '信息化运维项目' }, { ...o, occurredOn: `${YEAR}-01-05` }),
      issue('JSN-2', '500000.00', { unitCode: 'JSN001' }, { ...o, occurredOn: `${YEAR}-01-05` }),
      {
        eventId: 'jsn-plan', type: 'DisbursementPlanSet', fiscalYear: YEAR, departmentCode: JSN, occurredOn: `${YEAR}-01-05`,
        data: { scope: {}, checkpoints: [{ month: 6, cumulativePercent: '50' }, { month: 9, cumulativePercent: '75' }, { month: 11, cumulativePercent: '90' }, { month: 12, cumulativePercent: '100' }] },
      },
      pay('JSN-1', '300000.00', '30201', { ...o, occurredOn: `${YEAR}-03-20` }),
      pay('JSN-1', '250000.00', '30201', { ...o, occurredOn: `${YEAR}-06-20` }),
      pay('JSN-2', '200000.00', '30201', { ...o, occurredOn: `${YEAR}-07-10` }),
    ];
  }

  /**
   * Two fiscal years of one department (issue 14). 2023: a 基本支出 line and project TWO-P1, paid before and after
   * 30 June, closed with 15 万元 of TWO-P1 carried forward. 2024: that 15 万元 back as a CARRY_IN issue, new INITIAL
   * issues (TWO-P1 40 万元), a SUPPLEMENTARY 10 万元 to TWO-P1 (so its 年初预算 40 ≠ 全年预算 65), and project TWO-P2
   * funded by a SUPPLEMENTARY issue only (no 年初预算).
   */
  function twoYearDepartment() {
    const y23 = { departmentCode: TWO, fiscalYear: 2023 };
    const y24 = { departmentCode: TWO, fiscalYear: 2024 };
    const basic = { unitCode: 'TWO001', economicCode: '30201' };
    const p1 = { ...basic, expenditureKind: 'PROJECT', projectCode: 'TWO-P1', projectName: '档案数字化项目' };
    const p2 = { ...basic, expenditureKind: 'PROJECT', projectCode: 'TWO-P2', projectName: '应急设备购置项目' };
    return [
      { ...register('两年度对比试点单位', y23), occurredOn: '2023-01-01', data: { name: '两年度对比试点单位', units: [{ code: 'TWO001', name: '本级' }] } },
      issue('TWO-B', '800000.00', basic, { ...y23, occurredOn: '2023-01-05' }),
      issue('TWO-P1', '500000.00', p1, { ...y23, occurredOn: '2023-01-05' }),
      pay('TWO-B', '300000.00', '30201', { ...y23, occurredOn: '2023-03-15' }),
      pay('TWO-P1', '100000.00', '30201', { ...y23, occurredOn: '2023-05-15' }),
      pay('TWO-B', '450000.00', '30201', { ...y23, occurredOn: '2023-09-15' }),
      pay('TWO-P1', '250000.00', '30201', { ...y23, occurredOn: '2023-11-15' }),
      closeYear([{ lineId: 'TWO-P1', amount: '150000.00' }], { ...y23, occurredOn: '2023-12-31' }),
      issue('TWO-P1', '150000.00', { ...p1, stage: 'CARRY_IN' }, { ...y24, occurredOn: '2024-01-02' }),
      issue('TWO-P1', '400000.00', p1, { ...y24, occurredOn: '2024-01-05' }),
      issue('TWO-B', '950000.00', basic, { ...y24, occurredOn: '2024-01-05' }),
      issue('TWO-P1', '100000.00', { ...p1, stage: 'SUPPLEMENTARY' }, { ...y24, occurredOn: '2024-03-10' }),
      issue('TWO-P2', '200000.00', { ...p2, stage: 'SUPPLEMENTARY' }, { ...y24, occurredOn: '2024-04-01' }),
      pay('TWO-P1', '200000.00', '30201', { ...y24, occurredOn: '2024-02-20' }),
      pay('TWO-B', '420000.00', '30201', { ...y24, occurredOn: '2024-03-20' }),
      pay('TWO-P2', '50000.00', '30201', { ...y24, occurredOn: '2024-05-20' }),
    ];
  }

  const api = async <T = Record<string, unknown>>(path: string, token = tokens.all): Promise<T> => {
    const res = await t.get(path, token);
    expect(res.status).toBe(200);
    return res.body as T;
  };
  const read = (dept: string, year: number, what: string) => `/v1/departments/${dept}/years/${year}/${what}`;

  interface BudgetAnswer { tables: { summary: { expenditure: { totalExpenditure: string } }; projects: { rows: { projectCode: string; total: string }[] } }; carriedIn: string }
  /** `GET …/budget` (SPEC §14, new in issue 14): a failure shows its status and body. */
  async function budgetOf(dept: string, year: number, asOf: string): Promise<BudgetAnswer> {
    const res = await t.get(`${read(dept, year, 'budget')}?asOf=${asOf}`);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return res.body as BudgetAnswer;
  }

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

  const signIn = (page: Page, token: string, hash = '') => signInAt(page, base, token, hash);

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
    // The demo's whole 部门预算 (1417.69万元: basic lines paid monthly, so ahead of the 40 % plan at 30 June).
    expect(g).toMatchObject({ budget: '14176900.00', status: 'ON_TRACK' });
    expect(await textOf(page, '[data-testid=kpi-budget] .value', wan(g.budget))).toBe(wan(g.budget)); // 1,417.69
    expect(await textOf(page, '[data-testid=kpi-paid] .value', wan(g.paid))).toBe(wan(g.paid));
    expect(await page.getAttribute('[data-testid=kpi-paid]', 'title')).toBe(`${yuanText(g.paid)} 元`);
    expect(await textOf(page, '[data-testid=kpi-rate] .value')).toBe(g.executionRate);
    expect(await textOf(page, '[data-testid=kpi-planned] .value')).toBe(g.plannedRate);
    expect(await textOf(page, '[data-testid=kpi-time] .value')).toBe(progress.timeProgress);
    expect(await textOf(page, '[data-testid=kpi-gap] .value')).toBe(signed(g.gap));
    expect(await textOf(page, '[data-testid=kpi-status] .badge')).toBe('正常');
    // The seed's projects follow their 3月20% / 6月40% / 10月60% / 12月100% plans: the chart marks those months.
    expect(await page.getAttribute('[data-testid=pace-chart]', 'data-checkpoints')).toBe('3,6,10,12');
    expect(await textOf(page, '[data-testid=pace-note]')).toBe('◆ 为用款计划考核节点（3月末 20%、6月末 40%、10月末 60%、12月末 100%）；柱为当月支付（万元，右轴）。');
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

  /** Hovers the pace chart over month `m` (1..12) and returns its tooltip. */
  async function paceTip(page: Page, m: number): Promise<string> {
    const { x, y, width, height } = (await page.locator('[data-testid=pace-chart]').boundingBox())!;
    const [left, right] = width < 520 ? [40, 44] : [52, 64];
    await page.mouse.move(0, 0);
    await page.mouse.move(x + left + ((width - left - right) * (m - 0.5)) / 12, y + height / 2);
    await page.waitForFunction((month) => document.querySelector('[data-testid=pace-chart] .chart-tip strong')?.textContent === `${month}月末`, m, { timeout: 5_000 });
    return (await page.textContent('[data-testid=pace-chart] .chart-tip')) ?? '';
  }

  /** Visible words of four or more Latin letters, leaving out codes (they carry digits) and the file formats. */
  async function englishWords(page: Page): Promise<string[]> {
    const text = await page.evaluate(() => document.body.innerText);
    return (text.match(/[A-Za-z0-9_]*[A-Za-z]{4,}[A-Za-z0-9_]*/g) ?? []).filter((w) => !/\d/.test(w) && !['docx', 'xlsx'].includes(w));
  }

  /**
   * Table cells and buttons squeezed to a character or two per line: their text, its length and its lines (the
   * distinct tops of its line boxes), where fewer than three characters share a line on average.
   */
  async function squeezed(page: Page): Promise<string[]> {
    return page.$$eval('table.data td:not(.num), button', (els) =>
      els.flatMap((el) => {
        const text = (el.textContent ?? '').replace(/\s+/g, '');
        if (text.length < 2 || !(el as HTMLElement).offsetParent) return [];
        const font = parseFloat(getComputedStyle(el).fontSize);
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top).sort((a, b) => a - b);
        const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > font / 2).length;
        return lines > 1 && text.length / lines < 3 ? [`${text}（${lines}行）`] : [];
      }),
    );
  }

  it('marks the checkpoints of the plan in force: a department under a 6月50% / 9月75% / 11月90% plan', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, tokens.all, `#dept=${JSN}&year=${YEAR}&asOf=${YEAR}-07-31`);
    await page.waitForSelector('[data-testid=pace-chart] canvas');
    expect(await textOf(page, '[data-testid=pace-note]', '◆ 为用款计划考核节点（6月末 50%、9月末 75%、11月末 90%、12月末 100%）；柱为当月支付（万元，右轴）。')).toBe(
      '◆ 为用款计划考核节点（6月末 50%、9月末 75%、11月末 90%、12月末 100%）；柱为当月支付（万元，右轴）。',
    );
    expect(await page.getAttribute('[data-testid=pace-chart]', 'data-checkpoints')).toBe('6,9,11,12');
    // September is a checkpoint (75 %), March and October are not; the plan curve at 30 June is the plan's 50 %.
    expect(await paceTip(page, 9)).toContain('◆ 用款计划考核节点：累计 75%');
    expect(await paceTip(page, 6)).toContain('计划进度 50.00%');
    expect(await paceTip(page, 3)).not.toContain('考核节点');
    expect(await paceTip(page, 10)).not.toContain('考核节点');
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-june-sept-nov-1280.png') });

    // The same on a phone.
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(400);
    expect(await page.getAttribute('[data-testid=pace-chart]', 'data-checkpoints')).toBe('6,9,11,12');
    expect(await paceTip(page, 11)).toContain('◆ 用款计划考核节点：累计 90%');
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-june-sept-nov-390.png'), fullPage: true });
    await page.close();
  });

  it('is usable on a phone 390 px wide: nothing overflows the page, amount columns readable on one line', async () => {
    const page = await newPage();
    await page.setViewportSize(PHONE);
    await signIn(page, tokens.all, `#dept=${DEPT}&year=${YEAR}&asOf=${AS_OF}`);
    const projects = await api<{ groups: Group[] }>(`${read(DEPT, YEAR, 'progress')}?groupBy=project&asOf=${AS_OF}`);
    const lineCount = (await api<{ lines: unknown[] }>(`${read(DEPT, YEAR, 'lines')}?asOf=${AS_OF}`)).lines.length;
    await behindRows(page);
    await page.waitForSelector('[data-testid=lines-table] tbody tr[data-line]');
    await page.waitForTimeout(300);
    const fits = () => page.evaluate(() => ({ body: document.body.scrollWidth, root: document.documentElement.scrollWidth, inner: window.innerWidth }));
    const pace = await fits();
    expect(pace.body).toBeLessThanOrEqual(pace.inner);
    expect(pace.root).toBeLessThanOrEqual(pace.inner);

    // The headline figures: two to a row, each inside the screen.
    const kpis = await page.$$eval('[data-testid=headline] .kpi', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top })));
    expect(kpis.length).toBe(7);
    for (const k of kpis) {
      expect(k.left).toBeGreaterThanOrEqual(0);
      expect(k.right).toBeLessThanOrEqual(PHONE.width);
    }
    expect(new Set(kpis.map((k) => Math.round(k.top))).size).toBe(4); // 2 + 2 + 2 + 1

    // The projects behind plan and the 指标 balances become cards on a phone: every amount cell on screen without
    // scrolling, at least 60 px wide, its figure on one line under its column's label; no text cell squeezed to a
    // character or two per line.
    // The project list has the 年初预算 column before the 全年预算 (issue 14): nine columns, seven of them figures.
    for (const [table, columns, amountColumns] of [['behind-table', 9, 7], ['lines-table', 8, 3]] as const) {
      const cells = await page.$$eval(`[data-testid=${table}] tbody tr td`, (tds) =>
        tds.map((td) => {
          const style = getComputedStyle(td);
          const font = parseFloat(style.fontSize);
          const money = td.querySelector('.money');
          const box = td.getBoundingClientRect();
          return {
            num: td.classList.contains('num'),
            text: (td.textContent ?? '').trim(),
            label: getComputedStyle(td, '::before').content,
            left: box.left,
            right: box.right,
            width: box.width,
            inner: td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
            font,
            // The tops of the text's line boxes: one line when they all lie within a font size of each other.
            oneLine: (() => {
              const range = document.createRange();
              range.selectNodeContents(money ?? td);
              const tops = [...range.getClientRects()].map((r) => r.top);
              return tops.length > 0 && Math.max(...tops) - Math.min(...tops) < font;
            })(),
          };
        }),
      );
      const rows = table === 'behind-table' ? projects.groups.length : Math.min(10, lineCount);
      expect(cells.length).toBe(rows * columns);
      const amounts = cells.filter((x) => x.num && x.text);
      expect(amounts.length).toBe(rows * amountColumns);
      for (const c of amounts) {
        expect({ text: c.text, oneLine: c.oneLine }).toEqual({ text: c.text, oneLine: true });
        expect(c.width).toBeGreaterThanOrEqual(60);
        expect(c.left).toBeGreaterThanOrEqual(0);
        expect(c.right).toBeLessThanOrEqual(PHONE.width);
      }
      for (const c of cells.filter((x) => !x.num && x.text.length >= 3)) expect(c.inner).toBeGreaterThanOrEqual(3 * c.font);
      if (table === 'behind-table') {
        expect(amounts.filter((_, i) => i % 7 === 0).map((c) => c.label)).toEqual(projects.groups.map(() => '"年初预算（万元）"'));
        expect(amounts.filter((_, i) => i % 7 === 1).map((c) => c.label)).toEqual(projects.groups.map(() => '"全年预算（万元）"'));
        expect(amounts.filter((_, i) => i % 7 === 5).map((c) => c.label)).toEqual(projects.groups.map(() => '"差距（百分点）"'));
      }
    }
    const lagging = projects.groups.find((p) => p.key === LAGGING)!;
    const laggingRow = `[data-testid=behind-table] tr[data-key="${LAGGING}"]`;
    expect(await page.textContent(laggingRow)).toContain(wan(lagging.budget));
    expect(await page.textContent(laggingRow)).toContain(signed(lagging.gap));
    // The 年初预算 of the project: the 部门预算's 项目支出表 (its INITIAL issues), as the API answers it.
    const initial = (await budgetOf(DEPT, YEAR, AS_OF)).tables.projects.rows.find((r) => r.projectCode === LAGGING)!;
    expect(await textOf(page, `${laggingRow} td.col-initial`)).toBe(wan(initial.total));
    expect(await englishWords(page)).toEqual([]);
    expect(await squeezed(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone-390.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone-390-full.png'), fullPage: true });
    if (process.env.DASHBOARD_README_SCREENSHOT === '1') {
      // The README's phone picture (docs/dashboard-phone.png): the projects behind plan, scrolled to the top of the screen.
      await page.mouse.move(0, 0);
      await page.$eval('[data-testid=behind]', (el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8));
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ROOT, 'docs/dashboard-phone.png') });
      await page.evaluate(() => window.scrollTo(0, 0));
    }

    // A project's detail on the phone: still nothing wider than the screen.
    await page.click(`[data-testid=behind-table] tr[data-key="${LAGGING}"]`);
    await page.waitForSelector('[data-testid=detail] [data-testid=months-table] tbody tr');
    await page.waitForSelector('[data-testid=payments-total]');
    const dialog = await page.$eval('[data-testid=detail]', (d) => ({ right: d.getBoundingClientRect().right, scroll: d.scrollWidth, client: d.clientWidth }));
    expect(dialog.right).toBeLessThanOrEqual(PHONE.width);
    expect(dialog.scroll).toBeLessThanOrEqual(dialog.client);
    expect(await squeezed(page)).toEqual([]);
    // Its wider tables scroll sideways inside their box: the last column of the payments can be reached.
    const scroll = await page.$eval('[data-testid=payments-table]', (table) => {
      const box = table.closest('.scroll-x')!;
      const before = { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth };
      box.scrollLeft = box.scrollWidth;
      const last = table.querySelector('tbody tr td:last-child')!.getBoundingClientRect();
      return { ...before, lastLeft: last.left, lastRight: last.right };
    });
    expect(scroll.scrollWidth).toBeGreaterThan(scroll.clientWidth);
    expect(scroll.lastLeft).toBeGreaterThanOrEqual(0);
    expect(scroll.lastRight).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone-390-detail.png') });
    await page.click('[data-testid=detail-close]');

    // The indicators and the 决算 tabs: no overflow, no English (rule ids only in data-rule).
    for (const [hash, ready, shot] of [
      [`#dept=${DEPT}&year=${YEAR}&asOf=${AS_OF}&tab=indicators`, '[data-testid=indicators-table] tbody tr', 'indicators'],
      ['#dept=430&year=2023&asOf=2023-12-31&tab=final', '[data-testid=checks-table] tbody tr[data-rule]', 'final-accounts'],
      ['#dept=QG-GOV&year=2023&asOf=2023-12-31&tab=final', '[data-testid=checks-table] tbody tr[data-rule]', 'final-accounts-qg'],
    ] as const) {
      await page.goto('about:blank'); // a fresh load: no table of the previous view to mistake for this one
      await page.goto(`${base}/${hash}`);
      await page.waitForSelector(ready);
      await page.waitForTimeout(300);
      const size = await fits();
      expect(size.body).toBeLessThanOrEqual(size.inner);
      expect(size.root).toBeLessThanOrEqual(size.inner);
      expect(await englishWords(page)).toEqual([]);
      expect(await squeezed(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `dashboard-phone-390-${shot}.png`), fullPage: true });
    }
    await page.close();
  });

  it('names every 决算 check in Chinese, its rule id kept in data-rule only', async () => {
    // Every rule id the API writes (grepped from its sources) has a Chinese name in the page's labels.
    const rules = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.includes('.spec.')) {
          for (const m of readFileSync(path, 'utf8').matchAll(/\brule: '([A-Z0-9_]+)'|\bcheck(?:Amounts)?\('([A-Z0-9_]+)'|\bRULE = '([A-Z0-9_]+)'/g)) rules.add(m[1] ?? m[2] ?? m[3]);
        }
      }
    };
    walk(join(ROOT, 'apps/api/src'));
    walk(join(ROOT, 'libs/domain/src'));
    expect(rules.size).toBeGreaterThanOrEqual(15);
    // Issue 14: the 部门预算 checks and the year-to-year carry check are among them.
    expect([...rules]).toEqual(expect.arrayContaining(['BUDGET_BALANCED', 'BUDGET_ECONOMIC_CODES', 'BUDGET_PROJECTS_EQUAL_PROJECT_SPENDING', 'CARRY_FORWARD_MATCHES_PRIOR_YEAR']));
    expect([...rules].filter((r) => !(r in CHECK_RULE_NAMES))).toEqual([]);

    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, tokens.all);
    for (const [dept, year] of [['430', 2023], ['QG-GOV', 2023], [TWO, 2024]] as const) {
      await page.goto('about:blank');
      await page.goto(`${base}/#dept=${dept}&year=${year}&asOf=${year}-12-31&tab=final`);
      const checks = await api<{ checks: { rule: string; passed: boolean; detail: string }[] }>(`${read(dept, year, 'checks')}?asOf=${year}-12-31`);
      await page.waitForSelector('[data-testid=checks-table] tbody tr[data-rule]');
      const shown: { rule: string; name: string }[] = [];
      for (;;) {
        shown.push(...(await page.$$eval('[data-testid=checks-table] tbody tr[data-rule]', (trs) => trs.map((tr) => ({ rule: tr.getAttribute('data-rule')!, name: tr.querySelector('.rule-name')?.textContent ?? '' })))));
        const next = await page.$('[data-testid=checks] .pager button:last-child:not([disabled])');
        if (!next) break;
        await next.click();
      }
      expect(shown.map((r) => r.rule).sort()).toEqual(checks.checks.map((c) => c.rule).sort());
      for (const r of shown) expect(r.name).toBe(CHECK_RULE_NAMES[r.rule]);
      const body = await page.evaluate(() => document.body.innerText);
      for (const c of checks.checks) expect(body).not.toContain(c.rule);
      expect(body).not.toContain('VarianceExplained');
      expect(await englishWords(page)).toEqual([]);
      if (dept === TWO) {
        // 2023's 结转 (15 万元 of TWO-P1) came back as 2024's 上年结转: the carry check passes, named in Chinese.
        const carry = checks.checks.filter((c) => c.rule === 'CARRY_FORWARD_MATCHES_PRIOR_YEAR');
        expect(carry.map((c) => c.passed)).toEqual([true]);
        expect(shown.filter((r) => r.rule === 'CARRY_FORWARD_MATCHES_PRIOR_YEAR').map((r) => r.name)).toEqual(['上年结转与上年年终结转数一致']);
      }
    }
    // Hand-picked names: the balance of 01, the sum of children, the explained variances, the draft's placeholders.
    expect(CHECK_RULE_NAMES).toMatchObject({
      INCOME_EQUALS_EXPENDITURE_PLUS_CLOSING_MINUS_OPENING: '收支平衡',
      PARENT_EQUALS_SUM_OF_CHILDREN: '上级科目等于下级之和',
      VARIANCES_EXPLAINED: '差异原因已说明',
      DRAFT_PLACEHOLDERS: '决算草稿待补充',
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-final-accounts-1280.png'), fullPage: true });
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
    // One Chinese word per status (PROGRESS_STATUS_NAMES), the code only in data-status.
    for (const row of rows.filter((r) => r.status === 'ALERT')) {
      expect(row.text).toContain('滞后');
      expect(row.text).not.toContain('ALERT');
    }
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
    // The dialog's 'close' event, which removes it, is dispatched as a task after the click.
    await page.waitForSelector('[data-testid=detail]', { state: 'detached', timeout: 5_000 });
    expect(await page.$('[data-testid=detail]')).toBeNull();

    // By unit: the same department in one row; lines with their 指标 balances.
    await page.click('[data-groupby=unit]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=behind-table] tbody tr[data-key]').length === 1);
    const lines = await api<{ lines: { lineId: string; available: string; overspent: boolean }[] }>(`${read(DEPT, YEAR, 'lines')}?asOf=${AS_OF}`);
    // The first page of ten, overspent lines first, then by lineId, as the page sorts them.
    const firstPage = [...lines.lines].sort((a, b) => Number(b.overspent) - Number(a.overspent) || a.lineId.localeCompare(b.lineId)).slice(0, 10);
    for (const line of firstPage) expect(await page.textContent(`[data-testid=lines-table] tr[data-line="${line.lineId}"]`)).toContain(wan(line.available));
    await page.close();
  });

  it('shows 年初预算 beside 全年预算 in the project list, and the previous year at the same date beside the selected one', async () => {
    const PRIOR_AS_OF = '2023-06-30'; // the same month-day as TWO_AS_OF, one year earlier
    const budget24 = await budgetOf(TWO, 2024, TWO_AS_OF);
    const budget23 = await budgetOf(TWO, 2023, PRIOR_AS_OF);
    const projects = await api<{ groups: Group[] }>(`${read(TWO, 2024, 'progress')}?groupBy=project&asOf=${TWO_AS_OF}`);
    // From the events posted: TWO-P1's INITIAL issue is 40 万元 and its 全年预算 65 万元 (with 追加 and 上年结转);
    // TWO-P2 had a SUPPLEMENTARY issue only, so the budget's 项目支出表 has no row for it.
    const p1Initial = budget24.tables.projects.rows.find((r) => r.projectCode === 'TWO-P1')!;
    expect(p1Initial.total).toBe('400000.00');
    expect(budget24.tables.projects.rows.map((r) => r.projectCode)).not.toContain('TWO-P2');
    const p1 = projects.groups.find((g) => g.key === 'TWO-P1')!;
    expect(p1.budget).toBe('650000.00');
    // One 年初预算数 (SPEC §12, §14): the self-evaluation's and the 监控表's initialBudget are the same figure.
    const evaluation = await api<{ projects: { projectCode: string; initialBudget: string }[] }>(`${read(TWO, 2024, 'self-evaluation')}?asOf=${TWO_AS_OF}`);
    const monitoring = await api<{ projects: { projectCode: string; initialBudget: string }[] }>(`${read(TWO, 2024, 'monitoring')}?asOf=${TWO_AS_OF}`);
    for (const answer of [evaluation, monitoring]) {
      expect(answer.projects.filter((p) => p.projectCode.startsWith('TWO-')).map((p) => [p.projectCode, p.initialBudget]).sort()).toEqual([['TWO-P1', p1Initial.total], ['TWO-P2', '0.00']]);
    }

    const page = await newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, tokens.all, `#dept=${TWO}&year=2024&asOf=${TWO_AS_OF}`);
    await behindRows(page);
    const row = (key: string) => `[data-testid=behind-table] tr[data-key="${key}"]`;
    const heads = await page.$$eval('[data-testid=behind-table] thead th', (ths) => ths.map((th) => th.textContent));
    expect(heads.slice(2, 4)).toEqual(['年初预算（万元）', '全年预算（万元）']);
    expect(await textOf(page, `${row('TWO-P1')} td.col-initial`)).toBe(wan(p1Initial.total)); // 40.00
    expect(await textOf(page, `${row('TWO-P1')} td.col-budget`)).toBe(wan(p1.budget)); // 65.00
    expect(await textOf(page, `${row('TWO-P2')} td.col-initial`)).toBe('—');
    expect(await page.getAttribute(`${row('TWO-P2')} td.col-initial span`, 'title')).toBe('无年初预算');
    expect(await textOf(page, '[data-testid=no-initial-note]')).toContain('1 个项目无年初预算');

    // 上年同期对比: each year at 30 June, as the API answers for that date (not the whole of 2023).
    const progressAt = (year: number, asOf: string) => api<{ groups: Group[] }>(`${read(TWO, year, 'progress')}?groupBy=department${asOf ? `&asOf=${asOf}` : ''}`);
    const [now, before, wholeYear] = await Promise.all([progressAt(2024, TWO_AS_OF), progressAt(2023, PRIOR_AS_OF), progressAt(2023, '')]);
    expect(before.groups[0].paid).not.toBe(wholeYear.groups[0].paid);
    expect(budget24.tables.summary.expenditure.totalExpenditure).toBe('1350000.00'); // INITIAL 40 + 95 万元
    expect(budget24.carriedIn).toBe('150000.00'); // 2023's 结转, 2024's CARRY_IN
    await page.waitForSelector('[data-testid=year-compare-table]');
    const heading = await page.$$eval('[data-testid=year-compare-table] thead th', (ths) => ths.map((th) => th.textContent));
    expect(heading).toEqual(['项目', '2023年', '2024年', '同比增减']);
    expect(await textOf(page, '[data-testid=year-compare] .compare-intro')).toContain('2023年与2024年，均截至6月30日');
    const cell = (r: string, year: number) => `[data-testid=year-compare-table] tr[data-row=${r}] td[data-year="${year}"]`;
    for (const [year, progress, budget] of [[2024, now, budget24], [2023, before, budget23]] as const) {
      const g = progress.groups[0];
      expect(await textOf(page, cell('initial', year))).toBe(wan(budget.tables.summary.expenditure.totalExpenditure));
      expect(await textOf(page, cell('budget', year))).toBe(wan(g.budget));
      expect(await textOf(page, cell('carried-in', year))).toBe(wan(budget.carriedIn));
      expect(await textOf(page, cell('paid', year))).toBe(wan(g.paid));
      expect(await textOf(page, cell('rate', year))).toBe(`${g.executionRate}%`);
      expect(await page.getAttribute(`${cell('status', year)} .badge`, 'data-status')).toBe(g.status);
    }
    // The change of the 年初预算, in 万元 with its sign, from the exact difference of the two years' 元.
    const initialChange = groupThousands(formatWan(parseYuan(budget24.tables.summary.expenditure.totalExpenditure) - parseYuan(budget23.tables.summary.expenditure.totalExpenditure)));
    expect(await textOf(page, '[data-testid=year-compare-table] tr[data-row=initial] td.change')).toBe(signed(initialChange));
    // Both years' execution-rate curves on one chart: two series, each month's tooltip naming both years' figures.
    await page.waitForSelector('[data-testid=year-compare-chart] canvas');
    expect(await page.getAttribute('[data-testid=year-compare-chart]', 'data-series')).toBe('2023,2024');
    const compareTip = async (m: number) => {
      await page.locator('[data-testid=year-compare-chart]').scrollIntoViewIfNeeded();
      const { x, y, width, height } = (await page.locator('[data-testid=year-compare-chart]').boundingBox())!;
      const [left, right] = width < 520 ? [40, 16] : [52, 24];
      await page.mouse.move(0, 0);
      await page.mouse.move(x + left + ((width - left - right) * (m - 1)) / 11, y + height / 2);
      await page.waitForFunction((month) => document.querySelector('[data-testid=year-compare-chart] .chart-tip strong')?.textContent === `${month}月末`, m, { timeout: 5_000 });
      return (await page.textContent('[data-testid=year-compare-chart] .chart-tip')) ?? '';
    };
    for (const m of [3, 6]) {
      const tip = await compareTip(m);
      expect(tip).toContain(`2023年 ${before.groups[0].months[m - 1].executionRate}%`);
      expect(tip).toContain(`2024年 ${now.groups[0].months[m - 1].executionRate}%`);
    }
    expect(await compareTip(9)).toContain('2023年 —'); // after 30 June: not drawn for either year
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await page.locator('[data-testid=year-compare]').screenshot({ path: join(SCREENSHOTS, 'dashboard-years.png') });
    await page.locator('[data-testid=behind]').screenshot({ path: join(SCREENSHOTS, 'dashboard-initial-budget.png') });
    if (process.env.DASHBOARD_README_SCREENSHOT === '1') {
      mkdirSync(DOC_IMAGES, { recursive: true });
      await page.locator('[data-testid=year-compare]').screenshot({ path: join(DOC_IMAGES, 'dashboard-years.png') });
      await page.locator('[data-testid=behind]').screenshot({ path: join(DOC_IMAGES, 'dashboard-initial-budget.png') });
    }
    expect(await englishWords(page)).toEqual([]);

    // On a phone: nothing wider than the screen, the comparison's figures on screen, no text squeezed.
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.body.scrollWidth <= window.innerWidth)).toBe(true);
    const compareCells = await page.$$eval('[data-testid=year-compare-table] td', (tds) => tds.map((td) => td.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    for (const c of compareCells) {
      expect(c.left).toBeGreaterThanOrEqual(0);
      expect(c.right).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await squeezed(page)).toEqual([]);
    expect(await compareTip(6)).toContain(`2024年 ${now.groups[0].months[5].executionRate}%`);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await page.locator('[data-testid=year-compare]').screenshot({ path: join(SCREENSHOTS, 'dashboard-years-390.png') });
    await page.locator('[data-testid=behind]').screenshot({ path: join(SCREENSHOTS, 'dashboard-initial-budget-390.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-years-390-full.png'), fullPage: true });
    if (process.env.DASHBOARD_README_SCREENSHOT === '1') await page.locator('[data-testid=year-compare]').screenshot({ path: join(DOC_IMAGES, 'dashboard-years-phone.png') });
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

    // The year's 部门预算 beside its 决算 (SPEC §14): the workbook's 收支总表 carries the API's 收入总计.
    const budget = await api<{ tables: { summary: { income: { grandTotal: string } } } }>(read('430', 2023, 'budget'));
    const [budgetXlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-budget-xlsx]')]);
    expect(budgetXlsx.suggestedFilename()).toBe('秦皇岛市山海关区机关事务服务中心2023年部门预算.xlsx');
    await budgetXlsx.saveAs(join(DOWNLOADS, budgetXlsx.suggestedFilename()));
    const budgetBook = new ExcelJS.Workbook();
    await budgetBook.xlsx.readFile(join(DOWNLOADS, budgetXlsx.suggestedFilename()));
    const numbers: string[] = [];
    budgetBook.worksheets.find((w) => w.name.includes('收支总表'))!.eachRow((r) => r.eachCell((c) => (typeof c.value === 'number' ? numbers.push(c.value.toFixed(2)) : undefined)));
    expect(numbers).toContain(wan(budget.tables.summary.income.grandTotal));
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
      for (const [token, outcome] of [[reader, '加载演示数据需要管理员令牌。'], [empty.adminToken, null]] as const) {
        // A new tab for each officer: its sessionStorage starts empty. (Clearing it in a loaded page raced the page's own
        // sign-in, which could store the token again before the reload.)
        const page = await newPage();
        await page.goto(`${emptyBase}/`);
        await page.fill('[data-testid=token-input]', token);
        await page.click('[data-testid=signin-submit]');
        await page.click('[data-testid=load-demo]');
        if (outcome) {
          expect(await textOf(page, '[data-testid=demo-status]', outcome)).toBe(outcome);
          await page.close();
          continue;
        }
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=dept-select] option').length >= 2, undefined, { timeout: 60_000 });
        const listed = await page.$$eval('[data-testid=dept-select] option', (options) => options.map((o) => (o as HTMLOptionElement).value));
        const expected = (await empty.get('/v1/departments')).body.departments.map((d: { code: string }) => d.code);
        expect(listed).toEqual(expected);
        expect(listed).toEqual(expect.arrayContaining(['434', '430']));
        await page.waitForSelector('[data-testid=view] [data-testid=headline]');
        await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-demo-loaded.png') });
        await page.close();
      }
    } finally {
      await empty.close();
    }
  });

  it('ran with no CSP violation, script error or token in a URL', () => {
    expect(problems).toEqual([]);
  });
});
