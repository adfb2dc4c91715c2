import type { AppConfig } from '@app/config';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { API_MAIN, freePort, waitUntilHealthy } from './api-process';
import { appEnv } from './projector-process';

/**
 * The `budget` CLI (apps/cli) as a real child process, and the one-process API it talks to, for the CLI tests
 * (issue 13 point 4).
 */
const ROOT = join(__dirname, '../..');
/** What `npx budget` runs: the built CLI when fresh, else the sources (bin/budget.js). */
export const BUDGET_BIN = join(ROOT, 'bin/budget.js');
/** The built CLI itself (`npx nest build cli`), for measuring the importer's own memory. */
export const CLI_MAIN = join(ROOT, 'dist/apps/cli/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `budget …args` to its end; the environment holds only what is given (no BUDGET_* of the developer's shell). */
export function runBudget(args: string[], env: Record<string, string>, options: { script?: string; onSpawn?: (child: ChildProcess) => void } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.script ?? BUDGET_BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    options.onSpawn?.(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

export interface ApiWithLedger {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The built API (`npx nest build api`) as `npm start` runs it: one process holding HTTP and the ledger consumer,
 * on the test configuration's database (embedded transport), no ingest rate limit.
 */
export async function startApiWithLedger(config: AppConfig, logFile: string): Promise<ApiWithLedger> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} missing: run \`npx nest build api\` (npm test does)`);
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: { ...appEnv(config), PORT: String(port), BUDGET_ADMIN_TOKEN: config.adminToken!, API_WORKERS: '1', INGEST_RATE_PER_MINUTE: '0', INGEST_WAIT_MS: '60000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', log, log],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };
  const health = await waitUntilHealthy(baseUrl, () => exited);
  if (health !== 'healthy') {
    await stop();
    throw new Error(`the API was not healthy (${health}); see ${logFile}`);
  }
  return { baseUrl, stop };
}

/**
 * A GBK encoder for test files, built from Node's own GBK decoder (every two-byte GBK code decoded once): the tests
 * need GBK bytes, and no GBK encoder is among the dependencies.
 */
let gbkTable: Map<string, Buffer> | null = null;
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, bytes);
      }
    }
  }
  const parts: Buffer[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, 'latin1'));
    else {
      const bytes = gbkTable.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}
