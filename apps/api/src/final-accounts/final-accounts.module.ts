import { Module } from '@nestjs/common';
import { FinalAccountsController } from './final-accounts.controller';
import { BudgetModule } from '../budget/budget.module';
import { SelfEvaluationModule } from '../self-evaluation/self-evaluation.module';
import { FinalAccountsDraftService } from './final-accounts-draft.service';
import { FinalAccountsService } from './final-accounts.service';

/** 部门决算 tables, 勾稽 checks and the publishable draft (SPEC §7, §9, §11). */
@Module({ imports: [SelfEvaluationModule, BudgetModule], controllers: [FinalAccountsController], providers: [FinalAccountsService, FinalAccountsDraftService], exports: [FinalAccountsService] })
export class FinalAccountsModule {}
