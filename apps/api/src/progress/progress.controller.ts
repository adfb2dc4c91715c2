import { GROUPING_NAMES, progressTable } from '@app/documents';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { asOfSuffix, sendCsv } from '../core/csv-file';
import { sendJson } from '../core/read-cache';
import { oneOf, querySpec, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { ApiAnswer, ApiDeptYear, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { GROUP_BY, GroupBy, ProgressService } from './progress.service';

const PROGRESS_QUERY = querySpec({ formats: ['csv'], params: { groupBy: oneOf(GROUP_BY) } });

@Controller('v1/departments')
@ApiTags(TAGS.progress.name)
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Execution progress against the disbursement plan (SPEC §5); `?format=csv` lists the groups' headline figures. */
  @Get(':dept/years/:year/progress')
  @ApiOperation({
    summary: '预算执行进度',
    description:
      '按部门、单位、功能分类科目、项目或指标分组的预算数、已支付数、执行率，对照用款计划的计划执行率与序时进度，差距、预警状态（ALERT/WARNING）与年末预测；每组附 1 月至 asOf 所在月的逐月累计数（SPEC §5）。不给 asOf 时为全年（序时进度 100）。format=csv 导出各组的主要数字。',
  })
  @ApiDeptYear()
  @ApiReadQuery(PROGRESS_QUERY, { groupBy: '分组方式：部门（默认）、单位、功能分类科目、项目、指标' })
  @ApiAnswer('ProgressAnswer', { description: '执行进度（JSON），或 CSV 文件', formats: PROGRESS_QUERY.formats })
  async get(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Res() res: Response,
    @Query() query: unknown,
  ): Promise<void> {
    const q = readQuery(query, PROGRESS_QUERY);
    const by: GroupBy = q.params.groupBy ?? 'department';
    const y = parseYear(year);
    if (q.format === 'csv') {
      const name = `${dept}-${y}年-预算执行进度（${GROUPING_NAMES[by]}）${asOfSuffix(q.asOf)}.csv`;
      return sendCsv(res, progressTable(await this.progress.progress(dept, y, q.asOf, by)), name, `progress-${dept}-${y}.csv`, { caption: false });
    }
    sendJson(res, await this.progress.progressJson(dept, y, q.asOf, by));
  }
}
