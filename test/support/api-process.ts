import { AppConfig } from '@app/config';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { appEnv } from './projector-process';
import { sleep } from './helpers';

/**
 * The built API as a real child process for the scale-out tests (issue 12): an API replica
 * (`dist/apps/api/main.js`, `npx nest build api`, one HTTP process, no ledger consumer); projectors are started by
 * projector-process.ts.
 */
export const API_MAIN = join(__dirname, '../../dist/apps/api/main.js');
const ROOT = join(__dirname, '../..');

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface ApiProcess {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  /** POST /v1/events with the admin token; `wait: false` adds `?wait=false` (SPEC §4). */
  post<T = unknown>(events: unknown[], options?: { wait?: boolean }): Promise<HttpAnswer<T>>;
  /** GET with the admin token. */
  get<T = unknown>(path: string): Promise<HttpAnswer<T>>;
  /** SIGTERM (graceful), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * An API replica: RUN_PROJECTOR=false (the projectors consume), one HTTP process (API_WORKERS=1), the config's
 * database, topic and group, no ingest rate limit; `env` adds or overrides variables. Resolves once GET /v1/health
 * answers `ok`.
 */
export async function startApiProcess(config: AppConfig, name: string, logFile: string, env: NodeJS.ProcessEnv = {}): Promise<ApiProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} missing: run \`npx nest build api\` (npm test does)`);
  if (!config.adminToken) throw new Error('the test configuration has no admin token');
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: {
      ...appEnv(config, name),
      PORT: String(port),
      BUDGET_ADMIN_TOKEN: config.adminToken,
      RUN_PROJECTOR: 'false',
      API_WORKERS: '1',
      INGEST_RATE_PER_MINUTE: '0',
      INGEST_WAIT_MS: String(config.ingestWaitMs),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', log, log],
  });
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((exited = String(signal ?? code)), resolve())));
  const baseUrl = `http://127.0.0.1:${port}`;
  const headers = { Authorization: `Bearer ${config.adminToken}`, 'Content-Type': 'application/json' };
  const answer = async <T>(response: Response): Promise<HttpAnswer<T>> => {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the failure message
    }
    return { status: response.status, body: body as T };
  };
  const stop = async () => {
    if (exited !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };

  const health = await waitUntilHealthy(baseUrl, () => exited !== null);
  if (health === 'exited') throw new Error(`API ${name} exited (${exited}) before it was ready; see ${logFile}`);
  if (health === 'timeout') {
    await stop();
    throw new Error(`API ${name} was not healthy within 60 s; see ${logFile}`);
  }

  return {
    name,
    baseUrl,
    child,
    post: async (events, options = {}) =>
      answer(await fetch(`${baseUrl}/v1/events${options.wait === false ? '?wait=false' : ''}`, { method: 'POST', headers, body: JSON.stringify({ events }) })),
    get: async (path) => answer(await fetch(`${baseUrl}${path}`, { headers })),
    stop,
  };
}

/** Polls `GET /v1/health` until it says ok, the process exits, or the time is up. */
export async function waitUntilHealthy(baseUrl: string, hasExited: () => boolean, timeoutMs = 60_000): Promise<'healthy' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited()) return 'exited';
    const health = await fetch(`${baseUrl}/v1/health`)
      .then(async (r) => (r.ok ? ((await r.json()) as { status: string }) : null))
      .catch(() => null);
    if (health?.status === 'ok') return 'healthy';
    if (Date.now() > deadline) return 'timeout';
    await sleep(200);
  }
}
