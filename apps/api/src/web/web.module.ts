import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { NextFunction, Request, Response, static as serveStatic } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Security headers of every response (issue 6; applied first in http-app.ts): no inline script, no remote
 * origin, not framed, no referrer, no MIME sniffing. ECharts draws on a canvas and needs no eval; its tooltips position
 * themselves with inline styles, hence `style-src 'unsafe-inline'` (styles only, never scripts).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.removeHeader('X-Powered-By');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  next();
}

/**
 * The dashboard (apps/web, built by `npm run build:web` into WEB_DIR, default dist/web) served at `/` without a token:
 * the page holds no data, every figure comes from the API behind the bearer token. Hashed assets are cached for good,
 * index.html never.
 */
export function dashboardStatic(webDir: string) {
  const files = serveStatic(webDir, {
    index: 'index.html',
    fallthrough: true,
    redirect: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join(webDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    // Nest mounts middleware with app.use, which strips the mount path from req.url: serve by the original URL.
    const path = req.originalUrl.split('?')[0];
    if (path.startsWith('/v1/') || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (path === '/' && !existsSync(join(webDir, 'index.html'))) {
      res.status(503).type('text/plain; charset=utf-8').send('页面尚未构建：请先运行 npm run build:web (the dashboard is not built: run npm run build:web)');
      return;
    }
    const mounted = req.url;
    req.url = req.originalUrl;
    files(req, res, (error?: unknown) => {
      req.url = mounted;
      next(error);
    });
  };
}

@Module({})
export class WebModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(dashboardStatic(this.config.webDir)).forRoutes('*');
  }
}
