import { parseYuan } from '@app/domain';
import type { Cell, DocumentTree, TableBlock } from '../model/document-model';

/**
 * A sample document for the renderers' tests and for looking at the pages (scripts/sample-document.ts): figures
 * of the published 2023 部门决算 of 泉港区人民政府办公室 (seed 000), with the layouts the renderers must handle — a
 * two-row merged header, a three-row header with 类/款/项 columns under one spanning code, a landscape table, blank
 * zero cells, a placeholder, a rate, counts, a pie and a bar chart, headings with ids and a 目录.
 */

/** 万元 as printed ("2,635.56") → 分, exactly. */
export const wanFen = (printed: string): bigint => parseYuan(printed.replace(/,/g, '')) * 10000n;

const amount = (printed: string, blankIfZero = true): Cell => ({ kind: 'amount', fen: printed ? wanFen(printed) : 0n, unit: 'wan', blankIfZero });
const text = (value: string, extra: Partial<Extract<Cell, { kind: 'text' }>> = {}): Cell => ({ kind: 'text', text: value, ...extra });
const DEPARTMENT = '部门：泉港区人民政府办公室';
const ROUNDING_NOTE = '本表金额转换为万元时，因四舍五入可能存在尾差。';

const summaryRows: [string, string, string, string][] = [
  ['一、一般公共预算财政拨款收入', '2,635.56', '一、一般公共服务支出', '2,056.52'],
  ['二、政府性基金预算财政拨款收入', '', '二、外交支出', ''],
  ['三、国有资本经营预算财政拨款收入', '', '三、国防支出', '305.39'],
  ['四、上级补助收入', '', '四、公共安全支出', ''],
  ['五、事业收入', '', '五、教育支出', ''],
  ['六、经营收入', '', '六、科学技术支出', '37.34'],
  ['七、附属单位上缴收入', '', '七、文化旅游体育与传媒支出', ''],
  ['八、其他收入', '22.72', '八、社会保障和就业支出', '126.33'],
  ['', '', '九、卫生健康支出', ''],
  ['', '', '十、节能环保支出', ''],
  ['', '', '十一、城乡社区支出', ''],
  ['', '', '十二、农林水支出', ''],
  ['', '', '十三、交通运输支出', ''],
  ['', '', '十四、资源勘探信息等支出', ''],
  ['', '', '十五、商业服务业等支出', ''],
  ['', '', '十六、金融支出', ''],
  ['', '', '十七、援助其他地区支出', ''],
  ['', '', '十八、自然资源海洋气象等支出', ''],
  ['', '', '十九、住房保障支出', '132.71'],
  ['', '', '二十、粮油物资储备支出', ''],
  ['', '', '二十一、国有资本经营预算支出', ''],
  ['', '', '二十二、灾害防治及应急管理支出', ''],
  ['', '', '二十三、其他支出', ''],
  ['', '', '二十四、债务还本支出', ''],
  ['', '', '二十五、债务付息支出', ''],
  ['', '', '二十六、抗疫特别国债安排的支出', ''],
];

export function summaryTable(): TableBlock {
  const side = (name: string, value: string, bold = false): Cell[] =>
    name ? [text(name, { bold }), amount(value)] : [{ kind: 'empty' }, { kind: 'empty' }];
  return {
    key: 'summary',
    number: '公开01表',
    title: '收入支出决算总表',
    department: DEPARTMENT,
    unitLabel: '单位：万元',
    orientation: 'portrait',
    columns: [
      { width: 30, kind: 'name' },
      { width: 12, kind: 'amount' },
      { width: 30, kind: 'name' },
      { width: 12, kind: 'amount' },
    ],
    header: [
      [{ text: '收入', colSpan: 2 }, { text: '支出', colSpan: 2 }],
      [{ text: '项目' }, { text: '决算数' }, { text: '项目（按支出功能分类）' }, { text: '决算数' }],
    ],
    rows: [
      ...summaryRows.map(([a, av, b, bv]) => [...side(a, av), ...side(b, bv)]),
      [...side('本年收入合计', '2,658.28', true), ...side('本年支出合计', '2,658.28', true)],
      [...side('使用非财政拨款结余', ''), ...side('结余分配', '')],
      [...side('年初结转和结余', ''), ...side('年末结转和结余', '')],
      [text('总计', { align: 'center', bold: true }), amount('2,658.28'), text('总计', { align: 'center', bold: true }), amount('2,658.28')],
    ],
    notes: ['1. 本表反映部门本年度的总收支和年末结转结余情况。', `2. ${ROUNDING_NOTE}`],
  };
}

