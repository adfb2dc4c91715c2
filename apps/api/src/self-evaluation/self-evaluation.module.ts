import { Module } from '@nestjs/common';
import { SelfEvaluationController } from './self-evaluation.controller';
import { SelfEvaluationService } from './self-evaluation.service';

/** 绩效自评 (SPEC §12): the 项目支出 and 部门整体 self-evaluation tables; the service is exported for checks and the draft. */
@Module({ controllers: [SelfEvaluationController], providers: [SelfEvaluationService], exports: [SelfEvaluationService] })
export class SelfEvaluationModule {}
