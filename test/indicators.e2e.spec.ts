import { issue, pay } from './support/events';
import { startTestApp, TestApp, TRANSPORTS } from './support/test-app';

/**
 * 绩效指标 through HTTP (SPEC §6), on seed 001's 固定电话打包费 (179.00万元, project 13030224P00308P12279T) with its
 * published targets ≥5000部, ≥83家, ≤2%, ≤2天, 100%, ≤179万元 and a 满意度 target, plus a 部门整体 indicator.
 */
const P = '13030224P00308P12279T';
const o = { departmentCode: '434', fiscalYear: 2024 };
let n = 0;
const define = (indicatorId: string, projectCode: string, level1: string, level2: string, name: string, comparator: string, target: string, unit: string, weight: string) => ({
  eventId: `def-${indicatorId}-${++n}`, type: 'IndicatorDefined', ...o, occurredOn: '2024-01-10',
  data: { indicatorId, projectCode, level1, level2, name, comparator, target, unit, weight },
});
const measure = (indicatorId: string, actual: string, occurredOn = '2024-06-30') => ({ eventId: `m-${indicatorId}-${++n}`, type: 'IndicatorMeasured', ...o, occurredOn, data: { indicatorId, actual } });

describe.each(TRANSPORTS)('GET …/indicators and …/monitoring over the %s transport', (transport) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(transport);
    const res = await t.post([
      issue('L-phone', '1790000', { expenditureKind: 'PROJECT', projectCode: P, projectName: '固定电话打包费', functionCode: '2010350' }, { ...o, occurredOn: '2024-01-05' }),
      issue('L-basic', '210000', {}, { ...o, occurredOn: '2024-01-05' }),
      pay('L-phone', '716000', '30207', { ...o, occurredOn: '2024-06-20' }),
      pay('L-basic', '84000', '30201', { ...o, occurredOn: '2024-06-20' }),
      pay('L-basic', '50000', '30201', { ...o, occurredOn: '2024-03-15' }),
      define('phones', P, '产出指标', '数量指标', '涉及电话的数量', 'GTE', '5000', '部', '15'),
      define('units', P, '产出指标', '数量指标', '涉及单位的数量', 'GTE', '83', '家', '15'),
      define('faults', P, '产出指标', '质量指标', '固定电话故障率', 'LTE', '2', '%', '10'),
      define('response', P, '产出指标', '时效指标', '预约业务办理反应时间', 'LTE', '2', '天', '10'),
      define('ontime', P, '产出指标', '时效指标', '电话费用支付及时率', 'EQ', '100', '%', '10'),
      define('cost', P, '成本指标', '经济成本指标', '实际支出小于预算数', 'LTE', '179', '万元', '10'),
      define('better', P, '效益指标', '社会效益指标', '可使单位沟通更为便捷，百姓办事更为通畅', 'QUALITATIVE', '比上年有所提高', '', '10'),
      define('whole', '*', '满意度指标', '服务对象满意度指标', '代表、委员满意率', 'GTE', '90', '%', '10'),
      measure('phones', '5120'),
      measure('units', '80'),
      measure('faults', '2.5'),
      measure('ontime', '100'),
      measure('cost', '71.6'),
      measure('whole', '95'),
      { eventId: `score-better-${++n}`, type: 'IndicatorScored', ...o, occurredOn: '2024-07-05', data: { indicatorId: 'better', score: '8' } },
      measure('units', '83', '2024-09-30'),
    ]);
    expect(res.body.results.every((r: { status: string }) => r.status === 'APPLIED')).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (query = '') => {
    const res = await t.get(`/v1/departments/434/years/2024/indicators${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const byId = (project: { indicators: { indicatorId: string }[] }, id: string) => project.indicators.find((i) => i.indicatorId === id);

  it('scores each comparator on 30 June', async () => {
    const body = await get('?asOf=2024-06-30');
    expect(body.projects.map((p: { projectCode: string }) => p.projectCode)).toEqual([P, '*']);
    const phone = body.projects[0];
    // 716 000 / 1 790 000 = 40 %; execution score 10 × 40 % = 4
    expect(phone).toMatchObject({ projectName: '固定电话打包费', budget: '1790000.00', paid: '716000.00', executionRate: '40.00', executionScore: '4.00' });
    expect(byId(phone, 'phones')).toMatchObject({ actual: '5120', completionRate: '100.00', score: '15.00', deviation: false, unit: '部', weight: '15', target: '5000' });
    // 80 / 83 = 96.385…% → 15 × 0.96385… = 14.457…
    expect(byId(phone, 'units')).toMatchObject({ actual: '80', completionRate: '96.39', score: '14.46', deviation: true });
    expect(byId(phone, 'faults')).toMatchObject({ completionRate: '80.00', score: '8.00', deviation: true });
    expect(byId(phone, 'response')).toMatchObject({ actual: null, completionRate: null, score: null, deviation: false });
    expect(byId(phone, 'ontime')).toMatchObject({ completionRate: '100.00', score: '10.00', deviation: false });
    expect(byId(phone, 'cost')).toMatchObject({ completionRate: '100.00', score: '10.00' });
    // The manual score of 5 July is after 30 June.
    expect(byId(phone, 'better')).toMatchObject({ comparator: 'QUALITATIVE', completionRate: null, score: null, deviation: false });
    // 部门整体: the department's budget and paid, 850 000 / 2 000 000 = 42.5 %
    expect(body.projects[1]).toMatchObject({ projectCode: '*', budget: '2000000.00', paid: '850000.00', executionRate: '42.50', executionScore: '4.25' });
    expect(byId(body.projects[1], 'whole')).toMatchObject({ completionRate: '100.00', score: '10.00', deviation: false });
  });

  it('takes the latest measurement and the manual score at year end', async () => {
    const body = await get();
    expect(byId(body.projects[0], 'units')).toMatchObject({ actual: '83', completionRate: '100.00', score: '15.00', deviation: false });
    expect(byId(body.projects[0], 'better')).toMatchObject({ completionRate: '80.00', score: '8.00', deviation: true });
  });

  it('gives the 绩效监控 report on 30 June: execution vs plan, forecast, items needing a 偏差原因', async () => {
    const res = await t.get('/v1/departments/434/years/2024/monitoring?asOf=2024-06-30');
    expect(res.status).toBe(200);
    const report = res.body;
    // 30 June 2024 is t = 182 of 366 days: 序时进度 49.73; the default plan is at 40 %.
    expect(report).toMatchObject({ departmentCode: '434', fiscalYear: 2024, asOf: '2024-06-30', timeProgress: '49.73' });
    // Department: 42.5 % paid against 40 % planned → year end 42.5 / 40 = 106.25 %, 850 000 × 100 / 40 = 2 125 000
    expect(report.department).toMatchObject({ budget: '2000000.00', paid: '850000.00', executionRate: '42.50', plannedRate: '40.00', gap: '2.50', status: 'ON_TRACK', forecast: { executionRate: '106.25', paid: '2125000.00' } });
    expect(report.forecastMethod).toContain('用款计划');
    const phone = report.projects.find((p: { projectCode: string }) => p.projectCode === P);
    expect(phone).toMatchObject({ projectName: '固定电话打包费', executionRate: '40.00', plannedRate: '40.00', gap: '0.00', status: 'ON_TRACK', executionScore: '4.00', forecast: { executionRate: '100.00', paid: '1790000.00' } });
    expect(phone.deviations.map((d: { indicatorId: string }) => d.indicatorId)).toEqual(['units', 'faults']);
    expect(phone.deviations[0]).toMatchObject({ kind: 'INDICATOR', expected: '≥83家', actual: '80家（完成 96.39%）', reason: null, measures: null });
    expect(report.deviations).toHaveLength(2);
  });

  it('flags execution behind plan as an item to explain', async () => {
    // 31 March: nothing paid on the project against a planned 20 % → ALERT, an EXECUTION item.
    const report = (await t.get('/v1/departments/434/years/2024/monitoring?asOf=2024-03-31')).body;
    const phone = report.projects.find((p: { projectCode: string }) => p.projectCode === P);
    expect(phone).toMatchObject({ executionRate: '0.00', plannedRate: '20.00', status: 'ALERT', forecast: { executionRate: '0.00' } });
    expect(phone.deviations[0]).toMatchObject({ kind: 'EXECUTION', item: '预算执行进度', expected: '计划进度 20.00%', actual: '执行率 0.00%' });
  });

  // The 监控表 workbook (xlsx, docx) is tested in monitoring.e2e.spec.ts.
});
