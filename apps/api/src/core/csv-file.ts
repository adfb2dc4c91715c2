import { CSV_CONTENT_TYPE, renderCsv, type CsvOptions, type TableBlock } from '@app/documents';
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/**
 * `?format=csv` answers (issue 13): a table of the document model rendered by the CSV renderer, sent as an attachment
 * whose name is Chinese (RFC 6266 / RFC 5987 `filename*=UTF-8''…`) with an ASCII `filename` for old clients.
 */

/** RFC 5987 value characters: everything else percent-encoded as UTF-8 (encodeURIComponent leaves ' ( ) * ! alone). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A file name a desktop accepts: no path separators, reserved or control characters. */
function fileName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').slice(0, 180);
}

/** `attachment; filename="ascii.csv"; filename*=UTF-8''中文.csv` */
export function attachmentDisposition(name: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName(name))}`;
}

/** The part of a file name saying which date the figures are as of: 「-截至2023-06-30」, or nothing (everything). */
export function asOfSuffix(asOf: string | undefined): string {
  return asOf ? `-截至${asOf}` : '';
}

/** A table as a CSV download (for handlers that return their answer). */
export function csvFile(table: TableBlock, name: string, asciiFallback: string, options?: CsvOptions): StreamableFile {
  return new StreamableFile(renderCsv(table, options), { type: CSV_CONTENT_TYPE, disposition: attachmentDisposition(name, asciiFallback) });
}

/** A table as a CSV download (for handlers that write to the response themselves). */
export function sendCsv(res: Response, table: TableBlock, name: string, asciiFallback: string, options?: CsvOptions): void {
  const body = renderCsv(table, options);
  res.status(200).setHeader('Content-Type', CSV_CONTENT_TYPE);
  res.setHeader('Content-Disposition', attachmentDisposition(name, asciiFallback));
  res.send(body);
}
