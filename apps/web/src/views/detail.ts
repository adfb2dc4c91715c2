import { deptPath, Query } from '../api';
import { Chart, createChart, drawPace } from '../charts';
import { h, replace } from '../dom';
import { GROUP_LABELS, PAYMENT_METHODS } from '../labels';
import { formatPercent, formatSigned, formatWan, formatYuan, sumDecimals } from '../money';
import { pagedTable, wan, yuan } from '../table';
import type { GroupBy, Line, MonthPoint, Payment, Payments, Progress } from '../types';
import { kpi, loading, statusBadge, ViewContext } from '../ui';

type Grouping = Exclude<GroupBy, 'department'>;
const PAYMENT_LIMIT = 500;

const FILTER: Record<Grouping, string> = { project: 'projectCode', unit: 'unitCode', function: 'functionCode', line: 'lineId' };

/** One project / unit / function code / line: its monthly series, its 指标 and its payments, in a dialog. */
export function openDetail(ctx: ViewContext, grouping: Grouping, key: string, lines: Line[]): void {
  document.querySelector('dialog.detail')?.remove();
  let chart: Chart | null = null;
  const body = h('div', { class: 'detail-body' }, loading());
  const title = h('h2', null, `${GROUP_LABELS[grouping]} ${key}`);
  const dialog = h(
    'dialog',
    { class: 'detail', 'data-testid': 'detail', 'aria-label': `${GROUP_LABELS[grouping]}详情` },
    h('header', null, title, h('button', { type: 'button', class: 'ghost close', 'data-testid': 'detail-close', 'aria-label': '关闭', onclick: () => dialog.close() }, '✕ 关闭')),
    body,
  );
  dialog.addEventListener('close', () => {
    chart?.dispose();
    dialog.remove();
  });
  document.body.appendChild(dialog);
  dialog.showModal();

  const load = async () => {
    try {
      const query: Query = { [FILTER[grouping]]: key, asOf: ctx.asOf, limit: PAYMENT_LIMIT };
      const [progress, payments] = await Promise.all([
        ctx.api.get<Progress>(deptPath(ctx.dept, ctx.year, 'progress'), { groupBy: grouping, asOf: ctx.asOf }),
        ctx.api.get<Payments>(deptPath(ctx.dept, ctx.year, 'payments'), query),
      ]);
      if (!dialog.isConnected) return;
      const group = progress.groups.find((g) => g.key === key);
      replace(title, group?.name ?? key, ' ', h('small', { class: 'code' }, key), ' ', group ? statusBadge(group.status) : null);
      const chartBox = h('div', { class: 'chart small', 'data-testid': 'detail-chart' });
      replace(
        body,
        group
          ? h('div', { class: 'kpis compact' },
              kpi('预算', formatWan(group.budget), '万元', 'detail-budget', { title: `${formatYuan(group.budget)} 元` }),
              kpi('已支付', formatWan(group.paid), '万元', 'detail-paid', { title: `${formatYuan(group.paid)} 元` }),
              kpi('执行率', formatPercent(group.executionRate), '', 'detail-rate'),
              kpi('计划进度', formatPercent(group.plannedRate), '', 'detail-planned'),
              kpi('差距', formatSigned(group.gap), group.gap === null ? '' : '个百分点', 'detail-gap'),
              kpi('指标余额', formatWan(sumDecimals(lines.map((l) => l.available))), '万元', 'detail-available'))
          : h('p', { class: 'muted' }, '截至该日期尚无数据。'),
        h('div', { class: 'grid-2 detail-grid' },
          h('section', null, h('h3', null, '月度执行'), chartBox),
          h('section', { 'data-testid': 'detail-months' }, h('h3', null, '逐月数据'), monthsTable(group?.months ?? []))),
        grouping !== 'line' && lines.length ? h('section', null, h('h3', null, `指标（${lines.length} 条）`), linesTable(lines)) : null,
        h('section', { 'data-testid': 'detail-payments' }, h('h3', null, '支付明细'), paymentsView(payments)),
      );
      if (group) {
        chart = createChart(chartBox);
        const months = Array.from({ length: 12 }, (_, i) => group.months.find((m) => m.month === i + 1) ?? null);
        drawPace(chart, {
          execution: months.map((m) => m?.executionRate ?? null),
          plan: months.map((m) => m?.plannedRate ?? null),
          time: progress.monthEndTimeProgress,
          paidInMonth: months.map((m) => m?.paidInMonth ?? null),
          checkpoints: group.planCheckpoints,
        });
      }
    } catch (error) {
      ctx.fail(error, body, load);
    }
  };
  void load();
}

function monthsTable(months: MonthPoint[]): HTMLElement {
  return pagedTable<MonthPoint>({
    testid: 'months-table',
    rows: months,
    pageSize: 12,
    columns: [
      { label: '月份', cell: (m) => `${m.month}月` },
      { label: '当月支付（万元）', className: 'num', cell: (m) => wan(m.paidInMonth) },
      { label: '累计支付（万元）', className: 'num', cell: (m) => wan(m.paid) },
      { label: '执行率', className: 'num', cell: (m) => formatPercent(m.executionRate) },
      { label: '计划进度', className: 'num', cell: (m) => formatPercent(m.plannedRate) },
    ],
  });
}

function linesTable(lines: Line[]): HTMLElement {
  return pagedTable<Line>({
    rows: lines,
    pageSize: 10,
    columns: [
      { label: '指标', cell: (l) => h('span', { class: 'mono' }, l.lineId) },
      { label: '功能科目', cell: (l) => l.functionCode },
      { label: '预算（万元）', className: 'num', cell: (l) => wan(l.budget) },
      { label: '已支付（万元）', className: 'num', cell: (l) => wan(l.paid) },
      { label: '余额（万元）', className: 'num', cell: (l) => wan(l.available) },
    ],
  });
}

/** Payments in 元 (single vouchers are reconciled to the 分), newest first, with the total in 万元 and 元. */
function paymentsView(list: Payments): HTMLElement {
  const shown = list.payments.length < list.total.count ? `，显示最近 ${list.payments.length} 笔` : '';
  return h(
    'div',
    null,
    h('p', { class: 'note', 'data-testid': 'payments-total', 'data-count': String(list.total.count), 'data-net': list.total.net },
      `共 ${list.total.count} 笔${shown}；支付净额 ${formatWan(list.total.net)} 万元（${formatYuan(list.total.net)} 元）`,
      list.total.reversed !== '0.00' ? `，其中已退回 ${formatYuan(list.total.reversed)} 元` : '', '。'),
    pagedTable<Payment>({
      testid: 'payments-table',
      rows: list.payments,
      pageSize: 12,
      empty: '截至该日期没有支付',
      rowAttrs: (p) => ({ 'data-event': p.eventId }),
      columns: [
        { label: '支付日期', cell: (p) => p.occurredOn },
        { label: '金额（元）', className: 'num', cell: (p) => yuan(p.amount) },
        { label: '已退回（元）', className: 'num', cell: (p) => (p.reversed === '0.00' ? '' : yuan(p.reversed)) },
        { label: '经济分类', cell: (p) => `${p.economicCode} ${p.economicName ?? ''}`.trim() },
        { label: '收款人', cell: (p) => p.payee ?? '' },
        { label: '支付方式', cell: (p) => (p.method ? PAYMENT_METHODS[p.method] ?? p.method : '') },
        { label: '指标', cell: (p) => h('span', { class: 'mono' }, p.lineId) },
      ],
    }),
  );
}
