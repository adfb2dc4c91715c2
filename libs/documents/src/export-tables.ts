import type { GroupFigures, LineBalance, PaymentRecord } from '@app/domain';
import { EXPENDITURE_KINDS, FUND_SOURCES, parseYuan, PAYMENT_METHODS, PROGRESS_STATUS_NAMES, yesNo, type Comparator } from '@app/domain';
import type { Cell, ColumnSpec, TableBlock } from './model/document-model';
import { targetText } from './self-evaluation-tables';

/**
 * The read answers of SPEC §4–§6 (execution progress, line balances, payments, indicator completion) as list tables
 * of the document model, for the CSV export (`?format=csv`): one header row of Chinese column names — the names a
 * treasury export uses where there is one (指标编号, 预算单位编码, 功能分类科目, 资金性质, 支出类型, 项目代码, 支付日期,
 * 收款人 …), units in the header (元, %) — then one row per group, line, payment or indicator, the figures exactly the
 * JSON's (元 strings, percent strings; enumerations by their Chinese names). The input types are the JSON shapes'
 * fields these tables read, so the API's answers fit them as they are.
 */

type Column = { header: string; kind: ColumnSpec['kind'] };

function listTable(key: string, title: string, columns: Column[], rows: Cell[][]): TableBlock {
  return {
    key,
    title,
    orientation: columns.length > 8 ? 'landscape' : 'portrait',
    columns: columns.map((c) => ({ kind: c.kind, width: c.kind === 'name' ? 20 : c.kind === 'text' ? 12 : 10 })),
    header: [columns.map((c) => ({ text: c.header }))],
    rows,
    notes: [],
  };
}

const text = (value: string | null | undefined): Cell => ({ kind: 'text', text: value ?? '' });
const code = (value: string | null | undefined): Cell => (value ? { kind: 'code', code: value } : { kind: 'empty' });
const yuan = (value: string): Cell => ({ kind: 'amount', fen: parseYuan(value), unit: 'yuan' });
const rate = (value: string | null): Cell => ({ kind: 'rate', value });
const decimal = (value: string | null): Cell => ({ kind: 'decimal', value });
const label = <K extends string>(names: Record<K, string>, value: string | null): Cell => text(value === null ? '' : (names[value as K] ?? value));
const yesOrNo = (value: boolean): Cell => text(value ? '是' : '否');

const col = (header: string, kind: ColumnSpec['kind']): Column => ({ header, kind });

// ---- GET …/progress --------------------------------------------------------------------------------------------------

/** A progress group as `GET …/progress` answers it: its key and name with the domain's figures (SPEC §5). */
export type ProgressRowInput = GroupFigures & { key: string; name: string | null };

export type ProgressGrouping = 'department' | 'unit' | 'function' | 'project' | 'line';

const GROUP_COLUMNS: Record<ProgressGrouping, [string, string]> = {
  department: ['部门编码', '部门名称'],
  unit: ['预算单位编码', '预算单位名称'],
  function: ['功能分类科目', '功能分类科目名称'],
  project: ['项目代码', '项目名称'],
  line: ['指标编号', '项目名称'],
};

export const GROUPING_NAMES: Record<ProgressGrouping, string> = { department: '按部门', unit: '按单位', function: '按功能科目', project: '按项目', line: '按指标' };

/** 执行进度 (SPEC §5): one row per group, its headline figures at asOf; 序时进度 the same on every row. */
export function progressTable(report: { groupBy: ProgressGrouping; timeProgress: string; groups: readonly ProgressRowInput[] }): TableBlock {
  const [keyHeader, nameHeader] = GROUP_COLUMNS[report.groupBy];
  return listTable(
    `progress-${report.groupBy}`,
    `预算执行进度（${GROUPING_NAMES[report.groupBy]}）`,
    [
      col(keyHeader, 'code'),
      col(nameHeader, 'name'),
      col('预算数（元）', 'amount'),
      col('已支付（元）', 'amount'),
      col('执行率（%）', 'rate'),
      col('计划进度（%）', 'rate'),
      col('序时进度（%）', 'rate'),
      col('进度偏差（百分点）', 'rate'),
      col('状态', 'text'),
    ],
    report.groups.map((g) => [
      code(g.key),
      text(g.name),
      yuan(g.budget),
      yuan(g.paid),
      rate(g.executionRate),
      rate(g.plannedRate),
      rate(report.timeProgress),
      rate(g.gap),
      label(PROGRESS_STATUS_NAMES, g.status),
    ]),
  );
}

