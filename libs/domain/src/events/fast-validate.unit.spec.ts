import fc from 'fast-check';
import { catalogue } from '../catalogue/catalogue';
import { fastAccept } from './fast-validate';
import { EventValidation, validateEvent, validateEventWithDtos } from './validate-event';

/**
 * The hand-written fast path must never accept what the DTOs (the contract, event-dtos.ts) refuse, and must accept
 * every hot event the DTOs accept, or ingest silently falls back to the slow path.
 */
const HOT_TYPES = ['AppropriationIssued', 'AppropriationAdjusted', 'AppropriationTransferred', 'PaymentMade', 'PaymentReversed'] as const;
type HotType = (typeof HOT_TYPES)[number];
type Json = Record<string, unknown>;

// ---- valid-looking building blocks (independent of the code under test) ----

const eventId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/);
const departmentCode = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/);
const fiscalYear = fc.oneof(fc.constantFrom(2023, 2024, 2025), fc.constantFrom(2000, 2096, 2100), fc.integer({ min: 2000, max: 2100 }));
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateIn = (year: number) =>
  fc.integer({ min: 1, max: 12 }).chain((month) => fc.integer({ min: 1, max: lastDay(year, month) }).map((day) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`));

const localId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), fc.constantFrom('L1', 'L2', '项目-01', '😀', 'x'.repeat(128)));
/** Text of 1..max characters as validator.js counts them (surrogate pairs and variation selectors included). */
const text = (max: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.constantFrom('退回', '预算调减', '😀\uFE0F', '✔\uFE0E', 'x'.repeat(max), '😀'.repeat(max), 'x'.repeat(max) + '\uFE0F', '中'.repeat(max)),
  );
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

/** A positive amount in 元 up to 10^15, written with 0, 1 or 2 decimals and sometimes leading zeros. */
const amount = fc
  .record({ fen: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.bigInt({ min: 1n, max: 10_000_000n })), zeros: fc.constantFrom('', '', '', '0', '00'), style: fc.nat(2) })
  .map(({ fen, zeros, style }) => {
    const whole = `${zeros}${fen / 100n}`;
    const cents = fen % 100n;
    if (cents === 0n && style === 0) return whole;
    if (cents % 10n === 0n && style === 1) return `${whole}.${cents / 10n}`;
    return `${whole}.${pad(Number(cents), 2)}`;
  });
const signedAmount = fc.tuple(amount, fc.boolean()).map(([a, negative]) => (negative ? `-${a}` : a));

const functionCode = fc.constantFrom('2010301', '2130599', '2080501', '2299999', '2010399');
const economicCode5 = fc.constantFrom('30201', '30216', '30101', '30199', '30218');
const economicCode = fc.oneof(economicCode5, fc.constantFrom('301', '302', '399'));

const dataArbitraries: Record<HotType, fc.Arbitrary<Json>> = {
  AppropriationIssued: fc.record(
    {
      lineId: localId,
      unitCode: localId,
      functionCode,
      functionName: optional(text(200)),
      economicCode: optional(economicCode),
      economicName: optional(text(200)),
      fundSource: fc.constantFrom('GENERAL_BUDGET', 'GOV_FUND', 'STATE_CAPITAL', 'SPECIAL_ACCOUNT', 'UNIT_FUNDS'),
      expenditureKind: fc.constantFrom('BASIC', 'PROJECT', 'REMIT_TO_HIGHER', 'OPERATING', 'SUBSIDY_TO_SUBSIDIARY'),
      projectCode: optional(localId),
      projectName: optional(text(200)),
      stage: fc.constantFrom('INITIAL', 'SUPPLEMENTARY', 'CARRY_IN'),
      amount,
      documentNo: optional(text(128)),
    },
    { requiredKeys: ['lineId', 'unitCode', 'functionCode', 'fundSource', 'expenditureKind', 'stage', 'amount'] },
  ),
  AppropriationAdjusted: fc.record(
    { lineId: localId, amount: signedAmount, reason: text(2000), documentNo: optional(text(128)) },
    { requiredKeys: ['lineId', 'amount', 'reason'] },
  ),
  AppropriationTransferred: fc.record(
    { fromLineId: fc.constantFrom('L1', 'L2', 'L3'), toLineId: fc.constantFrom('L1', 'L2', 'L3'), amount, reason: text(2000), documentNo: optional(text(128)) },
    { requiredKeys: ['fromLineId', 'toLineId', 'amount', 'reason'] },
  ),
  PaymentMade: fc.record(
    {
      lineId: localId,
      amount,
      economicCode: economicCode5,
      economicName: optional(text(200)),
      payee: optional(text(200)),
      method: optional(fc.constantFrom('DIRECT', 'AUTHORIZED')),
      procurement: optional(
        fc.record(
          { category: fc.constantFrom('GOODS', 'WORKS', 'SERVICES'), smeAwarded: optional(fc.boolean()), smallMicroAwarded: optional(fc.boolean()) },
          { requiredKeys: ['category'] },
        ),
      ),
    },
    { requiredKeys: ['lineId', 'amount', 'economicCode'] },
  ),
  PaymentReversed: fc.record({ lineId: localId, originalEventId: eventId, amount, reason: text(2000) }),
};

const hotEvent = fc.constantFrom(...HOT_TYPES).chain((type) =>
  fiscalYear.chain((year) =>
    fc.record(
      { eventId, type: fc.constant(type), fiscalYear: fc.constant(year), departmentCode, occurredOn: dateIn(year), source: optional(text(64)), data: dataArbitraries[type] },
      { requiredKeys: ['eventId', 'type', 'fiscalYear', 'departmentCode', 'occurredOn', 'data'] },
    ),
  ),
);

// ---- mutations: near misses aimed at the fields each type has ----

const VS = '\uFE0F';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';
const GENERIC: unknown[] = [undefined, null, true, false, 0, 1, 2023, 100.5, {}, [], ['L1'], '', ' ', '\u0000', LONE_HIGH, '😀', VS];
const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const generic = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...GENERIC) }, codeUnitString, fc.oneof(fc.integer(), fc.double(), fc.boolean()));

/** Text bounds as validator.js isLength counts them, plus unstorable text (Text fields allow control characters). */
const nearTexts = (max: number) => [
  'x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(max), '😀'.repeat(max + 1), 'x'.repeat(max) + VS, VS + 'x'.repeat(max), 'x'.repeat(max) + VS + VS,
  '😀'.repeat(max) + VS, VS, VS + VS, '\uFE0E', 'a\u0000b', `a${LONE_HIGH}`, `${LONE_LOW}a`, `${LONE_LOW}${LONE_HIGH}`, '\u0001\t\n', '中'.repeat(max + 1),
];
/** LOCAL_ID_PATTERN counts UTF-16 units and refuses control characters. */
const NEAR_LOCAL_IDS = [
  '', 'x'.repeat(128), 'x'.repeat(129), '😀'.repeat(64), '😀'.repeat(65), 'L\u0001', '\u001f', 'L\u007f', 'L\u0080', 'L\t1', 'L\u0000', `L${LONE_HIGH}`, `L${LONE_LOW}`, VS, 'L1', 'L2', ' ',
];
const NEAR_EVENT_IDS = ['x'.repeat(128), 'x'.repeat(129), '', 'has space', 'a/b', 'é', 'tsy-2023:1.a_b', 'a\n'];
const NEAR_DEPARTMENT_CODES = ['x'.repeat(32), 'x'.repeat(33), '', 'B.1', 'B 1', 'B:1', 'b_-9'];
const NEAR_AMOUNTS = [
  '1.234', '01', '00.10', '-0', '-0.00', '0', '0.00', '00', '-1', '-5.5', '1.', '.5', '+1', '1e5', ' 1', '1 ', '1,000', '１', '0x10', '1.2.3', '--1', '-', '',
  '1000000000000000', '1000000000000000.00', '1000000000000000.0', '1000000000000000.01', '1000000000000000.1', '1000000000000001', '9999999999999999',
  '999999999999999.99', '0001000000000000000', '0001000000000000000.01', '10000000000000000', '-1000000000000000', '-1000000000000000.01',
  '1'.repeat(24), '0'.repeat(23) + '1', '0'.repeat(24) + '1', '0'.repeat(21) + '1.5', '0'.repeat(20) + '1.55', '-' + '0'.repeat(22) + '1', 100, -5, 0.5,
];
const nearDates = (year: number) => [
  ...[year - 1, year, year + 1].flatMap((y) =>
    [0, 1, 2, 6, 7, 12, 13].flatMap((m) => [0, 1, 28, 29, 30, 31, 32].map((d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)),
  ),
  `${year}-1-01`, ` ${year}-01-01`, `${year}/01/01`, `${year}-01-01T00:00`, '٢٠٢٤-01-01', '1899-12-31',
];
const NEAR_FISCAL_YEARS = ['2024', 2024.5, 1999, 2101, 2000, 2100, NaN, Infinity, -2024];
const NEAR_FUNCTION_CODES = ['9990101', '2180101', '20103', '201030', '20103011', '２０１０３０１', '201030a', '0000000', '2010301'];
const NEAR_ECONOMIC_CODES = ['30298', '302', '399', '398', '3020', '302011', '３０２０１', '00000', '30201'];
const ENUM_VALUES = [
  'GENERAL_BUDGET', 'LOTTERY', 'PROJECT', 'BASIC', 'project', 'INITIAL', 'FINAL', 'DIRECT', 'authorized', 'GOODS', 'goods', 'SERVICES',
  ...HOT_TYPES, 'IncomeRecorded', 'YearEndClosed', 'PaymentMaybe', 'constructor', 'toString',
];
const NEAR_BOOLEANS = [true, false, 'true', 1, 0];
const NEAR_PROCUREMENTS = [
  {}, { category: 'GOODS' }, { category: 'WORKS', smallMicroAwarded: true }, { category: 'WORKS', smeAwarded: true, smallMicroAwarded: true },
  { category: 'GOODS', smeAwarded: 'yes' }, { category: 'GOODS', extra: 1 }, { category: 'LAND' }, [], 'GOODS', null, { category: 'GOODS', smeAwarded: null, smallMicroAwarded: false },
];
const NEAR_DATA = [null, [], 'x', {}];

const TEXT_MAX: Record<string, number> = { source: 64, functionName: 200, economicName: 200, projectName: 200, payee: 200, documentNo: 128, reason: 2000 };
const LOCAL_IDS = new Set(['lineId', 'unitCode', 'projectCode', 'fromLineId', 'toLineId']);

/** Values just inside and just outside the rules of one field. */
function nearMisses(key: string, event: Json): unknown[] {
  if (key in TEXT_MAX) return nearTexts(TEXT_MAX[key]);
  if (LOCAL_IDS.has(key)) return NEAR_LOCAL_IDS;
  switch (key) {
    case 'eventId':
    case 'originalEventId':
      return NEAR_EVENT_IDS;
    case 'departmentCode':
      return NEAR_DEPARTMENT_CODES;
    case 'amount':
      return NEAR_AMOUNTS;
    case 'occurredOn':
      return nearDates(event.fiscalYear as number);
    case 'fiscalYear':
      return NEAR_FISCAL_YEARS;
    case 'functionCode':
      return NEAR_FUNCTION_CODES;
    case 'economicCode':
      return NEAR_ECONOMIC_CODES;
    case 'smeAwarded':
    case 'smallMicroAwarded':
      return NEAR_BOOLEANS;
    case 'procurement':
      return NEAR_PROCUREMENTS;
    case 'data':
      return NEAR_DATA;
    default:
      return ENUM_VALUES;
  }
}

/** Random values for the fields whose formats have many more cases than the lists above. */
function randomNear(key: string, event: Json): fc.Arbitrary<unknown> {
  switch (key) {
    case 'amount':
      return fc.stringMatching(/^-?0{0,2}[0-9]{1,17}(\.[0-9]{0,3})?$/);
    case 'eventId':
    case 'originalEventId':
      return fc.stringMatching(/^[A-Za-z0-9._:\- /]{1,6}$/);
    case 'departmentCode':
      return fc.stringMatching(/^[A-Za-z0-9_.:-]{1,6}$/);
    case 'functionCode':
      return fc.stringMatching(/^[0-9]{7}$/);
    case 'economicCode':
      return fc.stringMatching(/^3[0-9]{2}([0-9]{2})?$/);
    case 'fiscalYear':
      return fc.integer({ min: 1995, max: 2105 });
    case 'data':
      return fc.constantFrom(...HOT_TYPES).chain((t) => dataArbitraries[t]);
    default:
      return fc.constantFrom(...nearMisses(key, event));
  }
}

function nearValue(key: string, event: Json): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...nearMisses(key, event)) }, { weight: 1, arbitrary: randomNear(key, event) });
}

const DATA_FIELDS: Record<HotType, string[]> = {
  AppropriationIssued: ['lineId', 'unitCode', 'functionCode', 'functionName', 'economicCode', 'economicName', 'fundSource', 'expenditureKind', 'projectCode', 'projectName', 'stage', 'amount', 'documentNo'],
  AppropriationAdjusted: ['lineId', 'amount', 'reason', 'documentNo'],
  AppropriationTransferred: ['fromLineId', 'toLineId', 'amount', 'reason', 'documentNo'],
  PaymentMade: ['lineId', 'amount', 'economicCode', 'economicName', 'payee', 'method', 'procurement'],
  PaymentReversed: ['lineId', 'originalEventId', 'amount', 'reason'],
};
const ENVELOPE_FIELDS = ['eventId', 'type', 'fiscalYear', 'departmentCode', 'occurredOn', 'source', 'data'];
const PROCUREMENT_FIELDS = ['category', 'smeAwarded', 'smallMicroAwarded'];
const unknownKey = fc.oneof(fc.constantFrom('amout', 'Amount', 'lineid', 'extra', '', 'kind', 'name', 'units', 'fiscalYear', 'data'), fc.stringMatching(/^[a-z]{1,8}$/));

type Target = 'envelope' | 'data' | 'procurement';
type Mutation = { target: Target; key: string; remove: boolean; value: unknown };

function mutationFor(event: Json): fc.Arbitrary<Mutation> {
  const type = event.type as HotType;
  const fields: [Target, string][] = [
    ...ENVELOPE_FIELDS.map((k): [Target, string] => ['envelope', k]),
    ...DATA_FIELDS[type].map((k): [Target, string] => ['data', k]),
    ...(type === 'PaymentMade' ? PROCUREMENT_FIELDS.map((k): [Target, string] => ['procurement', k]) : []),
  ];
  const known = fc.constantFrom(...fields).chain(([target, key]) =>
    fc.record({
      target: fc.constant(target),
      key: fc.constant(key),
      remove: fc.nat(3).map((n) => n === 0), // a quarter of the time: drop the field
      value: fc.oneof({ weight: 4, arbitrary: nearValue(key, event) }, { weight: 1, arbitrary: generic }),
    }),
  );
  const extra = fc.record({ target: fc.constantFrom<Target>('envelope', 'data', 'data', 'procurement'), key: unknownKey, remove: fc.constant(false), value: generic });
  return fc.oneof({ weight: 6, arbitrary: known }, { weight: 1, arbitrary: extra });
}

function mutate(event: Json, mutations: Mutation[]): unknown {
  const raw: Json = { ...event };
  if (isRecord(raw.data)) {
    raw.data = { ...raw.data };
    const data = raw.data as Json;
    if (isRecord(data.procurement)) data.procurement = { ...data.procurement };
  }
  for (const m of mutations) {
    let target: unknown = m.target === 'envelope' ? raw : raw.data;
    if (m.target === 'procurement' && isRecord(target)) {
      if (!isRecord(target.procurement)) target.procurement = { category: 'SERVICES' };
      target = target.procurement;
    }
    if (!isRecord(target)) continue;
    if (m.remove) delete target[m.key];
    else target[m.key] = m.value;
  }
  return raw;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const mutatedEvent = hotEvent.chain((event) => fc.tuple(fc.constant(event), fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutationFor(event), { minLength: 1, maxLength: 2 }))));

/** The property: fastAccept accepts only what the DTOs accept (the same event), and every hot event they accept. */
function compare(raw: unknown): { dto: EventValidation; disagreement: string | null } {
  const dto = validateEventWithDtos(raw, catalogue);
  const fast = fastAccept(raw, catalogue);
  const hot = isRecord(raw) && (HOT_TYPES as readonly unknown[]).includes(raw.type);
  if (fast !== null && !(dto.ok && dto.event === raw && fast === raw)) return { dto, disagreement: `fast path accepts what the DTOs refuse: ${JSON.stringify(dto)}` };
  if (dto.ok && hot && fast === null) return { dto, disagreement: 'the DTOs accept a hot event the fast path leaves to them' };
  return { dto, disagreement: null };
}

const BASES: Record<HotType, Json[]> = {
  AppropriationIssued: [
    { lineId: 'L1', unitCode: 'U1', functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', stage: 'INITIAL', amount: '1000' },
    {
      lineId: 'L2', unitCode: 'U1', functionCode: '2130599', functionName: '其他农业农村支出', economicCode: '30201', economicName: '办公费', fundSource: 'GOV_FUND',
      expenditureKind: 'PROJECT', projectCode: 'P-1', projectName: '高标准农田', stage: 'SUPPLEMENTARY', amount: '2500000.5', documentNo: '财预〔2024〕1号',
    },
  ],
  AppropriationAdjusted: [
    { lineId: 'L1', amount: '-20.5', reason: '调减' },
    { lineId: 'L1', amount: '300', reason: '追加预算', documentNo: 'D-1' },
  ],
  AppropriationTransferred: [{ fromLineId: 'L1', toLineId: 'L2', amount: '5', reason: '调剂', documentNo: 'D-2' }],
  PaymentMade: [
    { lineId: 'L1', amount: '100.50', economicCode: '30201' },
    { lineId: 'L1', amount: '0.01', economicCode: '30216', economicName: '培训费', payee: '某某公司', method: 'AUTHORIZED', procurement: { category: 'SERVICES', smeAwarded: true, smallMicroAwarded: true } },
  ],
  PaymentReversed: [{ lineId: 'L1', originalEventId: 'pay-1', amount: '50', reason: '退回' }],
};

describe('fastAccept agrees with the DTO contract: every field × its near misses', () => {
  it('agrees on every single-field change of well-formed hot events', () => {
    const failures: string[] = [];
    let accepted = 0;
    let refused = 0;
    const check = (raw: Json, what: string) => {
      const { dto, disagreement } = compare(raw);
      if (disagreement) failures.push(`${what}: ${disagreement}`);
      if (dto.ok) accepted++;
      else refused++;
    };
    for (const type of HOT_TYPES) {
      for (const data of BASES[type]) {
        // 1999 and 2101 are outside the envelope's range: those bases are refused as a whole.
        for (const year of [1999, 2024, 2100, 2101]) {
          const base: Json = { eventId: 'e-1', type, fiscalYear: year, departmentCode: 'B00001', occurredOn: `${year}-06-15`, data };
          const fields: [Target, string][] = [
            ...ENVELOPE_FIELDS.map((k): [Target, string] => ['envelope', k]),
            ...DATA_FIELDS[type].map((k): [Target, string] => ['data', k]),
            ...(type === 'PaymentMade' ? PROCUREMENT_FIELDS.map((k): [Target, string] => ['procurement', k]) : []),
            ['envelope', 'amout'], ['data', 'amout'], ['procurement', 'amout'],
          ];
          check(mutate(base, []) as Json, `${type} ${year}`);
          for (const [target, key] of fields) {
            check(mutate(base, [{ target, key, remove: true, value: undefined }]) as Json, `${type} ${year} without ${target}.${key}`);
            for (const value of [...nearMisses(key, base), ...GENERIC]) {
              check(mutate(base, [{ target, key, remove: false, value }]) as Json, `${type} ${year} ${target}.${key}=${JSON.stringify(value)}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });
});

