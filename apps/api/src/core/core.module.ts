import { APP_CONFIG, AppConfig } from '@app/config';
import { LedgerRuntime } from '@app/transport';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { ReadCache } from './read-cache';
import { ReadScopes } from './read-scope';
import { ReadReplicaSync } from './read-replica-sync';

export const LEDGER_RUNTIME = Symbol('LEDGER_RUNTIME');

/** Makes the configuration, the ledger runtime (pool, transport, processor) and the read cache injectable everywhere. */
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
        // One cache of department reads per process (issue 12).
        { provide: ReadCache, useFactory: () => new ReadCache(runtime.readPool) },
        { provide: ReadReplicaSync, useFactory: () => new ReadReplicaSync(runtime, config) },
        // Every department read runs in its scope, entered by the AuthGuard: what it reflects, and `?knownAt=` (SPEC §13).
        { provide: ReadScopes, useFactory: (cache: ReadCache) => new ReadScopes(runtime, cache, config.knownAtConcurrency, config.logLevel), inject: [ReadCache] },
      ],
      exports: [APP_CONFIG, LEDGER_RUNTIME, ReadCache, ReadReplicaSync, ReadScopes],
    };
  }
}
