import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';

/** Rebuild and token minting (admin scope). */
@Module({ controllers: [AdminController] })
export class AdminModule {}
