import { AppConfig } from '@app/config';
import type { LedgerRuntime } from '@app/transport';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, NextFunction, Request, Response } from 'express';
import { isUtf8 } from 'node:buffer';
import { AppModule } from './app.module';
import { toErrorBody } from './core/api-error';
import { mountOpenApi } from './openapi/openapi';
import { securityHeaders } from './web/web.module';
import { openReadScopes } from './core/read-scope';

/** SPEC §4: a body over 10 MiB (10 485 760 bytes) is 413 PAYLOAD_TOO_LARGE. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Builds the HTTP application around a ready runtime (used by main.ts and by the end-to-end tests). */
export async function createHttpApp(config: AppConfig, runtime: LedgerRuntime): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, runtime), { bodyParser: false, logger: ['error', 'warn'] });
  // First: every response carries them, the API's, the dashboard's and the API documentation's (/docs) alike.
  app.use(securityHeaders);
  // Every request shares one read-scope slot from here on; the AuthGuard fills it for a department read (SPEC §13).
  app.use(openReadScopes);
  // Under API_WORKERS > 1 (main.ts), which worker process answered: for operators tracing a request.
  const workerId = process.env.API_WORKER_ID;
  if (workerId) {
    app.use((_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('X-API-Worker', workerId);
      next();
    });
  }
  app.use(
    json({
      limit: MAX_BODY_BYTES,
      type: () => true,
      // body-parser would silently replace invalid UTF-8 with U+FFFD: refuse it instead (400 VALIDATION_FAILED).
      verify: (_req, _res, buffer) => {
        if (!isUtf8(buffer)) throw Object.assign(new Error('request body is not valid UTF-8'), { status: 400, type: 'encoding.unsupported' });
      },
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const { status, body } = toErrorBody(error);
    res.status(status).json(body);
  });
  mountOpenApi(app);
  await app.init();
  return app;
}
