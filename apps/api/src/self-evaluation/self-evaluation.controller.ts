import { renderDocx, renderXlsx, selfEvaluationDocument } from '@app/documents';
import { selfEvaluationInWan } from '@app/domain';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { oneOf, querySpec, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { ApiAnswer, ApiDeptYear, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { SelfEvaluationService } from './self-evaluation.service';
import type { SelfEvaluationResponse } from './self-evaluation.types';

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

const SELF_EVALUATION_QUERY = querySpec({ formats: ['xlsx', 'docx'], params: { unit: oneOf(['yuan', 'wan']) }, onlyFor: { unit: ['json'] } });

@Controller('v1/departments')
@ApiTags(TAGS.performance.name)
export class SelfEvaluationController {
  constructor(private readonly selfEvaluation: SelfEvaluationService) {}

  /**
   * 项目支出绩效自评表 per project and 部门整体支出绩效自评表 (SPEC §12); amounts in 元, or 万元 with `?unit=wan`.
   * `?format=xlsx|docx` renders the tables as published (万元, one table per sheet / page); `json` is the default.
   */
  @Get(':dept/years/:year/self-evaluation')
  @ApiOperation({
    summary: '绩效自评表',
    description:
      '每个项目的项目支出绩效自评表与部门整体支出绩效自评表：年初预算数、全年预算数、执行数、执行率与得分，各指标的完成值、得分与偏差原因，总分与等级（优、良、中、差），以及尚待补充的内容（SPEC §12）。金额为元，unit=wan 时为万元。format=xlsx|docx 按公开样式生成（万元，每表一页／一个工作表）。',
  })
  @ApiDeptYear()
  @ApiReadQuery(SELF_EVALUATION_QUERY, { unit: '金额单位：yuan 元（默认）或 wan 万元' })
  @ApiAnswer('SelfEvaluationAnswer', { description: '绩效自评（JSON），或 Excel／Word 文件', formats: SELF_EVALUATION_QUERY.formats })
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<SelfEvaluationResponse | StreamableFile> {
    const q = readQuery(query, SELF_EVALUATION_QUERY);
    const { format } = q;
    const unit = q.params.unit;
    const y = parseYear(year);
    const report = await this.selfEvaluation.report(dept, y, q.asOf);
    if (format === 'json') return { ...(unit === 'wan' ? selfEvaluationInWan(report) : report), unit: unit ?? 'yuan' };

    // The documents always print 万元, as the published tables do (the tree takes the report in 元).
    const kind = format as keyof typeof FILE_TYPES;
    const departmentName = report.department.projectName ?? dept;
    const tree = selfEvaluationDocument(report, departmentName, y);
    const file = kind === 'xlsx' ? await renderXlsx(tree) : await renderDocx(tree);
    const name = encodeURIComponent(`${tree.title}.${kind}`);
    return new StreamableFile(file, { type: FILE_TYPES[kind], disposition: `attachment; filename="self-evaluation.${kind}"; filename*=UTF-8''${name}` });
  }
}
