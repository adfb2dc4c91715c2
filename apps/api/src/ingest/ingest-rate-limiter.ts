import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';

/**
 * Ingest rate limit per token (issue 5): a token bucket holding one minute's worth of requests, refilled continuously.
 * In memory, per API process: enough to stop one runaway integration from starving the others.
 */
@Injectable()
export class IngestRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Takes one request from the token's bucket; when empty, how many seconds until one is back. */
  take(tokenId: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const capacity = this.config.ingestRatePerMinute;
    if (capacity === 0) return { allowed: true };
    const perMs = capacity / 60_000;
    const bucket = this.buckets.get(tokenId) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(tokenId, bucket);
    if (bucket.tokens < 1) return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
    bucket.tokens -= 1;
    return { allowed: true };
  }
}
