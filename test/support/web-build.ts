import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build:web` writes the dashboard, and where the tests serve it from. */
export const WEB_DIR = resolve(__dirname, '../../dist/web');
const ROOT = resolve(__dirname, '../..');
const LOCK = resolve(ROOT, 'dist/.web-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const index = join(WEB_DIR, 'index.html');
  // apps/web and what it imports from elsewhere (the domain's enumerations).
  const newest = Math.max(newestSource(resolve(ROOT, 'apps/web')), statSync(resolve(ROOT, 'libs/domain/src/codes.ts')).mtimeMs);
  return existsSync(index) && statSync(index).mtimeMs >= newest;
}

/**
 * Builds the dashboard bundle (vite) unless dist/web is newer than every file of apps/web. Test files running in
 * parallel take turns through a lock file, so only one of them builds.
 */
export function ensureWebBuilt(): string {
  const deadline = Date.now() + 180_000;
  while (!isFresh()) {
    let fd: number | null = null;
    try {
      execFileSync('mkdir', ['-p', resolve(ROOT, 'dist')]);
      fd = openSync(LOCK, 'wx');
    } catch {
      // Another worker builds (or a stale lock from a killed run, older than 3 minutes).
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000) unlinkSync(LOCK);
      if (Date.now() > deadline) throw new Error('timed out waiting for the dashboard build');
      execFileSync('sleep', ['1']);
      continue;
    }
    try {
      if (!isFresh()) execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 180_000 });
    } finally {
      closeSync(fd);
      unlinkSync(LOCK);
    }
  }
  return WEB_DIR;
}
