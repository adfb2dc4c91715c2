import { AppConfig, loadConfig } from '@app/config';
import { createLedgerRuntime, LedgerRuntime } from '@app/transport';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createHttpApp } from '../../apps/api/src/http-app';
import { createTestDatabase } from './test-database';
import { kafkaBrokers, runId } from './test-env';

export type TransportKind = 'embedded' | 'kafka';
export const TRANSPORTS: TransportKind[] = ['embedded', 'kafka'];

export interface TestApp {
  config: AppConfig;
  runtime: LedgerRuntime;
  app: INestApplication;
  databaseUrl: string;
  adminToken: string;
  /** What the ledger's rejection listener was told (the API logs each with pino). */
  rejectionLog: { eventId: string | null; code: string }[];
  http(): ReturnType<typeof request>;
  /** POSTs a batch with the admin token and returns the response. */
  post(events: unknown[], query?: string): Promise<request.Response>;
  get(path: string, token?: string): Promise<request.Response>;
  /** GETs a binary document (xlsx, docx) with the admin token. */
  download(path: string): Promise<{ status: number; headers: Record<string, string>; body: ArrayBuffer }>;
  close(): Promise<void>;
}

/** A test configuration: fresh database, fresh Kafka topic names and consumer group. */
export async function testConfig(transport: TransportKind, overrides: Partial<AppConfig> = {}): Promise<{ config: AppConfig; databaseUrl: string }> {
  const databaseUrl = await createTestDatabase();
  const suffix = randomBytes(4).toString('hex');
  const config: AppConfig = {
    ...loadConfig({}),
    databaseUrl,
    adminToken: `admin-${suffix}`,
    kafkaBrokers: transport === 'kafka' ? kafkaBrokers() : undefined,
    kafkaTopic: `bt.${runId()}.${suffix}`,
    kafkaDlqTopic: `bt.${runId()}.${suffix}.dlq`,
    kafkaGroupId: `bt-ledger-${suffix}`,
    kafkaPartitions: 3,
    kafkaSessionTimeoutMs: 6000,
    ingestWaitMs: 60_000,
    ...overrides,
  };
  return { config, databaseUrl };
}

export async function startTestApp(transport: TransportKind, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const { config, databaseUrl } = await testConfig(transport, overrides);
  const rejectionLog: TestApp['rejectionLog'] = [];
  const runtime = await createLedgerRuntime(config, databaseUrl, (error) => console.error('[ledger consumer]', error), (r) => rejectionLog.push(r));
  if (config.runProjector) await runtime.consumer.start();
  const app = await createHttpApp(config, runtime);
  const adminToken = config.adminToken!;
  const server = app.getHttpServer();
  return {
    config,
    runtime,
    app,
    databaseUrl,
    adminToken,
    rejectionLog,
    http: () => request(server),
    post: (events, query = '') =>
      request(server).post(`/v1/events${query}`).set('Authorization', `Bearer ${adminToken}`).send({ events }),
    get: (path, token = adminToken) => request(server).get(path).set('Authorization', `Bearer ${token}`),
    async download(path) {
      const res = await request(server)
        .get(path)
        .set('Authorization', `Bearer ${adminToken}`)
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      const body = res.body as Buffer;
      return { status: res.status, headers: res.headers as Record<string, string>, body: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer };
    },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
