import type { IndicatorResult } from '../indicators/indicator-scoring';
import type { YearEndForecast } from '../progress/execution-progress';

/**
 * The 绩效监控 report (SPEC §6): the content of the standard 项目支出绩效目标执行监控表 per project and for the
 * department, and the rule for which items need a 偏差原因 and 改进措施.
 */
/** An item that needs a 偏差原因 and 改进措施 from the department (SPEC §6). */
export interface DeviationItem {
  projectCode: string;
  kind: 'EXECUTION' | 'INDICATOR';
  indicatorId: string | null;
  item: string;
  expected: string;
  actual: string;
  /** Left for the department to fill in: the report lists them as to-dos. */
  reason: null;
  measures: null;
}

export interface MonitoredProject {
  projectCode: string;
  projectName: string | null;
  budget: string;
  paid: string;
  executionRate: string | null;
  plannedRate: string | null;
  timeProgress: string;
  gap: string | null;
  status: string | null;
  executionScore: string | null;
  forecast: YearEndForecast;
  indicators: IndicatorResult[];
  deviations: DeviationItem[];
}

export interface MonitoringReport {
  departmentCode: string;
  departmentName: string | null;
  fiscalYear: number;
  asOf: string | null;
  timeProgress: string;
  forecastMethod: string;
  department: Omit<MonitoredProject, 'indicators' | 'deviations' | 'executionScore'>;
  projects: MonitoredProject[];
  deviations: DeviationItem[];
}

/** Execution behind plan (WARNING/ALERT) or overspent, and every indicator with completion under 100 %. */
export function deviationsOf(
  p: { projectCode: string; executionRate: string | null; plannedRate: string | null; status: string | null },
  indicators: IndicatorResult[],
): DeviationItem[] {
  const items: DeviationItem[] = [];
  if (p.status === 'WARNING' || p.status === 'ALERT' || p.status === 'OVERSPENT') {
    items.push({
      projectCode: p.projectCode,
      kind: 'EXECUTION',
      indicatorId: null,
      item: p.status === 'OVERSPENT' ? '预算执行（超支）' : '预算执行进度',
      expected: p.status === 'OVERSPENT' ? '支出不超过预算' : `计划进度 ${p.plannedRate}%`,
      actual: `执行率 ${p.executionRate ?? '—'}%`,
      reason: null,
      measures: null,
    });
  }
  for (const i of indicators.filter((x) => x.deviation)) {
    items.push({
      projectCode: p.projectCode,
      kind: 'INDICATOR',
      indicatorId: i.indicatorId,
      item: `${i.level1}/${i.level2}/${i.name}`,
      expected: `${comparatorText(i.comparator)}${i.target}${i.unit ?? ''}`,
      actual: `${i.actual ?? '—'}${i.comparator === 'QUALITATIVE' || i.comparator === 'BOOL' ? '' : (i.unit ?? '')}（完成 ${i.completionRate}%）`,
      reason: null,
      measures: null,
    });
  }
  return items;
}

export function comparatorText(comparator: string): string {
  return comparator === 'GTE' ? '≥' : comparator === 'LTE' ? '≤' : comparator === 'EQ' ? '=' : '';
}
