import { DEFAULT_PLAN, monitoringReport, parseYuan, Rational, type IndicatorResult, type MonitoringReport, type SelfEvaluationProject } from '@app/domain';
import { placeholders, type TableBlock } from './model/document-model';
import { checkpointText, monitoringDocument, monitoringTables, periodLabel } from './monitoring-tables';
import { cellDisplay, tableGrid } from './render/common';

/**
 * The 项目支出绩效目标执行监控表 as document tables (SPEC §12): the form's rows and columns, the recorded cause and
 * measure, 是/否, the to-dos, and the summary with the next-checkpoint forecast. Figures worked out by hand.
 */
const line = (budget: string, paid: string, planned: string) => ({ budget: parseYuan(budget), paid: parseYuan(paid), planned: Rational.parse(planned), checkpoints: DEFAULT_PLAN });
const indicator = (indicatorId: string, level1: string, name: string, comparator: IndicatorResult['comparator'], target: string, unit: string | null, actual: string | null, completionRate: string | null): IndicatorResult => ({
  indicatorId, level1, level2: '数量指标', name, comparator, target, unit, weight: '10', actual, completionRate, score: null, deviation: completionRate !== null && completionRate !== '100.00',
});
const funds = (initialBudget: string, budget: string, paid: string, executionRate: string | null) => ({ initialBudget, budget, paid, executionRate });
const explanation = (indicatorId: string, cause: string | null, measure: string | null, causeCategory: string | null, expectedActual: string | null, likelihood: string | null) =>
  ({ indicatorId, cause, measure, causeCategory, expectedActual, likelihood });

function report(options: { explainExecution: boolean; otherPaid?: string } = { explainExecution: true }): MonitoringReport {
  const otherPaid = options.otherPaid ?? '50000.00';
  const evaluation = {
    projectCode: 'P', projectName: '固定电话打包费', units: [{ code: '434001', name: '本级' }, { code: '434002', name: '电子政务中心' }],
    initialBudget: '900000.00', budget: '1000000.00', paid: '300000.00',
    funds: { fiscal: funds('900000.00', '900000.00', '250000.00', '27.78'), other: funds('0.00', '100000.00', otherPaid, '50.00') },
    executionExplanation: options.explainExecution ? { cause: '合同7月签订', measure: '签约后一次性支付', causeCategory: 'FUNDING', expectedActual: null, likelihood: null } : null,
    goal: { expected: '保障电话畅通', achieved: null },
    indicators: [
      explanation('units', '单位撤并', '7月底前对接', 'STAFFING', '83', 'CERTAIN'),
      explanation('bill', '制度未出台', '三季度出台', null, 'true', 'POSSIBLE'),
    ],
  } as unknown as SelfEvaluationProject;
  return monitoringReport({
    departmentCode: '434', departmentName: '海港区政府办公室', fiscalYear: 2024, asOf: '2024-06-30', timeProgress: '49.73',
    thresholds: { warningGap: '10' }, forecastMethod: '按用款计划曲线外推', checkpointMethod: '按当前支出节奏预测',
    projects: [{
      projectCode: 'P', projectName: '固定电话打包费', evaluation, executionScore: '3.00',
      // 300 000 of 1 000 000 against a planned 40 % → gap −10.00, WARNING.
      lines: [line('1000000', '300000', '40')],
      indicators: [
        indicator('phones', '产出指标', '涉及电话的数量', 'GTE', '5000', '部', '5120', '100.00'),
        indicator('units', '产出指标', '涉及单位的数量', 'GTE', '83', '家', '80', '96.39'),
        indicator('faults', '产出指标', '固定电话故障率', 'LTE', '2', '%', '2.5', '80.00'),
        indicator('online', '效益指标', '是否开通网上预约', 'BOOL', 'true', null, 'true', '100.00'),
        indicator('bill', '效益指标', '话费账单是否按月公示', 'BOOL', 'true', null, 'false', '0.00'),
        indicator('better', '满意度指标', '群众满意度', 'GTE', '95', '%', null, null),
      ],
    }],
    department: { projectCode: '434', projectName: '海港区政府办公室', evaluation: null, lines: [line('1000000', '300000', '40'), line('500000', '250000', '40')] },
  });
}

