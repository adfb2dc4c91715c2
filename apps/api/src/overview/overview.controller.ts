import { Controller, Get, Query, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { readQuery, year as fiscalYear } from '../core/read-query';
import { OverviewService } from './overview.service';

@Controller('v1/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  /**
   * The finance bureau's view (SPEC §12): every department of the year the token may read (`read:*` and admin: all;
   * `read:<dept>`: those; a token without read scope gets an empty list, as `GET /v1/departments`), sorted by gap.
   */
  @Get()
  async get(@Req() req: AuthenticatedRequest, @Query() query: unknown) {
    const q = readQuery(query, { params: { year: fiscalYear }, required: ['year'] });
    const principal = req.principal!;
    return this.overview.overview((dept) => principal.canRead(dept), q.params.year!, q.asOf);
  }
}
