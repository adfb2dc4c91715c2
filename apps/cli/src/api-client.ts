import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { CliError } from './cli-error';

/** The API's error body (SPEC §4). */
export interface ApiErrorBody {
  error: string;
  message: string;
  problems?: { index?: number | null; eventId?: string | null; path?: string; message?: string }[];
}

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** An HTTP answer: status, headers, and the body read once (as text, JSON, or streamed chunk by chunk). */
export interface ApiAnswer {
  status: number;
  ok: boolean;
  statusText: string;
  header(name: string): string | undefined;
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** Reads and drops the body (so the connection is reused). */
  discard(): Promise<void>;
  /** The body as it arrives. */
  body: AsyncIterable<Buffer>;
}

function answerOf(message: IncomingMessage): ApiAnswer {
  const text = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of message as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };
  const status = message.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    statusText: message.statusMessage ?? '',
    header: (name) => {
      const value = message.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    text,
    json: async () => JSON.parse(await text()) as unknown,
    discard: async () => {
      for await (const _ of message as AsyncIterable<Buffer>) void _;
    },
    body: message as AsyncIterable<Buffer>,
  };
}

/**
 * The HTTP API as the CLI uses it: base URL and bearer token from `--url`/`BUDGET_URL` and `--token`/`BUDGET_TOKEN`.
 * Plain node:http(s) with one kept-alive connection (lighter than fetch: the importer's resident memory is mostly
 * Node itself). A refused connection or an error answer becomes a `CliError` with the API's own message and a hint.
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly agent: HttpAgent;

  constructor(url: string, private readonly token: string | undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new CliError(`API 地址「${url}」无效：应形如 ${DEFAULT_URL}（--url 或环境变量 BUDGET_URL）`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError(`API 地址「${url}」须以 http:// 或 https:// 开头`);
    this.baseUrl = parsed.toString().replace(/\/+$/, '');
    this.agent = parsed.protocol === 'https:' ? new HttpsAgent({ keepAlive: true, maxSockets: 1 }) : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  }

  /** One request; the answer whatever its status. Network failures become a NetworkError. */
  send(method: string, path: string, options: { query?: Record<string, string | undefined>; body?: string } = {}): Promise<ApiAnswer> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
    const headers: Record<string, string | number> = { Accept: 'application/json, */*' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = body.length;
    }
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<ApiAnswer>((resolve, reject) => {
      const req = request(url, { method, headers, agent: this.agent }, (message) => resolve(answerOf(message)));
      req.on('error', (e: NodeJS.ErrnoException) =>
        reject(new NetworkError(`无法连接到 API ${this.baseUrl}（${e.code ?? e.message}）。请确认服务已启动（npm start），或用 --url / 环境变量 BUDGET_URL 指定地址`)),
      );
      req.end(body);
    });
  }

  /** A JSON request whose error answer becomes a CliError. */
  async json<T>(method: string, path: string, options: { query?: Record<string, string | undefined>; body?: unknown } = {}): Promise<T> {
    const response = await this.send(method, path, { query: options.query, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    if (!response.ok) throw await failureOf(response);
    return (await response.json()) as T;
  }

  /** Lets the process exit (kept-alive sockets closed). */
  close(): void {
    this.agent.destroy();
  }
}

/** The API could not be reached (retried by the importer; fatal elsewhere). */
export class NetworkError extends CliError {}

/** The error of a non-2xx answer, in the words of the API plus what to do about it. */
export async function failureOf(response: Pick<ApiAnswer, 'status' | 'statusText' | 'text'>): Promise<CliError> {
  const text = await response.text().catch(() => '');
  let body: Partial<ApiErrorBody> = {};
  try {
    body = JSON.parse(text) as ApiErrorBody;
  } catch {
    body = { message: text.slice(0, 300) };
  }
  const lines = [`API 返回错误：${body.message || response.statusText}（${body.error ?? `HTTP ${response.status}`}，HTTP ${response.status}）`];
  for (const p of (body.problems ?? []).slice(0, 10)) {
    const where = [p.index !== undefined && p.index !== null ? `第 ${p.index} 个事件` : '', p.eventId ?? '', p.path ?? ''].filter(Boolean).join(' ');
    lines.push(`  - ${where ? `${where}：` : ''}${p.message ?? ''}`);
  }
  if (response.status === 401) lines.push('请用 --token 或环境变量 BUDGET_TOKEN 提供有效的访问令牌（npm start 首次启动时生成的管理员令牌保存在 .data/admin-token）');
  if (response.status === 403) lines.push('当前令牌没有这项操作所需的权限（scope）；管理员可用 budget tokens create 签发');
  return new CliError(lines.join('\n'));
}
