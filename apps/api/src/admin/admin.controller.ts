import { rebuildProjections } from '@app/postgres';
import type { LedgerRuntime } from '@app/transport';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { RequireScope } from '../auth/auth.guard';
import { isValidScope, TokenService } from '../auth/token.service';
import { ApiError } from '../core/api-error';
import { LEDGER_RUNTIME } from '../core/core.module';
import { limit, readQuery } from '../core/read-query';
import { DemoService } from '../demo/demo.service';
import { LedgerReadsService } from '../ledger/ledger-reads.service';

@Controller('v1/admin')
@RequireScope('admin')
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
  async loadDemo() {
    return this.demo.load();
  }

  /** Every recent rejection, including messages that named no department (not JSON, empty): the operator's view. */
  @Get('rejections')
  async rejections(@Query() query: unknown) {
    const q = readQuery(query, { asOf: false, params: { limit: limit() } });
    return { rejections: await this.reads.rejections('all', q.params.limit ?? 1000) };
  }

  /** Rebuilds the ledger state and every projection from the event store (SPEC §3). */
  @Post('rebuild')
  @HttpCode(200)
  async rebuild() {
    return rebuildProjections(this.runtime.pool, this.runtime.projections);
  }

  /** Mints a scoped token, shown once (SPEC §4): `{ scopes: ["read:434", "ingest"], name? }` → 201. */
  @Post('tokens')
  @HttpCode(201)
  async mint(@Body() body: unknown) {
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
  async listTokens(@Query() query: unknown) {
    readQuery(query, { asOf: false });
    return { tokens: await this.tokens.list() };
  }

  /** Revokes a minted token: from its next request on it gets 401. */
  @Delete('tokens/:id')
  @HttpCode(200)
  async revokeToken(@Param('id') id: string) {
    const revoked = /^[0-9a-f-]{36}$/.test(id) ? await this.tokens.revoke(id) : null;
    if (!revoked) throw new ApiError(404, 'NOT_FOUND', `没有该令牌 (no token ${id.slice(0, 64)})`);
    return revoked;
  }
}
