import { comparatorText, formatWan, parseYuan, type MonitoredProject, type MonitoringReport } from '@app/domain';
import ExcelJS from 'exceljs';

/**
 * The 绩效监控 report as an xlsx workbook (SPEC §6): a summary sheet, one 项目支出绩效目标执行监控表 per project in the
 * standard layout (资金情况 in 万元, then the indicator table with 偏差原因分析 and 改进措施 columns left for the
 * department), and the list of deviations. Every figure comes from the JSON report it is given.
 */
export const TAIL_NOTE = '本表金额转换为万元时，因四舍五入可能存在尾差';

const wan = (yuan: string | null) => (yuan === null ? '—' : formatWan(parseYuan(yuan)));
const pct = (rate: string | null) => (rate === null ? '—' : `${rate}%`);
const STATUS_TEXT: Record<string, string> = { ON_TRACK: '正常', WARNING: '预警', ALERT: '严重滞后', OVERSPENT: '超支' };
const status = (s: string | null) => (s === null ? '—' : STATUS_TEXT[s] ?? s);

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function table(sheet: ExcelJS.Worksheet, rows: (string | number)[][], header = true): void {
  for (const [i, values] of rows.entries()) {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true };
      if (header && i === 0) cell.font = { bold: true };
    });
  }
}

function title(sheet: ExcelJS.Worksheet, text: string, width: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, width);
  row.getCell(1).font = { bold: true, size: 14 };
  row.getCell(1).alignment = { horizontal: 'center' };
}

function projectSheet(book: ExcelJS.Workbook, report: MonitoringReport, project: MonitoredProject, index: number): void {
  const name = `${index + 1}-${(project.projectName ?? project.projectCode).replace(/[\\/?*[\]:]/g, '')}`.slice(0, 31).replace(/'+$/, '');
  const sheet = book.addWorksheet(name);
  sheet.columns = [12, 14, 22, 14, 16, 10, 8, 8, 10, 22, 22].map((width) => ({ width }));
  title(sheet, '项目支出绩效目标执行监控表', 11);
  sheet.addRow([`（${report.fiscalYear}年度，监控时点：${report.asOf ?? `${report.fiscalYear}-12-31`}）`]);
  table(sheet, [
    ['项目名称', project.projectName ?? '', '', '项目编码', project.projectCode],
    ['主管部门', report.departmentName ?? report.departmentCode, '', '序时进度', pct(report.timeProgress)],
  ], false);
  sheet.addRow([]);
  sheet.addRow(['单位：万元']);
  table(sheet, [
    ['项目资金', '年度预算数', '截至监控时点执行数', '执行率', '计划进度', '偏差', '执行状态', '全年预计执行数', '全年预计执行率'],
    ['年度资金总额', wan(project.budget), wan(project.paid), pct(project.executionRate), pct(project.plannedRate), project.gap ?? '—', status(project.status), wan(project.forecast.paid), pct(project.forecast.executionRate)],
  ]);
  sheet.addRow([`预计方法：${project.forecast.method}`]);
  sheet.addRow([]);
  table(sheet, [
    ['一级指标', '二级指标', '三级指标', '年度指标值', '截至监控时点完成值', '完成率', '分值', '得分', '是否偏差', '偏差原因分析', '改进措施'],
    ...project.indicators.map((i) => [
      i.level1,
      i.level2,
      i.name,
      `${comparatorText(i.comparator)}${i.target}${i.unit ?? ''}`,
      i.actual ?? '未填报',
      pct(i.completionRate),
      i.weight,
      i.score ?? '—',
      i.deviation ? '是' : '否',
      '',
      '',
    ]),
    ['预算执行', '执行率', '预算执行率（10分）', '100%', pct(project.executionRate), pct(project.executionRate), '10', project.executionScore ?? '—', project.deviations.some((d) => d.kind === 'EXECUTION') ? '是' : '否', '', ''],
  ]);
  sheet.addRow([]);
  sheet.addRow([`注：${TAIL_NOTE}。`]);
}

export async function monitoringWorkbook(report: MonitoringReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'budget-execution-tracker';
  const summary = book.addWorksheet('监控汇总');
  summary.columns = [22, 24, 12, 12, 10, 10, 10, 10, 12, 12, 10].map((width) => ({ width }));
  title(summary, `${report.departmentName ?? report.departmentCode} ${report.fiscalYear}年项目支出绩效监控汇总表`, 11);
  summary.addRow([`监控时点：${report.asOf ?? `${report.fiscalYear}-12-31`}　序时进度：${pct(report.timeProgress)}　单位：万元`]);
  table(summary, [
    ['项目编码', '项目名称', '年度预算数', '执行数', '执行率', '计划进度', '偏差', '执行状态', '全年预计执行数', '全年预计执行率', '偏差事项'],
    ...report.projects.map((p) => [p.projectCode, p.projectName ?? '', wan(p.budget), wan(p.paid), pct(p.executionRate), pct(p.plannedRate), p.gap ?? '—', status(p.status), wan(p.forecast.paid), pct(p.forecast.executionRate), p.deviations.length]),
    ['合计', '部门', wan(report.department.budget), wan(report.department.paid), pct(report.department.executionRate), pct(report.department.plannedRate), report.department.gap ?? '—', status(report.department.status), wan(report.department.forecast.paid), pct(report.department.forecast.executionRate), report.deviations.length],
  ]);
  summary.addRow([`预计方法：${report.forecastMethod}`]);
  summary.addRow([`注：${TAIL_NOTE}。`]);

  report.projects.forEach((p, i) => projectSheet(book, report, p, i));

  const deviations = book.addWorksheet('偏差事项');
  deviations.columns = [22, 10, 36, 18, 24, 30, 30].map((width) => ({ width }));
  title(deviations, '需说明偏差原因及改进措施的事项', 7);
  table(deviations, [
    ['项目编码', '类别', '事项', '目标', '实际', '偏差原因', '改进措施'],
    ...report.deviations.map((d) => [d.projectCode, d.kind === 'EXECUTION' ? '预算执行' : '绩效指标', d.item, d.expected, d.actual, '', '']),
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