/** The table as printed: one array per row with each cell's text at every grid position it covers. */
function printed(table: TableBlock): string[][] {
  const grid = tableGrid(table); // throws when a row does not fill the columns exactly
  const out = grid.body.map(() => new Array<string>(table.columns.length).fill(''));
  for (const row of grid.body) {
    for (const placed of row) {
      const text = cellDisplay(placed.item).text;
      for (let r = placed.row; r < placed.row + placed.rowSpan; r++) for (let c = placed.col; c < placed.col + placed.colSpan; c++) out[r][c] = text;
    }
  }
  return out;
}
const rowWith = (rows: string[][], ...cells: string[]) => rows.find((row) => cells.every((c, i) => row[i] === c));

describe('项目支出绩效目标执行监控表 (SPEC §12)', () => {
  const [summary, project] = monitoringTables(report());
  const rows = printed(project);

  it('is one portrait table of ten columns per project, after the summary, each on a page of its own', () => {
    expect([summary.key, project.key]).toEqual(['monitoring-summary', 'monitoring-P']);
    expect(project).toMatchObject({ title: '项目支出绩效目标执行监控表', sheetName: '监控-固定电话打包费', department: '（2024年度，监控时点：2024年6月30日）', orientation: 'portrait' });
    expect(project.columns).toHaveLength(10);
    expect(monitoringDocument(report()).blocks.map((b) => b.kind)).toEqual(['table', 'pageBreak', 'table']);
  });

  it('prints 项目名称, 主管部门 and 实施单位', () => {
    expect(rows[0]).toEqual(['项目名称', '项目名称', ...new Array(8).fill('固定电话打包费')]);
    expect(rows[1]).toEqual(['主管部门', '主管部门', '海港区政府办公室', '海港区政府办公室', '海港区政府办公室', '实施单位', '实施单位', '本级、电子政务中心', '本级、电子政务中心', '本级、电子政务中心']);
  });

  it('prints 项目资金（万元） with 年初预算数 / 全年预算数 / 1-6月执行数 / 执行率 and the execution line’s recorded explanation', () => {
    expect(rows[2].slice(2)).toEqual(['', '', '年初预算数', '全年预算数', '1-6月执行数', '执行率（%）', '偏差原因分析', '完善措施']);
    expect(rows[3]).toEqual(['项目资金（万元）', '项目资金（万元）', '年度资金总额', '年度资金总额', '90.00', '100.00', '30.00', '30.00', '经费保障：合同7月签订', '签约后一次性支付']);
    expect(rows[4].slice(2)).toEqual(['其中：财政拨款', '其中：财政拨款', '90.00', '90.00', '25.00', '27.78', '经费保障：合同7月签订', '签约后一次性支付']);
    expect(rows[5].slice(2, 8)).toEqual(['其他资金', '其他资金', '0.00', '10.00', '5.00', '50.00']);
  });

  it('asks for the execution line’s cause and measure while it is behind plan and unexplained', () => {
    const unexplained = printed(monitoringTables(report({ explainExecution: false }))[1]);
    expect(unexplained[3].slice(8)).toEqual(['【待补充：偏差原因】', '【待补充：完善措施】']);
    expect(unexplained[4].slice(8)).toEqual(['', '']);
  });

  it('prints the pace and the next-checkpoint forecast', () => {
    expect(rows[6][2]).toBe('计划进度40.00%；序时进度49.73%；偏差-10.00个百分点；进度状态：预警；全年预计执行率75.00%（预计支出75.00万元）');
    // 300 000 / 182 × 305 = 502 747.25 of 1 000 000 → 50.27 %, against 60 % on 31 October: 97 252.75 元 = 9.73 万元 short.
    expect(rows[7][2]).toBe('下一检查点：2024年10月31日检查点（用款计划累计60.00%）：按当前支出节奏预计执行率50.27%，预计不能完成，需在当前节奏之外加快支付9.73万元');
  });

  it('prints the 年度总体目标 block, with a to-do for the 1-6月 实际完成情况 not yet recorded', () => {
    expect(rowWith(rows, '年度总体目标', '年度总体目标', '预期目标')).toEqual(['年度总体目标', '年度总体目标', '预期目标', '预期目标', '预期目标', '预期目标', '1-6月实际完成情况', '1-6月实际完成情况', '1-6月实际完成情况', '1-6月实际完成情况']);
    expect(rowWith(rows, '年度总体目标', '年度总体目标', '保障电话畅通')?.slice(6)).toEqual(new Array(4).fill('【待补充：1-6月实际完成情况】'));
  });

  it('prints the indicator table in the form’s columns: recorded cause with its category, 完善措施, 全年预计, 完成可能性, 是/否', () => {
    expect(rowWith(rows, '绩效指标', '一级指标')).toEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '1-6月执行情况', '全年预计完成情况', '完成可能性', '偏差原因分析', '完善措施']);
    const body = rows.filter((r) => r[0] === '绩效指标').slice(1).map((r) => r.slice(1));
    expect(body).toEqual([
      ['产出指标', '数量指标', '涉及电话的数量', '≥5000部', '5120部', '', '', '', ''],
      ['产出指标', '数量指标', '涉及单位的数量', '≥83家', '80家', '83家', '确定能', '人员保障：单位撤并', '7月底前对接'],
      ['产出指标', '数量指标', '固定电话故障率', '≤2%', '2.5%', '', '', '【待补充：偏差原因】', '【待补充：完善措施】'],
      ['效益指标', '数量指标', '是否开通网上预约', '是', '是', '', '', '', ''],
      ['效益指标', '数量指标', '话费账单是否按月公示', '是', '否', '是', '有可能', '制度未出台', '三季度出台'],
      ['满意度指标', '数量指标', '群众满意度', '≥95%', '【待补充：1-6月执行情况】', '', '', '', ''],
    ]);
    expect(rows.flat().some((v) => /true|false|改进措施|严重滞后/.test(v))).toBe(false);
  });

  it('lists every to-do as a placeholder', () => {
    expect(placeholders(monitoringDocument(report()))).toEqual(['1-6月实际完成情况', '偏差原因', '完善措施', '1-6月执行情况']);
  });

  it('carries the 尾差 note only when the rounded 财政拨款 and 其他资金 do not add up to the total', () => {
    expect(project.notes).toEqual([]);
    // Paid 300 000 in total (30.00 万元) against 25.00 + 5.01 (50 050 元 rounds half-up to 5.01) = 30.01 → 尾差.
    expect(monitoringTables(report({ explainExecution: true, otherPaid: '50050.00' }))[1].notes).toEqual(['本表金额转换为万元时，因四舍五入可能存在尾差']);
  });

  it('sums the projects up: pace, status word, checkpoint, whether it will be met and the money to speed up', () => {
    const s = printed(summary);
    expect(summary).toMatchObject({ sheetName: '监控汇总', unitLabel: '单位：万元', orientation: 'landscape' });
    expect(summary.header[0].map((h) => h.text)).toEqual(['项目编码', '项目名称', '全年预算数', '1-6月执行数', '执行率（%）', '计划进度（%）', '偏差（百分点）', '进度状态', '下一检查点（按当前支出节奏）', '待说明偏差（项）']);
    expect(s[0]).toEqual(['P', '固定电话打包费', '100.00', '30.00', '30.00', '40.00', '-10.00', '预警', '10月31日', '60.00', '50.27', '不能', '9.73', '4']);
    // Department: 550 000 of 1 500 000 = 36.67 %, gap −3.33 → 预警; 921 703.30 → 61.45 % ≥ 60 % → 能, nothing to speed up.
    expect(s[1]).toEqual(['合计', '海港区政府办公室', '150.00', '55.00', '36.67', '40.00', '-3.33', '预警', '10月31日', '60.00', '61.45', '能', '', '4']);
  });

  it('says so when no checkpoint is left, and 1月 for January', () => {
    expect(checkpointText(null)).toBe('本年度已无后续用款计划检查点');
    expect([periodLabel(1), periodLabel(7)]).toEqual(['1月', '1-7月']);
  });
});
