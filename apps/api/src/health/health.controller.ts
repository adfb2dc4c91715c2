import type { LedgerRuntime } from '@app/transport';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { LEDGER_RUNTIME } from '../core/core.module';
import { ReadReplicaSync } from '../core/read-replica-sync';
import { ApiAnswer, TAGS } from '../openapi/api-docs';

/** `GET /v1/health`: states only, never error text (hosts, users). */
export interface HealthResponse {
  /** `degraded` when the database, the broker or the read replica does not answer. */
  status: 'ok' | 'degraded';
  transport: 'kafka' | 'embedded';
  database: { ok: boolean };
  broker: { ok: boolean };
  /** Events in the log not yet applied by the ledger (null when unknown). */
  projectionLag: number | null;
  /** Only with DATABASE_READ_URL: whether the read replica answers and how many bytes of WAL it is behind. */
  readReplica?: { ok: boolean; lagBytes: number | null };
}

/** Liveness with database and broker status and projection lag (SPEC §4). Public: it reveals no figures. */
@Controller('v1/health')
@ApiTags(TAGS.system.name)
export class HealthController {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    private readonly replica: ReadReplicaSync,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: '健康检查',
    description: '服务存活，数据库、消息日志（Kafka 或内嵌）与只读副本（如配置了 DATABASE_READ_URL）是否可用，记账的积压事件数（SPEC §4）。只报状态，不含任何错误文本或数据；任一不可用时 status 为 degraded，HTTP 状态仍为 200。',
  })
  @ApiAnswer('HealthAnswer', { description: '各组件的状态' })
  async health(): Promise<HealthResponse> {
    const database = await this.runtime.pool
      .query('SELECT 1')
      .then(() => ({ ok: true }))
      .catch(() => ({ ok: false }));
    // Public endpoint: states only, never error text (hosts, users).
    const broker = { ok: (await this.runtime.writer.status()).ok };
    const lag = database.ok ? await this.runtime.consumer.lag().catch(() => null) : null;
    const readReplica = this.replica.enabled ? await this.readReplica() : null;
    return {
      status: database.ok && broker.ok && (readReplica?.ok ?? true) ? 'ok' : 'degraded',
      transport: this.runtime.transport,
      database,
      broker,
      projectionLag: lag,
      // Only with DATABASE_READ_URL: whether the read replica answers and how far (bytes of WAL) it is behind.
      ...(readReplica ? { readReplica } : {}),
    };
  }

  private async readReplica(): Promise<{ ok: boolean; lagBytes: number | null }> {
    const lagBytes = await this.replica.lagBytes();
    return { ok: lagBytes !== null, lagBytes };
  }
}
