import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiError } from '../core/api-error';
import { parseAsOf, parseYear } from '../ledger/ledger-reads.controller';
import { GROUP_BY, GroupBy, ProgressService } from './progress.service';

@Controller('v1/departments')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Execution progress against the disbursement plan (SPEC §5). */
  @Get(':dept/years/:year/progress')
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query('asOf') asOf?: string, @Query('groupBy') groupBy?: string) {
    const by = (groupBy ?? 'department') as GroupBy;
    if (!GROUP_BY.includes(by)) throw new ApiError(400, 'VALIDATION_FAILED', `groupBy must be one of ${GROUP_BY.join(', ')}`);
    return this.progress.progress(dept, parseYear(year), parseAsOf(asOf), by);
  }
}
