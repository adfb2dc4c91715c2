import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';

/** 绩效指标 completion and scoring (SPEC §6). */
@Module({ imports: [ProgressModule], controllers: [IndicatorsController], providers: [IndicatorsService], exports: [IndicatorsService] })
export class IndicatorsModule {}
