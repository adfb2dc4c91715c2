import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { LOCAL_ID_PATTERN, parseBusinessDate } from '@app/domain';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { LedgerReadsService } from './ledger-reads.service';

export function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 2000 || year > 2100) throw new ApiError(400, 'VALIDATION_FAILED', `年度须为 2000–2100 的四位数字 (bad year ${value})`);
  return year;
}

export function parseAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!parseBusinessDate(value)) throw new ApiError(400, 'VALIDATION_FAILED', `asOf 须为有效日期 YYYY-MM-DD (bad asOf ${value})`);
  return value;
}

export function parseLimit(value: string | undefined): number {
  const n = value === undefined ? 1000 : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new ApiError(400, 'VALIDATION_FAILED', 'limit must be 1..10000');
  return n;
}

/** An optional filter naming a project or a line (the event's own id rules: 1..128 characters, no control characters). */
function parseLocalId(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !LOCAL_ID_PATTERN.test(value)) throw new ApiError(400, 'VALIDATION_FAILED', `${name} 须为 1–128 个字符 (bad ${name})`);
  return value;
}

@Controller('v1/departments')
export class LedgerReadsController {
  constructor(private readonly reads: LedgerReadsService) {}

  /** The departments this token may read (SPEC §4). */
  @Get()
  async departments(@Req() req: AuthenticatedRequest) {
    const all = await this.reads.departments();
    return { departments: all.filter((d) => req.principal!.canRead(d.code)) };
  }

  /** Line balances (指标余额): budget, paid, available per line. */
  @Get(':dept/years/:year/lines')
  async lines(@Param('dept') dept: string, @Param('year') year: string, @Query('asOf') asOf?: string) {
    const date = parseAsOf(asOf);
    return { departmentCode: dept, fiscalYear: parseYear(year), asOf: date ?? null, lines: await this.reads.lines(dept, parseYear(year), date) };
  }

  /**
   * Payments (支付) newest first, each with what was reversed of it by `asOf`; `?projectCode=`, `?lineId=`, `?unitCode=`
   * or `?functionCode=` narrows them, `?limit=` (default 1000) caps the list, and `total` sums every matching payment.
   */
  @Get(':dept/years/:year/payments')
  async payments(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Query('projectCode') projectCode?: string,
    @Query('lineId') lineId?: string,
    @Query('unitCode') unitCode?: string,
    @Query('functionCode') functionCode?: string,
    @Query('asOf') asOf?: string,
    @Query('limit') limit?: string,
  ) {
    const y = parseYear(year);
    const filter = {
      projectCode: parseLocalId('projectCode', projectCode),
      lineId: parseLocalId('lineId', lineId),
      unitCode: parseLocalId('unitCode', unitCode),
      functionCode: parseLocalId('functionCode', functionCode),
    };
    const date = parseAsOf(asOf);
    const list = await this.reads.payments(dept, y, { ...filter, asOf: date, limit: parseLimit(limit) });
    return { departmentCode: dept, fiscalYear: y, asOf: date ?? null, ...list };
  }

  /** Rejected events with their codes, newest first (SPEC §2). */
  @Get(':dept/years/:year/rejections')
  async rejections(@Param('dept') dept: string, @Param('year') year: string, @Query('limit') limit?: string) {
    const y = parseYear(year);
    return { departmentCode: dept, fiscalYear: y, rejections: await this.reads.rejections({ dept, year: y }, parseLimit(limit)) };
  }
}
