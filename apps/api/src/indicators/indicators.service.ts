import { executionScore, foldIndicators, isIndicatorEvent, parseYuan, scoreIndicator, type IndicatorResult, type LedgerEvent } from '@app/domain';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';
import { readDb } from '../core/read-scope';
import { ProgressService } from '../progress/progress.service';

export type { ProjectIndicators } from './indicators.types';
import type { IndicatorsResponse, ProjectIndicators } from './indicators.types';

/**
 * `GET …/indicators` (SPEC §6): per project, its budget execution (from the progress read model at the same date)
 * with the 10-point execution score, and each indicator's completion, score and deviation. 部门整体 indicators
 * (projectCode "*") sit in the entry "*", whose budget and paid are the department's.
 */
@Injectable()
export class IndicatorsService {
  constructor(@Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime, private readonly progress: ProgressService) {}

  async indicators(dept: string, year: number, asOf: string | undefined): Promise<IndicatorsResponse> {
    const { rows } = await readDb(this.runtime).query<{ payload: LedgerEvent }>(
      `SELECT payload FROM indicator_events
        WHERE department_code = $1 AND fiscal_year = $2 AND ($3::date IS NULL OR occurred_on <= $3::date)
        ORDER BY indicator_events.position`,
      [dept, year, asOf ?? null],
    );
    const indicators = foldIndicators(rows.map((r) => r.payload).filter(isIndicatorEvent));
    const [projects, department] = await Promise.all([this.progress.progress(dept, year, asOf, 'project'), this.progress.progress(dept, year, asOf, 'department')]);

    const entries = new Map<string, ProjectIndicators>();
    const entry = (code: string, name: string | null, budget: string, paid: string, executionRate: string | null): ProjectIndicators => ({
      projectCode: code,
      projectName: name,
      budget,
      paid,
      executionRate,
      executionScore: executionScore(parseYuan(paid), parseYuan(budget)),
      indicators: [],
    });
    for (const g of projects.groups) entries.set(g.key, entry(g.key, g.name, g.budget, g.paid, g.executionRate));
    for (const indicator of indicators) {
      if (!entries.has(indicator.projectCode)) {
        const d = department.groups[0];
        entries.set(
          indicator.projectCode,
          indicator.projectCode === '*'
            ? entry('*', '部门整体', d?.budget ?? '0.00', d?.paid ?? '0.00', d?.executionRate ?? null)
            : entry(indicator.projectCode, null, '0.00', '0.00', null),
        );
      }
      entries.get(indicator.projectCode)!.indicators.push(scoreIndicator(indicator));
    }
    const ordered = [...entries.values()].sort((a, b) => (a.projectCode === '*' ? 1 : b.projectCode === '*' ? -1 : a.projectCode < b.projectCode ? -1 : 1));
    return { departmentCode: dept, fiscalYear: year, asOf: asOf ?? null, projects: ordered };
  }
}
