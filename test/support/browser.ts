import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface HeadlessChromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Installs Debian's Chromium once (scripts/install-chromium.sh; it can take minutes the first time). */
export function installChromium(): void {
  execFileSync('bash', [join(resolve(__dirname, '../..'), 'scripts/install-chromium.sh')], { stdio: 'inherit', timeout: 20 * 60_000 });
}

/** Debian's headless Chromium with a fresh profile, a zh-CN locale and the given viewport. */
export async function launchChromium(viewport: { width: number; height: number }, options: { acceptDownloads?: boolean } = {}): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'bt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in on the dashboard at `base` with a bearer token, as an officer does (the form, then the department picker). */
export async function signInAt(page: Page, base: string, token: string, hash = ''): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.fill('[data-testid=token-input]', token);
  await page.click('[data-testid=signin-submit]');
  await page.waitForSelector('[data-testid=dept-select]');
}
