/**
 * The real projector (`dist/apps/projector/main.js`) as a child process for the Kafka ingest figure: the consumer
 * runs as in production, in a process of its own, not inside the benchmark (whose heap holds the whole workload).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { KafkaSettings, memoryOf } from './api-process';

const ROOT = resolve(__dirname, '..');

export interface ProjectorProcess {
  /** Peak resident memory so far (VmHWM), bytes. */
  peakRss(): number;
  stop(): Promise<void>;
}

export function startProjector(databaseUrl: string, kafka: KafkaSettings): ProjectorProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.brokers.join(','),
    KAFKA_TOPIC: kafka.topic,
    KAFKA_DLQ_TOPIC: kafka.dlqTopic,
    KAFKA_GROUP_ID: kafka.groupId,
    LOG_LEVEL: 'warn',
  };
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/apps/projector/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let peak = 0;
  const sample = () => (peak = Math.max(peak, memoryOf(child.pid!)?.hwm ?? 0));
  const sampler = setInterval(sample, 200);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    peakRss: () => (sample(), peak),
    async stop() {
      sample();
      clearInterval(sampler);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
