import 'reflect-metadata';
import { AppConfig, createLogger, loadConfig } from '@app/config';
import { startEmbeddedPostgres } from '@app/postgres/embedded-postgres';
import { createLedgerRuntime } from '@app/transport';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoService } from './demo/demo.service';
import { createHttpApp } from './http-app';

/**
 * `npm start`: the API on PORT (3000). With no DATABASE_URL it runs an embedded PostgreSQL in DATA_DIR; with no
 * KAFKA_BROKERS the log is kept in PostgreSQL; with no BUDGET_ADMIN_TOKEN an admin token is generated once and
 * kept in DATA_DIR/admin-token. The ledger consumer runs in this process unless RUN_PROJECTOR=false.
 */
async function main(): Promise<void> {
  const env = loadConfig();
  let databaseUrl = env.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(join(env.dataDir, 'postgres'), env.embeddedPostgresPort);
    databaseUrl = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  const config: AppConfig = { ...env, adminToken: env.adminToken ?? adminTokenFromDataDir(env.dataDir) };
  const log = createLogger(config.logLevel, 'budget-api');
  const runtime = await createLedgerRuntime(
    config,
    databaseUrl,
    (error) => log.error({ err: error }, 'ledger batch failed; it will be retried'),
    (rejection) => log.info(rejection, 'event rejected'),
  );
  if (config.runProjector) await runtime.consumer.start();
  const app = await createHttpApp(config, runtime);
  await app.listen(config.port);
  const demo = process.argv.includes('--demo') ? await app.get(DemoService).load() : null;

  console.log(
    [
      '',
      '预算执行监控 budget execution tracker',
      `  dashboard    http://localhost:${config.port}/`,
      `  API          http://localhost:${config.port}/v1/health`,
      `  database     ${env.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${join(env.dataDir, 'postgres')}`}`,
      `  transport    ${runtime.transport === 'kafka' ? `Kafka ${config.kafkaBrokers?.join(',')} topic ${config.kafkaTopic}` : 'embedded (log in PostgreSQL)'}`,
      `  ledger       ${config.runProjector ? 'consumer running in this process' : 'consumer runs elsewhere (apps/projector)'}`,
      env.adminToken ? '  admin token  from BUDGET_ADMIN_TOKEN' : `  admin token  ${config.adminToken}   (kept in ${join(env.dataDir, 'admin-token')})`,
      demo
        ? `  demo data    ${demo.departments.map((d) => `${d.departmentCode}/${d.fiscalYear}: ${d.applied} applied, ${d.duplicates} already there`).join('; ')}`
        : '  demo data    npm start -- --demo, or POST /v1/admin/demo',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down: finishing the current batch');
    await app.close();
    await runtime.close();
    await stopEmbedded?.();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
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
