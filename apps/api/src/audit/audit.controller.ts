import { LOCAL_ID_PATTERN } from '@app/domain';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiError } from '../core/api-error';
import { querySpec, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { ApiAnswer, ApiDeptYear, ApiErrors, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { AuditService } from './audit.service';
import type { LineHistoryResponse, TransfersResponse } from './audit.types';

/**
 * The audit trail (SPEC §13): where a line's figures came from, and the department-year's 调剂 lineage. Both read the
 * event store and honour `?asOf=` (occurredOn ≤ asOf) and `?knownAt=` (appended by then) like the other reads.
 */
const AUDIT_QUERY = querySpec({});

@Controller('v1/departments')
@ApiTags(TAGS.audit.name)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** A line's attributes and every applied event touching it, in processing order, with budget and paid after each. */
  @Get(':dept/years/:year/lines/:lineId/history')
  @ApiOperation({
    summary: '单条指标的变动记录',
    description:
      '该指标的属性，以及按处理顺序触及它的每个已记账事件：下达（阶段与文号）、调整（原因）、调剂（对方指标）、支付、退回、结转与收回，每条附其后的预算数、已支付数与可用余额（SPEC §13）。事件来自事件库，asOf 与 knownAt 与其他读取相同。',
  })
  @ApiDeptYear()
  @ApiParam({ name: 'lineId', description: '指标编号（lineId），1–128 个字符，不含控制字符', schema: { type: 'string', maxLength: 128, pattern: LOCAL_ID_PATTERN.source } })
  @ApiReadQuery(AUDIT_QUERY, {})
  @ApiAnswer('LineHistoryAnswer', { description: '指标属性与变动记录' })
  @ApiErrors({ 404: '该部门该年度没有这条指标（NOT_FOUND）' })
  async lineHistory(@Param('dept') dept: string, @Param('year') year: string, @Param('lineId') lineId: string, @Query() query: unknown): Promise<LineHistoryResponse> {
    const y = parseYear(year);
    const q = readQuery(query, AUDIT_QUERY);
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
  @ApiOperation({
    summary: '指标调剂记录',
    description: '该部门该年度的每笔调剂（AppropriationTransferred），按处理顺序：调出与调入指标、金额、原因、文号、发生日期（SPEC §13）。',
  })
  @ApiDeptYear()
  @ApiReadQuery(AUDIT_QUERY, {})
  @ApiAnswer('TransfersAnswer', { description: '调剂列表' })
  async transfers(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<TransfersResponse> {
    const y = parseYear(year);
    const q = readQuery(query, AUDIT_QUERY);
    return {
      departmentCode: dept,
      fiscalYear: y,
      asOf: q.asOf ?? null,
      knownAt: q.knownAt?.toISOString() ?? null,
      transfers: await this.audit.transfers(dept, y, { asOf: q.asOf, knownAt: q.knownAtText }),
    };
  }
}
