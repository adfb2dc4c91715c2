import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DemoService } from './demo.service';

@Module({ imports: [CqrsModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
