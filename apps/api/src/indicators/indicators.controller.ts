import { indicatorsTable } from '@app/documents';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { asOfSuffix, csvFile } from '../core/csv-file';
import { querySpec, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { ApiAnswer, ApiDeptYear, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { IndicatorsService } from './indicators.service';
import type { IndicatorsResponse } from './indicators.types';

const INDICATORS_QUERY = querySpec({ formats: ['csv'] });

@Controller('v1/departments')
@ApiTags(TAGS.performance.name)
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  /** Indicator completion and scores per project (SPEC §6); `?format=csv` lists the indicators, one per row. */
  @Get(':dept/years/:year/indicators')
  @ApiOperation({
    summary: '绩效指标完成情况',
    description:
      '按项目列出预算执行（预算数、已支付数、执行率及 10 分制执行得分）与每个绩效指标的目标值、实际值、完成率、得分与偏差；部门整体指标在 projectCode "*" 下（SPEC §6）。format=csv 每行一个指标。',
  })
  @ApiDeptYear()
  @ApiReadQuery(INDICATORS_QUERY, {})
  @ApiAnswer('IndicatorsAnswer', { description: '各项目的指标完成情况（JSON），或 CSV 文件', formats: INDICATORS_QUERY.formats })
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<IndicatorsResponse | StreamableFile> {
    const q = readQuery(query, INDICATORS_QUERY);
    const y = parseYear(year);
    const answer = await this.indicators.indicators(dept, y, q.asOf);
    if (q.format === 'csv') return csvFile(indicatorsTable(answer.projects), `${dept}-${y}年-绩效指标完成情况${asOfSuffix(q.asOf)}.csv`, `indicators-${dept}-${y}.csv`, { caption: false });
    return answer;
  }
}