const incomeRows: [string, string, string, string, string][] = [
  ['201', '一般公共服务支出', '2,056.52', '2,033.80', '22.72'],
  ['20103', '政府办公厅（室）及相关机构事务', '2,056.52', '2,033.80', '22.72'],
  ['2010301', '行政运行', '747.80', '747.80', ''],
  ['2010302', '一般行政管理事务', '35.36', '19.00', '16.36'],
  ['2010303', '机关服务', '740.84', '740.84', ''],
  ['2010309', '参事事务', '80.98', '74.62', '6.36'],
  ['2010350', '事业运行', '451.53', '451.53', ''],
  ['203', '国防支出', '305.39', '305.39', ''],
  ['20306', '国防动员', '305.39', '305.39', ''],
  ['2030608', '边海防', '305.39', '305.39', ''],
  ['206', '科学技术支出', '37.34', '37.34', ''],
  ['20605', '科技条件与服务', '37.34', '37.34', ''],
  ['2060599', '其他科技条件与服务支出', '37.34', '37.34', ''],
  ['208', '社会保障和就业支出', '126.33', '126.33', ''],
  ['20805', '行政事业单位养老支出', '126.33', '126.33', ''],
  ['2080505', '机关事业单位基本养老保险缴费支出', '106.80', '106.80', ''],
  ['2080599', '其他行政事业单位养老支出', '19.53', '19.53', ''],
  ['221', '住房保障支出', '132.71', '132.71', ''],
  ['22102', '住房改革支出', '132.71', '132.71', ''],
  ['2210201', '住房公积金', '132.71', '132.71', ''],
];

/** 公开02表: landscape, a three-row header (项目 / 支出功能分类科目编码 + 科目名称 / 类 款 项), codes spanning 类/款/项. */
export function incomeTable(): TableBlock {
  const amounts = ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];
  const row = (cells: Cell[], total: string, fiscal: string, other: string): Cell[] => [
    ...cells,
    amount(total),
    amount(fiscal),
    amount(''),
    amount(''),
    amount(''),
    amount(''),
    amount(other),
  ];
  return {
    key: 'income',
    number: '公开02表',
    title: '收入决算表',
    department: DEPARTMENT,
    unitLabel: '单位：万元',
    orientation: 'landscape',
    columns: [
      { width: 3, kind: 'code' },
      { width: 3, kind: 'code' },
      { width: 3, kind: 'code' },
      { width: 26, kind: 'name' },
      ...amounts.map(() => ({ width: 10, kind: 'amount' as const })),
    ],
    header: [
      [{ text: '项目', colSpan: 4 }, ...amounts.map((a) => ({ text: a, rowSpan: 3 }))],
      [{ text: '支出功能分类科目编码', colSpan: 3 }, { text: '科目名称', rowSpan: 2 }],
      [{ text: '类' }, { text: '款' }, { text: '项' }],
    ],
    rows: [
      row([text('合计', { align: 'center', bold: true, colSpan: 4 })], '2,658.28', '2,635.56', '22.72'),
      ...incomeRows.map(([code, name, total, fiscal, other]) =>
        row([{ kind: 'code', code, colSpan: 3 }, text(name, { indent: code.length === 3 ? 0 : code.length === 5 ? 1 : 2 })], total, fiscal, other),
      ),
    ],
    notes: ['本表反映部门本年度取得的各项收入情况。', ROUNDING_NOTE],
  };
}

/** 公开07表: a narrow table with counts (行次) and a printed zero. */
export function threePublicTable(): TableBlock {
  const lines: [string, string, boolean?][] = [
    ['合计', '26.92', true],
    ['1. 因公出国（境）费', '16.15'],
    ['2. 公务用车购置及运行维护费', '10.30'],
    ['其中：（1）公务用车购置费', '0.00'],
    ['（2）公务用车运行维护费', '10.30'],
    ['3. 公务接待费', '0.47'],
  ];
  return {
    key: 'threePublic',
    number: '公开07表',
    title: '一般公共预算财政拨款“三公”经费支出决算表',
    department: DEPARTMENT,
    unitLabel: '单位：万元',
    orientation: 'portrait',
    columns: [
      { width: 30, kind: 'name' },
      { width: 6, kind: 'count' },
      { width: 12, kind: 'amount' },
    ],
    header: [[{ text: '项目' }, { text: '行次' }, { text: '决算数' }]],
    rows: lines.map(([name, value, bold], i) => [text(name, { bold, align: bold ? 'center' : 'left' }), { kind: 'count', value: i + 1 }, amount(value, false)]),
    notes: ['本表反映部门本年度“三公”经费支出决算情况，包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。'],
  };
}

