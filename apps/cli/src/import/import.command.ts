import { DEPARTMENT_CODE_PATTERN } from '@app/domain/codes';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ApiClient } from '../api-client';
import { CliError, EXIT_OK, EXIT_REJECTED } from '../cli-error';
import { ImportProgress } from '../progress';
import { EventPoster, type PendingEvent } from './event-poster';
import { csvRows, decodedText, detectFormat, ENCODING_LABELS, type FileFormat, linesOf, sniffEncoding, type SourceRow, type TextEncodingName, xlsxRows } from './file-sources';
import { RejectsFile, type RowRef } from './rejects-file';
import {
  DEFAULT_MAPPING,
  detectKind,
  HEADER_SEARCH_ROWS,
  type ImportMapping,
  isSkippableRow,
  KIND_LABELS,
  mapRow,
  MappingError,
  mergeMapping,
  type ResolvedHeader,
  resolveHeader,
  type RowContext,
  type TreasuryKind,
} from './treasury-mapping';

export interface ImportOptions {
  batchSize: number;
  rejects?: string;
  mapping?: string;
  kind?: TreasuryKind;
  dept?: string;
  year?: number;
  json?: boolean;
}

export interface FileSummary {
  file: string;
  format: FileFormat;
  encoding: TextEncodingName | null;
  kind: TreasuryKind | 'events';
  rows: number;
  skipped: number;
  applied: number;
  duplicate: number;
  rejected: number;
  rejectsFile: string | null;
}

const SHOWN_REJECTIONS = 5;

/** The code of a row the CLI could not turn into an event (the API's codes are SPEC §2's). */
export const PARSE_ERROR = 'PARSE_ERROR';

/** Reads `--mapping FILE` over the defaults (`DEFAULT_MAPPING`). */
export function loadMapping(path: string | undefined): ImportMapping {
  if (!path) return DEFAULT_MAPPING;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`无法读取映射文件 ${path}：${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`映射文件 ${path} 不是有效的 JSON：${(e as Error).message}`);
  }
  try {
    return mergeMapping(DEFAULT_MAPPING, json);
  } catch (e) {
    if (e instanceof MappingError) throw new CliError(`${path}：${e.message}`);
    throw e;
  }
}

/**
 * `budget import FILE…`: each file streamed row by row, mapped to events (NDJSON lines are events already), posted
 * in batches; rejected rows to the rejections file. Files are imported in the order given (a 指标 file before the
 * 支付 file that pays from its lines). A bad file (unreadable, no header, wrong encoding) stops the import there.
 * Answers the exit status: 0, or 1 when a row was rejected.
 */
export async function runImport(files: string[], options: ImportOptions, client: ApiClient): Promise<number> {
  if (options.dept !== undefined && !DEPARTMENT_CODE_PATTERN.test(options.dept)) throw new CliError(`--dept「${options.dept}」不是有效的部门编码（1–32 个字母、数字、_ 或 -）`);
  const mapping = loadMapping(options.mapping);
  const shared = options.rejects ? new RejectsFile(options.rejects) : null;
  const summaries: FileSummary[] = [];
  try {
    for (const file of files) summaries.push(await importFile(file, options, mapping, client, shared));
  } finally {
    await shared?.close();
  }
  const total = summaries.reduce((t, s) => ({ applied: t.applied + s.applied, duplicate: t.duplicate + s.duplicate, rejected: t.rejected + s.rejected }), { applied: 0, duplicate: 0, rejected: 0 });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ files: summaries, ...total }, null, 2)}\n`);
  } else if (summaries.length > 1) {
    process.stdout.write(`合计：新增 ${total.applied}，已存在 ${total.duplicate}，拒绝 ${total.rejected}\n`);
  }
  return total.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
}

