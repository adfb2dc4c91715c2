/**
 * The real API as a child process for the benchmark: `dist/apps/api/main.js` (rebuilt with `nest build api` when
 * missing or older than a source file), its own database, topic and port, the in-process projector (the default),
 * and the resident memory of it and its HTTP workers (API_WORKERS, Node cluster) from /proc.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { waitUntilHealthy } from '../test/support/api-process';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds an app's bundle (api, projector) when it is missing or older than a source of apps/<app> or libs. */
export function ensureBuild(app: 'api' | 'projector'): void {
  const main = join(ROOT, `dist/apps/${app}/main.js`);
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  const sources = Math.max(newestSource(join(ROOT, `apps/${app}/src`)), newestSource(join(ROOT, 'libs')), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (built >= sources) return;
  console.log(`  building the ${app} (dist/apps/${app}/main.js ${built ? 'is older than its sources' : 'is missing'}): npx nest build ${app}`);
  const result = spawnSync('npx', ['nest', 'build', app], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`nest build ${app} failed (exit ${result.status})`);
}

export const ensureApiBuild = (): void => ensureBuild('api');

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Resident set size of a process from /proc/<pid>/status, in bytes (VmRSS now, VmHWM its peak so far). */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** The process and its descendants (the API's cluster workers, API_WORKERS), from /proc. */
function processTree(pid: number): number[] {
  const children = (p: number): number[] => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((tid) =>
        readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
      );
    } catch {
      return [];
    }
  };
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...children(tree[i]));
  return tree;
}

export interface KafkaSettings {
  brokers: string[];
  topic: string;
  dlqTopic: string;
  groupId: string;
}

export interface MemoryPeaks {
  /** VmHWM of the process that runs the ledger consumer (the primary under API_WORKERS > 1). */
  primaryHwm: number;
  /** Σ VmHWM over the process and its live workers: an upper bound of their peak together. */
  treeHwm: number;
  /** Largest sampled Σ VmRSS over the process and its workers (every 100 ms). */
  sampledTreeRss: number;
  processes: number;
}

export interface ApiProcess {
  baseUrl: string;
  token: string;
  pid: number;
  /** Starts a new window for `windowPeakRss` (the largest sampled Σ VmRSS of the process tree since the mark). */
  markWindow(): void;
  windowPeakRss(): number;
  peaks(): MemoryPeaks;
  /** The last lines the process printed (for a failure report). */
  output(): string;
  /** False once the process has exited. */
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startApi(databaseUrl: string, kafka: KafkaSettings | undefined): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: ensureApiBuild() first`);
  const port = await freePort();
  const token = `bt_bench_${randomBytes(18).toString('base64url')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    BUDGET_ADMIN_TOKEN: token,
    // The benchmark posts as one token far faster than the default per-token quota allows.
    INGEST_RATE_PER_MINUTE: '0',
    INGEST_WAIT_MS: '120000',
    LOG_LEVEL: 'warn',
  };
  delete env.KAFKA_BROKERS;
  if (kafka) {
    Object.assign(env, { KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_TOPIC: kafka.topic, KAFKA_DLQ_TOPIC: kafka.dlqTopic, KAFKA_GROUP_ID: kafka.groupId });
  }
  const child: ChildProcess = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((r) => child.on('exit', (code, signal) => ((exited = code ?? (signal ? -1 : null)), r())));
  const pid = child.pid!;

  let lifePeak = 0;
  let windowPeak = 0;
  let tree = [pid];
  const sample = () => {
    if (exited !== undefined) return;
    tree = processTree(pid);
    const rss = tree.reduce((sum, p) => sum + (memoryOf(p)?.rss ?? 0), 0);
    lifePeak = Math.max(lifePeak, rss);
    windowPeak = Math.max(windowPeak, rss);
  };
  const sampler = setInterval(sample, 100);

  const stop = async () => {
    clearInterval(sampler);
    if (exited === undefined) {
      const started = processTree(pid);
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        // The API's own workers, should its shutdown hang.
        for (const p of started) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }, 15_000);
      await exit;
      clearTimeout(timer);
    }
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const health = await waitUntilHealthy(baseUrl, () => exited !== undefined);
  if (health === 'exited') throw new Error(`the API exited (${exited}) before it was ready:\n${tail.join('\n')}`);
  if (health === 'timeout') {
    await stop();
    throw new Error(`the API was not healthy within 60 s:\n${tail.join('\n')}`);
  }

  return {
    baseUrl,
    token,
    pid,
    markWindow: () => {
      sample();
      windowPeak = 0;
    },
    windowPeakRss: () => (sample(), windowPeak),
    peaks: () => {
      sample();
      return {
        primaryHwm: memoryOf(pid)?.hwm ?? 0,
        treeHwm: tree.reduce((sum, p) => sum + (memoryOf(p)?.hwm ?? 0), 0),
        sampledTreeRss: lifePeak,
        processes: tree.length,
      };
    },
    output: () => tail.join('\n'),
    alive: () => exited === undefined,
    stop,
  };
}
