import { Controller, Get, Query, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { parseAsOf, parseYear } from '../ledger/ledger-reads.controller';
import { OverviewService } from './overview.service';

@Controller('v1/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  /**
   * The finance bureau's view (SPEC §12): every department of the year the token may read (`read:*` and admin: all;
   * `read:<dept>`: those; a token without read scope gets an empty list, as `GET /v1/departments`), sorted by gap.
   */
  @Get()
  async get(@Req() req: AuthenticatedRequest, @Query('year') year?: string, @Query('asOf') asOf?: string) {
    if (year === undefined || year === '') throw new ApiError(400, 'VALIDATION_FAILED', '缺少年度参数 year (year is required)');
    const principal = req.principal!;
    return this.overview.overview((dept) => principal.canRead(dept), parseYear(year), parseAsOf(asOf));
  }
}
