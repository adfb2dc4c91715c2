import { Body, Controller, HttpCode, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { RequireScope } from '../auth/auth.guard';
import { IngestEventsCommand, IngestOutcome } from './ingest-events.command';

@Controller('v1/events')
export class IngestController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @RequireScope('ingest')
  async ingest(@Body() body: unknown, @Query('wait') wait: string | undefined, @Res({ passthrough: true }) res: Response) {
    const outcome = await this.commands.execute<IngestEventsCommand, IngestOutcome>(new IngestEventsCommand(body, wait !== 'false'));
    if (outcome.kind === 'accepted') {
      res.status(202);
      return { accepted: outcome.accepted, requestId: outcome.requestId, message: outcome.message };
    }
    return { results: outcome.results, position: outcome.position };
  }
}
