import { CHECKPOINT_FORECAST_METHOD, FORECAST_METHOD, monitoringReport, type MonitoringReport } from '@app/domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { IndicatorsService } from '../indicators/indicators.service';
import { ProgressService } from '../progress/progress.service';
import { SelfEvaluationService } from '../self-evaluation/self-evaluation.service';

/**
 * 绩效监控 (SPEC §6, §12), usually at 30 June or 31 July: reads, at the report date, each project's lines with the plan
 * in force (progress), its indicators (as `GET …/indicators`), and its self-evaluation at the same date — 年初预算数,
 * the 财政拨款 / 其他资金 split, 实施单位, 年度总体目标 and the DeviationExplained in force — and hands them to the pure
 * `monitoringReport` of the domain: the content of the standard 项目支出绩效目标执行监控表.
 */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly progress: ProgressService,
    private readonly indicators: IndicatorsService,
    private readonly selfEvaluation: SelfEvaluationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(dept: string, year: number, asOf: string | undefined): Promise<MonitoringReport> {
    const [projects, department, indicators, evaluation] = await Promise.all([
      this.progress.headlineFigures(dept, year, asOf, 'project'),
      this.progress.headlineFigures(dept, year, asOf, 'department'),
      this.indicators.indicators(dept, year, asOf),
      this.selfEvaluation.report(dept, year, asOf),
    ]);
    const evaluated = new Map(evaluation.projects.map((p) => [p.projectCode, p]));
    const departmentGroup = department.groups[0];
    const departmentName = departmentGroup?.name ?? null;

    return monitoringReport({
      departmentCode: dept,
      departmentName,
      fiscalYear: year,
      asOf: asOf ?? null,
      timeProgress: projects.timeProgress,
      thresholds: { warningGap: this.config.progressWarningGap },
      forecastMethod: FORECAST_METHOD,
      checkpointMethod: CHECKPOINT_FORECAST_METHOD,
      // Projects as GET …/indicators lists them (every project with lines or indicators); 部门整体 last, over the
      // department's lines.
      projects: indicators.projects.map((p) => {
        const whole = p.projectCode === '*';
        const group = whole ? departmentGroup : projects.groups.find((g) => g.key === p.projectCode);
        return {
          projectCode: p.projectCode,
          projectName: whole ? '部门整体' : p.projectName ?? group?.name ?? null,
          lines: group?.lines ?? [],
          evaluation: whole ? evaluation.department : evaluated.get(p.projectCode) ?? null,
          executionScore: p.executionScore,
          indicators: p.indicators,
        };
      }),
      department: { projectCode: dept, projectName: departmentName, lines: departmentGroup?.lines ?? [], evaluation: evaluation.department },
    });
  }
}
