import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ProgressModule } from '../progress/progress.module';
import { MonitoringController } from './monitoring.controller';
import { MonitoringService } from './monitoring.service';

/** 绩效监控 report and its xlsx (SPEC §6). */
@Module({ imports: [ProgressModule, IndicatorsModule], controllers: [MonitoringController], providers: [MonitoringService] })
export class MonitoringModule {}
