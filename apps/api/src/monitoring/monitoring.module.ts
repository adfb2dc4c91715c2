import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ProgressModule } from '../progress/progress.module';
import { SelfEvaluationModule } from '../self-evaluation/self-evaluation.module';
import { MonitoringController } from './monitoring.controller';
import { MonitoringService } from './monitoring.service';

/** 绩效监控 report and its 项目支出绩效目标执行监控表 (xlsx, docx) (SPEC §6, §12). */
@Module({ imports: [ProgressModule, IndicatorsModule, SelfEvaluationModule], controllers: [MonitoringController], providers: [MonitoringService] })
export class MonitoringModule {}
