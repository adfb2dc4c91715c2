import 'reflect-metadata';
import { AppConfig, createLogger, loadConfig, type Logger } from '@app/config';
import { startEmbeddedPostgres } from '@app/postgres/embedded-postgres';
import { createLedgerRuntime, type LedgerRuntime } from '@app/transport';
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DemoLoadReport } from './demo/demo.service';

/**
 * `npm start`: the API on PORT (3000). With no DATABASE_URL it runs an embedded PostgreSQL in DATA_DIR; with no
 * KAFKA_BROKERS the log is kept in PostgreSQL; with no BUDGET_ADMIN_TOKEN an admin token is generated once and
 * kept in DATA_DIR/admin-token. The ledger consumer runs in this process unless RUN_PROJECTOR=false.
 *
 * API_WORKERS (default: CPUs − 1; one process on 2 CPUs or fewer) HTTP processes share PORT (Node cluster, issue 12: reads under load).
 * With more than one, this process is the primary: it starts the embedded PostgreSQL (if any), applies the
 * migrations and runs the ledger consumer — exactly one consumer, as with one process — and the workers only serve
 * HTTP; a worker that dies is replaced. API_WORKERS=1 is the single process of before.
 */
async function main(): Promise<void> {
  const env = loadConfig();
  const workers = apiWorkers(process.env.API_WORKERS);
  if (cluster.isWorker) return worker(env);
  if (workers > 1) return primary(env, workers);
  return single(env);
}

/**
 * The HTTP application, loaded only by the processes that serve it: a cluster's primary never loads Nest, the
 * document renderers or their libraries (tens of MB of resident memory).
 */
function httpApplication(): { createHttpApp: typeof import('./http-app').createHttpApp; DemoService: typeof import('./demo/demo.service').DemoService } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return { createHttpApp: require('./http-app').createHttpApp, DemoService: require('./demo/demo.service').DemoService };
}

/** One process: database, consumer and HTTP. */
async function single(env: AppConfig): Promise<void> {
  const { createHttpApp, DemoService } = httpApplication();
  const { databaseUrl, stopEmbedded } = await database(env);
  const config: AppConfig = { ...env, adminToken: env.adminToken ?? adminTokenFromDataDir(env.dataDir) };
  const log = createLogger(config.logLevel, 'budget-api');
  const runtime = await ledgerRuntime(config, databaseUrl, log);
  if (config.runProjector) await runtime.consumer.start();
  const app = await createHttpApp(config, runtime);
  await app.listen(config.port);
  const demo = process.argv.includes('--demo') ? await app.get(DemoService).load() : null;
  console.log(banner(env, config, runtime, demo, 1));
  onSignal(log, async () => {
    await app.close();
    await runtime.close();
    await stopEmbedded?.();
  });
}

/** Messages from a worker to the primary. */
type WorkerMessage = { kind: 'listening' } | { kind: 'demo'; report: DemoLoadReport };

/** The cluster's primary: database, migrations and the one ledger consumer; HTTP in `count` workers. */
async function primary(env: AppConfig, count: number): Promise<void> {
  const { databaseUrl, stopEmbedded } = await database(env);
  const config: AppConfig = { ...env, adminToken: env.adminToken ?? adminTokenFromDataDir(env.dataDir) };
  const log = createLogger(config.logLevel, 'budget-api');
  // Migrations are applied here, before any worker starts; the workers find nothing left to apply.
  const runtime = await ledgerRuntime(config, databaseUrl, log);
  if (config.runProjector) await runtime.consumer.start();

  const demoWanted = process.argv.includes('--demo');
  let stopping = false;
  // From here on (workers may answer before all have started), a signal stops the workers, the consumer, the database.
  onSignal(log, async () => {
    stopping = true;
    await stopWorkers();
    await runtime.close();
    await stopEmbedded?.();
  });
  let started = false;
  let demo: DemoLoadReport | null = null;
  let ready = 0;
  let resolveStarted: () => void = () => undefined;
  let rejectStarted: (e: Error) => void = () => undefined;
  const allStarted = new Promise<void>((resolve, reject) => ((resolveStarted = resolve), (rejectStarted = reject)));
  const checkStarted = () => {
    if (!started && ready === count && (!demoWanted || demo)) {
      started = true;
      resolveStarted();
    }
  };
  const fork = (index: number): Worker => {
    // The workers serve HTTP only: the database the primary uses, no consumer of their own.
    const child = cluster.fork({ DATABASE_URL: databaseUrl, RUN_PROJECTOR: 'false', API_WORKER_ID: String(index), API_LOAD_DEMO: demoWanted && index === 1 && !started ? '1' : '' });
    child.on('message', (message: WorkerMessage) => {
      if (message.kind === 'listening' && !started) ready++;
      if (message.kind === 'demo') demo = message.report;
      checkStarted();
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (!started) return rejectStarted(new Error(`API worker ${index} exited during start-up (${signal ?? code})`));
      log.error({ worker: index, code, signal }, 'API worker died; starting another');
      fork(index);
    });
    return child;
  };
  // Said before the workers start: the first of them answers before the last has started.
  console.log(banner(env, config, runtime, null, count, demoWanted));
  for (let i = 1; i <= count; i++) fork(i);
  try {
    await allStarted;
  } catch (error) {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    await runtime.close().catch(() => undefined);
    await stopEmbedded?.();
    throw error;
  }
  if (demo) console.log(demoLine(demo));
}

