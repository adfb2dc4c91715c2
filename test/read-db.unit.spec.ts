import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * `?knownAt=` (SPEC §13) answers a department read from its own connection, which sees the read models at the cut
 * (apps/api/src/core/read-scope.ts). A read that queried `runtime.readPool` directly would answer a knownAt request
 * with today's figures, silently: the read services reach the database through `readDb(runtime)` (read models) or
 * `eventStoreDb(runtime)` (the event store or rejections, filtered by the cut themselves).
 */
const API = join(__dirname, '../apps/api/src');

/** Files that may name the read pool, and why. */
const ALLOWED: Record<string, string> = {
  'core/read-scope.ts': 'readDb and eventStoreDb themselves',
  'core/core.module.ts': 'the read cache version query (current state only)',
  'core/read-replica-sync.ts': 'replica lag, not a read',
  'audit/audit.service.ts': 'event-store reads cut at reflects.position (the primary during a knownAt read)',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('read services reach the database through the read scope', () => {
  it('names the read pool only where the read scope is implemented or the cut is applied by hand', () => {
    const offenders = sources(API)
      .map((path) => relative(API, path))
      .filter((file) => !(file in ALLOWED) && /\breadPool\b/.test(readFileSync(join(API, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
