import { FixtureEvent, seed000FixtureEvents, seedBudgetEvents, seedFixtureEvents, SEED_DEPARTMENTS } from '@app/fixtures';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IngestEventsCommand, IngestOutcome } from '../ingest/ingest-events.command';

export interface DemoLoadReport {
  departments: { departmentCode: string; fiscalYear: number; events: number; applied: number; duplicates: number; rejected: number }[];
}

/**
 * Demo data, ingested through the same command as `POST /v1/events`:
 * - 434 秦皇岛市海港区人民政府办公室 2024 (seed 001) and 430 秦皇岛市山海关区机关事务服务中心 2023 (seed 004): published
 *   部门预算 (basic and project lines, plans, indicators, goals) with a year of synthetic payments and measurements — years
 *   in progress;
 * - QG-GOV 泉港区人民政府办公室 2023 (seed 000): the published 部门决算 as events — a closed year with its prior year,
 *   三公, 人员经费, explanations, disclosures and self-evaluation, so its 决算 draft is the finished document.
 * Loading twice changes nothing: every event comes back DUPLICATE.
 */
@Injectable()
export class DemoService {
  constructor(private readonly commands: CommandBus) {}

  async load(): Promise<DemoLoadReport> {
    const departments: DemoLoadReport['departments'] = [];
    // The budget years with their whole 部门预算 (basic lines paid monthly, goals), so GET …/budget is the published one.
    const budgetYear = (key: '001' | '004') => [...seedFixtureEvents(key), ...seedBudgetEvents(key, { payBasicThrough: `${SEED_DEPARTMENTS[key].fiscalYear}-12-31` })];
    const batches: FixtureEvent[][] = [budgetYear('001'), budgetYear('004'), seed000FixtureEvents().events];
    for (const events of batches) {
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
