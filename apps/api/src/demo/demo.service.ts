import { seedFixtureEvents } from '@app/fixtures';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IngestEventsCommand, IngestOutcome } from '../ingest/ingest-events.command';

export interface DemoLoadReport {
  departments: { departmentCode: string; fiscalYear: number; events: number; applied: number; duplicates: number; rejected: number }[];
}

/**
 * Demo data: the seed fixtures (seed 001 海港区政府办公室 2024, seed 004 机关事务 2023) ingested through the same
 * command as `POST /v1/events`. Loading twice changes nothing: every event comes back DUPLICATE.
 */
@Injectable()
export class DemoService {
  constructor(private readonly commands: CommandBus) {}

  async load(): Promise<DemoLoadReport> {
    const departments: DemoLoadReport['departments'] = [];
    for (const key of ['001', '004'] as const) {
      const events = seedFixtureEvents(key);
      const outcome = await this.commands.execute<IngestEventsCommand, IngestOutcome>(new IngestEventsCommand({ events }, true));
      const count = (status: string) => (outcome.kind === 'processed' ? outcome.results.filter((r) => r.status === status).length : 0);
      departments.push({
        departmentCode: events[0].departmentCode,
        fiscalYear: events[0].fiscalYear,
        events: events.length,
        applied: count('APPLIED'),
        duplicates: count('DUPLICATE'),
        rejected: count('REJECTED'),
      });
    }
    return { departments };
  }
}
