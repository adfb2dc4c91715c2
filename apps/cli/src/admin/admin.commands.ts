import type { ApiClient } from '../api-client';
import { displayWidth } from '../chinese-help';
import { elapsedTicker, formatDuration } from '../progress';

/**
 * The administrator's commands (admin scope): `POST /v1/admin/rebuild`, `/v1/admin/tokens` (mint, list, revoke),
 * `POST /v1/admin/demo`. Plain Chinese text on stdout, or the API's JSON with `--json`.
 */
const print = (text: string): void => void process.stdout.write(`${text}\n`);
const printJson = (value: unknown): void => print(JSON.stringify(value, null, 2));

/** Columns padded by display width (a CJK character is two columns wide). */
function table(header: string[], rows: string[][]): string {
  const width = displayWidth;
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell)))).join('  ')).join('\n');
}

export async function runRebuild(client: ApiClient, options: { json?: boolean }): Promise<void> {
  const ticker = elapsedTicker('正在从事件存储重建账本状态与全部投影');
  let report: { events: number; tables: string[]; millis: number };
  try {
    report = await client.json('POST', '/v1/admin/rebuild');
  } finally {
    ticker.stop();
  }
  if (options.json) return printJson(report);
  print(`重建完成：重放 ${report.events.toLocaleString('en-US')} 个事件，重建 ${report.tables.length} 张表，用时 ${formatDuration(report.millis / 1000)}`);
}

interface MintedToken {
  id: string;
  token: string;
  scopes: string[];
  name?: string;
}

interface TokenRow {
  id: string;
  name: string | null;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** Prints the token alone on stdout (`TOKEN=$(budget tokens create …)`), the rest on stderr. */
export async function runTokenCreate(client: ApiClient, options: { scope: string[]; name?: string; json?: boolean }): Promise<void> {
  const minted = await client.json<MintedToken>('POST', '/v1/admin/tokens', { body: { scopes: options.scope, ...(options.name ? { name: options.name } : {}) } });
  if (options.json) return printJson(minted);
  process.stderr.write(`已签发令牌 ${minted.id}${minted.name ? `（${minted.name}）` : ''}，权限：${minted.scopes.join(', ')}。令牌只显示这一次，请妥善保存：\n`);
  print(minted.token);
}

export async function runTokenList(client: ApiClient, options: { json?: boolean }): Promise<void> {
  const { tokens } = await client.json<{ tokens: TokenRow[] }>('GET', '/v1/admin/tokens');
  if (options.json) return printJson(tokens);
  if (!tokens.length) return print('还没有签发过令牌（启动时的管理员令牌 BUDGET_ADMIN_TOKEN 不在此列）');
  print(table(['ID', '名称', '权限', '签发时间', '状态'], tokens.map((t) => [t.id, t.name ?? '', t.scopes.join(','), t.createdAt, t.revokedAt ? `已吊销 ${t.revokedAt}` : '有效'])));
}

export async function runTokenRevoke(client: ApiClient, id: string, options: { json?: boolean }): Promise<void> {
  const revoked = await client.json<{ id: string; revokedAt: string }>('DELETE', `/v1/admin/tokens/${encodeURIComponent(id)}`);
  if (options.json) return printJson(revoked);
  print(`已吊销令牌 ${revoked.id}（${revoked.revokedAt}）：它的下一次请求将得到 401`);
}

interface DemoReport {
  departments: { departmentCode: string; fiscalYear: number; events: number; applied: number; duplicates: number; rejected: number }[];
}

export async function runDemo(client: ApiClient, options: { json?: boolean }): Promise<void> {
  const ticker = elapsedTicker('正在载入演示数据（种子 001、004、000 的部门）');
  let report: DemoReport;
  try {
    report = await client.json<DemoReport>('POST', '/v1/admin/demo');
  } finally {
    ticker.stop();
  }
  if (options.json) return printJson(report);
  print(table(['部门', '年度', '事件', '新增', '已存在', '拒绝'], report.departments.map((d) => [d.departmentCode, String(d.fiscalYear), String(d.events), String(d.applied), String(d.duplicates), String(d.rejected)])));
  print('演示数据已载入（重复运行不会重复记账）。例如：budget report progress --dept 434 --year 2024');
}
