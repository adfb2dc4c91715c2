import { APP_CONFIG, AppConfig } from '@app/config';
import { LedgerRuntime } from '@app/transport';
import { DynamicModule, Global, Module } from '@nestjs/common';

export const LEDGER_RUNTIME = Symbol('LEDGER_RUNTIME');

/** Makes the configuration and the ledger runtime (pool, transport, processor) injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, runtime: LedgerRuntime): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LEDGER_RUNTIME, useValue: runtime },
      ],
      exports: [APP_CONFIG, LEDGER_RUNTIME],
    };
  }
}
