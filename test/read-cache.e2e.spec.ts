import { ReadCache } from '../apps/api/src/core/read-cache';
import { issue, pay, register, reverse } from './support/events';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * Department reads are cached by ledger position (issue 12): a repeated read is answered from the cache, and any event
 * applied after it — a payment, a reversal, a renaming registered under another year, a rebuild — changes the next
 * answer at once. asOf reads change only when the new event lies on or before their date. Figures by hand.
 */
describe.each(TRANSPORTS)('cached department reads over the %s transport', (transport) => {
  let t: TestApp;
  const o = { departmentCode: 'RC', fiscalYear: 2024 };
  const base = '/v1/departments/RC/years/2024';

  beforeAll(async () => {
    t = await startTestApp(transport);
    const res = await t.post([
      register('缓存测试局', { ...o, occurredOn: '2024-01-02' }),
      issue('L1', '100000', { unitCode: '434001' }, { ...o, occurredOn: '2024-01-05' }),
      issue('L2', '50000', { unitCode: '434001', functionCode: '2010350', expenditureKind: 'PROJECT', projectCode: 'P1', projectName: '信息化项目' }, { ...o, occurredOn: '2024-01-05' }),
      pay('L1', '10000', '30201', { ...o, occurredOn: '2024-03-10' }),
      pay('L2', '5000', '30201', { ...o, occurredOn: '2024-04-10' }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('APPLIED'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const read = async (path: string) => {
    const res = await t.get(`${base}/${path}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const paidOf = async (path: string, key: string) => ((await read(path)).groups as { key: string; paid: string }[]).find((g) => g.key === key)?.paid;
  const apply = async (...events: unknown[]) => {
    const res = await t.post(events);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(events.map(() => 'APPLIED'));
  };

  it('answers a repeated read identically, and a payment applied after it changes the next answer', async () => {
    expect(await paidOf('progress?groupBy=line', 'L1')).toBe('10000.00');
    const again = await t.get(`${base}/progress?groupBy=line`);
    expect(again.status).toBe(200);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body.groups.map((g: { key: string; paid: string }) => [g.key, g.paid])).toEqual([['L1', '10000.00'], ['L2', '5000.00']]);

    await apply(pay('L1', '2500.50', '30201', { ...o, occurredOn: '2024-11-05' }));
    expect(await paidOf('progress?groupBy=line', 'L1')).toBe('12500.50');
    expect(await paidOf('progress?groupBy=department', 'RC')).toBe('17500.50');
  });

  it('keeps an asOf answer for an event dated after asOf, and changes it for one dated before', async () => {
    const asOf = 'progress?groupBy=project&asOf=2024-10-31';
    expect(await paidOf(asOf, 'P1')).toBe('5000.00');
    await apply(pay('L2', '700', '30201', { ...o, occurredOn: '2024-11-20' }));
    expect(await paidOf(asOf, 'P1')).toBe('5000.00');
    expect(await paidOf('progress?groupBy=project', 'P1')).toBe('5700.00');
    await apply(pay('L2', '300', '30201', { ...o, occurredOn: '2024-06-01' }));
    expect(await paidOf(asOf, 'P1')).toBe('5300.00');
    expect(await paidOf('progress?groupBy=project', 'P1')).toBe('6000.00');
  });

  it('changes the 决算 tables after a reversal applied after a cached read', async () => {
    // Paid so far: L1 10 000 + 2 500.50, L2 5 000 + 700 + 300 = 18 500.50, all under economic code 30201.
    const total = (body: { tables: { generalBudgetBasic: { rows: { code: string; amount: string }[] } } }) =>
      body.tables.generalBudgetBasic.rows.find((r) => r.code === 'TOTAL')?.amount;
    const before = await read('final-accounts');
    const expenditureBefore = before.tables.summary.expenditure.totalExpenditure;
    expect(expenditureBefore).toBe('18500.50');
    expect(total(before)).toBe('12500.50'); // 基本支出: L1 only
    expect(await read('final-accounts')).toEqual(before);
    const original = pay('L1', '1000', '30201', { ...o, occurredOn: '2024-05-05' });
    await apply(original, reverse('L1', original.eventId, '400', { ...o, occurredOn: '2024-05-06' }));
    const after = await read('final-accounts');
    expect(after.tables.summary.expenditure.totalExpenditure).toBe('19100.50');
    expect(total(after)).toBe('13100.50');
    // The asOf read before both is unchanged: 10 000 (March) + 5 000 (April).
    expect((await read('final-accounts?asOf=2024-04-30')).tables.summary.expenditure.totalExpenditure).toBe('15000.00');
  });

  it('shows a renaming registered under another fiscal year in the next read of this one', async () => {
    expect((await read('progress')).groups[0].name).toBe('缓存测试局');
    await apply(register('缓存测试局（更名）', { departmentCode: 'RC', fiscalYear: 2025, occurredOn: '2025-01-03' }));
    expect((await read('progress')).groups[0].name).toBe('缓存测试局（更名）');
  });

  it('takes a new version after a rebuild, and answers the same figures', async () => {
    const cache = t.app.get(ReadCache);
    const before = await cache.version('RC', ['ledger_lines', 'line_days']);
    const answer = await read('progress?groupBy=line');
    expect((await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`)).status).toBe(200);
    expect(await cache.version('RC', ['ledger_lines', 'line_days'])).not.toBe(before);
    expect(await read('progress?groupBy=line')).toEqual(answer);
  });

  it('answers 304 to a client that holds the current answer, and 200 with the new one after a payment', async () => {
    const first = await t.get(`${base}/progress?groupBy=unit`);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const conditional = () => t.http().get(`${base}/progress?groupBy=unit`).set('Authorization', `Bearer ${t.adminToken}`).set('If-None-Match', etag);
    expect((await conditional()).status).toBe(304);
    await apply(pay('L1', '1', '30201', { ...o, occurredOn: '2024-12-01' }));
    const changed = await conditional();
    expect(changed.status).toBe(200);
    expect(changed.body.groups[0].paid).toBe('19101.50');
  });
});
