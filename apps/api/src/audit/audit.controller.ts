import { LOCAL_ID_PATTERN } from '@app/domain';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiError } from '../core/api-error';
import { readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { AuditService } from './audit.service';
import type { LineHistoryResponse, TransfersResponse } from './audit.types';

/**
 * The audit trail (SPEC §13): where a line's figures came from, and the department-year's 调剂 lineage. Both read the
 * event store and honour `?asOf=` (occurredOn ≤ asOf) and `?knownAt=` (appended by then) like the other reads.
 */
@Controller('v1/departments')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** A line's attributes and every applied event touching it, in processing order, with budget and paid after each. */
  @Get(':dept/years/:year/lines/:lineId/history')
  async lineHistory(@Param('dept') dept: string, @Param('year') year: string, @Param('lineId') lineId: string, @Query() query: unknown): Promise<LineHistoryResponse> {
    const y = parseYear(year);
    const q = readQuery(query);
    const found = LOCAL_ID_PATTERN.test(lineId) ? await this.audit.lineHistory(dept, y, lineId, { asOf: q.asOf, knownAt: q.knownAtText }) : null;
    if (!found) throw new ApiError(404, 'NOT_FOUND', `指标 ${lineId.slice(0, 128)} 不存在 (unknown line)`);
    const { entries, ...totals } = found.history;
    return {
      departmentCode: dept,
      fiscalYear: y,
      asOf: q.asOf ?? null,
      knownAt: q.knownAt?.toISOString() ?? null,
      line: { ...found.line, ...totals },
      events: entries,
    };
  }

  /** Every 调剂 (AppropriationTransferred) of the department-year, in processing order. */
  @Get(':dept/years/:year/transfers')
  async transfers(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<TransfersResponse> {
    const y = parseYear(year);
    const q = readQuery(query);
    return {
      departmentCode: dept,
      fiscalYear: y,
      asOf: q.asOf ?? null,
      knownAt: q.knownAt?.toISOString() ?? null,
      transfers: await this.audit.transfers(dept, y, { asOf: q.asOf, knownAt: q.knownAtText }),
    };
  }
}
