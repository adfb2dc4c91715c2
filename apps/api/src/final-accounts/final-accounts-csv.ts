import { PUBLIC_TABLE_TEMPLATES, PUBLIC_TABLE_TITLES, tableInUnit, type DocumentTree, type PublicTableKey, type PublicTableTemplate, type TableBlock } from '@app/documents';
import type { AmountUnit } from '@app/documents';
import type { Param } from '../core/read-query';
import { refuseQuery } from '../core/read-query';

/**
 * `GET …/final-accounts?format=csv&table=…` (issue 13): one 公开表 per CSV file — a CSV holds one table, and a finance
 * office opens it in Excel or WPS with a double click (a zip of nine would first need unpacking; `format=xlsx` already
 * gives every table in one workbook). The table is the draft's own `TableBlock` (the same rows, names and notes as the
 * xlsx, docx and html), its amounts in 元 like the JSON (`?unit=wan`: 万元), rendered by the CSV renderer.
 *
 * `table` names the table by its 公开表 number under the `template` (default MOF): `01`…`09` (also `1`, `公开01表`),
 * or by its JSON key (`summary`, `income`, …, `threePublic`), which is the same under every template.
 */

/** The raw `table` value: resolved against the template by `publicTableKey`, which refuses an unknown one. */
export const TABLE_PARAM: Param<string> = {
  describe: '公开表编号 01–09 或表名键（如 summary）',
  schema: { type: 'string' },
  parse: (value) => value,
};

/** 「01 收入支出决算总表（summary）、02 …」: the valid `table` values of a template, for the 400. */
function tableList(template: PublicTableTemplate): string {
  return PUBLIC_TABLE_TEMPLATES[template].order.map((key, i) => `${String(i + 1).padStart(2, '0')} ${PUBLIC_TABLE_TITLES[key]}（${key}）`).join('、');
}

/** The table a `table` value names under `template`, or a 400 listing the valid ones. */
export function publicTableKey(table: string | undefined, template: PublicTableTemplate): PublicTableKey {
  const order = PUBLIC_TABLE_TEMPLATES[template].order;
  if (table === undefined || table === '') {
    refuseQuery([
      {
        path: 'table',
        message: `format=csv 每个文件一张公开表，请用 table 指定：${tableList(template)}（如 table=01；全部表格请用 format=xlsx）`,
        allowed: order,
      },
    ]);
  }
  if ((order as string[]).includes(table)) return table as PublicTableKey;
  const numbered = /^(?:公开)?0?([1-9])(?:表)?$/.exec(table);
  if (numbered && Number(numbered[1]) <= order.length) return order[Number(numbered[1]) - 1];
  const shown = table.length > 40 ? `${table.slice(0, 40)}…` : table;
  return refuseQuery([{ path: 'table', message: `table 须为以下之一：${tableList(template)}（收到 ${shown}）`, allowed: order }]);
}

/** The draft's table `key`, its amounts in `unit`. */
export function csvTable(tree: DocumentTree, key: PublicTableKey, unit: AmountUnit): TableBlock {
  for (const block of tree.blocks) if (block.kind === 'table' && block.table.key === key) return tableInUnit(block.table, unit);
  throw new Error(`决算草稿中没有表 ${key}`);
}
