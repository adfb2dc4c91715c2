import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';
import { ensureWebBuilt } from './support/web-build';

/**
 * The dashboard's page and assets (issue 6) are served by the API at `/` without a token, with security headers on
 * every response: a Content-Security-Policy with no inline script and no remote origin, no framing, no referrer, no
 * MIME sniffing. The data stays behind the token.
 */
describe('the dashboard page: static files and security headers', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = ensureWebBuilt();
    t = await startTestApp('embedded', { webDir });
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectSecurityHeaders = (headers: Record<string, string>) => {
    const csp = headers['content-security-policy'];
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    // Nothing from another origin, and no way to evaluate strings as code.
    expect(csp).not.toMatch(/https?:|\*|unsafe-eval|wasm-unsafe-eval/);
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    for (const values of Object.values(directives)) for (const v of values) expect(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']).toContain(v);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-powered-by']).toBeUndefined();
  };

  it('serves index.html at / without a token, with the security headers', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(res.headers);
    expect(res.text).toContain('预算执行监控');
  });

  it('has no inline script and nothing from another origin in the page', async () => {
    const html = (await t.http().get('/')).text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body.trim()).toBe('');
      expect(attrs).toMatch(/src="\/assets\/[^"]+\.js"/);
    }
    expect(html).not.toMatch(/\son\w+=/i); // no inline event handlers
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toBe(readFileSync(join(webDir, 'index.html'), 'utf8'));
  });

  it('serves the bundled assets with their types, cached for good, with the same headers', async () => {
    const html = (await t.http().get('/')).text;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await t.http().get(asset);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
      expect(res.headers['cache-control']).toContain('immutable');
      expectSecurityHeaders(res.headers);
    }
    const js = (await t.http().get(assets.find((a) => a.endsWith('.js'))!)).text;
    // ECharts is bundled (no CDN at run time) and the bundle does not evaluate strings.
    expect(js).toContain('echarts');
    expect(js).not.toMatch(/\beval\(|new Function\(/);
  });

  it('sends the same headers with API answers, and keeps the data behind the token', async () => {
    const health = await t.http().get('/v1/health');
    expect(health.status).toBe(200);
    expectSecurityHeaders(health.headers);
    const denied = await t.http().get('/v1/departments');
    expect(denied.status).toBe(401);
    expectSecurityHeaders(denied.headers);
    expect((await t.http().get('/v1/departments/434/years/2024/progress')).status).toBe(401);
  });

  it('answers unknown paths with the JSON 404, not the page, and serves nothing outside the bundle', async () => {
    for (const path of ['/nope', '/assets/nope.js', '/../package.json', '/%2e%2e/package.json', '/v1/nope']) {
      const res = await t.http().get(path);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('NOT_FOUND');
      expect(res.text).not.toContain('budget-execution-tracker');
    }
    expect((await t.http().post('/').send({})).status).toBe(404);
  });
});
