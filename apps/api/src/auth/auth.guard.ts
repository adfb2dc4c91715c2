import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiError } from '../core/api-error';
import { ApiNoSecurity, ApiRequiredScope } from '../openapi/api-docs';
import { Principal, TokenService } from './token.service';
import { ReadScopes, refuseKnownAtAcrossDepartments } from '../core/read-scope';

/**
 * Every route needs a valid bearer token unless marked @Public(); @RequireScope names the scope a route needs
 * (`ingest` is met by `ingest` or any `ingest:<departmentCode>`);
 * routes with a `:dept` parameter also need `read:<dept>` or `read:*` (403 and nothing else otherwise: SPEC §4).
 */
export type RouteScope = 'ingest' | 'admin' | 'read';
const SCOPE_KEY = 'requiredScope';
const PUBLIC_KEY = 'publicRoute';

/** How the OpenAPI document states each scope (`x-required-scope`); department reads get theirs by rule (openapi.ts). */
export const SCOPE_DOCS: Readonly<Record<RouteScope, string>> = {
  ingest: 'ingest 或 ingest:<部门编码>（后者只能提交本部门的事件）',
  admin: 'admin',
  read: 'read:<部门编码> 或 read:*',
};

export const RequireScope = (scope: RouteScope) => applyDecorators(SetMetadata(SCOPE_KEY, scope), ApiRequiredScope(SCOPE_DOCS[scope]));
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiNoSecurity());

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly readScopes: ReadScopes,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const dept = req.params?.dept;
    if (dept === undefined) refuseKnownAtAcrossDepartments(req);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const principal = match ? await this.tokens.authenticate(match[1]) : null;
    if (!principal) throw new ApiError(401, 'UNAUTHORIZED', '缺少或无效的访问令牌 (missing or invalid bearer token)');
    req.principal = principal;
    const scope = this.reflector.getAllAndOverride<RouteScope | undefined>(SCOPE_KEY, targets);
    // `ingest:<code>` tokens pass here; the ingest handler refuses a batch holding another department's event (SPEC §13).
    if ((scope === 'ingest' && !principal.canIngestAny()) || (scope === 'admin' && !principal.has(scope))) {
      throw new ApiError(403, 'FORBIDDEN', `令牌没有 ${scope} 权限 (token lacks the ${scope} scope)`);
    }
    if (dept !== undefined && !principal.canRead(dept)) {
      throw new ApiError(403, 'FORBIDDEN', '令牌无权读取该部门 (token may not read this department)');
    }
    // A department read runs in its read scope from here on (SPEC §13: what it reflects, `?knownAt=`).
    if (dept !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
      await this.readScopes.enter(req, context.switchToHttp().getResponse<Response>(), dept);
    }
    return true;
  }
}