/** A cluster worker: HTTP on the shared port, reads and ingest, no ledger consumer (the primary runs it). */
async function worker(env: AppConfig): Promise<void> {
  const { createHttpApp, DemoService } = httpApplication();
  if (!env.databaseUrl) throw new Error('an API worker needs DATABASE_URL from its primary');
  const config: AppConfig = { ...env, adminToken: env.adminToken ?? adminTokenFromDataDir(env.dataDir) };
  const log = createLogger(config.logLevel, 'budget-api');
  const runtime = await ledgerRuntime(config, env.databaseUrl, log);
  const app = await createHttpApp(config, runtime);
  await app.listen(config.port);
  process.send?.({ kind: 'listening' } satisfies WorkerMessage);
  if (process.env.API_LOAD_DEMO === '1') process.send?.({ kind: 'demo', report: await app.get(DemoService).load() } satisfies WorkerMessage);
  onSignal(log, async () => {
    await app.close();
    await runtime.close();
  });
}

/** Asks every worker to finish (they close their server and pool) and waits for them; a stuck one is killed. */
async function stopWorkers(): Promise<void> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => w.process.kill('SIGKILL'), 30_000);
          w.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          w.process.kill('SIGTERM');
        }),
    ),
  );
}

async function database(env: AppConfig): Promise<{ databaseUrl: string; stopEmbedded?: () => Promise<void> }> {
  if (env.databaseUrl) return { databaseUrl: env.databaseUrl };
  const embedded = await startEmbeddedPostgres(join(env.dataDir, 'postgres'), env.embeddedPostgresPort);
  return { databaseUrl: embedded.url, stopEmbedded: () => embedded.stop() };
}

function ledgerRuntime(config: AppConfig, databaseUrl: string, log: Logger): Promise<LedgerRuntime> {
  return createLedgerRuntime(
    config,
    databaseUrl,
    (error) => log.error({ err: error }, 'ledger batch failed; it will be retried'),
    (rejection) => log.info(rejection, 'event rejected'),
  );
}

/** SIGINT / SIGTERM: stop once, then exit 0. */
function onSignal(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down: finishing the current batch');
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function demoLine(demo: DemoLoadReport): string {
  return `  demo data    ${demo.departments.map((d) => `${d.departmentCode}/${d.fiscalYear}: ${d.applied} applied, ${d.duplicates} already there`).join('; ')}`;
}

function banner(env: AppConfig, config: AppConfig, runtime: LedgerRuntime, demo: DemoLoadReport | null, workers: number, demoLoading = false): string {
  return [
    '',
    '预算执行监控 budget execution tracker',
    `  dashboard    http://localhost:${config.port}/`,
    `  API          http://localhost:${config.port}/v1/health${workers > 1 ? `   (${workers} HTTP worker processes, API_WORKERS)` : ''}`,
    `  database     ${env.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${join(env.dataDir, 'postgres')}`}`,
    `  transport    ${runtime.transport === 'kafka' ? `Kafka ${config.kafkaBrokers?.join(',')} topic ${config.kafkaTopic}` : 'embedded (log in PostgreSQL)'}`,
    `  ledger       ${!config.runProjector ? 'consumer runs elsewhere (apps/projector)' : workers > 1 ? 'consumer running in the primary process (one for all workers)' : 'consumer running in this process'}`,
    env.adminToken ? '  admin token  from BUDGET_ADMIN_TOKEN' : `  admin token  ${config.adminToken}   (kept in ${join(env.dataDir, 'admin-token')})`,
    demo ? demoLine(demo) : demoLoading ? '  demo data    loading (seeds 001, 004, 000)' : '  demo data    npm start -- --demo, or POST /v1/admin/demo',
    '',
  ].join('\n');
}

/**
 * API_WORKERS: a positive integer. Unset: one per CPU but one (PostgreSQL and the consumer need a core), and a single
 * process on a machine of two CPUs or fewer, where cached reads are as fast from one process and every extra worker
 * costs ~250 MB (issue 12: ≤ 512 MB).
 */
function apiWorkers(value: string | undefined): number {
  if (value === undefined || value === '') return availableParallelism() > 2 ? availableParallelism() - 1 : 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`API_WORKERS must be a positive integer, got ${value}`);
  return n;
}

function adminTokenFromDataDir(dataDir: string): string {
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = `bt_admin_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return token;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
