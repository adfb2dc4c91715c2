import { Controller, Get, Param, Query } from '@nestjs/common';
import { parseAsOf, parseYear } from '../ledger/ledger-reads.controller';
import { IndicatorsService } from './indicators.service';

@Controller('v1/departments')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  /** Indicator completion and scores per project (SPEC §6). */
  @Get(':dept/years/:year/indicators')
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query('asOf') asOf?: string) {
    return this.indicators.indicators(dept, parseYear(year), parseAsOf(asOf));
  }
}