// ---- GET …/lines -----------------------------------------------------------------------------------------------------

export type LineRowInput = LineBalance;

/** 指标余额: one row per line (SPEC §2 attributes, budget, paid, available). */
export function linesTable(lines: readonly LineRowInput[]): TableBlock {
  return listTable(
    'lines',
    '指标余额',
    [
      col('指标编号', 'text'),
      col('预算单位编码', 'code'),
      col('功能分类科目', 'code'),
      col('经济分类科目', 'code'),
      col('资金性质', 'text'),
      col('支出类型', 'text'),
      col('项目代码', 'text'),
      col('项目名称', 'name'),
      col('预算数（元）', 'amount'),
      col('已支付（元）', 'amount'),
      col('可用余额（元）', 'amount'),
      col('是否超支', 'text'),
    ],
    lines.map((l) => [
      text(l.lineId),
      code(l.unitCode),
      code(l.functionCode),
      code(l.economicCode),
      label(FUND_SOURCES, l.fundSource),
      label(EXPENDITURE_KINDS, l.expenditureKind),
      text(l.projectCode),
      text(l.projectName),
      yuan(l.budget),
      yuan(l.paid),
      yuan(l.available),
      yesOrNo(l.overspent),
    ]),
  );
}

// ---- GET …/payments --------------------------------------------------------------------------------------------------

export type PaymentRowInput = PaymentRecord;

/** 支付明细: one row per payment, newest first as listed, with what was reversed of it. */
export function paymentsTable(payments: readonly PaymentRowInput[]): TableBlock {
  return listTable(
    'payments',
    '支付明细',
    [
      col('支付编号', 'text'),
      col('支付日期', 'text'),
      col('指标编号', 'text'),
      col('预算单位编码', 'code'),
      col('功能分类科目', 'code'),
      col('经济分类科目', 'code'),
      col('经济分类科目名称', 'name'),
      col('项目代码', 'text'),
      col('项目名称', 'name'),
      col('收款人', 'name'),
      col('支付方式', 'text'),
      col('支付金额（元）', 'amount'),
      col('已退回金额（元）', 'amount'),
      col('净支付金额（元）', 'amount'),
    ],
    payments.map((p) => [
      text(p.eventId),
      text(p.occurredOn),
      text(p.lineId),
      code(p.unitCode),
      code(p.functionCode),
      code(p.economicCode),
      text(p.economicName),
      text(p.projectCode),
      text(p.projectName),
      text(p.payee),
      label(PAYMENT_METHODS, p.method),
      yuan(p.amount),
      yuan(p.reversed),
      yuan(p.net),
    ]),
  );
}

// ---- GET …/indicators ------------------------------------------------------------------------------------------------

export interface IndicatorRowInput {
  indicatorId: string;
  level1: string;
  level2: string;
  name: string;
  comparator: string;
  target: string;
  unit: string | null;
  weight: string;
  actual: string | null;
  completionRate: string | null;
  score: string | null;
  deviation: boolean;
}

/** 绩效指标完成情况 (SPEC §6): one row per indicator under its project (部门整体 indicators under 「*」). */
export function indicatorsTable(projects: readonly { projectCode: string; projectName: string | null; indicators: readonly IndicatorRowInput[] }[]): TableBlock {
  return listTable(
    'indicators',
    '绩效指标完成情况',
    [
      col('项目代码', 'text'),
      col('项目名称', 'name'),
      col('指标编号', 'text'),
      col('一级指标', 'text'),
      col('二级指标', 'text'),
      col('三级指标', 'name'),
      col('年度指标值', 'text'),
      col('计量单位', 'text'),
      col('分值', 'rate'),
      col('实际完成值', 'text'),
      col('完成率（%）', 'rate'),
      col('得分', 'rate'),
      col('是否需说明偏差', 'text'),
    ],
    projects.flatMap((p) =>
      p.indicators.map((i) => [
        text(p.projectCode),
        text(p.projectName),
        text(i.indicatorId),
        text(i.level1),
        text(i.level2),
        text(i.name),
        text(targetText({ comparator: i.comparator as Comparator, target: i.target, unit: i.unit })),
        text(i.unit),
        decimal(i.weight),
        text(i.actual === null ? '' : i.comparator === 'BOOL' ? yesNo(i.actual) : i.actual),
        rate(i.completionRate),
        decimal(i.score),
        yesOrNo(i.deviation),
      ]),
    ),
  );
}
