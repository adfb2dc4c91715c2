import type { Page } from 'playwright-core';

/** Signs in on the dashboard at `base` with a bearer token, as an officer does (the form, then the department picker). */
export async function signInAt(page: Page, base: string, token: string, hash = ''): Promise<void> {
  await page.goto(`${base}/${hash}`);
  await page.fill('[data-testid=token-input]', token);
  await page.click('[data-testid=signin-submit]');
  await page.waitForSelector('[data-testid=dept-select]');
}
