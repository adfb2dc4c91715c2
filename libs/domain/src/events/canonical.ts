import * as crypto from 'node:crypto';

/**
 * "Identical content" (SPEC §10) is the same JSON value with key order ignored, so events are compared by
 * the hash of a canonical form: keys sorted at every level, no whitespace. `"100.5"` and `"100.50"` differ.
 * Written as a plain loop (it runs for every event ingested: issue 12).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const child = record[key];
    if (child === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(child);
    first = false;
  }
  return out + '}';
}

/** SHA-256 of a text, hex (Node's one-shot `crypto.hash` where it exists: no Hash object per event). */
const sha256: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** The canonical JSON of an event and its hash, computed once (the event store keeps the first as the payload). */
export function canonicalForm(value: unknown): { json: string; hash: string } {
  const json = canonicalJson(value);
  return { json, hash: sha256(json) };
}
