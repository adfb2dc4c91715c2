import { Module } from '@nestjs/common';
import { LedgerReadsModule } from '../ledger/ledger-reads.module';
import { ProgressModule } from '../progress/progress.module';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** The finance bureau's overview of every department (SPEC §12). */
@Module({ imports: [ProgressModule, LedgerReadsModule], controllers: [OverviewController], providers: [OverviewService] })
export class OverviewModule {}
