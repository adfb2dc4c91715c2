import { AppConfig } from '@app/config';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { join } from 'node:path';

/** Runs the built projector app (`dist/apps/projector/main.js`, built by `npm test`) as a real child process. */
export const PROJECTOR_MAIN = join(__dirname, '../../dist/apps/projector/main.js');

const ROOT = join(__dirname, '../..');

/** The environment every app process reads (libs/config/src/app-config.ts) for one test configuration. */
export function appEnv(config: AppConfig, clientId = config.kafkaClientId): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_URL: config.databaseUrl,
    KAFKA_BROKERS: config.kafkaBrokers?.join(',') ?? '',
    KAFKA_TOPIC: config.kafkaTopic,
    KAFKA_DLQ_TOPIC: config.kafkaDlqTopic,
    KAFKA_GROUP_ID: config.kafkaGroupId,
    KAFKA_CLIENT_ID: clientId,
    KAFKA_PARTITIONS: String(config.kafkaPartitions),
    KAFKA_SESSION_TIMEOUT_MS: String(config.kafkaSessionTimeoutMs),
    KAFKA_MAX_BATCH_BYTES: String(config.kafkaMaxBatchBytes),
    EMBEDDED_BATCH_SIZE: String(config.embeddedBatchSize),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
}

/** The projector as a real process; `clientId` names it in the consumer group (who holds which partitions). */
export function startProjector(config: AppConfig, logFile: string, clientId?: string): ChildProcess {
  if (!existsSync(PROJECTOR_MAIN)) throw new Error(`${PROJECTOR_MAIN} missing: run \`npx nest build projector\` (npm test does)`);
  const log = openSync(logFile, 'a');
  return spawn(process.execPath, [PROJECTOR_MAIN], { cwd: ROOT, env: appEnv(config, clientId), stdio: ['ignore', log, log] });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
