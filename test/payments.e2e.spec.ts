import { issue, pay, reverse } from './support/events';
import { startTestApp, TestApp } from './support/test-app';

/**
 * GET …/payments (issue 6): the payments of a department-year from the event store, newest first, with what was
 * reversed of each as of the read's date, filtered by project, line, unit or function code, and the totals of every
 * matching payment — amounts written by PostgreSQL as 元 with two decimals.
 */
describe('GET /v1/departments/{dept}/years/{year}/payments', () => {
  let t: TestApp;
  const o = { departmentCode: 'PY' };
  const p1 = pay('L1', '1234.56', '30201', { ...o, occurredOn: '2023-02-10', eventId: 'py-p1' });
  const p2 = pay('L1', '100000.05', '30211', { ...o, occurredOn: '2023-04-01', eventId: 'py-p2' });
  const p3 = pay('L2', '0.01', '30299', { ...o, occurredOn: '2023-04-01', eventId: 'py-p3' });
  const p4 = pay('L3', '999999999.99', '30101', { ...o, occurredOn: '2023-07-31', eventId: 'py-p4' });

  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.post([
      issue('L1', '500000', { expenditureKind: 'PROJECT', projectCode: 'P1', projectName: '信息化运维' }, { ...o, occurredOn: '2023-01-05' }),
      issue('L2', '20000', { expenditureKind: 'PROJECT', projectCode: 'P2', projectName: '档案数字化', unitCode: 'U2', functionCode: '2010350' }, { ...o, occurredOn: '2023-01-05' }),
      issue('L3', '1000000000', { unitCode: 'U2' }, { ...o, occurredOn: '2023-01-05' }),
      p1,
      p2,
      { ...p3, data: { ...p3.data, payee: '某某档案公司<script>', method: 'AUTHORIZED' } },
      p4,
      reverse('L1', 'py-p2', '5000.05', { ...o, occurredOn: '2023-05-20', eventId: 'py-r1' }),
      reverse('L1', 'py-p2', '0.10', { ...o, occurredOn: '2023-08-01', eventId: 'py-r2' }),
      issue('X1', '1', {}, { departmentCode: 'OTHER', occurredOn: '2023-01-05' }),
      pay('X1', '1', '30201', { departmentCode: 'OTHER', occurredOn: '2023-02-01' }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(11).fill('APPLIED'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const payments = async (query = '') => {
    const res = await t.get(`/v1/departments/PY/years/2023/payments${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('lists every payment newest first with its reversals, economic name and the exact totals', async () => {
    const body = await payments();
    expect(body).toMatchObject({ departmentCode: 'PY', fiscalYear: 2023, asOf: null });
    expect(body.payments.map((p: { eventId: string }) => p.eventId)).toEqual(['py-p4', 'py-p3', 'py-p2', 'py-p1']);
    expect(body.payments[2]).toEqual({
      eventId: 'py-p2',
      occurredOn: '2023-04-01',
      lineId: 'L1',
      projectCode: 'P1',
      projectName: '信息化运维',
      unitCode: '434001',
      functionCode: '2010301',
      economicCode: '30211',
      economicName: '差旅费',
      payee: null,
      method: 'DIRECT',
      amount: '100000.05',
      reversed: '5000.15',
      net: '94999.90',
    });
    expect(body.payments[1]).toMatchObject({ payee: '某某档案公司<script>', method: 'AUTHORIZED', amount: '0.01', unitCode: 'U2', functionCode: '2010350' });
    // 1 234.56 + 100 000.05 + 0.01 + 999 999 999.99 = 1 000 101 234.61; reversed 5 000.15.
    expect(body.total).toEqual({ count: 4, amount: '1000101234.61', reversed: '5000.15', net: '1000096234.46' });
  });

  it('as of a date: only the payments and reversals dated by then', async () => {
    const body = await payments('?asOf=2023-05-31');
    expect(body.asOf).toBe('2023-05-31');
    expect(body.payments.map((p: { eventId: string; reversed: string }) => [p.eventId, p.reversed])).toEqual([['py-p3', '0.00'], ['py-p2', '5000.05'], ['py-p1', '0.00']]);
    expect(body.total).toEqual({ count: 3, amount: '101234.62', reversed: '5000.05', net: '96234.57' });
    // The same net as the project's paid in progress on that day.
    const progress = (await t.get('/v1/departments/PY/years/2023/progress?groupBy=project&asOf=2023-05-31')).body;
    const net = await payments('?asOf=2023-05-31&projectCode=P1');
    expect(net.total.net).toBe(progress.groups.find((g: { key: string }) => g.key === 'P1').paid);
    expect((await payments('?asOf=2023-01-31')).total).toEqual({ count: 0, amount: '0.00', reversed: '0.00', net: '0.00' });
  });

  it('filters by project, line, unit and function code; limit caps the list, not the totals', async () => {
    expect((await payments('?projectCode=P1')).payments.map((p: { eventId: string }) => p.eventId)).toEqual(['py-p2', 'py-p1']);
    expect((await payments('?lineId=L2')).payments.map((p: { eventId: string }) => p.eventId)).toEqual(['py-p3']);
    expect((await payments('?unitCode=U2')).payments.map((p: { eventId: string }) => p.eventId)).toEqual(['py-p4', 'py-p3']);
    expect((await payments('?functionCode=2010350')).total).toMatchObject({ count: 1, net: '0.01' });
    expect((await payments('?projectCode=NONE')).payments).toEqual([]);
    const limited = await payments('?limit=1');
    expect(limited.payments.map((p: { eventId: string }) => p.eventId)).toEqual(['py-p4']);
    expect(limited.total.count).toBe(4);
    // A filter is a value, never SQL.
    expect((await payments(`?projectCode=${encodeURIComponent("P1' OR '1'='1")}`)).payments).toEqual([]);
  });

  it('refuses bad parameters and other departments', async () => {
    for (const query of ['?asOf=2023-02-30', '?limit=0', '?limit=abc', '?limit=10001', `?lineId=${encodeURIComponent('a\u0001b')}`]) {
      const res = await t.get(`/v1/departments/PY/years/2023/payments${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
    }
    const token = (await t.http().post('/v1/admin/tokens').set('Authorization', `Bearer ${t.adminToken}`).send({ scopes: ['read:OTHER'] })).body.token;
    const denied = await t.get('/v1/departments/PY/years/2023/payments', token);
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain('1234.56');
    expect((await t.http().get('/v1/departments/PY/years/2023/payments')).status).toBe(401);
    const own = await t.get('/v1/departments/OTHER/years/2023/payments', token);
    expect(own.body.total).toEqual({ count: 1, amount: '1.00', reversed: '0.00', net: '1.00' });
  });
});
