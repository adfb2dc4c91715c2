import { BUDGET_TABLE_TEMPLATES, budgetDocument, renderDocx, renderXlsx, type BudgetTableTemplate } from '@app/documents';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { oneOf, querySpec, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { ApiAnswer, ApiDeptYear, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { BudgetService, renderBudget } from './budget.service';
import type { BudgetResponse } from './budget.types';

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

const BUDGET_QUERY = querySpec({
  formats: ['xlsx', 'docx'],
  params: { unit: oneOf(['yuan', 'wan']), template: oneOf(Object.keys(BUDGET_TABLE_TEMPLATES) as BudgetTableTemplate[]) },
  onlyFor: { unit: ['json'], template: ['xlsx', 'docx'] },
});

@Controller('v1/departments')
@ApiTags(TAGS.budget.name)
export class BudgetController {
  constructor(private readonly budget: BudgetService) {}

  /**
   * 部门预算公开表 (SPEC §14) from the year's INITIAL issues and IncomeBudgeted; amounts in 元, or 万元 with `?unit=wan`.
   * `?format=xlsx|docx` renders the published 部门预算 document (万元).
   */
  @Get(':dept/years/:year/budget')
  @ApiOperation({
    summary: '部门预算公开表',
    description:
      '由年初预算指标（AppropriationIssued 的 INITIAL）与单位资金收入预算（IncomeBudgeted）生成的部门预算公开表：收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算财政拨款支出表、基本支出表、“三公”经费支出表、政府性基金、国有资本经营预算支出表、项目支出表与项目支出绩效目标表，' +
      '以及收支预算总体情况、机关运行经费、“三公”经费预算的情况说明和表间勾稽检查（SPEC §14）。金额为元，unit=wan 时为万元。format=xlsx|docx 按公开样式生成（万元）。',
  })
  @ApiDeptYear()
  @ApiReadQuery(BUDGET_QUERY, {
    unit: '金额单位：yuan 元（默认）或 wan 万元',
    template: '公开表样式：SEED_001（收支总表列“单位资金”一行，“三公”零值列示 0.00，默认）或 SEED_004（事业收入至其他收入分列，零值留空）',
  })
  @ApiAnswer('BudgetAnswer', { description: '部门预算公开表（JSON），或 Excel／Word 文件', formats: BUDGET_QUERY.formats })
  async get(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<BudgetResponse | StreamableFile> {
    const q = readQuery(query, BUDGET_QUERY);
    const y = parseYear(year);
    const report = await this.budget.report(dept, y, q.asOf);
    if (q.format === 'json') return renderBudget(report, q.params.unit ?? 'yuan');
    const kind = q.format as keyof typeof FILE_TYPES;
    const tree = budgetDocument({
      departmentName: report.departmentName ?? dept,
      fiscalYear: y,
      tables: report.tables,
      projectGoals: report.projectGoals,
      departmentGoal: report.departmentGoal,
      narrative: report.narrative,
      narratives: report.narratives,
      units: report.units,
      template: q.params.template,
      functionName: (code) => report.names.functionName(code),
      economicName: (code) => report.names.economicName(code),
    });
    const file = kind === 'xlsx' ? await renderXlsx(tree) : await renderDocx(tree);
    const name = encodeURIComponent(`${tree.title}.${kind}`);
    return new StreamableFile(file, { type: FILE_TYPES[kind], disposition: `attachment; filename="budget.${kind}"; filename*=UTF-8''${name}` });
  }
}