describe('fastAccept agrees with the DTO contract (fast-check)', () => {
  it('accepts exactly the hot events the DTOs accept, and returns the same event', () => {
    const seen = { accepted: new Map<string, number>(), refused: new Map<string, number>() };
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    fc.assert(
      fc.property(mutatedEvent, ([event, mutations]) => {
        const raw = mutate(event, mutations);
        const type = isRecord(raw) ? String(raw.type) : '';
        const { dto, disagreement } = compare(raw);
        expect(disagreement).toBeNull();
        expect(validateEvent(raw, catalogue)).toEqual(dto);
        count(dto.ok ? seen.accepted : seen.refused, type);
      }),
      { numRuns: 2500 },
    );
    // Both sides of the property were exercised for every hot type.
    for (const type of HOT_TYPES) {
      expect(seen.accepted.get(type) ?? 0).toBeGreaterThan(100);
      expect(seen.refused.get(type) ?? 0).toBeGreaterThan(100);
    }
  });
});

describe('fastAccept examples', () => {
  const payment = {
    eventId: 'bench-pay-1',
    type: 'PaymentMade',
    fiscalYear: 2024,
    departmentCode: 'B00001',
    occurredOn: '2024-12-31',
    data: { lineId: 'L001', amount: '500.10', economicCode: '30216', method: 'DIRECT', procurement: { category: 'GOODS', smeAwarded: true, smallMicroAwarded: true } },
  };
  const issue = {
    ...payment,
    type: 'AppropriationIssued',
    occurredOn: '2024-01-02',
    data: { lineId: 'L1', unitCode: 'B0000101', functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'PROJECT', projectCode: 'P1', stage: 'INITIAL', amount: '1000000000000000' },
  };
  const withData = (event: Json, data: Json) => ({ ...event, data: { ...(event.data as Json), ...data } });

  it('accepts a well-formed payment and 指标 without touching the DTOs', () => {
    expect(fastAccept(payment, catalogue)).toBe(payment);
    expect(fastAccept(issue, catalogue)).toBe(issue);
    expect(fastAccept({ ...payment, type: 'PaymentReversed', data: { lineId: 'L1', originalEventId: 'bench-pay-0', amount: '0.01', reason: '退回' } }, catalogue)).not.toBeNull();
  });

  it.each([
    ['three decimals', withData(payment, { amount: '1.234' })],
    ['a zero amount', withData(payment, { amount: '-0' })],
    ['an amount above 10^15 元', withData(payment, { amount: '1000000000000000.01' })],
    ['a date that does not exist', { ...payment, occurredOn: '2024-02-30' }],
    ['a date in the following year', { ...payment, occurredOn: '2025-01-01' }],
    ['an unknown economic code', withData(payment, { economicCode: '30298' })],
    ['an unknown function class', withData(issue, { functionCode: '9990101' })],
    ['PROJECT without projectCode', withData(issue, { projectCode: null })],
    ['smallMicroAwarded without smeAwarded', withData(payment, { procurement: { category: 'WORKS', smallMicroAwarded: true } })],
    ['an unknown procurement field', withData(payment, { procurement: { category: 'WORKS', sme: true } })],
    ['a NUL in the payee', withData(payment, { payee: 'a\u0000b' })],
    ['a lone surrogate in the lineId', withData(payment, { lineId: 'L\ud800' })],
    ['a transfer to the same line', { ...payment, type: 'AppropriationTransferred', data: { fromLineId: 'L1', toLineId: 'L1', amount: '5', reason: '调剂' } }],
  ])('leaves %s to the DTOs, which refuse it', (_what, raw) => {
    expect(fastAccept(raw, catalogue)).toBeNull();
    expect(validateEvent(raw, catalogue).ok).toBe(false);
  });

  it('counts text length as the DTOs do: 200 emoji are a 200-character payee, 201 are too many', () => {
    expect(fastAccept(withData(payment, { payee: '😀'.repeat(200) }), catalogue)).not.toBeNull();
    expect(fastAccept(withData(payment, { payee: '😀'.repeat(201) }), catalogue)).toBeNull();
    expect(validateEvent(withData(payment, { payee: '😀'.repeat(201) }), catalogue).ok).toBe(false);
  });

  it('reports the same problems as before for a refused hot event', () => {
    const raw = { ...payment, fiscalYear: '2024', data: { ...payment.data, amount: 500.1, amout: '1' } };
    expect(validateEvent(raw, catalogue)).toEqual({
      ok: false,
      problems: [
        { path: 'fiscalYear', message: 'fiscalYear must not be greater than 2100; fiscalYear must not be less than 2000; fiscalYear must be an integer year such as 2023' },
        { path: 'data.amout', message: 'data.amout is not a field of this event type' },
        { path: 'data.amount', message: 'amount must be a positive amount in 元 as a JSON string with at most 2 decimals (e.g. "1234.56"), got the JSON number 500.1' },
      ],
    });
  });

  it('leaves fields named like Object.prototype members to the DTO path', () => {
    expect(fastAccept(JSON.parse('{"__proto__": "x", "eventId": "e1", "type": "PaymentMade", "fiscalYear": 2024, "departmentCode": "B1", "occurredOn": "2024-01-01", "data": {"lineId": "L1", "amount": "1", "economicCode": "30201"}}'), catalogue)).toBeNull();
    expect(fastAccept(withData(payment, { constructor: 'x' }), catalogue)).toBeNull();
  });
});
