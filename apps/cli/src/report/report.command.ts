import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { ApiClient } from '../api-client';
import { failureOf } from '../api-client';
import { CliError } from '../cli-error';

/** `budget report NAME`: the department-year read of that name (SPEC §4, §13), written byte for byte. */
export const REPORTS: Record<string, { route: string; title: string }> = {
  progress: { route: 'progress', title: '执行进度' },
  monitoring: { route: 'monitoring', title: '绩效监控' },
  indicators: { route: 'indicators', title: '绩效指标完成情况' },
  'final-accounts': { route: 'final-accounts', title: '部门决算' },
  'self-evaluation': { route: 'self-evaluation', title: '绩效自评' },
  budget: { route: 'budget', title: '部门预算' },
  variance: { route: 'variance', title: '决算差异说明' },
  checks: { route: 'checks', title: '勾稽关系检查' },
  lines: { route: 'lines', title: '指标余额' },
  payments: { route: 'payments', title: '支付明细' },
  transfers: { route: 'transfers', title: '指标调剂' },
};

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'docx', 'html'] as const;

export interface ReportOptions {
  dept: string;
  year: string;
  asOf?: string;
  knownAt?: string;
  format?: string;
  unit?: string;
  groupBy?: string;
  template?: string;
  /** A 决算 table for `final-accounts --format csv` (01…09 or its key). */
  table?: string;
  output?: string;
}

/**
 * Fetches `GET /v1/departments/{dept}/years/{year}/{route}` with the options as query parameters, passed through
 * unchanged (the API answers 400 for a format or parameter it does not support, and that message is shown), and
 * writes the answer's exact bytes to `-o FILE` (via a temporary file, renamed when complete) or to stdout.
 */
export async function runReport(name: string, options: ReportOptions, client: ApiClient): Promise<void> {
  const report = REPORTS[name];
  if (!report) throw new CliError(`未知的报表「${name}」：可选 ${Object.keys(REPORTS).join('、')}`);
  const path = `/v1/departments/${encodeURIComponent(options.dept)}/years/${encodeURIComponent(options.year)}/${report.route}`;
  const query = { asOf: options.asOf, knownAt: options.knownAt, format: options.format, unit: options.unit, groupBy: options.groupBy, template: options.template, table: options.table };
  const response = await client.send('GET', path, { query });
  if (!response.ok) throw await failureOf(response);
  const type = response.header('content-type') ?? '';
  const binary = !/json|text\/|csv|html|xml/.test(type);
  const body = response.body;

  if (options.output === undefined || options.output === '-') {
    if (binary && process.stdout.isTTY) {
      await response.discard().catch(() => undefined);
      throw new CliError(`${report.title}（${options.format}）是二进制文件，不能输出到终端：请用 -o 文件名 保存，例如 -o ${name}.${options.format ?? 'bin'}`);
    }
    for await (const chunk of body) {
      if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
    return;
  }

  const partial = `${options.output}.part`;
  const out = createWriteStream(partial);
  let bytes = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    await rename(partial, options.output);
  } catch (e) {
    out.destroy();
    await rm(partial, { force: true });
    throw new CliError(`写入 ${options.output} 失败：${(e as Error).message}`);
  }
  process.stderr.write(`已保存${report.title}到 ${options.output}（${bytes.toLocaleString('en-US')} 字节）\n`);
}
