import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The audit trail (SPEC §13): line histories and 调剂 lineage from the event store. */
@Module({ controllers: [AuditController], providers: [AuditService] })
export class AuditModule {}
