import { monitoringWorkbook } from '@app/documents';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiError } from '../core/api-error';
import { parseAsOf, parseYear } from '../ledger/ledger-reads.controller';
import { MonitoringService } from './monitoring.service';

@Controller('v1/departments')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /** 绩效监控 report (SPEC §6); `?format=xlsx` renders the 项目支出绩效目标执行监控表 workbook. */
  @Get(':dept/years/:year/monitoring')
  async get(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Query('asOf') asOf?: string,
    @Query('format') format?: string,
  ) {
    if (format !== undefined && format !== 'json' && format !== 'xlsx') throw new ApiError(400, 'VALIDATION_FAILED', 'format must be json or xlsx');
    const report = await this.monitoring.report(dept, parseYear(year), parseAsOf(asOf));
    if (format !== 'xlsx') return report;
    const file = `${dept}-${report.fiscalYear}-绩效监控-${report.asOf ?? 'year'}.xlsx`;
    return new StreamableFile(await monitoringWorkbook(report), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="monitoring.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`,
    });
  }
}
