import { adjust, issue, pay, register, reverse, transfer } from './support/events';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * Execution progress (SPEC §5, §10) through HTTP, with expected figures computed by hand:
 * 2023 has 365 days; 31 March is t = 90, 28 February t = 59, 31 January t = 31, 30 June t = 181.
 */
describe.each(TRANSPORTS)('GET …/progress over the %s transport', (transport) => {
  let t: TestApp;
  const o = { departmentCode: 'PG' };
  const p1 = pay('L1', '15000', '30201', { ...o, occurredOn: '2023-02-10' });

  beforeAll(async () => {
    t = await startTestApp(transport);
    const res = await t.post([
      { ...register('海港区政府办公室', o), data: { name: '海港区政府办公室', units: [{ code: 'U1', name: '办公室本级' }, { code: 'U2', name: '信息中心' }] } },
      issue('L1', '100000', { unitCode: 'U1' }, { ...o, occurredOn: '2023-01-05' }),
      issue('L2', '300000', { unitCode: 'U1', functionCode: '2010350', expenditureKind: 'PROJECT', projectCode: 'P1', projectName: '固定电话打包费' }, { ...o, occurredOn: '2023-01-05' }),
      p1,
      pay('L1', '10000', '30201', { ...o, occurredOn: '2023-03-20' }),
      pay('L2', '30000', '30201', { ...o, occurredOn: '2023-03-31' }),
      issue('L3', '50000', { unitCode: 'U2' }, { ...o, occurredOn: '2023-04-10' }),
      pay('L3', '60000', '30201', { ...o, occurredOn: '2023-04-20' }),
      reverse('L1', p1.eventId, '5000', { ...o, occurredOn: '2023-04-05' }),
      transfer('L2', 'L1', '20000', { ...o, occurredOn: '2023-05-10' }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(10).fill('APPLIED'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const progress = async (query: string) => {
    const res = await t.get(`/v1/departments/PG/years/2023/progress${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  type Group = Record<string, unknown> & { key: string; months: Record<string, unknown>[] };
  const group = (body: { groups: Group[] }, key: string) => body.groups.find((g) => g.key === key)!;
  const checkpoints = (...list: [number, string][]) => list.map(([month, cumulativePercent]) => ({ month, cumulativePercent }));
  const MOF = checkpoints([3, '20.00'], [6, '40.00'], [10, '60.00'], [12, '100.00']);

  it('gives the department at 31 March under the default plan, month by month', async () => {
    const body = await progress('?asOf=2023-03-31');
    expect(body).toMatchObject({ departmentCode: 'PG', fiscalYear: 2023, asOf: '2023-03-31', groupBy: 'department', timeProgress: '24.66' });
    // The whole year's month-end 序时进度 (the charts' reference line), by hand: 31/365, 59/365, … 365/365.
    expect(body.monthEndTimeProgress).toEqual(['8.49', '16.16', '24.66', '32.88', '41.37', '49.59', '58.08', '66.58', '74.79', '83.29', '91.51', '100.00']);
    expect(body.groups).toEqual([
      {
        key: 'PG',
        name: '海港区政府办公室',
        budget: '400000.00',
        paid: '55000.00',
        executionRate: '13.75',
        plannedRate: '20.00',
        gap: '-6.25',
        status: 'WARNING',
        months: [
          { month: 1, budget: '400000.00', paid: '0.00', paidInMonth: '0.00', executionRate: '0.00', plannedRate: '6.89' },
          { month: 2, budget: '400000.00', paid: '15000.00', paidInMonth: '15000.00', executionRate: '3.75', plannedRate: '13.11' },
          { month: 3, budget: '400000.00', paid: '55000.00', paidInMonth: '40000.00', executionRate: '13.75', plannedRate: '20.00' },
        ],
        // No plan set: the national default 3月20% / 6月40% / 10月60% / 12月100%.
        planCheckpoints: MOF,
      },
    ]);
  });

  it('gives each line its own rate and status; a line issued later is not there yet', async () => {
    const body = await progress('?asOf=2023-03-31&groupBy=line');
    expect(body.groups.map((g: { key: string }) => g.key)).toEqual(['L1', 'L2']);
    expect(group(body, 'L1')).toMatchObject({ executionRate: '25.00', plannedRate: '20.00', gap: '5.00', status: 'ON_TRACK' });
    expect(group(body, 'L2')).toMatchObject({ name: '固定电话打包费', executionRate: '10.00', plannedRate: '20.00', gap: '-10.00', status: 'WARNING' });
  });

  it('reflects reversals and transfers in the month they happened, and flags an overspent unit', async () => {
    const units = await progress('?groupBy=unit');
    expect(units.timeProgress).toBe('100.00');
    expect(group(units, 'U1')).toMatchObject({ name: '办公室本级', budget: '400000.00', paid: '50000.00', executionRate: '12.50' });
    expect(group(units, 'U1').months).toHaveLength(12);
    expect(group(units, 'U1').months[3]).toMatchObject({ month: 4, paid: '50000.00', paidInMonth: '-5000.00' });
    expect(group(units, 'U2')).toMatchObject({ name: '信息中心', budget: '50000.00', paid: '60000.00', executionRate: '120.00', status: 'OVERSPENT' });

    // By 7-digit function code: 2010301 行政运行 = L1 (120 000 after the transfer) + L3 (50 000); 2010350 事业运行 = L2.
    const functions = await progress('?groupBy=function');
    expect(group(functions, '2010301')).toMatchObject({ name: '行政运行', budget: '170000.00', paid: '80000.00' });
    expect(group(functions, '2010350')).toMatchObject({ name: '事业运行', budget: '280000.00', paid: '30000.00' });

    const lines = await progress('?groupBy=line');
    expect(group(lines, 'L1').months[3]).toMatchObject({ month: 4, budget: '100000.00' });
    expect(group(lines, 'L1').months[4]).toMatchObject({ month: 5, budget: '120000.00' });
    expect(group(lines, 'L2').months[4]).toMatchObject({ month: 5, budget: '280000.00' });

    // Without asOf: everything, at the year-end plan (100 %). Paid 15 000 + 10 000 + 30 000 + 60 000 − 5 000 = 110 000;
    // 110 000 / 450 000 = 24.444…%
    const department = await progress('');
    expect(group(department, 'PG')).toMatchObject({ budget: '450000.00', paid: '110000.00', executionRate: '24.44', plannedRate: '100.00', gap: '-75.56', status: 'ALERT' });
  });

  it('reflects adjustments (调减 and 追加 by 调整) in the month they happened', async () => {
    const a = { departmentCode: 'PA' };
    const res = await t.post([
      issue('A1', '1000', {}, { ...a, occurredOn: '2023-02-01' }),
      pay('A1', '300', '30201', { ...a, occurredOn: '2023-03-01' }),
      adjust('A1', '-200', { ...a, occurredOn: '2023-04-10' }),
      adjust('A1', '500', { ...a, occurredOn: '2023-07-20' }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED', 'APPLIED', 'APPLIED']);
    const months = (await t.get('/v1/departments/PA/years/2023/progress')).body.groups[0].months;
    expect(months.map((m: { budget: string }) => m.budget)).toEqual([
      '0.00', '1000.00', '1000.00', '800.00', '800.00', '800.00', '1300.00', '1300.00', '1300.00', '1300.00', '1300.00', '1300.00',
    ]);
    // January has no budget: no rate. March: 300 / 1000; April: 300 / 800 = 37.5 %; July: 300 / 1300 = 23.0769…%
    expect(months[0]).toMatchObject({ executionRate: null, plannedRate: null });
    expect(months.map((m: { executionRate: string | null }) => m.executionRate).slice(2, 7)).toEqual(['30.00', '37.50', '37.50', '37.50', '23.08']);
  });

  it('resolves the plan at every scope through the ledger: line > project > unit > department', async () => {
    const s = { departmentCode: 'PS' };
    const plan = (id: string, scope: Record<string, string>, checkpoints: [number, string][]) => ({
      eventId: `${id}-${transport}`, type: 'DisbursementPlanSet', fiscalYear: 2023, departmentCode: 'PS', occurredOn: '2023-01-01',
      data: { scope, checkpoints: checkpoints.map(([month, cumulativePercent]) => ({ month, cumulativePercent })) },
    });
    const res = await t.post([
      issue('S1', '1000', { unitCode: 'U1', expenditureKind: 'PROJECT', projectCode: 'Q1' }, s),
      issue('S2', '1000', { unitCode: 'U1' }, s),
      issue('S3', '1000', { unitCode: 'U2' }, s),
      issue('S4', '1000', { unitCode: 'U1' }, s),
      plan('ps-dept', {}, [[12, '100']]),
      plan('ps-unit', { unitCode: 'U1' }, [[6, '50'], [12, '100']]),
      plan('ps-project', { projectCode: 'Q1' }, [[3, '30'], [12, '100']]),
      plan('ps-line', { lineId: 'S2' }, [[3, '10'], [12, '100']]),
    ]);
    expect(res.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
    const lines = await t.get('/v1/departments/PS/years/2023/progress?groupBy=line&asOf=2023-03-31');
    // S1 its project's 30 %; S2 its own 10 %; S3 the department's linear plan 90/365 = 24.657…%; S4 its unit's 50 × 90/181 = 24.861…%
    expect(lines.body.groups.map((g: { key: string; plannedRate: string }) => [g.key, g.plannedRate])).toEqual([
      ['S1', '30.00'],
      ['S2', '10.00'],
      ['S3', '24.66'],
      ['S4', '24.86'],
    ]);
    // Equal budgets: the department's plan is the mean, (30 + 10 + 24.657… + 24.861…) / 4 = 22.3798…
    expect(group((await t.get('/v1/departments/PS/years/2023/progress?asOf=2023-03-31')).body, 'PS')).toMatchObject({ plannedRate: '22.38' });
    // Units: U1 = (30 + 10 + 24.861…) / 3 = 21.620…; U2 = 24.657…
    const units = (await t.get('/v1/departments/PS/years/2023/progress?groupBy=unit&asOf=2023-03-31')).body;
    expect(group(units, 'U1')).toMatchObject({ plannedRate: '21.62' });
    expect(group(units, 'U2')).toMatchObject({ plannedRate: '24.66' });

    // The checkpoints each group is marked with: a line its own plan's; four equal budgets under four plans — the
    // department's own (12月100%) wins the tie; U1's three plans tie too and none is the department's: S1's, the first line.
    expect(lines.body.groups.map((g: Group) => [g.key, g.planCheckpoints])).toEqual([
      ['S1', checkpoints([3, '30.00'], [12, '100.00'])],
      ['S2', checkpoints([3, '10.00'], [12, '100.00'])],
      ['S3', checkpoints([12, '100.00'])],
      ['S4', checkpoints([6, '50.00'], [12, '100.00'])],
    ]);
    expect(group((await t.get('/v1/departments/PS/years/2023/progress?asOf=2023-03-31')).body, 'PS').planCheckpoints).toEqual(checkpoints([12, '100.00']));
    expect(group(units, 'U1').planCheckpoints).toEqual(checkpoints([3, '30.00'], [12, '100.00']));
    expect(group(units, 'U2').planCheckpoints).toEqual(checkpoints([12, '100.00']));
  });

  it('marks the checkpoints of the plan in force at asOf: a 6月50% / 9月75% / 11月90% department plan, then a linear one', async () => {
    const j = { departmentCode: 'PJ' };
    const plan = (id: string, occurredOn: string, list: [number, string][]) => ({
      eventId: `${id}-${transport}`, type: 'DisbursementPlanSet', fiscalYear: 2023, departmentCode: 'PJ', occurredOn,
      data: { scope: {}, checkpoints: list.map(([month, cumulativePercent]) => ({ month, cumulativePercent })) },
    });
    const res = await t.post([
      issue('J1', '80000', { unitCode: 'U1' }, { ...j, occurredOn: '2023-01-05' }),
      issue('J2', '20000', { unitCode: 'U1', expenditureKind: 'PROJECT', projectCode: 'JP' }, { ...j, occurredOn: '2023-01-05' }),
      plan('pj-jsn', '2023-02-01', [[6, '50'], [9, '75'], [11, '90'], [12, '100']]),
      plan('pj-linear', '2023-08-01', [[12, '100']]),
      { eventId: `pj-project-${transport}`, type: 'DisbursementPlanSet', fiscalYear: 2023, departmentCode: 'PJ', occurredOn: '2023-02-01',
        data: { scope: { projectCode: 'JP' }, checkpoints: [{ month: 4, cumulativePercent: '25' }, { month: 12, cumulativePercent: '100' }] } },
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('APPLIED'));
    const at = async (asOf: string, groupBy = 'department') => (await t.get(`/v1/departments/PJ/years/2023/progress?groupBy=${groupBy}&asOf=${asOf}`)).body.groups as Group[];
    // 31 January: no plan yet — the national default.
    expect((await at('2023-01-31'))[0].planCheckpoints).toEqual(MOF);
    // 30 June: 80 000 of 100 000 under the department's 6/9/11 plan, 20 000 under the project's own: the department's
    // plan dominates; 30 June is exactly its 50 % for J1, JP's 25 % + 75 % × (181 − 120) / (365 − 120) = 43.673…% for J2.
    const june = (await at('2023-06-30'))[0];
    expect(june.planCheckpoints).toEqual(checkpoints([6, '50.00'], [9, '75.00'], [11, '90.00'], [12, '100.00']));
    expect(june.plannedRate).toBe('48.73'); // (80 000 × 50 + 20 000 × 43.673…) / 100 000 = 48.734…
    expect((await at('2023-06-30', 'project'))[0].planCheckpoints).toEqual(checkpoints([4, '25.00'], [12, '100.00']));
    // 31 August: the linear plan dated 1 August is in force for J1: one checkpoint at 12月 100 %.
    expect((await at('2023-08-31'))[0].planCheckpoints).toEqual(checkpoints([12, '100.00']));
  });

  it('uses a project plan for its lines and weights the department plan by budget', async () => {
    const res = await t.post([
      {
        eventId: `plan-P1-${transport}`,
        type: 'DisbursementPlanSet',
        fiscalYear: 2023,
        departmentCode: 'PG',
        occurredOn: '2023-01-01',
        data: { scope: { projectCode: 'P1' }, checkpoints: [{ month: 3, cumulativePercent: '10' }, { month: 6, cumulativePercent: '50' }, { month: 12, cumulativePercent: '100' }] },
      },
    ]);
    expect(res.body.results[0].status).toBe('APPLIED');
    const lines = await progress('?asOf=2023-03-31&groupBy=line');
    expect(group(lines, 'L2')).toMatchObject({ plannedRate: '10.00', gap: '0.00', status: 'ON_TRACK' });
    expect(group(lines, 'L1')).toMatchObject({ plannedRate: '20.00' });
    // (100 000 × 20 + 300 000 × 10) / 400 000 = 12.5; 13.75 − 12.5 = 1.25
    const dept = await progress('?asOf=2023-03-31');
    expect(group(dept, 'PG')).toMatchObject({ plannedRate: '12.50', gap: '1.25', status: 'ON_TRACK' });
    // P1's plan holds 300 000 of the 400 000: the department is marked with its 3月10% / 6月50% / 12月100%; L1 keeps the default.
    expect(group(dept, 'PG').planCheckpoints).toEqual(checkpoints([3, '10.00'], [6, '50.00'], [12, '100.00']));
    expect(group(lines, 'L1').planCheckpoints).toEqual(MOF);
    // 30 June: L2 has 280 000 after the May transfer, 30 000 paid = 10.714…% against 50 %
    const june = await progress('?asOf=2023-06-30&groupBy=project');
    expect(june.groups).toHaveLength(1);
    expect(group(june, 'P1')).toMatchObject({ name: '固定电话打包费', budget: '280000.00', executionRate: '10.71', plannedRate: '50.00', gap: '-39.29', status: 'ALERT' });
    expect(june.timeProgress).toBe('49.59');
  });

  it('reproduces an as-of report unchanged after later-dated corrections arrive', async () => {
    const march = await progress('?asOf=2023-03-31&groupBy=line');
    const res = await t.post([
      pay('L1', '7777.77', '30201', { ...o, occurredOn: '2023-04-30' }),
      { eventId: `plan-late-${transport}`, type: 'DisbursementPlanSet', fiscalYear: 2023, departmentCode: 'PG', occurredOn: '2023-04-15', data: { scope: {}, checkpoints: [{ month: 12, cumulativePercent: '100' }] } },
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    // The same report; only the event-store position it reflects has moved on (SPEC §13).
    const { reflects: before, ...marchReport } = march;
    const { reflects: after, ...again } = await progress('?asOf=2023-03-31&groupBy=line');
    expect(again).toEqual(marchReport);
    expect(after.position).toBe(before.position + 2);
    expect(group(await progress('?asOf=2023-04-30&groupBy=line'), 'L1')).toMatchObject({ paid: '27777.77', planCheckpoints: checkpoints([12, '100.00']) });
  });

  it('refuses an unknown groupBy and a bad asOf', async () => {
    expect((await t.get('/v1/departments/PG/years/2023/progress?groupBy=bureau')).body.error).toBe('VALIDATION_FAILED');
    expect((await t.get('/v1/departments/PG/years/2023/progress?asOf=2023-02-30')).status).toBe(400);
  });

  it('gives the same progress after a rebuild from the event store', async () => {
    const before = await progress('?groupBy=line');
    const rebuilt = await t.http().post('/v1/admin/rebuild').set('Authorization', `Bearer ${t.adminToken}`);
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.tables).toEqual(expect.arrayContaining(['line_days', 'disbursement_plans']));
    expect(await progress('?groupBy=line')).toEqual(before);
  });
});
