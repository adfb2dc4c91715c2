import { Module } from '@nestjs/common';
import { LedgerReadsModule } from '../ledger/ledger-reads.module';
import { AdminController } from './admin.controller';

/** Rebuild and token minting (admin scope). */
@Module({ imports: [LedgerReadsModule], controllers: [AdminController] })
export class AdminModule {}
