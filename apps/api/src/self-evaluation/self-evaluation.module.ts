import { Module } from '@nestjs/common';
import { FinalAccountsService } from '../final-accounts/final-accounts.service';
import { SelfEvaluationController } from './self-evaluation.controller';
import { SelfEvaluationService } from './self-evaluation.service';

/**
 * 绩效自评 (SPEC §12): the 项目支出 and 部门整体 self-evaluation tables; the service is exported for checks and the draft.
 * It reads the 决算 figures through its own FinalAccountsService (a stateless reader; FinalAccountsModule imports this
 * module, so importing that one back would be circular).
 */
@Module({ controllers: [SelfEvaluationController], providers: [SelfEvaluationService, FinalAccountsService], exports: [SelfEvaluationService] })
export class SelfEvaluationModule {}
