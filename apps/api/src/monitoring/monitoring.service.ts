import { deviationsOf, forecastYearEnd, groupFigures, type MonitoredProject, type MonitoringReport } from '@app/domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { IndicatorsService } from '../indicators/indicators.service';
import { ProgressService } from '../progress/progress.service';

/**
 * 绩效监控 (SPEC §6), usually at 30 June or 31 July: per project and for the department, execution against the plan
 * and 序时进度, indicator progress, the year-end forecast, and every item that needs a 偏差原因 and 改进措施 —
 * the content of the standard 项目支出绩效目标执行监控表.
 */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly progress: ProgressService,
    private readonly indicators: IndicatorsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(dept: string, year: number, asOf: string | undefined): Promise<MonitoringReport> {
    const [projects, department, indicators] = await Promise.all([
      this.progress.headlineFigures(dept, year, asOf, 'project'),
      this.progress.headlineFigures(dept, year, asOf, 'department'),
      this.indicators.indicators(dept, year, asOf),
    ]);
    const thresholds = { warningGap: this.config.progressWarningGap };
    const timeProgress = projects.timeProgress;
    const figures = (key: string, name: string | null, lines: Parameters<typeof groupFigures>[0]) => {
      const f = groupFigures(lines, thresholds);
      return { projectCode: key, projectName: name, budget: f.budget, paid: f.paid, executionRate: f.executionRate, plannedRate: f.plannedRate, timeProgress, gap: f.gap, status: f.status, forecast: forecastYearEnd(lines) };
    };

    const monitored: MonitoredProject[] = indicators.projects
      .filter((p) => p.projectCode !== '*')
      .map((p) => {
        const group = projects.groups.find((g) => g.key === p.projectCode);
        const base = figures(p.projectCode, p.projectName ?? group?.name ?? null, group?.lines ?? []);
        return { ...base, executionScore: p.executionScore, indicators: p.indicators, deviations: deviationsOf(base, p.indicators) };
      });
    const whole = indicators.projects.find((p) => p.projectCode === '*');
    const departmentGroup = department.groups[0];
    const departmentFigures = figures(dept, departmentGroup?.name ?? null, departmentGroup?.lines ?? []);
    if (whole) {
      monitored.push({ ...departmentFigures, projectCode: '*', projectName: '部门整体', executionScore: whole.executionScore, indicators: whole.indicators, deviations: deviationsOf({ ...departmentFigures, projectCode: '*' }, whole.indicators) });
    }
    return {
      departmentCode: dept,
      departmentName: departmentGroup?.name ?? null,
      fiscalYear: year,
      asOf: asOf ?? null,
      timeProgress,
      forecastMethod: departmentFigures.forecast.method,
      department: departmentFigures,
      projects: monitored,
      deviations: monitored.flatMap((p) => p.deviations),
    };
  }
}
