import { PUBLIC_TABLE_TEMPLATES, type PublicTableTemplate } from '@app/documents';
import { codeNamesCheck, disclosureChecks } from '@app/domain';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { asOfSuffix, csvFile } from '../core/csv-file';
import { oneOf, querySpec, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { ApiAnswer, ApiDeptYear, ApiReadQuery, TAGS } from '../openapi/api-docs';
import { BudgetService } from '../budget/budget.service';
import { selfEvaluationCheck } from '../self-evaluation/self-evaluation.service';
import { csvTable, publicTableKey, TABLE_PARAM } from './final-accounts-csv';
import { DraftFormat, FinalAccountsDraftService } from './final-accounts-draft.service';
import { AmountUnit, FinalAccountsService, renderChecks, renderDisclosureChecks, renderDisclosures, renderTables, renderVariance, varianceCheck } from './final-accounts.service';
import type { ChecksResponse, FinalAccountsResponse, VarianceResponse } from './final-accounts.types';

/** `?unit=yuan|wan` (SPEC §1: reports in 万元 on request). */
const UNIT = oneOf<AmountUnit>(['yuan', 'wan']);
const UNIT_DOC = '金额单位：yuan 元（默认）或 wan 万元（由精确的元合计四舍五入）';

const FINAL_ACCOUNTS_QUERY = querySpec({
  formats: ['xlsx', 'docx', 'html', 'csv'],
  params: { unit: UNIT, template: oneOf(Object.keys(PUBLIC_TABLE_TEMPLATES) as PublicTableTemplate[]), table: TABLE_PARAM },
  // The documents print the published forms in 万元, numbered by template; JSON is keyed, in 元 or 万元.
  onlyFor: { unit: ['json', 'csv'], template: ['xlsx', 'docx', 'html', 'csv'], table: ['csv'] },
});
const CHECKS_QUERY = querySpec({});
const VARIANCE_QUERY = querySpec({ params: { unit: UNIT } });

@Controller('v1/departments')
@ApiTags(TAGS.finalAccounts.name)
export class FinalAccountsController {
  constructor(
    private readonly finalAccounts: FinalAccountsService,
    private readonly draft: FinalAccountsDraftService,
    private readonly budget: BudgetService,
  ) {}

  /**
   * The 决算 tables (SPEC §7); `?unit=wan` writes 万元. `?format=xlsx|docx|html` renders the year-end draft document
   * (tables numbered by `?template=MOF` (default) or `SEED_000`, where 三公 is 公开07表). `?format=csv&table=01` (or
   * `table=summary`) writes one 公开表 as CSV, in 元 like the JSON unless `unit=wan` (final-accounts-csv.ts).
   */
  @Get(':dept/years/:year/final-accounts')
  @ApiOperation({
    summary: '部门决算公开表',
    description:
      '九张部门决算公开表（收入支出决算总表、收入决算表、支出决算表、财政拨款收入支出决算总表、一般公共预算财政拨款支出决算表、一般公共预算财政拨款基本支出决算表、政府性基金、国有资本经营、“三公”经费）及政府采购、国有资产、机关运行经费等公开事项（SPEC §7、§11）。年度结账（YearEndClosed）前 provisional 为 true。' +
      'format=xlsx|docx|html 生成年终决算草稿文档（万元，按 template 编号）；format=csv&table=01 导出一张公开表。',
  })
  @ApiDeptYear()
  @ApiReadQuery(FINAL_ACCOUNTS_QUERY, {
    unit: UNIT_DOC,
    template: '公开表编号体例：MOF（财政部样式，默认）或 SEED_000（“三公”经费为公开07表）',
    table: 'format=csv 时导出哪一张公开表（必填）：编号按 template，也可写 1、公开01表；表名键 summary、income、expenditure、fiscalSummary、generalBudgetExpenditure、generalBudgetBasic、govFund、stateCapital、threePublic 在各体例下相同',
  })
  @ApiAnswer('FinalAccountsAnswer', { description: '决算公开表（JSON），或决算草稿文档（Excel／Word／HTML），或一张公开表的 CSV', formats: FINAL_ACCOUNTS_QUERY.formats })
  async tables(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Query() query: unknown,
  ): Promise<FinalAccountsResponse | StreamableFile> {
    const q = readQuery(query, FINAL_ACCOUNTS_QUERY);
    const { format } = q;
    const template = q.params.template;
    const y = parseYear(year);
    const date = q.asOf;
    const u = q.params.unit ?? 'yuan';
    if (format === 'csv') {
      const key = publicTableKey(q.params.table, template ?? 'MOF');
      const inputs = await this.draft.inputs(dept, y, date);
      const table = csvTable(this.draft.tree(inputs, template ?? 'MOF'), key, u);
      const name = `${y}年度${inputs.department.name ?? dept}部门决算-${table.number ?? key}-${table.title}${asOfSuffix(date)}.csv`;
      return csvFile(table, name, `final-accounts-${dept}-${y}-${key}.csv`);
    }
    const { tables } = await this.finalAccounts.build(dept, y, date);
    if (format === 'json') {
      const [names, disclosures] = await Promise.all([this.finalAccounts.codeNames(dept, y), this.finalAccounts.disclosures(dept, y, date, tables)]);
      return { departmentCode: dept, fiscalYear: y, asOf: date ?? null, unit: u, provisional: tables.provisional, tables: renderTables(tables, names, u), disclosures: renderDisclosures(disclosures, u) };
    }
    const inputs = await this.draft.inputs(dept, y, date);
    const tree = this.draft.tree(inputs, (template ?? 'MOF') as PublicTableTemplate);
    const department = inputs.department;
    const file = await this.draft.render(tree, format as DraftFormat);
    const name = encodeURIComponent(`${y}年度${department.name ?? dept}部门决算.${format}`);
    const disposition = `attachment; filename="final-accounts.${format}"; filename*=UTF-8''${name}`;
    if (format === 'html') return new StreamableFile(file, { type: 'text/html; charset=utf-8' });
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return new StreamableFile(file, { type, disposition });
  }

  /** 勾稽关系 checks (SPEC §9), run on the same build. */
  @Get(':dept/years/:year/checks')
  @ApiOperation({
    summary: '勾稽关系检查',
    description:
      '在同一次计算的决算表上检查勾稽关系（总表与分表、收支平衡、科目汇总等），以及差异原因、公开事项、绩效自评、编码名称与决算草稿待补充内容等待办检查；上年结转与上年年终结账结转数逐条核对（CARRY_FORWARD_MATCHES_PRIOR_YEAR）；每项给出规则、是否通过、应为与实为、说明（SPEC §9、§11、§12、§14）。',
  })
  @ApiDeptYear()
  @ApiReadQuery(CHECKS_QUERY, {})
  @ApiAnswer('ChecksAnswer', { description: '检查结果列表' })
  async checks(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<ChecksResponse> {
    const y = parseYear(year);
    const date = readQuery(query, CHECKS_QUERY).asOf;
    // One read of every input; the 勾稽 checks, the disclosure, self-evaluation and placeholder to-dos all use it.
    // SPEC §14: year N−1's carry-forward against this year's CARRY_IN (the budget tables' own checks are in GET …/budget).
    const [inputs, carry] = await Promise.all([this.draft.inputs(dept, y, date), this.budget.carryChecks(dept, y, date)]);
    const { tables, checks } = inputs.built;
    const variance = inputs.variance;
    const disclosures = disclosureChecks(inputs.disclosures, !tables.provisional);
    const selfEvaluation = selfEvaluationCheck(inputs.evaluation);
    const placeholders = this.draft.placeholderCheck(this.draft.tree(inputs));
    const codeNames = codeNamesCheck(tables, inputs.names);
    return {
      departmentCode: dept,
      fiscalYear: y,
      asOf: date ?? null,
      provisional: tables.provisional,
      checks: [
        ...renderChecks([...checks, codeNames]),
        varianceCheck(variance.items, variance.priorSource),
        ...renderDisclosureChecks(disclosures),
        selfEvaluation,
        placeholders,
        ...renderChecks(carry),
      ],
    };
  }

  /** 情况说明 variance items with their draft sentences (SPEC §8); `?unit=wan` writes amounts in 万元. */
  @Get(':dept/years/:year/variance')
  @ApiOperation({
    summary: '决算情况说明：增减变动',
    description:
      '与上年决算数相比的增减变动项（收入、支出合计，各功能分类科目，“三公”经费，机关运行经费），每项附变动额、变动率、方向、原因（VarianceExplained 或建议）与情况说明的草拟句子；todo 列出尚需提供的上年数或原因（SPEC §8）。',
  })
  @ApiDeptYear()
  @ApiReadQuery(VARIANCE_QUERY, { unit: UNIT_DOC })
  @ApiAnswer('VarianceAnswer', { description: '增减变动项与待办' })
  async variance(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown): Promise<VarianceResponse> {
    const y = parseYear(year);
    const q = readQuery(query, VARIANCE_QUERY);
    const date = q.asOf;
    const u = q.params.unit ?? 'yuan';
    const { priorSource, items } = await this.finalAccounts.variance(dept, y, date);
    const missing = items.filter((i) => i.reasonSource === 'MISSING' && i.direction !== 'FLAT');
    return {
      departmentCode: dept,
      fiscalYear: y,
      asOf: date ?? null,
      unit: u,
      priorSource,
      items: renderVariance(items, u),
      todo:
        priorSource === 'NONE'
          ? [{ scope: { priorYear: true }, name: '上年决算数', message: '请提供上年决算数（PriorYearActualsDeclared），或导入上年的事件' }]
          : missing.map((i) => ({ scope: i.scope, name: i.name, message: `请补充${i.name}的差异原因（VarianceExplained）` })),
    };
  }
}
