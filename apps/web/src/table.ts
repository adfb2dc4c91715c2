import { Attrs, Child, h, replace } from './dom';
import { formatWan, formatYuan } from './money';

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  /**
   * `num` right-aligns figures. In a `cards` table on a phone, `card-title` spans two of the card's three columns,
   * `card-wide` all three, `card-status` has no caption.
   */
  className?: string;
  title?: string;
}

export interface TableOptions<T> {
  columns: Column<T>[];
  rows: T[];
  /** Rows per page: long lists (hundreds of projects) are paged, never rendered whole. */
  pageSize?: number;
  onRowClick?: (row: T) => void;
  rowAttrs?: (row: T) => Attrs;
  /** Shows a search box; rows whose text matches are kept. */
  search?: { placeholder: string; text: (row: T) => string };
  empty?: string;
  caption?: string;
  testid?: string;
  /** On a phone each row becomes a card: its cells three to a line, each under its column's label (styles.css). */
  cards?: boolean;
}

/** A table of `rows`, a page at a time, with an optional search box and a pager. */
export function pagedTable<T>(options: TableOptions<T>): HTMLElement {
  const pageSize = options.pageSize ?? 20;
  let page = 0;
  let rows = options.rows;
  const tbody = h('tbody');
  const pager = h('div', { class: 'pager' });
  const table = h(
    'table',
    { class: options.cards ? 'data cards' : 'data', 'data-testid': options.testid },
    options.caption ? h('caption', null, options.caption) : null,
    h('thead', null, h('tr', null, options.columns.map((c) => h('th', { class: c.className, title: c.title }, c.label)))),
    tbody,
  );

  const render = () => {
    const pages = Math.max(1, Math.ceil(rows.length / pageSize));
    page = Math.min(page, pages - 1);
    const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
    replace(
      tbody,
      slice.length === 0
        ? h('tr', null, h('td', { class: 'empty', colspan: options.columns.length }, options.empty ?? '暂无数据'))
        : slice.map((row) => {
            const attrs: Attrs = { ...(options.rowAttrs?.(row) ?? {}) };
            if (options.onRowClick) {
              attrs.class = `${attrs.class ?? ''} clickable`.trim();
              attrs.tabindex = 0;
              attrs.onclick = () => options.onRowClick!(row);
              attrs.onkeydown = (e: Event) => {
                if ((e as KeyboardEvent).key === 'Enter') options.onRowClick!(row);
              };
            }
            return h('tr', attrs, options.columns.map((c) => h('td', { class: c.className, 'data-label': options.cards ? c.label : undefined }, c.cell(row))));
          }),
    );
    replace(
      pager,
      rows.length > pageSize
        ? [
            h('button', { type: 'button', class: 'ghost', disabled: page === 0, onclick: () => { page--; render(); } }, '‹ 上一页'),
            h('span', { 'data-testid': options.testid ? `${options.testid}-page` : undefined }, `第 ${page + 1} / ${pages} 页，共 ${rows.length} 项`),
            h('button', { type: 'button', class: 'ghost', disabled: page >= pages - 1, onclick: () => { page++; render(); } }, '下一页 ›'),
          ]
        : rows.length > 0
          ? h('span', null, `共 ${rows.length} 项`)
          : null,
    );
  };

  const search = options.search;
  const searchBox = search
    ? h('input', {
        type: 'search',
        class: 'search',
        placeholder: search.placeholder,
        'aria-label': search.placeholder,
        oninput: (e: Event) => {
          const q = (e.target as HTMLInputElement).value.trim().toLowerCase();
          rows = q ? options.rows.filter((r) => search.text(r).toLowerCase().includes(q)) : options.rows;
          page = 0;
          render();
        },
      })
    : null;
  render();
  return h('div', { class: 'table-wrap' }, searchBox, h('div', { class: 'scroll-x' }, table), pager);
}

/** A figure in 万元 with the exact 元 in its tooltip. */
export function wan(yuan: string | null | undefined): HTMLElement {
  return h('span', { class: 'money', title: yuan === null || yuan === undefined ? undefined : `${formatYuan(yuan)} 元` }, formatWan(yuan));
}

/** A figure in 元 with thousands separators. */
export function yuan(value: string | null | undefined): HTMLElement {
  return h('span', { class: 'money' }, formatYuan(value));
}
