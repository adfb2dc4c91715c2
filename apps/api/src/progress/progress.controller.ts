import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from '../core/api-error';
import { sendJson } from '../core/read-cache';
import { parseAsOf, parseYear } from '../ledger/ledger-reads.controller';
import { GROUP_BY, GroupBy, ProgressService } from './progress.service';

@Controller('v1/departments')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Execution progress against the disbursement plan (SPEC §5). */
  @Get(':dept/years/:year/progress')
  async get(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Res() res: Response,
    @Query('asOf') asOf?: string,
    @Query('groupBy') groupBy?: string,
  ): Promise<void> {
    const by = (groupBy ?? 'department') as GroupBy;
    if (!GROUP_BY.includes(by)) throw new ApiError(400, 'VALIDATION_FAILED', `groupBy must be one of ${GROUP_BY.join(', ')}`);
    sendJson(res, await this.progress.progressJson(dept, parseYear(year), parseAsOf(asOf), by));
  }
}
