/**
 * What the 绩效 forms (自评表, 监控表) share in laying out their indicator rows: consecutive rows with the same 一级指标
 * share one merged cell, as the published forms print them.
 */

/** The number of rows a merged cell starting at `index` spans, or 0 when `index` continues the run before it. */
export function runStartingAt<T>(items: readonly T[], index: number, key: (item: T) => string): number {
  if (index > 0 && key(items[index - 1]) === key(items[index])) return 0;
  let span = 1;
  while (index + span < items.length && key(items[index + span]) === key(items[index])) span++;
  return span;
}
