import { SEED_000_DEPARTMENT, SEED_000_EVALUATED_PROJECTS, SEED_DEPARTMENTS, seedFixtureEvents } from '@app/fixtures';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';
import { yuanOf } from './support/helpers';

/**
 * The seed fixtures loaded as demo data (`POST /v1/admin/demo`, also `npm start -- --demo`): seed 001 (海港区政府办公室
 * 2024, six projects, 项目支出 533.40万元) and seed 004 (山海关区机关事务服务中心 2023, nine projects, 473.12万元),
 * checked against the published budgets and against sums taken straight from the fixture events; and seed 000
 * (泉港区人民政府办公室 2023), a closed year whose 决算 carries the published disclosures and self-evaluation.
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
      // The project events of seedFixtureEvents and the 部门预算's basic lines, their monthly payments and goals.
      { departmentCode: '434', fiscalYear: 2024, events: 528, applied: 528, duplicates: 0, rejected: 0 },
      { departmentCode: '430', fiscalYear: 2023, events: 634, applied: 634, duplicates: 0, rejected: 0 },
      { departmentCode: 'QG-GOV', fiscalYear: 2023, events: 130, applied: 130, duplicates: 0, rejected: 0 },
    ]);
    const again = await admin('/v1/admin/demo');
    expect(again.body.departments.map((d: { duplicates: number; applied: number }) => [d.duplicates, d.applied])).toEqual([[528, 0], [634, 0], [130, 0]]);
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
    // The whole 部门预算: 收支总表 支出总计 1417.69万元 (basic 884.29 + projects 533.40).
    expect(department).toMatchObject({ name: '秦皇岛市海港区人民政府办公室', budget: '14176900.00' });
    // …and its 部门预算 is the published one (every cell: test/budget.e2e.spec.ts), its checks all passing.
    const budget = (await t.get('/v1/departments/434/years/2024/budget?unit=wan')).body;
    expect(budget.tables.summary.income).toMatchObject({ generalBudget: '1417.69', totalIncome: '1417.69' });
    expect(budget.tables.generalBudgetBasic.rows[0]).toMatchObject({ code: 'TOTAL', total: '884.29', personnel: '772.48', public: '111.81' });
    expect(budget.checks.filter((c: { passed: boolean }) => !c.passed)).toEqual([]);
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
    // 收支总表 支出总计 708.68万元 (basic 235.56 + projects 473.12).
    expect(department).toMatchObject({ name: '秦皇岛市山海关区机关事务服务中心', budget: '7086800.00' });
    const projects = (await t.get('/v1/departments/430/years/2023/progress?groupBy=project')).body.groups;
    expect(projects).toHaveLength(9);
    const paid = paidByProject('004');
    for (const g of projects) expect(g.paid).toBe(yuanOf(paid.get(g.key)!));
  });

  it('the demo departments print real names and duties, never a fixture label', async () => {
    const html = (await t.get('/v1/departments/430/years/2023/final-accounts?format=html')).text;
    expect(html).toContain('秦皇岛市山海关区机关事务服务中心');
    expect(html).not.toContain('机关事务管理部门部门决算');
    expect(html).toContain('负责全区的公务用车平台建设、管理、协调、服务等日常工作');
    for (const dept of ['434/years/2024', '430/years/2023', `${SEED_000_DEPARTMENT}/years/2023`]) {
      const text = (await t.get(`/v1/departments/${dept}/final-accounts?format=html`)).text.replace(/<[^>]*>/g, ' ');
      expect([dept, /seed[ -]?\d{3}/i.test(text)]).toEqual([dept, false]);
    }
  });

  it('QG-GOV 2023 (seed 000) is closed, compared with its declared prior year, every change explained', async () => {
    const accounts = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/final-accounts`)).body;
    expect(accounts.provisional).toBe(false);
    // 01 as published: 收入 2,658.28万元 of which 一般公共预算财政拨款 2,635.56万元.
    expect(accounts.tables.summary.income).toMatchObject({ generalBudget: '26355600.00', other: '227200.00', totalIncome: '26582800.00' });
    const variance = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/variance`)).body;
    expect(variance.priorSource).toBe('DECLARED');
    expect(variance.items.filter((i: { reasonSource: string }) => i.reasonSource === 'MISSING')).toEqual([]);
  });

  it('QG-GOV 2023 discloses 政府采购 7.26万元 (goods, 中小企业), 5 vehicles and the 三公 counts as published', async () => {
    const { disclosures } = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/final-accounts`)).body;
    expect(disclosures.procurement).toMatchObject({
      source: 'PAYMENTS', total: '72600.00', goods: '72600.00', works: '0.00', services: '0.00',
      smeAwarded: '72600.00', smeShare: '100.00', smallMicroAwarded: '72600.00', smallMicroShareOfSme: '100.00', goodsSmeShare: '100.00',
    });
    expect(disclosures.assets.vehicles).toMatchObject({ total: 5, PRINCIPAL: 1, CONFIDENTIAL: 1, EMERGENCY: 1, GENERAL: 1, OTHER: 1, MINISTERIAL: 0 });
    expect(disclosures.assets).toMatchObject({ specialEquipmentOver1M: 1, generalEquipmentOver500K: 0 });
    expect(disclosures.threePublicActivity).toMatchObject({ outboundGroups: 2, outboundPeople: 3, vehiclesPurchased: 0, vehiclesHeld: 5, receptionBatches: 2, receptionPeople: 17 });
    // 机关运行经费 = 公用经费 142.91万元
    expect(disclosures.agencyOperatingCosts).toBe('1429100.00');
    expect(disclosures.narratives.DUTIES.split('\n')).toHaveLength(18);
    expect(disclosures.narratives.ORGANISATION).toContain('3个下属单位');
    expect(disclosures.narratives.ACHIEVEMENTS).toContain('共向省上报信息188条');
  });

  it('QG-GOV 2023 self-evaluation gives the published 92.25 / 94.02 / 100, all 优, on 807.36万元', async () => {
    const body = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/self-evaluation`)).body;
    const project = (code: string) => body.projects.find((p: { projectCode: string }) => p.projectCode === code);
    const [jgfw, cssw, wlxx] = SEED_000_EVALUATED_PROJECTS.map(project);
    // 执行率 709.62 / 1,086.49 = 65.31 % → tier 60 → 5; 64.62 / 89.56 = 72.15 % → 5; 33.12 / 39.42 = 84.02 % → 10.
    expect(jgfw).toMatchObject({ projectName: '机关服务专项经费', initialBudget: '10864900.00', budget: '10864900.00', paid: '7096200.00', executionRate: '65.31', executionScore: '5.00', totalScore: '92.25', grade: 'EXCELLENT' });
    expect(cssw).toMatchObject({ projectName: '参事事务专项经费', budget: '895600.00', paid: '646200.00', executionRate: '72.15', executionScore: '5.00', totalScore: '94.02', grade: 'EXCELLENT' });
    expect(wlxx).toMatchObject({ projectName: '网络及信息公开专项经费', budget: '394200.00', paid: '331200.00', executionRate: '84.02', executionScore: '10.00', totalScore: '100.00', grade: 'EXCELLENT' });
    // 资金使用合规率 ≥80 %, 65.31 done: 15 × 65.31 / 80 = 12.25 (rounded), with the printed cause and measure.
    expect(jgfw.indicators[2]).toMatchObject({ name: '资金使用合规率', actual: '65.31', score: '12.25', deviation: true, cause: '因财政资金安排无法完全支付各项费用。' });
    expect(jgfw.goal.achieved).toMatch(/^1\. 加强机关物业管理/);
  });
});
