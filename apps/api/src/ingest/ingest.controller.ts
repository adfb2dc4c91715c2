import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { AuthenticatedRequest, RequireScope } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { IngestRateLimiter } from './ingest-rate-limiter';
import { IngestEventsCommand, IngestOutcome } from './ingest-events.command';

@Controller('v1/events')
export class IngestController {
  constructor(private readonly commands: CommandBus, private readonly limiter: IngestRateLimiter) {}

  @Post()
  @HttpCode(200)
  @RequireScope('ingest')
  async ingest(@Body() body: unknown, @Query('wait') wait: string | undefined, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const quota = this.limiter.take(req.principal!.tokenId);
    if (!quota.allowed) {
      res.setHeader('Retry-After', String(quota.retryAfterSeconds));
      throw new ApiError(429, 'RATE_LIMITED', `提交过于频繁，请 ${quota.retryAfterSeconds} 秒后重试 (ingest rate limit for this token)`);
    }
    const outcome = await this.commands.execute<IngestEventsCommand, IngestOutcome>(new IngestEventsCommand(body, wait !== 'false', req.principal!));
    if (outcome.kind === 'accepted') {
      res.status(202);
      return { accepted: outcome.accepted, requestId: outcome.requestId, message: outcome.message };
    }
    // The requestId too: `GET /v1/requests/{requestId}` answers the same for REQUEST_RETENTION_DAYS (SPEC §13).
    return { results: outcome.results, position: outcome.position, requestId: outcome.requestId };
  }
}
