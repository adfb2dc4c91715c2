import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiAnswer, ApiClient, type ApiErrorBody, failureOf, NetworkError } from '../api-client';
import { CliError } from '../cli-error';
import type { RowRef } from './rejects-file';

/** An event on its way: its JSON text exactly as it will be posted, and the row it came from. */
export interface PendingEvent {
  eventId: string | null;
  json: string;
  ref: RowRef;
}

interface EventResult {
  eventId: string;
  status: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  code?: string;
  message?: string;
}

export interface PosterOptions {
  batchSize: number;
  /** Largest body posted at once (the API takes 10 MiB). */
  maxBatchBytes?: number;
  onRejected(event: PendingEvent, code: string, reason: string): Promise<void>;
}

const RETRIES = 5;
const RESEND_HINT = '已提交的批次不会重复记账：问题解决后重新运行同一命令即可续传';

/**
 * Posts events to `POST /v1/events` in batches, one batch in flight at a time (events of a department are applied
 * in the order posted, SPEC §2), and sorts the answer of each event: APPLIED, DUPLICATE (already in the store: a
 * re-run), REJECTED (with the ledger's code and message). A batch the API refuses whole because of some of its
 * events (400 VALIDATION_FAILED or 403 FORBIDDEN naming their indexes) has those events rejected and the rest posted
 * again; 413 splits the batch; 429 waits as told; a refused connection or a 5xx is retried with back-off.
 */
export class EventPoster {
  applied = 0;
  duplicate = 0;
  rejected = 0;
  private batch: PendingEvent[] = [];
  private bytes = 0;
  private readonly maxBytes: number;

  constructor(private readonly client: ApiClient, private readonly options: PosterOptions) {
    this.maxBytes = options.maxBatchBytes ?? 9 * 1024 * 1024;
  }

  async add(event: PendingEvent): Promise<void> {
    if (this.batch.length && (this.batch.length >= this.options.batchSize || this.bytes + event.json.length + 1 > this.maxBytes)) await this.flush();
    this.batch.push(event);
    this.bytes += event.json.length + 1;
  }

  async flush(): Promise<void> {
    if (!this.batch.length) return;
    const events = this.batch;
    this.batch = [];
    this.bytes = 0;
    await this.post(events);
  }

  private async reject(event: PendingEvent, code: string, reason: string): Promise<void> {
    this.rejected += 1;
    await this.options.onRejected(event, code, reason);
  }

  private async post(events: PendingEvent[]): Promise<void> {
    let remaining = events;
    let failures = 0;
    const retry = async (why: string) => {
      failures += 1;
      if (failures > RETRIES) throw new CliError(`${why}\n${RESEND_HINT}`);
      process.stderr.write(`${why.split('\n')[0]}；${2 ** failures} 秒后重试（第 ${failures}/${RETRIES} 次）\n`);
      await sleep(1000 * 2 ** failures);
    };
    while (remaining.length) {
      const body = `{"events":[${remaining.map((e) => e.json).join(',')}]}`;
      let response: ApiAnswer;
      try {
        response = await this.client.send('POST', '/v1/events', { body });
      } catch (e) {
        if (e instanceof NetworkError) {
          await retry(e.message);
          continue;
        }
        throw e;
      }
      if (response.status === 200) {
        const answer = (await response.json()) as { results: EventResult[] };
        return this.record(remaining, answer.results);
      }
      if (response.status === 202) {
        const answer = (await response.json()) as { requestId?: string };
        const results = answer.requestId ? await this.waitForRequest(answer.requestId) : null;
        if (results) return this.record(remaining, results);
        continue; // no way to look the request up: post again, which applies nothing twice
      }
      if (response.status === 400 || response.status === 403) {
        const text = await response.text();
        let error: Partial<ApiErrorBody> = {};
        try {
          error = JSON.parse(text) as ApiErrorBody;
        } catch {
          // not JSON: reported below
        }
        const byIndex = new Map<number, string[]>();
        for (const p of error.problems ?? []) {
          if (typeof p.index === 'number' && Number.isInteger(p.index) && p.index >= 0 && p.index < remaining.length) {
            byIndex.set(p.index, [...(byIndex.get(p.index) ?? []), [p.path, p.message].filter(Boolean).join(': ')]);
          }
        }
        if (!byIndex.size) throw await failureOf({ status: response.status, statusText: response.statusText, text: async () => text });
        const code = error.error ?? (response.status === 403 ? 'FORBIDDEN' : 'VALIDATION_FAILED');
        // The API's message speaks of the whole batch; the others of it are posted again, so each row gets its own problems.
        const what = response.status === 403 ? '令牌无权提交该部门的事件' : '事件格式错误';
        for (const [index, reasons] of byIndex) await this.reject(remaining[index], code, `${what}：${reasons.join('；')}`);
        remaining = remaining.filter((_, i) => !byIndex.has(i));
        continue;
      }
      if (response.status === 413) {
        await response.discard();
        if (remaining.length === 1) {
          await this.reject(remaining[0], 'PAYLOAD_TOO_LARGE', '单个事件超过 API 的请求体上限（10 MiB）');
          return;
        }
        const half = Math.ceil(remaining.length / 2);
        await this.post(remaining.slice(0, half));
        await this.post(remaining.slice(half));
        return;
      }
      if (response.status === 429) {
        await response.discard();
        const seconds = Math.min(60, Math.max(1, Number(response.header('retry-after')) || 1));
        process.stderr.write(`提交过于频繁（HTTP 429），${seconds} 秒后继续\n`);
        await sleep(seconds * 1000);
        continue;
      }
      if (response.status >= 500) {
        const failure = await failureOf(response);
        await retry(failure.message);
        continue;
      }
      const failure = await failureOf(response);
      throw new CliError(`${failure.message}\n${RESEND_HINT}`);
    }
  }

  /** The results of a batch the API accepted before applying it (202): `GET /v1/requests/{id}` until DONE. */
  private async waitForRequest(requestId: string): Promise<EventResult[] | null> {
    for (;;) {
      await sleep(500);
      const response = await this.client.send('GET', `/v1/requests/${encodeURIComponent(requestId)}`);
      if (response.status === 404 || response.status === 405) {
        await response.discard();
        return null;
      }
      if (!response.ok) throw await failureOf(response);
      const answer = (await response.json()) as { state?: string; results?: EventResult[] };
      if (answer.state === 'DONE' && Array.isArray(answer.results)) return answer.results;
    }
  }

  private async record(events: PendingEvent[], results: EventResult[] | undefined): Promise<void> {
    if (!Array.isArray(results) || results.length !== events.length) {
      throw new CliError(`API 的回答有 ${results?.length ?? 0} 个结果，提交了 ${events.length} 个事件：无法对应，导入中止\n${RESEND_HINT}`);
    }
    for (let i = 0; i < events.length; i++) {
      const result = results[i];
      if (result.status === 'APPLIED') this.applied += 1;
      else if (result.status === 'DUPLICATE') this.duplicate += 1;
      else await this.reject(events[i], result.code ?? 'REJECTED', result.message ?? '');
    }
  }
}
