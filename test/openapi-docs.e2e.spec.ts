import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { installChromium, launchChromium, type HeadlessChromium } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The API documentation page (/docs, Swagger UI; SPEC §13) in a real headless Chromium (Debian's package, installed by
 * scripts/install-chromium.sh): it renders every operation of /v1/openapi.json under the API's Content-Security-Policy
 * (scripts and styles from this origin only), with no violation and no script error, and needs no token.
 * `OPENAPI_DOCS_SCREENSHOT=1` also writes the README's picture, docs/images/openapi-docs.png.
 */
const ROOT = resolve(__dirname, '..');

describe('API documentation page in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let browser: HeadlessChromium | undefined;

  beforeAll(async () => {
    installChromium();
    t = await startTestApp('embedded');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium({ width: 1440, height: 1100 });
    context = browser.context;
  }, 25 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders every operation, grouped by tag, under the Content-Security-Policy', async () => {
    const description = (await t.http().get('/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>>; tags: { name: string }[] };
    const operations = Object.values(description.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    const problems: string[] = [];
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text()) || m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const response = await page.goto(`${base}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.swagger-ui .information-container .title');
    expect(await page.textContent('.swagger-ui .information-container .title')).toContain('预算执行跟踪 API');
    // docExpansion "list": every tag open, one block per operation.
    await page.waitForFunction((n) => document.querySelectorAll('.opblock').length === n, operations);
    const tags = await page.$$eval('.opblock-tag-section h3 .nostyle span', (spans) => spans.map((s) => s.textContent));
    expect(tags).toEqual(description.tags.map((tag) => tag.name));
    expect(await page.textContent('.opblock-summary-path[data-path="/v1/departments/{dept}/years/{year}/progress"] ~ .opblock-summary-description')).toBe('预算执行进度');
    expect(problems).toEqual([]);
    if (process.env.OPENAPI_DOCS_SCREENSHOT === '1') {
      // Written only on request, so a test run leaves the tree as it was.
      mkdirSync(join(ROOT, 'docs/images'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'docs/images/openapi-docs.png') });
    }
    await page.close();
  });
});
