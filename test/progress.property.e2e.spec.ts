import fc from 'fast-check';
import { startTestApp, TestApp } from './support/test-app';
import { yuanOf } from './support/helpers';

/**
 * Property (issue 3): for random streams of 指标 and 支付 events, at every month the department's budget and paid
 * equal the sums over its lines, and progress after a from-scratch rebuild equals progress before it.
 */
interface Group {
  key: string;
  budget: string;
  paid: string;
  months: { month: number; budget: string; paid: string; paidInMonth: string }[];
}

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

const money = fc.integer({ min: 1, max: 5_000_000 }).map((f) => yuanOf(BigInt(f)));
const day = fc.integer({ min: 1, max: 365 }).map((t) => new Date(Date.UTC(2023, 0, t)).toISOString().slice(0, 10));
const step = fc.record({ kind: fc.constantFrom('issue', 'pay', 'pay', 'adjust', 'transfer', 'reverse'), line: fc.integer({ min: 0, max: 4 }), other: fc.integer({ min: 0, max: 4 }), amount: money, day });

describe('progress properties (fast-check, real PostgreSQL)', () => {
  let t: TestApp;
  let run = 0;
  beforeAll(async () => {
    t = await startTestApp('embedded');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps department = Σ lines at every month, and a rebuild changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const dept = `R${++run}`;
        const events: unknown[] = [];
        const payments: { id: string; line: string; day: string }[] = [];
        const base = (type: string, occurredOn: string, i: number) => ({ eventId: `${dept}-${i}`, type, fiscalYear: 2023, departmentCode: dept, occurredOn });
        // Every line exists from 1 January, so later events can reference it.
        for (let l = 0; l < 5; l++) {
          events.push({ ...base('AppropriationIssued', '2023-01-01', 1000 + l), data: { lineId: `L${l}`, unitCode: `U${l % 2}`, functionCode: l % 2 ? '2010301' : '2080501', fundSource: 'GENERAL_BUDGET', expenditureKind: l === 4 ? 'PROJECT' : 'BASIC', ...(l === 4 ? { projectCode: 'P' } : {}), stage: 'INITIAL', amount: '100000' } });
        }
        steps.forEach((s, i) => {
          const line = `L${s.line}`;
          switch (s.kind) {
            case 'issue':
              events.push({ ...base('AppropriationIssued', s.day, i), data: { lineId: line, unitCode: `U${s.line % 2}`, functionCode: s.line % 2 ? '2010301' : '2080501', fundSource: 'GENERAL_BUDGET', expenditureKind: s.line === 4 ? 'PROJECT' : 'BASIC', ...(s.line === 4 ? { projectCode: 'P' } : {}), stage: 'SUPPLEMENTARY', amount: s.amount } });
              break;
            case 'pay':
              events.push({ ...base('PaymentMade', s.day, i), data: { lineId: line, amount: s.amount, economicCode: '30201' } });
              payments.push({ id: `${dept}-${i}`, line, day: s.day });
              break;
            case 'adjust':
              events.push({ ...base('AppropriationAdjusted', s.day, i), data: { lineId: line, amount: i % 2 ? s.amount : `-${s.amount}`, reason: 'r' } });
              break;
            case 'transfer':
              if (s.other !== s.line) events.push({ ...base('AppropriationTransferred', s.day, i), data: { fromLineId: line, toLineId: `L${s.other}`, amount: s.amount, reason: 'r' } });
              break;
            case 'reverse': {
              const p = payments[i % Math.max(1, payments.length)];
              if (p) events.push({ ...base('PaymentReversed', s.day, i), data: { lineId: p.line, originalEventId: p.id, amount: '0.01', reason: 'r' } });
              break;
            }
          }
        });
        const res = await t.post(events);
        expect(res.status).toBe(200);

        const get = async (groupBy: string) => (await t.get(`/v1/departments/${dept}/years/2023/progress?groupBy=${groupBy}`)).body.groups as Group[];
        const [department] = await get('department');
        const lines = await get('line');
        for (let m = 0; m < 12; m++) {
          expect(department.months[m].budget).toBe(yuanOf(lines.reduce((sum, l) => sum + fen(l.months[m].budget), 0n)));
          expect(department.months[m].paid).toBe(yuanOf(lines.reduce((sum, l) => sum + fen(l.months[m].paid), 0n)));
          expect(department.months[m].paidInMonth).toBe(yuanOf(lines.reduce((sum, l) => sum + fen(l.months[m].paidInMonth), 0n)));
        }
        // The year-end figures agree with the ledger's line balances.
        const balances = (await t.get(`/v1/departments/${dept}/years/2023/lines`)).body.lines as { lineId: string; budget: string; paid: string }[];
        for (const b of balances) expect(lines.find((l) => l.key === b.lineId)).toMatchObject({ budget: b.budget, paid: b.paid });
        return true;
      }),
      { numRuns: 12 },
    );
    const before = await Promise.all(Array.from({ length: run }, (_, i) => t.get(`/v1/departments/R${i + 1}/years/2023/progress?groupBy=line`).then((r) => r.body)));
    expect((await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(200);
    const after = await Promise.all(Array.from({ length: run }, (_, i) => t.get(`/v1/departments/R${i + 1}/years/2023/progress?groupBy=line`).then((r) => r.body)));
    expect(after).toEqual(before);
  });
});
