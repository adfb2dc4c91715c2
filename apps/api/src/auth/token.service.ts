import { APP_CONFIG, AppConfig } from '@app/config';
import { DEPARTMENT_CODE_PATTERN } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { LEDGER_RUNTIME } from '../core/core.module';
import type { LedgerRuntime } from '@app/transport';

/**
 * Bearer tokens (SPEC §4, §13) with scopes `ingest`, `ingest:<departmentCode>`, `read:<departmentCode>`, `read:*`,
 * `admin`. Only a SHA-256 hash of a token is stored; the token itself is shown once, when minted. `BUDGET_ADMIN_TOKEN`
 * is an all-scopes token.
 */
export class Principal {
  constructor(readonly tokenId: string, readonly scopes: ReadonlySet<string>) {}

  has(scope: 'ingest' | 'admin'): boolean {
    return this.scopes.has(scope);
  }

  canRead(departmentCode: string): boolean {
    return this.scopes.has('read:*') || this.scopes.has(`read:${departmentCode}`);
  }

  /** May post events of this department: `ingest` covers every department, `ingest:<code>` that one only (SPEC §13). */
  canIngest(departmentCode: string): boolean {
    return this.scopes.has('ingest') || this.scopes.has(`ingest:${departmentCode}`);
  }

  /** May post events of at least one department (`ingest` or some `ingest:<code>`). */
  canIngestAny(): boolean {
    return [...this.scopes].some((s) => s === 'ingest' || s.startsWith('ingest:'));
  }
}

export const ALL_SCOPES = ['ingest', 'read:*', 'admin'];

export function isValidScope(scope: string): boolean {
  if (scope === 'ingest' || scope === 'admin' || scope === 'read:*') return true;
  if (scope.startsWith('ingest:')) return DEPARTMENT_CODE_PATTERN.test(scope.slice(7));
  return scope.startsWith('read:') && DEPARTMENT_CODE_PATTERN.test(scope.slice(5));
}

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** `POST /v1/admin/tokens` (201): the token itself is shown here once, never again. */
export interface MintedToken {
  id: string;
  token: string;
  scopes: string[];
  name?: string;
}

/** A minted token as `GET /v1/admin/tokens` lists it: never the token or its hash. */
export interface TokenInfo {
  id: string;
  name: string | null;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** `DELETE /v1/admin/tokens/{id}`. */
export interface RevokedToken {
  id: string;
  revokedAt: string;
}

export interface TokensResponse {
  tokens: TokenInfo[];
}

@Injectable()
export class TokenService {
  private readonly adminHash: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime) {
    this.adminHash = config.adminToken ? hashToken(config.adminToken) : null;
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (!token || token.length > 512) return null;
    const hash = hashToken(token);
    // Constant-time comparison of equal-length digests.
    if (this.adminHash && timingSafeEqual(hash, this.adminHash)) return new Principal('admin', new Set(ALL_SCOPES));
    const { rows } = await this.runtime.pool.query<{ id: string; token_hash: string; scopes: string[] }>(
      'SELECT id, token_hash, scopes FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [hash.toString('hex')],
    );
    if (!rows.length || !timingSafeEqual(Buffer.from(rows[0].token_hash, 'hex'), hash)) return null;
    return new Principal(rows[0].id, new Set(rows[0].scopes));
  }

  async mint(scopes: string[], name: string | undefined): Promise<MintedToken> {
    const token = `bt_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const unique = [...new Set(scopes)];
    await this.runtime.pool.query('INSERT INTO api_tokens (id, name, token_hash, scopes) VALUES ($1, $2, $3, $4)', [
      id,
      name ?? null,
      hashToken(token).toString('hex'),
      unique,
    ]);
    return { id, token, scopes: unique, ...(name ? { name } : {}) };
  }

  /** The minted tokens, newest first: id, name, scopes and dates, never the token or its hash. */
  async list(): Promise<TokenInfo[]> {
    const { rows } = await this.runtime.pool.query<{ id: string; name: string | null; scopes: string[]; created_at: Date; revoked_at: Date | null }>(
      'SELECT id, name, scopes, created_at, revoked_at FROM api_tokens ORDER BY created_at DESC, id',
    );
    return rows.map((r) => ({ id: r.id, name: r.name, scopes: r.scopes, createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null }));
  }

  /** Revokes a token at once (its next request gets 401); false when no such token. Revoking twice keeps the first date. */
  async revoke(id: string): Promise<RevokedToken | null> {
    const { rows } = await this.runtime.pool.query<{ revoked_at: Date }>(
      'UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING revoked_at',
      [id],
    );
    return rows.length ? { id, revokedAt: rows[0].revoked_at.toISOString() } : null;
  }
}
