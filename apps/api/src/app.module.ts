import { BudgetModule } from './budget/budget.module';
import { AppConfig } from '@app/config';
import type { LedgerRuntime } from '@app/transport';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ApiErrorFilter } from './core/api-error';
import { CoreModule } from './core/core.module';
import { FinalAccountsModule } from './final-accounts/final-accounts.module';
import { HealthModule } from './health/health.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { IngestModule } from './ingest/ingest.module';
import { LedgerReadsModule } from './ledger/ledger-reads.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { OverviewModule } from './overview/overview.module';
import { ProgressModule } from './progress/progress.module';
import { SelfEvaluationModule } from './self-evaluation/self-evaluation.module';
import { WebModule } from './web/web.module';

/** One module per capability; the runtime (database, transport, ledger) is built before Nest starts. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: LedgerRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, runtime), AuthModule, IngestModule, LedgerReadsModule, AuditModule, ProgressModule, IndicatorsModule, MonitoringModule, OverviewModule, SelfEvaluationModule, BudgetModule, FinalAccountsModule, AdminModule, HealthModule, WebModule],
      providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }],
    };
  }
}
