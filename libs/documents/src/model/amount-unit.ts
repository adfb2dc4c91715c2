import { TAIL_NOTE } from '@app/domain';
import type { AmountUnit, Cell, TableBlock } from './document-model';

const UNIT_LABELS: Record<AmountUnit, string> = { yuan: '单位：元', wan: '单位：万元' };

/**
 * The same table with its amounts shown in `unit` (SPEC §1: 元 by default, 万元 on request): every amount cell keeps
 * its exact 分 and takes the unit, a 单位 line says it, and the 尾差 note (which is about rounding to 万元) is kept only
 * for 万元. The published forms are declared in 万元; an export that must match the JSON's 元 figures reads them so.
 */
export function tableInUnit(table: TableBlock, unit: AmountUnit): TableBlock {
  const cell = (c: Cell): Cell => (c.kind === 'amount' ? { ...c, unit } : c);
  return {
    ...table,
    ...(table.unitLabel ? { unitLabel: UNIT_LABELS[unit] } : {}),
    rows: table.rows.map((row) => row.map(cell)),
    notes: unit === 'wan' ? table.notes : withoutTailNote(table.notes),
  };
}

/** The notes without the 尾差 sentence, renumbered (注：1. a / 2. 尾差 → 注：a). */
function withoutTailNote(notes: string[]): string[] {
  const kept = notes.filter((n) => !n.includes(TAIL_NOTE)).map((n) => n.replace(/^注：/, '').replace(/^\d+\.\s*/, ''));
  if (kept.length === notes.length) return notes;
  return kept.map((n, i) => (i === 0 ? `注：${kept.length > 1 ? '1. ' : ''}${n}` : `${i + 1}. ${n}`));
}
