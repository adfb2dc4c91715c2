import { adjust, closeYear, issue, pay, reverse, transfer } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The audit trail of SPEC §13 through HTTP: a line's history (attributes, every applied event touching it in
 * processing order, budget and paid after each) and the department-year's 调剂. Expected amounts worked out by hand.
 */
describe('audit trail: line history and transfers', () => {
  let t: TestApp;
  const D = 'AUD';
  const o = (occurredOn: string) => ({ departmentCode: D, occurredOn });
  const history = (lineId: string, query = '', token?: string) => t.get(`/v1/departments/${D}/years/2023/lines/${encodeURIComponent(lineId)}/history${query}`, token);

  // L1: 1000 INITIAL, +500.50 追加, +20 上年结转, −200 调减, −300 to L2, +50.25 from L2, pays 400.10 and 100, 30.05 reversed,
  // year-end carries 200 forward.
  const initial = issue('L1', '1000', { documentNo: '财预〔2023〕1号' }, o('2023-01-10'));
  const other = issue('L2', '800', {}, o('2023-01-10'));
  const supplementary = issue('L1', '500.5', { stage: 'SUPPLEMENTARY', documentNo: '财预〔2023〕5号' }, o('2023-03-01'));
  const carryIn = issue('L1', '20', { stage: 'CARRY_IN' }, o('2023-01-05'));
  const cut = { ...adjust('L1', '-200', o('2023-04-01')), data: { lineId: 'L1', amount: '-200', reason: '压减一般性支出', documentNo: '财预〔2023〕9号' } };
  const out = transfer('L1', 'L2', '300', o('2023-05-01'));
  const back = { ...transfer('L2', 'L1', '50.25', o('2023-06-01')), data: { fromLineId: 'L2', toLineId: 'L1', amount: '50.25', reason: '调回', documentNo: '财调〔2023〕2号' } };
  const pay1 = { ...pay('L1', '400.1', '30201', o('2023-06-15')), data: { lineId: 'L1', amount: '400.1', economicCode: '30201', payee: '某办公用品公司', method: 'DIRECT' } };
  const pay2 = pay('L1', '100', '30211', o('2023-07-01'));
  const pay3 = pay('L2', '99', '30201', o('2023-07-02'));
  const refund = reverse('L1', pay1.eventId, '30.05', o('2023-08-01'));
  const closing = closeYear([{ lineId: 'L1', amount: '200' }], { departmentCode: D });

  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.post([initial, other, supplementary, carryIn, cut, out, back, pay1, pay2, pay3, refund, closing]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(12).fill('APPLIED'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists a line's attributes and every event touching it with budget, paid and available after each", async () => {
    const res = await history('L1');
    expect(res.status).toBe(200);
    expect(res.body.line).toEqual({
      lineId: 'L1', unitCode: '434001', functionCode: '2010301', economicCode: '302', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC',
      projectCode: null, projectName: null,
      budget: '1070.75', paid: '470.05', available: '600.70', carriedIn: '20.00', carriedForward: '200.00', lapsed: '400.70',
    });
    const rows = res.body.events.map((e: Record<string, string>) => [e.eventId, e.type, e.amount ?? null, e.budget, e.paid, e.available]);
    expect(rows).toEqual([
      [initial.eventId, 'AppropriationIssued', '1000.00', '1000.00', '0.00', '1000.00'],
      [supplementary.eventId, 'AppropriationIssued', '500.50', '1500.50', '0.00', '1500.50'],
      [carryIn.eventId, 'AppropriationIssued', '20.00', '1520.50', '0.00', '1520.50'],
      [cut.eventId, 'AppropriationAdjusted', '-200.00', '1320.50', '0.00', '1320.50'],
      [out.eventId, 'AppropriationTransferred', '300.00', '1020.50', '0.00', '1020.50'],
      [back.eventId, 'AppropriationTransferred', '50.25', '1070.75', '0.00', '1070.75'],
      [pay1.eventId, 'PaymentMade', '400.10', '1070.75', '400.10', '670.65'],
      [pay2.eventId, 'PaymentMade', '100.00', '1070.75', '500.10', '570.65'],
      [refund.eventId, 'PaymentReversed', '30.05', '1070.75', '470.05', '600.70'],
      [closing.eventId, 'YearEndClosed', null, '1070.75', '470.05', '600.70'],
    ]);
    const positions = res.body.events.map((e: { position: string }) => Number(e.position));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const [first, second, third, adjustment, transferOut, transferIn, payment, , reversal, yearEnd] = res.body.events;
    expect(first).toMatchObject({ stage: 'INITIAL', documentNo: '财预〔2023〕1号', occurredOn: '2023-01-10' });
    expect(second).toMatchObject({ stage: 'SUPPLEMENTARY', documentNo: '财预〔2023〕5号' });
    expect(third).toMatchObject({ stage: 'CARRY_IN', documentNo: null });
    expect(adjustment).toMatchObject({ reason: '压减一般性支出', documentNo: '财预〔2023〕9号' });
    expect(transferOut).toMatchObject({ direction: 'OUT', otherLineId: 'L2', reason: '指标调剂', documentNo: null });
    expect(transferIn).toMatchObject({ direction: 'IN', otherLineId: 'L2', reason: '调回', documentNo: '财调〔2023〕2号' });
    expect(payment).toMatchObject({ economicCode: '30201', payee: '某办公用品公司', method: 'DIRECT' });
    expect(reversal).toMatchObject({ originalEventId: pay1.eventId, reason: '退回' });
    expect(yearEnd).toMatchObject({ carriedForward: '200.00', lapsed: '400.70', occurredOn: '2023-12-31' });
  });

  it('shows the other side of each transfer, and a closing that does not name a line lapses all of it', async () => {
    // L2: 800 + 300 − 50.25 = 1049.75; paid 99 → 950.75 available, all of it lapses.
    const res = await history('L2');
    expect(res.body.line).toMatchObject({ budget: '1049.75', paid: '99.00', available: '950.75', carriedForward: '0.00', lapsed: '950.75' });
    expect(res.body.events.map((e: { type: string; direction?: string; budget: string }) => [e.type, e.direction ?? null, e.budget])).toEqual([
      ['AppropriationIssued', null, '800.00'],
      ['AppropriationTransferred', 'IN', '1100.00'],
      ['AppropriationTransferred', 'OUT', '1049.75'],
      ['PaymentMade', null, '1049.75'],
      ['YearEndClosed', null, '1049.75'],
    ]);
  });

  it('as of a date: only events that occurred by then (in processing order), no year-end yet', async () => {
    const res = await history('L1', '?asOf=2023-06-30');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2023-06-30');
    // Issues 1000 + 500.50 + 20, −200, −300, +50.25; payment 400.10 on 06-15.
    expect(res.body.line).toMatchObject({ budget: '1070.75', paid: '400.10', available: '670.65', carriedIn: '20.00', carriedForward: null, lapsed: null });
    expect(res.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([initial.eventId, supplementary.eventId, carryIn.eventId, cut.eventId, out.eventId, back.eventId, pay1.eventId]);
    // Before anything was issued the line exists (as in GET …/lines?asOf=) with nothing on it.
    expect((await history('L1', '?asOf=2023-01-01')).body).toMatchObject({ line: { budget: '0.00', paid: '0.00' }, events: [] });
  });

  it('lists every 调剂 in processing order, as of a date too', async () => {
    const res = await t.get(`/v1/departments/${D}/years/2023/transfers`);
    expect(res.status).toBe(200);
    expect(res.body.transfers).toEqual([
      { eventId: out.eventId, fromLineId: 'L1', toLineId: 'L2', amount: '300.00', reason: '指标调剂', documentNo: null, occurredOn: '2023-05-01' },
      { eventId: back.eventId, fromLineId: 'L2', toLineId: 'L1', amount: '50.25', reason: '调回', documentNo: '财调〔2023〕2号', occurredOn: '2023-06-01' },
    ]);
    expect((await t.get(`/v1/departments/${D}/years/2023/transfers?asOf=2023-05-31`)).body.transfers.map((x: { eventId: string }) => x.eventId)).toEqual([out.eventId]);
    expect((await t.get(`/v1/departments/${D}/years/2022/transfers`)).body.transfers).toEqual([]);
  });

  it('knownAt: only events appended by then; a line not yet known is 404', async () => {
    const pause = () => new Promise((r) => setTimeout(r, 20));
    await pause();
    const before = new Date().toISOString();
    await pause();
    const late = pay('L1', '1.23', '30201', o('2023-03-01'));
    const lateLine = issue('L9', '9', {}, o('2023-01-10'));
    // The year is closed: a back-dated payment is refused; the new line's issue too (YEAR_CLOSED).
    expect((await t.post([late, lateLine])).body.results.map((r: { code: string }) => r.code)).toEqual(['YEAR_CLOSED', 'YEAR_CLOSED']);
    const open = { departmentCode: D, fiscalYear: 2024 };
    const i24 = issue('N1', '100', {}, { ...open, occurredOn: '2024-01-10' });
    expect((await t.post([i24])).status).toBe(200);
    const middle = new Date().toISOString();
    await pause();
    const p24 = pay('N1', '10', '30201', { ...open, occurredOn: '2024-02-01' });
    expect((await t.post([p24])).status).toBe(200);
    const known = (q: string) => t.get(`/v1/departments/${D}/years/2024/lines/N1/history?knownAt=${encodeURIComponent(q)}`);
    expect((await known(before)).status).toBe(404);
    const atMiddle = await known(middle);
    expect(atMiddle.body).toMatchObject({ knownAt: middle, line: { budget: '100.00', paid: '0.00' } });
    expect(atMiddle.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([i24.eventId]);
    expect((await t.get(`/v1/departments/${D}/years/2024/lines/N1/history`)).body.line).toMatchObject({ budget: '100.00', paid: '10.00' });
  });

  it('404 for an unknown line, 400 for a bad query, 403 and nothing else for a department outside the token', async () => {
    const unknown = await history('NOPE');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'NOT_FOUND', message: expect.any(String) });
    expect((await t.get(`/v1/departments/OTHER/years/2023/lines/L1/history`)).status).toBe(404);
    expect((await history('L1', '?asOf=2023-02-30')).status).toBe(400);
    expect((await history('L1', '?asof=2023-02-01')).status).toBe(400);
    const reader = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['read:B'] })).body.token;
    for (const path of [`/v1/departments/${D}/years/2023/lines/L1/history`, `/v1/departments/${D}/years/2023/transfers`]) {
      const res = await t.get(path, reader);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'FORBIDDEN', message: expect.any(String) });
    }
  });
});
