import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiError } from '../core/api-error';
import { parseAsOf, parseYear } from '../ledger/ledger-reads.controller';
import { AmountUnit, FinalAccountsService, renderChecks, renderTables, renderVariance, varianceCheck } from './final-accounts.service';

function parseUnit(unit: string | undefined): AmountUnit {
  if (unit === undefined || unit === 'yuan') return 'yuan';
  if (unit === 'wan') return 'wan';
  throw new ApiError(400, 'VALIDATION_FAILED', 'unit must be yuan or wan');
}

@Controller('v1/departments')
export class FinalAccountsController {
  constructor(private readonly finalAccounts: FinalAccountsService) {}

  /** The 决算 tables (SPEC §7); `?unit=wan` writes 万元. */
  @Get(':dept/years/:year/final-accounts')
  async tables(@Param('dept') dept: string, @Param('year') year: string, @Query('asOf') asOf?: string, @Query('unit') unit?: string, @Query('format') format?: string) {
    if (format !== undefined && format !== 'json') throw new ApiError(400, 'VALIDATION_FAILED', '决算文稿（docx/xlsx/html）尚未提供 (only format=json for now)');
    const y = parseYear(year);
    const date = parseAsOf(asOf);
    const u = parseUnit(unit);
    const { tables } = await this.finalAccounts.build(dept, y, date);
    return { departmentCode: dept, fiscalYear: y, asOf: date ?? null, unit: u, provisional: tables.provisional, tables: renderTables(tables, y, u) };
  }

  /** 勾稽关系 checks (SPEC §9), run on the same build. */
  @Get(':dept/years/:year/checks')
  async checks(@Param('dept') dept: string, @Param('year') year: string, @Query('asOf') asOf?: string) {
    const y = parseYear(year);
    const date = parseAsOf(asOf);
    const [{ tables, checks }, variance] = await Promise.all([this.finalAccounts.build(dept, y, date), this.finalAccounts.variance(dept, y, date)]);
    return { departmentCode: dept, fiscalYear: y, asOf: date ?? null, provisional: tables.provisional, checks: [...renderChecks(checks), varianceCheck(variance.items)] };
  }

  /** 情况说明 variance items with their draft sentences (SPEC §8); `?unit=wan` writes amounts in 万元. */
  @Get(':dept/years/:year/variance')
  async variance(@Param('dept') dept: string, @Param('year') year: string, @Query('asOf') asOf?: string, @Query('unit') unit?: string) {
    const y = parseYear(year);
    const date = parseAsOf(asOf);
    const u = parseUnit(unit);
    const { priorSource, items } = await this.finalAccounts.variance(dept, y, date);
    const missing = items.filter((i) => i.reasonSource === 'MISSING' && i.direction !== 'FLAT');
    return {
      departmentCode: dept,
      fiscalYear: y,
      asOf: date ?? null,
      unit: u,
      priorSource,
      items: renderVariance(items, u),
      todo: missing.map((i) => ({ scope: i.scope, name: i.name, message: `请补充${i.name}的差异原因（VarianceExplained）` })),
    };
  }
}
