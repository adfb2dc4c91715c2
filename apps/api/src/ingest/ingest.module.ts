import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IngestEventsHandler } from './ingest-events.command';
import { IngestController } from './ingest.controller';
import { IngestResultsWaiter } from './ingest-results.waiter';

@Module({
  imports: [CqrsModule],
  controllers: [IngestController],
  providers: [IngestEventsHandler, IngestResultsWaiter],
})
export class IngestModule {}
