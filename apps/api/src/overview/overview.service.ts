import { APP_CONFIG, AppConfig } from '@app/config';
import { forecastNextCheckpoint, groupFigures, Rational } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { LedgerReadsService } from '../ledger/ledger-reads.service';
import { ProgressService } from '../progress/progress.service';
import type { Overview, OverviewDepartment } from './overview.types';

/**
 * The finance bureau's overview (SPEC §12): one row per department of the year that the caller may read, with the
 * department's execution progress (§5, from the progress service: the same figures as `…/progress?groupBy=department`),
 * how many of its projects are ALERT / WARNING, and the next-checkpoint forecast — sorted by gap, furthest behind first.
 * Every department is read in one pass (four queries in all), not one department after another.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly progress: ProgressService,
    private readonly reads: LedgerReadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async overview(canRead: (departmentCode: string) => boolean, year: number, asOf: string | undefined): Promise<Overview> {
    const departments = (await this.reads.departments()).filter((d) => d.fiscalYears.includes(year) && canRead(d.code));
    const figures = await this.progress.headlineFiguresOfDepartments(
      departments.map((d) => d.code),
      year,
      asOf,
      ['department', 'project'],
    );
    const thresholds = { warningGap: this.config.progressWarningGap };
    const rows: OverviewDepartment[] = departments.map((d) => {
      const groups = figures.departments.get(d.code)!;
      const lines = groups.department[0]?.lines ?? [];
      const statuses = groups.project.map((p) => groupFigures(p.lines, thresholds).status);
      return {
        departmentCode: d.code,
        name: d.name,
        ...groupFigures(lines, thresholds),
        projects: groups.project.length,
        alertProjects: statuses.filter((s) => s === 'ALERT').length,
        warningProjects: statuses.filter((s) => s === 'WARNING').length,
        nextCheckpoint: forecastNextCheckpoint(lines, year, asOf ?? null),
      };
    });
    return { fiscalYear: year, asOf: asOf ?? null, timeProgress: figures.timeProgress, departments: rows.sort(byGap) };
  }
}

/** Gap ascending (the exact 2-decimal figures), departments without a gap last, then by code. */
function byGap(a: OverviewDepartment, b: OverviewDepartment): number {
  if (a.gap !== null && b.gap !== null) {
    const c = Rational.parse(a.gap).compare(Rational.parse(b.gap));
    if (c !== 0) return c;
  } else if (a.gap !== b.gap) {
    return a.gap === null ? 1 : -1;
  }
  return a.departmentCode < b.departmentCode ? -1 : a.departmentCode > b.departmentCode ? 1 : 0;
}
