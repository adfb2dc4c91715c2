import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { CliError } from '../cli-error';
import { xlsxCellText } from './cell-values';

/**
 * Reading an input file in constant memory, whatever its size: the file is pulled a chunk at a time (an async
 * generator suspends while the caller posts a batch, so nothing is read ahead), decoded from its detected encoding,
 * and cut into rows. Nothing here holds more than one chunk and one row.
 */
export type FileFormat = 'ndjson' | 'csv' | 'xlsx';
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GBK（GB18030）',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/** A row of a file: its number as the user sees it (line of a text file, row of a sheet), its cells and its text. */
export interface SourceRow {
  number: number;
  cells: string[];
  raw: string;
}

const SNIFF_BYTES = 64 * 1024;
const CHUNK_BYTES = 64 * 1024;
/** A line longer than this is refused rather than buffered (10 MiB: an API batch's whole body). */
const MAX_LINE_CHARS = 10 * 1024 * 1024;

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new CliError(e.code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${e.message}`);
  });
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The format of a file: by its first bytes (an xlsx is a zip), else by its extension, else `{` means NDJSON. */
export async function detectFormat(path: string): Promise<FileFormat> {
  const head = await firstBytes(path, 512);
  const ext = extname(path).toLowerCase();
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new CliError(`${path} 是 Excel 97-2003 格式（.xls），不支持：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入`);
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw new CliError(`${path} 不是有效的 XLSX 文件（文件开头不是 zip 格式，可能是改了扩展名的其他文件）`);
  if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') return 'ndjson';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return text.startsWith('{') ? 'ndjson' : 'csv';
}

/**
 * The encoding of a text file: a byte-order mark, else UTF-8 when its first 64 KiB decode as UTF-8, else GBK
 * (decoded as GB18030, its superset) when they decode as that — the encoding Excel and most treasury systems use
 * for CSV on Chinese Windows.
 */
export async function sniffEncoding(path: string): Promise<TextEncodingName> {
  const sample = await firstBytes(path, SNIFF_BYTES);
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  const decodes = (encoding: TextEncodingName) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (decodes('utf-8')) return 'utf-8';
  if (decodes('gb18030')) return 'gb18030';
  throw new CliError(`${path} 的编码无法识别：既不是 UTF-8，也不是 GBK/GB18030。请将文件另存为 UTF-8 编码后再导入`);
}

/** Progress of the bytes read from disk (for the progress bar's percentage and ETA). */
export type ByteCounter = (bytes: number) => void;

/**
 * The file's text, decoded chunk by chunk (a character split across two chunks is kept for the next), with CRLF
 * turned into LF (so line numbers count the lines a text editor shows). A byte sequence that is not of the
 * encoding stops the import with the place it was found.
 */
export async function* decodedText(path: string, encoding: TextEncodingName, onBytes: ByteCounter): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  let pendingCr = false;
  const normalise = (text: string) => {
    let t = pendingCr ? `\r${text}` : text;
    pendingCr = t.endsWith('\r');
    if (pendingCr) t = t.slice(0, -1);
    return t.replace(/\r\n/g, '\n');
  };
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new CliError(`${path} 在第 ${offset} 字节之后出现不是 ${ENCODING_LABELS[encoding]} 编码的内容：文件可能混用了编码，请统一另存为 UTF-8 后再导入`);
    }
    offset += chunk.length;
    onBytes(chunk.length);
    const out = normalise(text);
    if (out) yield out;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new CliError(`${path} 的结尾是不完整的 ${ENCODING_LABELS[encoding]} 字符`);
  }
  const out = (pendingCr ? '\r' : '') + tail;
  if (out) yield out;
}

/** The lines of a text (without their `\n`), numbered from 1. */
export async function* linesOf(text: AsyncIterable<string>, path: string): AsyncGenerator<{ number: number; text: string }> {
  let rest = '';
  let number = 0;
  for await (const chunk of text) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) yield { number: ++number, text: line };
    if (rest.length > MAX_LINE_CHARS) throw new CliError(`${path} 第 ${number + 1} 行超过 10 MiB，无法作为一个事件导入`);
  }
  if (rest !== '') yield { number: ++number, text: rest };
}

/** The delimiter of a CSV by its first lines: the most frequent of comma, tab and semicolon (Excel writes all three). */
function delimiterOf(sample: string): string {
  const lines = sample.split('\n').slice(0, 20).filter((l) => l.trim());
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = Math.max(0, ...lines.map((l) => l.split(d).length - 1));
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** The rows of a CSV (or tab-separated text), numbered by the line each starts on. */
export async function* csvRows(path: string, encoding: TextEncodingName, onBytes: ByteCounter): AsyncGenerator<SourceRow> {
  const text = decodedText(path, encoding, onBytes);
  // The first chunk (256 KiB) tells the delimiter; it is then given to the parser before the rest.
  const first = await text.next();
  if (first.done) return;
  const delimiter = delimiterOf(first.value.slice(0, 64 * 1024));
  async function* all() {
    yield first.value as string;
    yield* text;
  }
  const source = Readable.from(all());
  const parser = source.pipe(parse({ delimiter, relax_column_count: true, relax_quotes: true, bom: true, raw: true, info: true, max_record_size: MAX_LINE_CHARS }));
  // A decoding error of the source ends the parse with that error (pipe() alone would leave it unhandled).
  source.once('error', (e) => parser.destroy(e));
  let lastLine = 0;
  try {
    for await (const { record, raw, info } of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const number = lastLine + 1;
      lastLine = info.lines;
      yield { number, cells: record, raw: raw.replace(/\n$/, '') };
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    const err = e as { code?: string; lines?: number; message?: string };
    throw new CliError(`${path} 不是有效的 CSV（第 ${err.lines ?? lastLine + 1} 行附近：${err.message ?? err.code}）`);
  }
}

/**
 * The rows of the first worksheet of an XLSX, read with exceljs' streaming reader (shared strings kept, rows not),
 * cells as text (`xlsxCellText`: dates as YYYY-MM-DD, numbers as Excel shows them at 15 digits).
 */
export async function* xlsxRows(path: string, onBytes: ByteCounter): AsyncGenerator<SourceRow> {
  const ExcelJS = (await import('exceljs')).default;
  const input = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  input.on('data', (chunk) => onBytes(chunk.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ number: number; values: unknown }>) {
        const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
        const cells = Array.from({ length: values.length }, (_, i) => xlsxCellText(values[i]));
        yield { number: row.number, cells, raw: cells.join(',') };
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${path} 不是有效的 XLSX 文件：${(e as Error).message}`);
  } finally {
    input.destroy();
  }
}
