import { DEPARTMENT_CODE_PATTERN } from '@app/domain';
import { rebuildProjections, type RebuildReport } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/auth.guard';
import { isValidScope, MintedToken, RevokedToken, TokenService, TokensResponse } from '../auth/token.service';
import { ApiError } from '../core/api-error';
import { LEDGER_RUNTIME } from '../core/core.module';
import { limit, querySpec, readQuery } from '../core/read-query';
import { DemoLoadReport, DemoService } from '../demo/demo.service';
import type { AdminRejectionsResponse } from '../ledger/ledger-reads.types';
import { LedgerReadsService } from '../ledger/ledger-reads.service';
import { ApiAnswer, ApiErrors, ApiReadQuery, TAGS } from '../openapi/api-docs';

const REJECTIONS_QUERY = querySpec({ asOf: false, params: { limit: limit() } });
const TOKENS_QUERY = querySpec({ asOf: false });
/** The scopes `isValidScope` accepts, as a pattern for the description. */
const DEPARTMENT_CODE = DEPARTMENT_CODE_PATTERN.source.replace(/^\^|\$$/g, '');
const SCOPE_PATTERN = `^(ingest|admin|read:\\*|read:${DEPARTMENT_CODE}|ingest:${DEPARTMENT_CODE})$`;

@Controller('v1/admin')
@RequireScope('admin')
@ApiTags(TAGS.admin.name)
export class AdminController {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    private readonly tokens: TokenService,
    private readonly reads: LedgerReadsService,
    private readonly demo: DemoService,
  ) {}

  /** Loads the demo departments from the seed fixtures (idempotent). */
  @Post('demo')
  @HttpCode(200)
  @ApiOperation({
    summary: '载入演示数据',
    description:
      '通过与 POST /v1/events 相同的接入流程载入演示部门：434（2024，执行中）、430（2023，执行中）与 QG-GOV（2023，已结账的完整部门决算）。可重复调用：再次载入时每个事件都是 DUPLICATE，不改变任何数据。',
  })
  @ApiAnswer('DemoLoadAnswer', { description: '每个演示部门载入的事件数与结果' })
  async loadDemo(): Promise<DemoLoadReport> {
    return this.demo.load();
  }

  /** Every recent rejection, including messages that named no department (not JSON, empty): the operator's view. */
  @Get('rejections')
  @ApiOperation({
    summary: '全部被拒消息（运维视角）',
    description: '所有来源的被拒消息，由新到旧，包括无法解析、不属于任何部门的消息（原文 raw 与来源的分区、偏移），供运维排查。',
  })
  @ApiReadQuery(REJECTIONS_QUERY, { limit: '最多列出的条数，默认 1000' })
  @ApiAnswer('AdminRejectionsAnswer', { description: '被拒消息列表' })
  async rejections(@Query() query: unknown): Promise<AdminRejectionsResponse> {
    const q = readQuery(query, REJECTIONS_QUERY);
    return { rejections: await this.reads.rejections('all', q.params.limit ?? 1000) };
  }

  /** Rebuilds the ledger state and every projection from the event store (SPEC §3). */
  @Post('rebuild')
  @HttpCode(200)
  @ApiOperation({
    summary: '从事件库重建投影',
    description: '在一个事务中清空并由事件库重建账务状态与全部读取模型（SPEC §3）；期间读取会等待重建完成，然后看到新数据。返回重放的事件数、重建的表与耗时。',
  })
  @ApiAnswer('RebuildAnswer', { description: '重建结果' })
  async rebuild(): Promise<RebuildReport> {
    return rebuildProjections(this.runtime.pool, this.runtime.projections);
  }

  /** Mints a scoped token, shown once (SPEC §4): `{ scopes: ["read:434", "ingest"], name? }` → 201. */
  @Post('tokens')
  @HttpCode(201)
  @ApiOperation({
    summary: '创建访问令牌',
    description: '创建一个带权限的令牌（SPEC §4、§13），令牌本身只在此应答中出现一次，服务端只保存其散列。权限：ingest、ingest:<部门编码>、read:<部门编码>、read:*、admin。',
  })
  @ApiBody({
    required: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['scopes'],
      properties: {
        scopes: {
          type: 'array',
          minItems: 1,
          maxItems: 100,
          items: { type: 'string', pattern: SCOPE_PATTERN },
          description: '权限列表，如 ["read:434", "ingest"]',
        },
        name: { type: 'string', maxLength: 200, description: '令牌的用途说明，如「财政局对接」' },
      },
    },
  })
  @ApiAnswer('MintedTokenAnswer', { status: 201, description: '新令牌（token 只显示这一次）' })
  @ApiErrors({ 400: '权限或名称不合格（VALIDATION_FAILED），problems 逐项指出' })
  async mint(@Body() body: unknown): Promise<MintedToken> {
    const { scopes, name } = (typeof body === 'object' && body !== null ? body : {}) as { scopes?: unknown; name?: unknown };
    const problems: { path: string; message: string }[] = [];
    if (!Array.isArray(scopes) || scopes.length === 0 || scopes.length > 100) problems.push({ path: 'scopes', message: 'scopes must be a non-empty array' });
    else scopes.forEach((s, i) => {
      if (typeof s !== 'string' || !isValidScope(s)) problems.push({ path: `scopes[${i}]`, message: 'scope must be ingest, ingest:<departmentCode>, admin, read:* or read:<departmentCode>' });
    });
    if (name !== undefined && (typeof name !== 'string' || name.length > 200)) problems.push({ path: 'name', message: 'name must be a string of at most 200 characters' });
    if (problems.length) throw new ApiError(400, 'VALIDATION_FAILED', '令牌参数错误 (invalid token request)', problems);
    return this.tokens.mint(scopes as string[], name as string | undefined);
  }

  /** The minted tokens (id, name, scopes, dates), never a token itself. */
  @Get('tokens')
  @ApiOperation({ summary: '令牌列表', description: '已创建的令牌，由新到旧：编号、名称、权限、创建与撤销时间；从不包含令牌本身或其散列。' })
  @ApiReadQuery(TOKENS_QUERY, {})
  @ApiAnswer('TokensAnswer', { description: '令牌列表' })
  async listTokens(@Query() query: unknown): Promise<TokensResponse> {
    readQuery(query, TOKENS_QUERY);
    return { tokens: await this.tokens.list() };
  }

  /** Revokes a minted token: from its next request on it gets 401. */
  @Delete('tokens/:id')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销令牌', description: '立即撤销：该令牌的下一个请求即得到 401。重复撤销保留第一次的撤销时间。' })
  @ApiParam({ name: 'id', description: '令牌编号（创建时应答中的 id，UUID）', schema: { type: 'string', format: 'uuid' } })
  @ApiAnswer('RevokedTokenAnswer', { description: '撤销时间' })
  @ApiErrors({ 404: '没有该令牌（NOT_FOUND）' })
  async revokeToken(@Param('id') id: string): Promise<RevokedToken> {
    const revoked = /^[0-9a-f-]{36}$/.test(id) ? await this.tokens.revoke(id) : null;
    if (!revoked) throw new ApiError(404, 'NOT_FOUND', `没有该令牌 (no token ${id.slice(0, 64)})`);
    return revoked;
  }
}
