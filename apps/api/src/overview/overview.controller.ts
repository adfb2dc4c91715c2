import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { querySpec, readQuery, year as fiscalYear } from '../core/read-query';
import { ApiAnswer, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { OverviewService } from './overview.service';
import type { Overview } from './overview.types';

const OVERVIEW_QUERY = querySpec({ params: { year: fiscalYear }, required: ['year'] });

@Controller('v1/overview')
@ApiTags(TAGS.departments.name)
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  /**
   * The finance bureau's view (SPEC §12): every department of the year the token may read (`read:*` and admin: all;
   * `read:<dept>`: those; a token without read scope gets an empty list, as `GET /v1/departments`), sorted by gap.
   */
  @Get()
  @ApiOperation({
    summary: '各部门执行总览（财政局视角）',
    description:
      '令牌可读的每个部门在该年度的执行进度（同 …/progress?groupBy=department）、预警与关注项目数、下一个用款计划节点能否达成，按与序时进度的差距排序，最落后的在前（SPEC §12）。read:* 与 admin 看到全部部门；没有读取权限的令牌得到空列表。不支持 knownAt（跨部门）。',
  })
  @ApiReadQuery(OVERVIEW_QUERY, { year: '预算年度' })
  @ApiAnswer('OverviewAnswer', { description: '各部门的执行总览' })
  async get(@Req() req: AuthenticatedRequest, @Query() query: unknown): Promise<Overview> {
    const q = readQuery(query, OVERVIEW_QUERY);
    const principal = req.principal!;
    return this.overview.overview((dept) => principal.canRead(dept), q.params.year!, q.asOf);
  }
}
