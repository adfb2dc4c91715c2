import { GROUPING_NAMES, progressTable } from '@app/documents';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { asOfSuffix, sendCsv } from '../core/csv-file';
import { sendJson } from '../core/read-cache';
import { oneOf, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { GROUP_BY, GroupBy, ProgressService } from './progress.service';

@Controller('v1/departments')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Execution progress against the disbursement plan (SPEC §5); `?format=csv` lists the groups' headline figures. */
  @Get(':dept/years/:year/progress')
  async get(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Res() res: Response,
    @Query() query: unknown,
  ): Promise<void> {
    const q = readQuery(query, { formats: ['csv'], params: { groupBy: oneOf(GROUP_BY) } });
    const by: GroupBy = q.params.groupBy ?? 'department';
    const y = parseYear(year);
    if (q.format === 'csv') {
      const name = `${dept}-${y}年-预算执行进度（${GROUPING_NAMES[by]}）${asOfSuffix(q.asOf)}.csv`;
      return sendCsv(res, progressTable(await this.progress.progress(dept, y, q.asOf, by)), name, `progress-${dept}-${y}.csv`, { caption: false });
    }
    sendJson(res, await this.progress.progressJson(dept, y, q.asOf, by));
  }
}
