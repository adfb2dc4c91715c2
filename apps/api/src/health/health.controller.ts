import type { LedgerRuntime } from '@app/transport';
import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '../auth/auth.guard';
import { LEDGER_RUNTIME } from '../core/core.module';
import { ReadReplicaSync } from '../core/read-replica-sync';

/** Liveness with database and broker status and projection lag (SPEC §4). Public: it reveals no figures. */
@Controller('v1/health')
export class HealthController {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    private readonly replica: ReadReplicaSync,
  ) {}

  @Get()
  @Public()
  async health() {
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