/** 政府采购: a rate column, a 元 amount and a placeholder cell. */
export function procurementTable(): TableBlock {
  return {
    key: 'procurement',
    title: '政府采购支出情况',
    department: DEPARTMENT,
    unitLabel: '单位：元',
    orientation: 'portrait',
    columns: [
      { width: 24, kind: 'name' },
      { width: 14, kind: 'amount' },
      { width: 10, kind: 'rate' },
    ],
    header: [[{ text: '项目' }, { text: '金额' }, { text: '占比（%）' }]],
    rows: [
      [text('政府采购支出总额', { bold: true }), { kind: 'amount', fen: 123456789n, unit: 'yuan' }, { kind: 'rate', value: '100.00' }],
      [text('其中：授予中小企业合同金额'), { kind: 'amount', fen: 80635080n, unit: 'yuan' }, { kind: 'rate', value: '65.31' }],
      [text('授予小微企业合同金额'), { kind: 'placeholder', what: '授予小微企业合同金额' }, { kind: 'rate', value: null }],
    ],
    notes: [],
  };
}

export function sampleTree(): DocumentTree {
  return {
    title: '2023年度泉港区人民政府办公室部门决算',
    cover: ['泉港区人民政府办公室', '2023年度部门决算'],
    banner: '（年终结账前草稿，数据为暂定数）',
    blocks: [
      { kind: 'toc', title: '目录' },
      { kind: 'heading', level: 1, text: '第一部分 部门概况', id: 'part-1', pageBreakBefore: true, align: 'center' },
      { kind: 'heading', level: 2, text: '一、部门职责', id: 'duties' },
      { kind: 'paragraph', indent: true, content: [{ placeholder: '部门职责（NarrativeDeclared DUTIES）' }] },
      { kind: 'heading', level: 2, text: '二、机构设置', id: 'organisation' },
      {
        kind: 'paragraph',
        indent: true,
        content: ['本部门2023年度部门决算汇总的单位共', { text: '1', bold: true }, '个，其中行政单位1个。'],
      },
      { kind: 'heading', level: 1, text: '第二部分 2023年度部门决算表', id: 'part-2', pageBreakBefore: true, align: 'center' },
      { kind: 'heading', level: 2, text: '一、收入支出决算总表', id: 'table-summary' },
      { kind: 'table', table: summaryTable() },
      { kind: 'pageBreak' },
      { kind: 'heading', level: 2, text: '二、收入决算表', id: 'table-income' },
      { kind: 'table', table: incomeTable() },
      { kind: 'heading', level: 2, text: '三、一般公共预算财政拨款“三公”经费支出决算表', id: 'table-three-public' },
      { kind: 'table', table: threePublicTable() },
      { kind: 'heading', level: 1, text: '第三部分 2023年度部门决算情况说明', id: 'part-3', pageBreakBefore: true, align: 'center' },
      { kind: 'heading', level: 2, text: '一、收入决算情况说明', id: 'income-explained' },
      {
        kind: 'paragraph',
        indent: true,
        content: [
          '本年收入合计2,658.28万元，其中：一般公共预算财政拨款收入2,635.56万元，占99.15%；其他收入22.72万元，占0.85%。与上年相比，',
          { placeholder: '上年收入决算数（无上年数据）' },
          '。',
        ],
      },
      {
        kind: 'chart',
        chart: {
          key: 'income-structure',
          title: '收入决算结构图',
          type: 'pie',
          series: [{ name: '2023年', data: [{ label: '一般公共预算财政拨款收入', fen: wanFen('2,635.56') }, { label: '其他收入', fen: wanFen('22.72') }] }],
        },
      },
      { kind: 'heading', level: 3, text: '（一）收入支出变动情况' },
      {
        kind: 'chart',
        chart: {
          key: 'income-change',
          title: '收入支出决算变动图',
          type: 'bar',
          series: [
            { name: '2022年', data: [{ label: '本年收入合计', fen: wanFen('2,500.12') }, { label: '本年支出合计', fen: wanFen('2,490.00') }] },
            { name: '2023年', data: [{ label: '本年收入合计', fen: wanFen('2,658.28') }, { label: '本年支出合计', fen: wanFen('2,658.28') }] },
          ],
        },
      },
      { kind: 'heading', level: 2, text: '二、政府采购支出情况说明', id: 'procurement' },
      { kind: 'table', table: procurementTable() },
    ],
  };
}
