import { createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';

/** Where a rejected row came from. */
export interface RowRef {
  file: string;
  row: number;
  raw: string;
}

export const REJECTS_HEADER = ['文件', '行号', '事件ID', '代码', '原因', '原始内容'];

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is kept as text for Excel. */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?[0-9.]+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rejections file: CSV in UTF-8 with a byte-order mark (Excel opens it as UTF-8), one line per rejected row with
 * its file, row number, eventId, code (a SPEC rejection code, or PARSE_ERROR for a row the CLI could not read) and
 * reason. Opened at the first rejection; a file of the same name left by an earlier run is replaced, or removed when
 * this run rejects nothing.
 */
export class RejectsFile {
  private out: WriteStream | null = null;
  count = 0;

  constructor(readonly path: string) {}

  async add(ref: RowRef, eventId: string | null, code: string, reason: string): Promise<void> {
    if (!this.out) {
      this.out = createWriteStream(this.path, { encoding: 'utf8' });
      this.out.write('\uFEFF' + REJECTS_HEADER.join(',') + '\n');
    }
    this.count += 1;
    const line = [ref.file, String(ref.row), eventId ?? '', code, reason, ref.raw.length > 2000 ? `${ref.raw.slice(0, 2000)}…` : ref.raw].map(csvField).join(',') + '\n';
    if (!this.out.write(line)) await new Promise<void>((resolve) => this.out!.once('drain', resolve));
  }

  /** Closes the file; with no rejection, removes a stale file of this name from an earlier run. */
  async close(): Promise<void> {
    if (this.out) {
      const out = this.out;
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      return;
    }
    if (await stat(this.path).then(() => true, () => false)) await rm(this.path);
  }
}
