import { monitoringDocument, renderDocx, renderXlsx } from '@app/documents';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { MonitoringService } from './monitoring.service';

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

@Controller('v1/departments')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /**
   * 绩效监控 report (SPEC §6, §12); `?format=xlsx|docx` renders the 项目支出绩效目标执行监控表 of every project (one per
   * page) and the summary, from the same report.
   */
  @Get(':dept/years/:year/monitoring')
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown) {
    const { asOf, format } = readQuery(query, { formats: ['xlsx', 'docx'] });
    const report = await this.monitoring.report(dept, parseYear(year), asOf);
    if (format !== 'xlsx' && format !== 'docx') return report;
    const tree = monitoringDocument(report);
    const file = `${dept}-${report.fiscalYear}-绩效监控-${report.asOf ?? 'year'}.${format}`;
    return new StreamableFile(format === 'xlsx' ? await renderXlsx(tree) : await renderDocx(tree), {
      type: FILE_TYPES[format],
      disposition: `attachment; filename="monitoring.${format}"; filename*=UTF-8''${encodeURIComponent(file)}`,
    });
  }
}
