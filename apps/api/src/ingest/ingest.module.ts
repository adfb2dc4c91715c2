import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IngestEventsHandler } from './ingest-events.command';
import { IngestController } from './ingest.controller';
import { IngestRequestsController } from './ingest-requests.controller';
import { IngestRequests } from './ingest-requests.service';
import { IngestRateLimiter } from './ingest-rate-limiter';
import { IngestResultsWaiter } from './ingest-results.waiter';

@Module({
  imports: [CqrsModule],
  controllers: [IngestController, IngestRequestsController],
  providers: [IngestEventsHandler, IngestResultsWaiter, IngestRateLimiter, IngestRequests],
})
export class IngestModule {}
