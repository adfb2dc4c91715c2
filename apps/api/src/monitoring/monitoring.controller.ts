import { monitoringDocument, renderDocx, renderXlsx } from '@app/documents';
import type { MonitoringReport } from '@app/domain';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { querySpec, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { ApiAnswer, ApiDeptYear, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { MonitoringService } from './monitoring.service';

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

const MONITORING_QUERY = querySpec({ formats: ['xlsx', 'docx'] });

@Controller('v1/departments')
@ApiTags(TAGS.performance.name)
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  /**
   * 绩效监控 report (SPEC §6, §12); `?format=xlsx|docx` renders the 项目支出绩效目标执行监控表 of every project (one per
   * page) and the summary, from the same report.
   */
  @Get(':dept/years/:year/monitoring')
  @ApiOperation({
    summary: '绩效监控报告',
    description:
      '项目支出绩效目标执行监控表的内容（通常截至 6 月 30 日或 7 月 31 日）：每个项目与部门整体的年初预算数、全年预算数、1–N 月执行数与执行率（财政拨款／其他资金），对照用款计划与序时进度、年末预测、下一个计划节点的预测，年度总体目标，指标进度，以及尚需填写偏差原因与完善措施的事项（SPEC §6、§12）。format=xlsx|docx 生成每个项目一页的监控表及汇总。',
  })
  @ApiDeptYear()
  @ApiReadQuery(MONITORING_QUERY, {})
  @ApiAnswer('MonitoringAnswer', { description: '绩效监控报告（JSON），或 Excel／Word 文件', formats: MONITORING_QUERY.formats })
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<MonitoringReport | StreamableFile> {
    const { asOf, format } = readQuery(query, MONITORING_QUERY);
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
