import { Module } from '@nestjs/common';
import { FinalAccountsService } from '../final-accounts/final-accounts.service';
import { BudgetController } from './budget.controller';
import { BudgetService } from './budget.service';

/**
 * 部门预算 (SPEC §14): the budget tables, their document, and the year-to-year carry check; the service is exported for
 * GET …/checks. It reads code names through its own FinalAccountsService (a stateless reader; FinalAccountsModule
 * imports this module, so importing that one back would be circular).
 */
@Module({ controllers: [BudgetController], providers: [BudgetService, FinalAccountsService], exports: [BudgetService] })
export class BudgetModule {}
