import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk writes for the ingest path (issue 12): the per-batch rows travel as one COPY stream (append-only tables) or as
 * one JSON document expanded by `json_to_recordset` (upserts), never as pg-encoded arrays, whose text encoding in
 * Node and parsing in PostgreSQL cost more than the writes themselves.
 */
export type CopyValue = string | number | bigint | null;

/** A value in COPY's text format: NULL is \N; backslash, tab, newline and carriage return are escaped. */
function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** A `COPY table (columns) FROM STDIN` statement (a constant at the call site) fed the rows, in the caller's transaction. */
export async function copyRows(client: PoolClient, copyStatement: string, rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (!rows.length) return;
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let line = copyText(row[0]);
    for (let j = 1; j < row.length; j++) line += '\t' + copyText(row[j]);
    lines[i] = line;
  }
  const text = lines.join('\n') + '\n';
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(copyStatement));
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(text);
  });
}
