import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedRequest, RequireScope } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { ApiAnswer, ApiErrors, errorResponse, responseSchema, TAGS } from '../openapi/api-docs';
import { IngestRateLimiter } from './ingest-rate-limiter';
import { IngestAcceptedResponse, IngestEventsCommand, IngestOutcome, IngestResponse, MAX_EVENTS_PER_BATCH } from './ingest-events.command';

@Controller('v1/events')
@ApiTags(TAGS.ingest.name)
export class IngestController {
  constructor(private readonly commands: CommandBus, private readonly limiter: IngestRateLimiter) {}

  @Post()
  @HttpCode(200)
  @RequireScope('ingest')
  @ApiOperation({
    summary: '提交一批事件',
    description:
      `请求体 { "events": [...] }，1–${MAX_EVENTS_PER_BATCH} 个事件（SPEC §2 的事件：指标下达、调整、调剂、支付、退回、绩效指标、年度结账等），请求体不超过 10 MiB。` +
      '同一批次按顺序处理。结构不合格（JSON 错误、未知类型、字段缺失或格式错误）时整批不接收，400 并逐个列出问题（index、eventId、path）。' +
      '否则等每个事件记账或被拒后返回 200，每个事件的结果为 APPLIED、DUPLICATE（eventId 已处理过，可安全重试整批）或 REJECTED（附代码与说明）；应答之后发出的读取能看到这一批（SPEC §4）。' +
      'wait=false 时事件持久写入日志即返回 202，用 GET /v1/requests/{requestId} 查询结果（SPEC §13）。ingest:<部门编码> 令牌提交了其他部门的事件时整批拒绝，403 并逐个列出。',
  })
  @ApiQuery({ name: 'wait', required: false, description: 'false：写入日志即返回 202，不等记账；默认等待记账完成后返回 200', schema: { type: 'string', enum: ['true', 'false'], default: 'true' } })
  @ApiBody({ description: '一批事件（SPEC §2）', required: true, schema: responseSchema('IngestRequest') })
  @ApiAnswer('IngestAnswer', { description: '每个事件的结果与本批最高的事件库位置' })
  @ApiAnswer('IngestAcceptedAnswer', { status: 202, description: '已持久写入日志，记账尚未完成（wait=false，或等待超过 INGEST_WAIT_MS）；用 requestId 查询结果' })
  @ApiResponse({
    status: 429,
    ...errorResponse('该令牌提交过于频繁（RATE_LIMITED，每分钟 INGEST_RATE_PER_MINUTE 批）'),
    headers: { 'Retry-After': { description: '几秒后可以重试', schema: { type: 'integer' } } },
  })
  @ApiResponse({ status: 403, ...errorResponse('令牌没有 ingest 权限，或 ingest:<部门编码> 令牌提交了其他部门的事件（FORBIDDEN）：整批未接收，problems 逐个列出') })
  @ApiErrors({
    400: '批次结构不合格（VALIDATION_FAILED）：整批未接收，problems 逐个列出事件的 index、eventId、path 与说明',
    413: `请求体超过 10 MiB，或多于 ${MAX_EVENTS_PER_BATCH} 个事件（PAYLOAD_TOO_LARGE）`,
    503: '事件日志暂不可用（UNAVAILABLE）：未接收，稍后重试同一批次是安全的',
  })
  async ingest(
    @Body() body: unknown,
    @Query('wait') wait: string | undefined,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IngestResponse | IngestAcceptedResponse> {
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
