import { Module } from '@nestjs/common';
import { FinalAccountsController } from './final-accounts.controller';
import { FinalAccountsService } from './final-accounts.service';

/** 部门决算 tables and 勾稽 checks (SPEC §7, §9). */
@Module({ controllers: [FinalAccountsController], providers: [FinalAccountsService], exports: [FinalAccountsService] })
export class FinalAccountsModule {}
