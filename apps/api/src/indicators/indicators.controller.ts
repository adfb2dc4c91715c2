import { indicatorsTable } from '@app/documents';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { asOfSuffix, csvFile } from '../core/csv-file';
import { readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { IndicatorsService } from './indicators.service';

@Controller('v1/departments')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  /** Indicator completion and scores per project (SPEC §6); `?format=csv` lists the indicators, one per row. */
  @Get(':dept/years/:year/indicators')
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown) {
    const q = readQuery(query, { formats: ['csv'] });
    const y = parseYear(year);
    const answer = await this.indicators.indicators(dept, y, q.asOf);
    if (q.format === 'csv') return csvFile(indicatorsTable(answer.projects), `${dept}-${y}年-绩效指标完成情况${asOfSuffix(q.asOf)}.csv`, `indicators-${dept}-${y}.csv`, { caption: false });
    return answer;
  }
}