async function importFile(file: string, options: ImportOptions, mapping: ImportMapping, client: ApiClient, shared: RejectsFile | null): Promise<FileSummary> {
  const format = await detectFormat(file);
  const size = (await stat(file)).size;
  const rejects = shared ?? new RejectsFile(`${file}.rejects.csv`);
  const progress = new ImportProgress(basename(file), size);
  const poster = new EventPoster(client, {
    batchSize: options.batchSize,
    onRejected: (event, code, reason) => reject(event.ref, event.eventId, code, reason),
  });
  const before = rejects.count;
  // The first rejections are shown at once (the rest are in the file), each with its row number and reason.
  let shown = 0;
  const reject = async (ref: RowRef, eventId: string | null, code: string, reason: string) => {
    if (shown++ < SHOWN_REJECTIONS) process.stderr.write(`拒绝 ${basename(file)} 第 ${ref.row} 行${eventId ? `（${eventId}）` : ''}：${code} ${reason}\n`);
    await rejects.add(ref, eventId, code, reason);
  };
  const summary: FileSummary = { file, format, encoding: null, kind: 'events', rows: 0, skipped: 0, applied: 0, duplicate: 0, rejected: 0, rejectsFile: null };
  const parseError = async (row: number, raw: string, reason: string, eventId: string | null = null) => {
    poster.rejected += 1;
    await reject({ file, row, raw }, eventId, PARSE_ERROR, reason);
  };

  try {
    if (format === 'ndjson') {
      summary.encoding = await sniffEncoding(file);
      announceEncoding(file, summary.encoding);
      for await (const line of linesOf(decodedText(file, summary.encoding, (n) => progress.addBytes(n)), file)) {
        const text = line.text.trim();
        if (!text) continue;
        summary.rows += 1;
        progress.update(summary.rows);
        let event: unknown;
        try {
          event = JSON.parse(text);
        } catch (e) {
          // A pretty-printed JSON document (`{ "events": [ … ] }`, `[ … ]`) is not NDJSON: said once, not for every line.
          if (summary.rows === 1 && (text === '{' || text.startsWith('['))) {
            throw new CliError(`${file} 不是 NDJSON：每行应为一个完整的事件 JSON 对象（第 ${line.number} 行是「${text.slice(0, 20)}」）。请先转换为每行一个事件，例如 jq -c '.events[]'`);
          }
          await parseError(line.number, text, `不是有效的 JSON：${(e as Error).message}`);
          continue;
        }
        if (!event || typeof event !== 'object' || Array.isArray(event)) {
          await parseError(line.number, text, '不是一个 JSON 对象（每行应为一个事件）');
          continue;
        }
        const eventId = (event as { eventId?: unknown }).eventId;
        await poster.add({ eventId: typeof eventId === 'string' ? eventId : null, json: text, ref: { file, row: line.number, raw: text } });
      }
    } else {
      let rows: AsyncGenerator<SourceRow>;
      if (format === 'csv') {
        summary.encoding = await sniffEncoding(file);
        announceEncoding(file, summary.encoding);
        rows = csvRows(file, summary.encoding, (n) => progress.addBytes(n));
      } else {
        rows = xlsxRows(file, (n) => progress.addBytes(n));
      }
      const header = await findHeader(file, rows, mapping, options.kind);
      summary.kind = header.kind;
      const context: RowContext = { departmentCode: options.dept, fiscalYear: options.year };
      for await (const row of rows) {
        if (isSkippableRow(row.cells)) {
          if (row.cells.some((c) => c.trim())) summary.skipped += 1;
          continue;
        }
        summary.rows += 1;
        progress.update(summary.rows);
        const mapped = mapRow(row.cells, header, mapping, context);
        if (!mapped.ok) {
          await parseError(row.number, row.raw, mapped.reasons.join('；'));
          continue;
        }
        const event: PendingEvent = { eventId: mapped.event.eventId as string, json: JSON.stringify(mapped.event), ref: { file, row: row.number, raw: row.raw } };
        await poster.add(event);
      }
    }
    await poster.flush();
    progress.finish();
  } finally {
    if (!shared) await rejects.close();
  }

  summary.applied = poster.applied;
  summary.duplicate = poster.duplicate;
  summary.rejected = poster.rejected;
  summary.rejectsFile = rejects.count > before ? rejects.path : null;
  if (!options.json) {
    const what = [format.toUpperCase(), summary.encoding && summary.encoding !== 'utf-8' ? `${ENCODING_LABELS[summary.encoding]} 已转换` : '', summary.kind === 'events' ? '事件' : KIND_LABELS[summary.kind]]
      .filter(Boolean)
      .join('，');
    process.stdout.write(
      `${file}（${what}）：${summary.rows} 行，新增 ${summary.applied}，已存在 ${summary.duplicate}（此前已导入，未重复记账），拒绝 ${summary.rejected}` +
        (summary.skipped ? `，跳过合计行 ${summary.skipped}` : '') +
        (summary.rejectsFile ? `\n  拒绝明细（行号与原因）：${summary.rejectsFile}` : '') +
        '\n',
    );
  }
  return summary;
}

function announceEncoding(file: string, encoding: TextEncodingName): void {
  if (encoding === 'gb18030') process.stderr.write(`检测到 ${file} 为 GBK（GB18030）编码，已自动转换为 UTF-8 读取\n`);
  else if (encoding !== 'utf-8') process.stderr.write(`检测到 ${file} 为 ${ENCODING_LABELS[encoding]} 编码，已自动转换\n`);
}

/**
 * The header row: the first of the file's first rows that names every required column of its kind (`--kind`, else
 * detected from the row). Title rows above it (「2024年指标明细表」「单位：元」) are passed over; with none found,
 * the error names the columns missing from the row that came closest.
 */
async function findHeader(file: string, rows: AsyncGenerator<SourceRow>, mapping: ImportMapping, kind: TreasuryKind | undefined): Promise<ResolvedHeader> {
  let closest: { row: SourceRow; kind: TreasuryKind; missing: string[]; found: number } | null = null;
  let seen = 0;
  while (seen < HEADER_SEARCH_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    const row = next.value;
    if (!row.cells.some((c) => c.trim())) continue;
    seen += 1;
    const candidates: TreasuryKind[] = kind ? [kind] : [detectKind(row.cells, mapping)].filter((k): k is TreasuryKind => k !== null);
    for (const k of candidates) {
      const { header, missing } = resolveHeader(row.cells, k, mapping);
      if (!missing.length) return header;
      if (!closest || header.index.size > closest.found) closest = { row, kind: k, missing, found: header.index.size };
    }
  }
  const hint = '可用 --mapping 指定本系统的列名（budget import --print-mapping 打印默认映射）';
  if (closest) {
    const found = closest.row.cells.map((c) => c.trim()).filter(Boolean).join('、');
    throw new CliError(`${file} 第 ${closest.row.number} 行的表头（按「${KIND_LABELS[closest.kind]}」文件识别）缺少必需的列：${closest.missing.join('；')}。\n表头中的列：${found}\n${hint}`);
  }
  throw new CliError(
    `${file} 的前 ${HEADER_SEARCH_ROWS} 行中没有可识别的表头：指标文件应有「${mapping.appropriation.detect.join('」或「')}」列，支付文件应有「${mapping.payment.detect.join('」或「')}」列。` +
      `可用 --kind appropriation|payment 指定文件类型；${hint}`,
  );
}
