import { renderDocx, renderXlsx, selfEvaluationDocument } from '@app/documents';
import { selfEvaluationInWan } from '@app/domain';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { oneOf, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { SelfEvaluationService } from './self-evaluation.service';

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

@Controller('v1/departments')
export class SelfEvaluationController {
  constructor(private readonly selfEvaluation: SelfEvaluationService) {}

  /**
   * 项目支出绩效自评表 per project and 部门整体支出绩效自评表 (SPEC §12); amounts in 元, or 万元 with `?unit=wan`.
   * `?format=xlsx|docx` renders the tables as published (万元, one table per sheet / page); `json` is the default.
   */
  @Get(':dept/years/:year/self-evaluation')
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown) {
    const q = readQuery(query, { formats: ['xlsx', 'docx'], params: { unit: oneOf(['yuan', 'wan']) }, onlyFor: { unit: ['json'] } });
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
