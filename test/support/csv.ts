/**
 * The tests' own RFC 4180 reader (independent of the CSV renderer under test): records of fields, quoted fields may
 * hold commas, doubled quotes and line breaks; records end with CRLF. Throws on a bare LF outside quotes or a stray
 * quote, so a file that Excel would misread fails the test.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`character after closing quote at ${i}`);
      } else {
        field += c;
        i += 1;
      }
      continue;
    }
    if (c === '"') {
      if (!atFieldStart) throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      atFieldStart = false;
      i += 1;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      atFieldStart = true;
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += c;
      atFieldStart = false;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || fields.length) throw new Error('last record does not end with CRLF');
  return records;
}

/** The body of a CSV download: checks the UTF-8 byte order mark and returns the text after it. */
export function csvText(body: ArrayBuffer): { bom: boolean; text: string } {
  const bytes = Buffer.from(body);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { bom, text: bytes.subarray(bom ? 3 : 0).toString('utf8') };
}

/** The file name of `Content-Disposition: attachment; filename="…"; filename*=UTF-8''…` (RFC 5987), decoded. */
export function dispositionName(header: string | undefined): { ascii: string | null; utf8: string | null } {
  const ascii = /filename="([^"]*)"/.exec(header ?? '');
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(header ?? '');
  return { ascii: ascii ? ascii[1] : null, utf8: utf8 ? decodeURIComponent(utf8[1]) : null };
}
