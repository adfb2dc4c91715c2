import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Pool } from 'pg';
import { withTransaction } from './database';

/**
 * Versioned SQL migrations (`NNN_name.sql` in ./migrations), applied in order at start-up, each in its own
 * transaction, under an advisory lock so that several processes starting together apply each once.
 */
const MIGRATION_LOCK = 7_340_001;

export function migrationsDirectory(): string {
  // In the source tree this is ./migrations; in a webpack bundle (dist/apps/x) walk up to the repository.
  const candidates = [join(__dirname, 'migrations')];
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) candidates.push(join(dir, 'libs/postgres/src/migrations'));
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('SQL migrations directory not found');
  return found;
}

export async function runMigrations(pool: Pool): Promise<string[]> {
  const dir = migrationsDirectory();
  const files = readdirSync(dir).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newlyApplied: string[] = [];
    for (const file of files) {
      if (applied.has(file)) continue;
      await client.query(readFileSync(join(dir, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      newlyApplied.push(file);
    }
    return newlyApplied;
  });
}
