/**
 * Progress on stderr: on a terminal one line redrawn in place (a bar, count, rate, ETA); otherwise (a log, CI, a
 * pipe) a plain line every few seconds, so a log file stays readable. The percentage and ETA come from the bytes
 * read of the file, since the number of rows of a streamed file is not known until its end.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const formatCount = (n: number) => n.toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} 分 ${s % 60} 秒`;
  return `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

export class ImportProgress {
  private readonly started = Date.now();
  private lastDraw = Date.now();
  private bytes = 0;
  private rows = 0;
  private readonly tty: boolean;
  private readonly interval: number;

  constructor(
    private readonly label: string,
    private readonly totalBytes: number,
    private readonly out: ProgressStream = process.stderr,
    intervalMs?: number,
  ) {
    this.tty = Boolean(out.isTTY);
    this.interval = intervalMs ?? (this.tty ? 100 : Number(process.env.BUDGET_PROGRESS_INTERVAL_MS || 2000));
  }

  addBytes(n: number): void {
    this.bytes += n;
  }

  /** Rows handled so far (posted and answered, or rejected before posting). */
  update(rows: number): void {
    this.rows = rows;
    const now = Date.now();
    if (now - this.lastDraw < this.interval) return;
    this.lastDraw = now;
    this.draw(false);
  }

  finish(): void {
    this.draw(true);
  }

  private draw(final: boolean): void {
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? this.rows / elapsed : 0;
    const share = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 1;
    const percent = Math.floor(share * 100);
    const eta = share > 0 && share < 1 ? (elapsed / share) * (1 - share) : 0;
    const tail = final
      ? `${formatCount(this.rows)} 行，${formatCount(Math.round(rate))} 行/秒，用时 ${formatDuration(elapsed)}`
      : `${formatCount(this.rows)} 行，${formatCount(Math.round(rate))} 行/秒，预计剩余 ${formatDuration(eta)}`;
    if (this.tty) {
      const width = 24;
      const filled = Math.round(share * width);
      const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(percent).padStart(3)}%`;
      this.out.write(`\r${this.label} ${bar} ${tail}\x1b[K${final ? '\n' : ''}`);
    } else {
      this.out.write(`${this.label}：${final ? '完成' : `${percent}%`}，${tail}\n`);
    }
  }
}

/** Elapsed time of a long request (rebuild) shown while waiting: redrawn on a terminal, a line every 5 s otherwise. */
export function elapsedTicker(label: string, out: ProgressStream = process.stderr): { stop(): number } {
  const started = Date.now();
  const tty = Boolean(out.isTTY);
  const timer = setInterval(() => {
    const s = (Date.now() - started) / 1000;
    out.write(tty ? `\r${label}… 已用 ${formatDuration(s)}\x1b[K` : `${label}… 已用 ${formatDuration(s)}\n`);
  }, tty ? 250 : 5000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (tty) out.write('\r\x1b[K');
      return Date.now() - started;
    },
  };
}
