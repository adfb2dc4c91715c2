import { Module } from '@nestjs/common';
import { DemoModule } from '../demo/demo.module';
import { LedgerReadsModule } from '../ledger/ledger-reads.module';
import { AdminController } from './admin.controller';

/** Rebuild and token minting (admin scope). */
@Module({ imports: [LedgerReadsModule, DemoModule], controllers: [AdminController] })
export class AdminModule {}
