import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { querySpec, readQuery } from '../core/read-query';
import { ApiAnswer, ApiErrors, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { IngestRequests, REQUEST_RETENTION_DAYS, RequestStatus } from './ingest-requests.service';

const REQUEST_QUERY = querySpec({ asOf: false });

@Controller('v1/requests')
@ApiTags(TAGS.ingest.name)
export class IngestRequestsController {
  constructor(private readonly requests: IngestRequests) {}

  /**
   * A batch posted to `POST /v1/events` (SPEC §13): PENDING while the ledger works through it, then DONE with the
   * synchronous answer's `results` and `position`. Only the token that posted it, or an admin, may see it; anyone
   * else gets the same 404 as for an unknown id, so nothing leaks.
   */
  @Get(':requestId')
  @ApiOperation({
    summary: '查询批次的处理结果',
    description: `POST /v1/events 返回的 requestId 所指批次：记账进行中为 PENDING（附已处理的事件数），完成后为 DONE，附与同步应答相同的 results 与 position（SPEC §13）。保留 ${REQUEST_RETENTION_DAYS} 天。`,
  })
  @ApiExtension('x-required-scope', '提交该批次的令牌，或 admin（其他令牌得到与未知 requestId 相同的 404）')
  @ApiParam({ name: 'requestId', description: 'POST /v1/events 应答中的 requestId（UUID）', schema: { type: 'string', format: 'uuid' } })
  @ApiReadQuery(REQUEST_QUERY, {})
  @ApiAnswer('RequestStatusAnswer', { description: '批次的处理状态' })
  @ApiErrors({ 404: `没有该请求，或不是本令牌提交的，或已超过 ${REQUEST_RETENTION_DAYS} 天保留期（NOT_FOUND）` })
  async request(@Param('requestId') requestId: string, @Req() req: AuthenticatedRequest, @Query() query: unknown): Promise<RequestStatus> {
    readQuery(query, REQUEST_QUERY);
    const status = await this.requests.lookup(requestId, req.principal!);
    if (!status) throw new ApiError(404, 'NOT_FOUND', '没有该请求，或已超过保留期 (no such request for this token)');
    return status;
  }
}
