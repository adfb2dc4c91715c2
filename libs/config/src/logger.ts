import pino, { Logger } from 'pino';

/** Structured JSON logs (pino), one line per event worth knowing; never tokens or other secrets. */
export function createLogger(level: string, name: string): Logger {
  return pino({ name, level, redact: { paths: ['token', 'authorization', 'headers.authorization', 'adminToken', 'databaseUrl'], censor: '[redacted]' } });
}

export type { Logger };
