import { Controller, Get, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { linesTable, paymentsTable } from '@app/documents';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { asOfSuffix, csvFile } from '../core/csv-file';
import { limit, localId, querySpec, readQuery } from '../core/read-query';
import { ApiAnswer, ApiDeptYear, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { LedgerReadsService } from './ledger-reads.service';
import type { DepartmentsResponse, LinesResponse, PaymentsResponse, RejectionsResponse } from './ledger-reads.types';

export function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 2000 || year > 2100) throw new ApiError(400, 'VALIDATION_FAILED', `年度须为 2000–2100 的四位数字 (bad year ${value})`);
  return year;
}

const DEPARTMENTS_QUERY = querySpec({ asOf: false });
const LINES_QUERY = querySpec({ formats: ['csv'] });
const PAYMENTS_QUERY = querySpec({ formats: ['csv'], params: { projectCode: localId, lineId: localId, unitCode: localId, functionCode: localId, limit: limit() } });
const REJECTIONS_QUERY = querySpec({ asOf: false, params: { limit: limit() } });

@Controller('v1/departments')
export class LedgerReadsController {
  constructor(private readonly reads: LedgerReadsService) {}

  /** The departments this token may read (SPEC §4). */
  @Get()
  @ApiTags(TAGS.departments.name)
  @ApiOperation({
    summary: '令牌可读的部门',
    description: '列出令牌可读的部门（read:* 与 admin：全部；read:<部门编码>：这些部门；只有 ingest 权限的令牌得到空列表），每个部门附有事件涉及的预算年度（SPEC §4）。',
  })
  @ApiReadQuery(DEPARTMENTS_QUERY, {})
  @ApiAnswer('DepartmentsAnswer', { description: '部门列表，按部门编码排序' })
  async departments(@Req() req: AuthenticatedRequest, @Query() query: unknown): Promise<DepartmentsResponse> {
    readQuery(query, DEPARTMENTS_QUERY);
    const all = await this.reads.departments();
    return { departments: all.filter((d) => req.principal!.canRead(d.code)) };
  }

  /** Line balances (指标余额): budget, paid, available per line; `?format=csv` as a list. */
  @Get(':dept/years/:year/lines')
  @ApiTags(TAGS.ledger.name)
  @ApiOperation({
    summary: '指标余额',
    description: '每条指标（lineId）的预算数、已支付数、可用余额及是否超支（SPEC §4）；金额为两位小数的元字符串。format=csv 导出同样的列表（中文表头）。',
  })
  @ApiDeptYear()
  @ApiReadQuery(LINES_QUERY, {})
  @ApiAnswer('LinesAnswer', { description: '指标余额列表（JSON），或 CSV 文件', formats: LINES_QUERY.formats })
  async lines(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<LinesResponse | StreamableFile> {
    const q = readQuery(query, LINES_QUERY);
    const date = q.asOf;
    const y = parseYear(year);
    const lines = await this.reads.lines(dept, y, date);
    if (q.format === 'csv') return csvFile(linesTable(lines), `${dept}-${y}年-指标余额${asOfSuffix(date)}.csv`, `lines-${dept}-${y}.csv`, { caption: false });
    return { departmentCode: dept, fiscalYear: y, asOf: date ?? null, lines };
  }

  /**
   * Payments (支付) newest first, each with what was reversed of it by `asOf`; `?projectCode=`, `?lineId=`, `?unitCode=`
   * or `?functionCode=` narrows them, `?limit=` (default 1000) caps the list, and `total` sums every matching payment.
   * `?format=csv` lists every matching payment (an export is never cut short silently) unless `limit` is given.
   */
  @Get(':dept/years/:year/payments')
  @ApiTags(TAGS.ledger.name)
  @ApiOperation({
    summary: '支付明细',
    description:
      '支付（PaymentMade）按日期由新到旧，每笔附截至 asOf 已退回（PaymentReversed）的金额与净额；total 合计全部符合条件的支付，不只是列出的部分（SPEC §4）。format=csv 导出全部符合条件的支付（除非给了 limit），导出从不悄悄截断。',
  })
  @ApiDeptYear()
  @ApiReadQuery(PAYMENTS_QUERY, {
    projectCode: '只列该项目代码的支付（空值视为不筛选）',
    lineId: '只列该指标（lineId）的支付（空值视为不筛选）',
    unitCode: '只列该预算单位的支付（空值视为不筛选）',
    functionCode: '只列该功能分类科目的支付（空值视为不筛选）',
    limit: '最多列出的笔数；JSON 默认 1000，CSV 默认全部',
  })
  @ApiAnswer('PaymentsAnswer', { description: '支付明细与合计（JSON），或 CSV 文件', formats: PAYMENTS_QUERY.formats })
  async payments(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Query() query: unknown,
  ): Promise<PaymentsResponse | StreamableFile> {
    const y = parseYear(year);
    const q = readQuery(query, PAYMENTS_QUERY);
    const { limit: cap, ...filter } = q.params;
    const date = q.asOf;
    const csv = q.format === 'csv';
    const list = await this.reads.payments(dept, y, { ...filter, asOf: date, limit: cap ?? (csv ? Number.MAX_SAFE_INTEGER : 1000) });
    if (csv) return csvFile(paymentsTable(list.payments), `${dept}-${y}年-支付明细${asOfSuffix(date)}.csv`, `payments-${dept}-${y}.csv`, { caption: false });
    return { departmentCode: dept, fiscalYear: y, asOf: date ?? null, ...list };
  }

  /** Rejected events with their codes, newest first (SPEC §2). */
  @Get(':dept/years/:year/rejections')
  @ApiTags(TAGS.ledger.name)
  @ApiOperation({
    summary: '被拒事件',
    description:
      '该部门该年度被账务规则拒绝的事件，由新到旧，附拒绝代码（如 INSUFFICIENT_BALANCE、UNKNOWN_LINE）、说明和原始事件（SPEC §2）。knownAt：只列该时刻之前被拒的。不接受 asOf（被拒不是业务日期上的事实）。',
  })
  @ApiDeptYear()
  @ApiReadQuery(REJECTIONS_QUERY, { limit: '最多列出的条数，默认 1000' })
  @ApiAnswer('RejectionsAnswer', { description: '被拒事件列表' })
  async rejections(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<RejectionsResponse> {
    const y = parseYear(year);
    const q = readQuery(query, REJECTIONS_QUERY);
    return { departmentCode: dept, fiscalYear: y, rejections: await this.reads.rejections({ dept, year: y }, q.params.limit ?? 1000) };
  }
}
