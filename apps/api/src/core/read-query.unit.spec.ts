import { ApiError } from './api-error';
import { limit, localId, oneOf, parseInstant, readQuery } from './read-query';

function refusal(query: unknown, options: Parameters<typeof readQuery>[1] = {}): { message: string; problems: { path: string; message: string }[] } {
  try {
    readQuery(query, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).getStatus()).toBe(400);
    const body = (e as ApiError).getResponse() as { error: string; message: string; problems: { path: string; message: string }[] };
    expect(body.error).toBe('VALIDATION_FAILED');
    return body;
  }
  throw new Error('expected a 400');
}

describe('read query parameters (SPEC §4, §13)', () => {
  it('reads asOf, knownAt, format and the route parameters, typed', () => {
    const q = readQuery(
      { asOf: '2023-06-30', knownAt: '2026-07-01T09:00:00+08:00', format: 'csv', groupBy: 'unit', limit: '20' },
      { formats: ['csv'], params: { groupBy: oneOf(['department', 'unit'] as const), limit: limit(), projectCode: localId } },
    );
    expect(q.asOf).toBe('2023-06-30');
    expect(q.knownAt?.toISOString()).toBe('2026-07-01T01:00:00.000Z');
    expect(q.format).toBe('csv');
    expect(q.params).toEqual({ groupBy: 'unit', limit: 20, projectCode: undefined });
  });

  it('defaults to json and everything', () => {
    const q = readQuery({});
    expect(q).toEqual({ asOf: undefined, knownAt: undefined, knownAtText: undefined, format: 'json', params: {} });
  });

  it('refuses an unknown parameter, naming it and the accepted ones, with a hint for a misspelt case', () => {
    const body = refusal({ asof: '2023-06-30' });
    expect(body.problems[0].path).toBe('asof');
    expect(body.message).toContain('asof');
    expect(body.message).toContain('是否应为 asOf');
    expect(body.message).toContain('asOf、knownAt、format');
  });

  it('refuses asOf where the route has none', () => {
    expect(refusal({ asOf: '2023-06-30' }, { asOf: false }).problems[0].path).toBe('asOf');
  });

  it('refuses a repeated or nested parameter', () => {
    expect(refusal({ asOf: ['2023-01-01', '2023-02-01'] }).message).toContain('asOf 只能出现一次');
    expect(refusal({ asOf: { x: '1' } }).problems[0].path).toBe('asOf');
  });

  it('refuses an unsupported format, listing the supported ones', () => {
    const body = refusal({ format: 'xlsx' }, { formats: ['csv'] });
    expect(body.message).toContain('format 须为json、csv 之一');
    expect(body.message).toContain('xlsx');
  });

  it('lists every problem at once', () => {
    const body = refusal({ asOf: '2023-02-30', knownAt: 'yesterday', foo: '1' });
    expect(body.problems.map((p) => p.path).sort()).toEqual(['asOf', 'foo', 'knownAt']);
  });

  it('keeps a cleared code filter as absent, but refuses a bad limit', () => {
    expect(readQuery({ projectCode: '' }, { params: { projectCode: localId } }).params.projectCode).toBeUndefined();
    for (const bad of ['0', '10001', '1.5', '', '1e3', '+5']) expect(refusal({ limit: bad }, { params: { limit: limit() } }).problems[0].path).toBe('limit');
  });

  it('requires what the route cannot answer without', () => {
    expect(refusal({}, { params: { year: oneOf(['2023']) }, required: ['year'] }).message).toContain('缺少参数 year');
  });
});

describe('knownAt: RFC 3339 instants', () => {
  it.each([
    ['2026-07-01T09:00:00+08:00', '2026-07-01T01:00:00.000Z'],
    ['2026-07-01T01:00:00Z', '2026-07-01T01:00:00.000Z'],
    ['2026-07-01t01:00:00z', '2026-07-01T01:00:00.000Z'],
    ['2026-07-01T01:00:00.123456Z', '2026-07-01T01:00:00.123Z'],
    ['2026-06-30T20:30:00-04:30', '2026-07-01T01:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    // `+` sent unencoded in a URL arrives as a space
    ['2026-07-01T09:00:00 08:00', '2026-07-01T01:00:00.000Z'],
  ])('reads %s', (text, iso) => expect(parseInstant(text)?.toISOString()).toBe(iso));

  it.each([
    '2026-07-01',
    '2026-07-01T09:00:00',
    '2026-07-01 09:00:00Z',
    '2026-07-01T09:00Z',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-07-01T24:00:00Z',
    '2026-07-01T09:60:00Z',
    '2026-07-01T09:00:00+24:00',
    '2026-07-01T09:00:00+0800',
    '1782867600',
    ' 2026-07-01T01:00:00Z',
  ])('refuses %s', (text) => expect(parseInstant(text)).toBeUndefined());
});
