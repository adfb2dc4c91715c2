import { PUBLIC_TABLE_TEMPLATES, type PublicTableTemplate } from '@app/documents';
import { codeNamesCheck, disclosureChecks } from '@app/domain';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { asOfSuffix, csvFile } from '../core/csv-file';
import { oneOf, readQuery } from '../core/read-query';
import { parseYear } from '../ledger/ledger-reads.controller';
import { selfEvaluationCheck } from '../self-evaluation/self-evaluation.service';
import { csvTable, publicTableKey, TABLE_PARAM } from './final-accounts-csv';
import { DraftFormat, FinalAccountsDraftService } from './final-accounts-draft.service';
import { AmountUnit, FinalAccountsService, renderChecks, renderDisclosureChecks, renderDisclosures, renderTables, renderVariance, varianceCheck } from './final-accounts.service';

/** `?unit=yuan|wan` (SPEC §1: reports in 万元 on request). */
const UNIT = oneOf<AmountUnit>(['yuan', 'wan']);

@Controller('v1/departments')
export class FinalAccountsController {
  constructor(
    private readonly finalAccounts: FinalAccountsService,
    private readonly draft: FinalAccountsDraftService,
  ) {}

  /**
   * The 决算 tables (SPEC §7); `?unit=wan` writes 万元. `?format=xlsx|docx|html` renders the year-end draft document
   * (tables numbered by `?template=MOF` (default) or `SEED_000`, where 三公 is 公开07表). `?format=csv&table=01` (or
   * `table=summary`) writes one 公开表 as CSV, in 元 like the JSON unless `unit=wan` (final-accounts-csv.ts).
   */
  @Get(':dept/years/:year/final-accounts')
  async tables(
    @Param('dept') dept: string,
    @Param('year') year: string,
    @Query() query: unknown,
  ) {
    const q = readQuery(query, {
      formats: ['xlsx', 'docx', 'html', 'csv'],
      params: { unit: UNIT, template: oneOf(Object.keys(PUBLIC_TABLE_TEMPLATES) as PublicTableTemplate[]), table: TABLE_PARAM },
      // The documents print the published forms in 万元, numbered by template; JSON is keyed, in 元 or 万元.
      onlyFor: { unit: ['json', 'csv'], template: ['xlsx', 'docx', 'html', 'csv'], table: ['csv'] },
    });
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
  async checks(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown) {
    const y = parseYear(year);
    const date = readQuery(query).asOf;
    // One read of every input; the 勾稽 checks, the disclosure, self-evaluation and placeholder to-dos all use it.
    const inputs = await this.draft.inputs(dept, y, date);
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
      checks: [...renderChecks([...checks, codeNames]), varianceCheck(variance.items, variance.priorSource), ...renderDisclosureChecks(disclosures), selfEvaluation, placeholders],
    };
  }

  /** 情况说明 variance items with their draft sentences (SPEC §8); `?unit=wan` writes amounts in 万元. */
  @Get(':dept/years/:year/variance')
  async variance(@Param('dept') dept: string, @Param('year') year: string, @Query() query: unknown) {
    const y = parseYear(year);
    const q = readQuery(query, { params: { unit: UNIT } });
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
