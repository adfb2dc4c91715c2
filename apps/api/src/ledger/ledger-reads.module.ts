import { Module } from '@nestjs/common';
import { LedgerReadsController } from './ledger-reads.controller';
import { LedgerReadsService } from './ledger-reads.service';

@Module({ controllers: [LedgerReadsController], providers: [LedgerReadsService], exports: [LedgerReadsService] })
export class LedgerReadsModule {}
