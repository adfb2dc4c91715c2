import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { readQuery } from '../core/read-query';
import { IngestRequests, RequestStatus } from './ingest-requests.service';

@Controller('v1/requests')
export class IngestRequestsController {
  constructor(private readonly requests: IngestRequests) {}

  /**
   * A batch posted to `POST /v1/events` (SPEC §13): PENDING while the ledger works through it, then DONE with the
   * synchronous answer's `results` and `position`. Only the token that posted it, or an admin, may see it; anyone
   * else gets the same 404 as for an unknown id, so nothing leaks.
   */
  @Get(':requestId')
  async request(@Param('requestId') requestId: string, @Req() req: AuthenticatedRequest, @Query() query: unknown): Promise<RequestStatus> {
    readQuery(query, { asOf: false });
    const status = await this.requests.lookup(requestId, req.principal!);
    if (!status) throw new ApiError(404, 'NOT_FOUND', '没有该请求，或已超过保留期 (no such request for this token)');
    return status;
  }
}
