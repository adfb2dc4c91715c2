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
        // Factories, not values: Nest would otherwise serialise the pool into the module's identity.
        { provide: APP_CONFIG, useFactory: () => config },
        { provide: LEDGER_RUNTIME, useFactory: () => runtime },
      ],
      exports: [APP_CONFIG, LEDGER_RUNTIME],
    };
  }
}
