import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Parameterised SQL only (issue 5, security): every value reaches PostgreSQL as a $n parameter. The few SQL texts
 * built with `${…}` interpolate only the constants listed here (identifiers and channel names no request can
 * influence); any other interpolation in SQL fails this test.
 */
const ALLOWED = new Map<string, string>([
  ['LINE_COLUMNS', 'a constant column list'],
  ['LINE_ATTRIBUTES', 'a constant column list (libs/postgres line-attributes.ts)'],
  ['LINE_ATTRIBUTES_OF_L', 'a constant column list (libs/postgres line-attributes.ts)'],
  ['NEW_ROWS_CHANNEL', 'a constant LISTEN/NOTIFY channel name'],
  ['INGEST_RESULTS_CHANNEL', 'a constant LISTEN/NOTIFY channel name'],
  ['DB_NAME', 'the embedded database name, a constant'],
  ["tables.join(', ')", 'the projection tables to rebuild, a constant list'],
  // knownAt (libs/postgres/src/ledger/known-at.ts): shadows of the read tables in pg_temp.
  ['table', 'a read-model table name from the projections\' constant lists'],
  ['real', "the tables' schema, from quote_ident(current_schema())"],
  ["table === 'events' ? ' EXCLUDING INDEXES' : ''", 'a constant clause'],
  ["unique ?? ''", "'UNIQUE ' or nothing, from pg_get_indexdef"],
]);
const SQL = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|TRUNCATE|LISTEN|NOTIFY|CREATE|DROP|ALTER|COPY)\b/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'web' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('SQL is parameterised', () => {
  const root = join(__dirname, '..');
  const files = [...sourceFiles(join(root, 'libs')), ...sourceFiles(join(root, 'apps'))];

  it('scans the server code', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('interpolates nothing but listed constants into SQL text', () => {
    const offending: string[] = [];
    let sqlTemplates = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const template of text.matchAll(/`([^`]*)`/g)) {
        const body = template[1];
        if (!SQL.test(body) && !/\bFROM\s+\w+\b[\s\S]*\bWHERE\b/i.test(body)) continue;
        sqlTemplates++;
        for (const interpolation of body.matchAll(/\$\{([^}]*)\}/g)) {
          if (!ALLOWED.has(interpolation[1].trim())) offending.push(`${relative(root, file)}: \${${interpolation[1]}}`);
        }
      }
    }
    expect(sqlTemplates).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });
});
