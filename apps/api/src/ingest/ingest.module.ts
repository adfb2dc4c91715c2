import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IngestEventsHandler } from './ingest-events.command';
import { IngestController } from './ingest.controller';
import { IngestRateLimiter } from './ingest-rate-limiter';
import { IngestResultsWaiter } from './ingest-results.waiter';

@Module({
  imports: [CqrsModule],
  controllers: [IngestController],
  providers: [IngestEventsHandler, IngestResultsWaiter, IngestRateLimiter],
})
export class IngestModule {}
