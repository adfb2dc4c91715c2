import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalForm, canonicalJson, contentHash } from './canonical';

/** The reference: the previous implementation (sorted entries mapped and joined), which events already stored were hashed with. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).filter((k) => record[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(',')}}`;
}

describe('canonical JSON of an event (SPEC §10 identical content)', () => {
  it('equals the reference form (keys sorted at every level, no whitespace) for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores key order and undefined fields, not amount spelling', () => {
    expect(contentHash({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 'x' } })).toBe(contentHash({ a: { c: 'x', d: [2, { x: 2, y: 1 }] }, b: 1, z: undefined }));
    expect(contentHash({ amount: '100.5' })).not.toBe(contentHash({ amount: '100.50' }));
    expect(canonicalJson({ b: '\u2028"', a: null })).toBe('{"a":null,"b":"\u2028\\""}');
  });

  it('hashes the canonical text with SHA-256', () => {
    const form = canonicalForm({ b: 2, a: 1 });
    expect(form.json).toBe('{"a":1,"b":2}');
    expect(form.hash).toBe(createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
    expect(contentHash({ b: 2, a: 1 })).toBe(form.hash);
  });
});
