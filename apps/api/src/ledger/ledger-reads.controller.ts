import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { linesTable, paymentsTable } from '@app/documents';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiError } from '../core/api-error';
import { asOfSuffix, csvFile } from '../core/csv-file';
import { limit, localId, readQuery } from '../core/read-query';
import { LedgerReadsService } from './ledger-reads.service';

export function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 2000 || year > 2100) throw new ApiError(400, 'VALIDATION_FAILED', `年度须为 2000–2100 的四位数字 (bad year ${value})`);
  return year;
}

@Controller('v1/departments')
export class LedgerReadsController {
  constructor(private readonly reads: LedgerReadsService) {}

  /** The departments this token may read (SPEC §4). */
  @Get()
  async departments(@Req() req: AuthenticatedRequest, @Query() query: unknown) {
    readQuery(query, { asOf: false });
    const all = await this.reads.departments();
    return { departments: all.filter((d) => req.principal!.canRead(d.code)) };
  }

  /** Line balances (指标余额): budget, paid, available per line; `?format=csv` as a list. */
  @Get(':dept/years/:year/lines')
  async lines(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown) {
    const q = readQuery(query, { formats: ['csv'] });
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
  async payments(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Query() query: unknown,
  ) {
    const y = parseYear(year);
    const q = readQuery(query, { formats: ['csv'], params: { projectCode: localId, lineId: localId, unitCode: localId, functionCode: localId, limit: limit() } });
    const { limit: cap, ...filter } = q.params;
    const date = q.asOf;
    const csv = q.format === 'csv';
    const list = await this.reads.payments(dept, y, { ...filter, asOf: date, limit: cap ?? (csv ? Number.MAX_SAFE_INTEGER : 1000) });
    if (csv) return csvFile(paymentsTable(list.payments), `${dept}-${y}年-支付明细${asOfSuffix(date)}.csv`, `payments-${dept}-${y}.csv`, { caption: false });
    return { departmentCode: dept, fiscalYear: y, asOf: date ?? null, ...list };
  }

  /** Rejected events with their codes, newest first (SPEC §2). */
  @Get(':dept/years/:year/rejections')
  async rejections(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown) {
    const y = parseYear(year);
    const q = readQuery(query, { asOf: false, params: { limit: limit() } });
    return { departmentCode: dept, fiscalYear: y, rejections: await this.reads.rejections({ dept, year: y }, q.params.limit ?? 1000) };
  }
}
