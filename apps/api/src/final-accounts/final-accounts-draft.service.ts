import {
  finalAccountsDraft,
  finalAccountsTableBlocks,
  placeholders,
  PLACEHOLDER_SOURCES,
  renderDocx,
  renderHtml,
  renderXlsx,
  selfEvaluationTables,
  type DocumentTree,
  type PublicTableTemplate,
} from '@app/documents';
import { catalogue, parseYuan, type CodeNameResolver, type Disclosures, type SelfEvaluationReport } from '@app/domain';
import type { LedgerRuntime } from '@app/transport';
import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_RUNTIME } from '../core/core.module';
import { readDb } from '../core/read-scope';
import { SelfEvaluationService } from '../self-evaluation/self-evaluation.service';
import { FinalAccountsService } from './final-accounts.service';

export type DraftFormat = 'docx' | 'xlsx' | 'html';

export interface DraftInputs {
  dept: string;
  year: number;
  built: Awaited<ReturnType<FinalAccountsService['build']>>;
  variance: Awaited<ReturnType<FinalAccountsService['variance']>>;
  department: { name: string | null; profile: string | null; units: { code: string; name: string }[] };
  disclosures: Disclosures;
  names: CodeNameResolver;
  evaluation: SelfEvaluationReport;
}

/**
 * The publishable 部门决算 draft (SPEC §11): gathers the tables, variance items, disclosures, self-evaluation, names
 * and units of a department-year, builds the one document tree and renders it in the asked format.
 */
@Injectable()
export class FinalAccountsDraftService {
  constructor(
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
    private readonly finalAccounts: FinalAccountsService,
    private readonly selfEvaluation: SelfEvaluationService,
  ) {}

  /** Everything the draft and the checks read, each read once (GET …/checks reuses it for its own rules). */
  async inputs(dept: string, year: number, asOf: string | undefined): Promise<DraftInputs> {
    const [built, variance, department, names, evaluation] = await Promise.all([
      this.finalAccounts.build(dept, year, asOf),
      this.finalAccounts.variance(dept, year, asOf),
      this.department(dept),
      this.finalAccounts.codeNames(dept, year),
      this.selfEvaluation.report(dept, year, asOf),
    ]);
    const disclosures = await this.finalAccounts.disclosures(dept, year, asOf, built.tables);
    return { dept, year, built, variance, department, disclosures, names, evaluation };
  }

  tree(inputs: DraftInputs, template: PublicTableTemplate = 'MOF'): DocumentTree {
    const { dept, year, built, variance, department, disclosures, names, evaluation } = inputs;
    const { tables } = built;
    const departmentName = department.name ?? dept;
    const functionName = (code: string) => names.functionName(code) ?? undefined;
    const economicName = (code: string) => names.economicName(code) ?? undefined;
    const economics = catalogue.economics.forYear(year);
    const evaluated = evaluation.projects.filter((p) => p.evaluated);
    return finalAccountsDraft({
      departmentName,
      fiscalYear: year,
      units: department.units,
      profile: department.profile,
      tables,
      tableBlocks: finalAccountsTableBlocks({
        tables,
        template,
        departmentName,
        fiscalYear: year,
        functionName,
        economicName,
        economicCodes: [...economics.keys()].sort(),
      }),
      variance,
      disclosures,
      performance: evaluation.summary.evaluated
        ? { evaluated: evaluation.summary.evaluated, projectNames: evaluated.map((p) => p.projectName ?? p.projectCode), paid: parseYuan(evaluation.summary.paid), grades: evaluation.summary.grades }
        : null,
      appendixTables: selfEvaluationTables(evaluation, departmentName, year),
      functionName,
      economicName,
    });
  }

  async render(tree: DocumentTree, format: DraftFormat): Promise<Buffer> {
    if (format === 'html') return Buffer.from(renderHtml(tree));
    return format === 'xlsx' ? renderXlsx(tree) : renderDocx(tree);
  }

  /** §11: every placeholder of the draft is a to-do the finance office must fill (listed by GET …/checks). */
  placeholderCheck(tree: DocumentTree): { rule: string; passed: boolean; expected: string; actual: string; detail: string } {
    const todo = placeholders(tree);
    const unique = [...new Set(todo)];
    return {
      rule: 'DRAFT_PLACEHOLDERS',
      passed: unique.length === 0,
      expected: '0',
      actual: String(todo.length),
      detail: unique.length ? `决算草稿待补充 ${todo.length} 处：${unique.map((what) => (PLACEHOLDER_SOURCES[what] ? `${what}（${PLACEHOLDER_SOURCES[what]}）` : what)).join('；')}` : '决算草稿没有待补充的内容',
    };
  }

  private async department(dept: string): Promise<{ name: string | null; profile: string | null; units: { code: string; name: string }[] }> {
    const { rows } = await readDb(this.runtime).query<{ name: string | null; profile: string | null; units: { code: string; name: string }[] | null }>(
      'SELECT name, profile, units FROM departments WHERE department_code = $1',
      [dept],
    );
    return { name: rows[0]?.name ?? null, profile: rows[0]?.profile ?? null, units: rows[0]?.units ?? [] };
  }
}
