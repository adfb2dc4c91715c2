import { SEED_DEPARTMENTS, seedFixtureEvents } from '@app/fixtures';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';
import { yuanOf } from './support/helpers';

/**
 * The seed fixtures (issue 3) loaded as demo data: seed 001 (海港区政府办公室 2024, six projects, 项目支出 533.40万元)
 * and seed 004 (2023, nine projects, 473.12万元), checked against the published budgets and against sums taken
 * straight from the fixture events.
 */
describe.each(TRANSPORTS)('seed fixtures as demo data over the %s transport', (transport) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(transport);
  });
  afterAll(async () => {
    await t?.close();
  });

  const admin = (path: string) => t.http().post(path).set('Authorization', `Bearer ${t.adminToken}`);
  const paidByProject = (key: '001' | '004') => {
    const sums = new Map<string, bigint>();
    for (const e of seedFixtureEvents(key)) {
      if (e.type !== 'PaymentMade') continue;
      const project = String(e.data.lineId).replace(/-GB$/, '');
      sums.set(project, (sums.get(project) ?? 0n) + BigInt(String(e.data.amount).replace('.', '')));
    }
    return sums;
  };

  it('loads once, and a second load changes nothing', async () => {
    const first = await admin('/v1/admin/demo');
    expect(first.status).toBe(200);
    expect(first.body.departments).toEqual([
      { departmentCode: '434', fiscalYear: 2024, events: 246, applied: 246, duplicates: 0, rejected: 0 },
      { departmentCode: '430', fiscalYear: 2023, events: 336, applied: 336, duplicates: 0, rejected: 0 },
    ]);
    const again = await admin('/v1/admin/demo');
    expect(again.body.departments.map((d: { duplicates: number }) => d.duplicates)).toEqual([246, 336]);
  });

  it('carries the published budgets and plans of seed 001', async () => {
    const body = (await t.get('/v1/departments/434/years/2024/progress?groupBy=project')).body;
    expect(body.groups).toHaveLength(6);
    const paid = paidByProject('001');
    for (const project of SEED_DEPARTMENTS['001'].projects) {
      const group = body.groups.find((g: { key: string }) => g.key === project.projectCode);
      // 万元 with two decimals → 元: "179.00" → "1790000.00"
      expect(group).toMatchObject({ name: project.projectName, budget: `${project.budgetWan.replace('.', '')}00.00` });
      expect(group.paid).toBe(yuanOf(paid.get(project.projectCode)!));
    }
    const phone = body.groups.find((g: { key: string }) => g.key === '13030224P00308P12279T');
    expect(phone).toMatchObject({ name: '固定电话打包费', budget: '1790000.00' });
    const department = (await t.get('/v1/departments/434/years/2024/progress')).body.groups[0];
    expect(department).toMatchObject({ name: '秦皇岛市海港区人民政府办公室', budget: '5334000.00' });
    const march = (await t.get('/v1/departments/434/years/2024/progress?groupBy=project&asOf=2024-03-31')).body.groups;
    expect(march.map((g: { plannedRate: string }) => g.plannedRate)).toEqual(Array(6).fill('20.00'));
  });

  it('carries the published indicators of 固定电话打包费 and flags the lagging project at mid-year', async () => {
    const indicators = (await t.get('/v1/departments/434/years/2024/indicators')).body.projects;
    const phone = indicators.find((p: { projectCode: string }) => p.projectCode === '13030224P00308P12279T');
    expect(phone.indicators).toHaveLength(9);
    expect(phone.indicators[0]).toMatchObject({ name: '涉及电话的数量', comparator: 'GTE', target: '5000', unit: '部' });
    const published = phone.indicators.map((i: { comparator: string; target: string; unit: string }) => `${{ GTE: '≥', LTE: '≤', EQ: '', BOOL: '', QUALITATIVE: '' }[i.comparator]}${i.target}${i.unit}`);
    expect(published).toEqual(['≥5000部', '≥83家', '≤2%', '≤2天', '100%', '≤179万元', '比上年有所提高', '比上年有所提高', '≥95%']);
    const monitoring = (await t.get('/v1/departments/434/years/2024/monitoring?asOf=2024-06-30')).body;
    const lagging = monitoring.projects.find((p: { projectName: string }) => p.projectName === '金融办企业监管服务经费');
    expect(lagging.status).toBe('ALERT');
    expect(lagging.deviations[0]).toMatchObject({ kind: 'EXECUTION', item: '预算执行进度' });
  });

  it('carries the nine projects of seed 004 and their 473.12万元', async () => {
    const department = (await t.get('/v1/departments/430/years/2023/progress')).body.groups[0];
    expect(department).toMatchObject({ name: '机关事务管理部门', budget: '4731200.00' });
    const projects = (await t.get('/v1/departments/430/years/2023/progress?groupBy=project')).body.groups;
    expect(projects).toHaveLength(9);
    const paid = paidByProject('004');
    for (const g of projects) expect(g.paid).toBe(yuanOf(paid.get(g.key)!));
  });
});
