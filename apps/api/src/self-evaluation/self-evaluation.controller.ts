import { selfEvaluationInWan } from '@app/domain';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiError } from '../core/api-error';
import { parseAsOf, parseYear } from '../ledger/ledger-reads.controller';
import { SelfEvaluationService } from './self-evaluation.service';

@Controller('v1/departments')
export class SelfEvaluationController {
  constructor(private readonly selfEvaluation: SelfEvaluationService) {}

  /** 项目支出绩效自评表 per project and 部门整体支出绩效自评表 (SPEC §12); amounts in 元, or 万元 with `?unit=wan`. */
  @Get(':dept/years/:year/self-evaluation')
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query('asOf') asOf?: string, @Query('unit') unit?: string, @Query('format') format?: string) {
    if (unit !== undefined && unit !== 'yuan' && unit !== 'wan') throw new ApiError(400, 'VALIDATION_FAILED', 'unit 须为 yuan 或 wan (unit must be yuan or wan)');
    if (format !== undefined && format !== 'json') throw new ApiError(400, 'VALIDATION_FAILED', 'format 目前仅支持 json (format must be json)');
    const report = await this.selfEvaluation.report(dept, parseYear(year), parseAsOf(asOf));
    return { ...(unit === 'wan' ? selfEvaluationInWan(report) : report), unit: unit ?? 'yuan' };
  }
}
