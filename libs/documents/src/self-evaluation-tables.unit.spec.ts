import { selfEvaluation } from '@app/domain';
import { fiscalOnly, indicator, seed000Input, yuan } from '../../../test/support/seed-000-self-evaluation';
import { placeholders, type Cell, type TableBlock } from './model/document-model';
import { selfEvaluationDocument, selfEvaluationTables, targetText } from './self-evaluation-tables';

/** 分 → 万元 with two decimals (the seed's amounts are whole 0.01 万元, so no rounding is involved). */
const wanText = (fen: bigint) => `${fen / 1_000_000n}.${String((fen % 1_000_000n) / 10_000n).padStart(2, '0')}`;

function show(cell: Cell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'amount':
      return wanText(cell.fen);
    case 'rate':
    case 'decimal':
      return cell.value ?? '—';
    case 'placeholder':
      return `【待补充：${cell.what}】`;
    case 'code':
      return cell.code;
    case 'count':
      return String(cell.value);
    case 'empty':
      return '';
  }
}

/** The table as a grid of 9 columns, spans expanded the HTML way (a rowSpan covers the cells below it). */
function grid(table: TableBlock): string[][] {
  const width = table.columns.length;
  const out: (string | undefined)[][] = table.rows.map(() => new Array(width).fill(undefined));
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (out[r][c] !== undefined) c++;
      const colSpan = 'colSpan' in cell && cell.colSpan ? cell.colSpan : 1;
      const rowSpan = 'rowSpan' in cell && cell.rowSpan ? cell.rowSpan : 1;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) {
        if (c + dc >= width) throw new Error(`row ${r} overflows`);
        out[r + dr][c + dc] = show(cell);
      }
      c += colSpan;
    }
  });
  out.forEach((row, r) => {
    if (row.some((v) => v === undefined)) throw new Error(`row ${r} does not fill ${width} columns: ${JSON.stringify(row)}`);
  });
  return out as string[][];
}
const rowStarting = (g: string[][], ...cells: string[]) => g.find((row) => cells.every((c, i) => row[i] === c));

describe('项目支出绩效自评表 in the published layout (seed 000 附件一)', () => {
  const tables = selfEvaluationTables(selfEvaluation(seed000Input()), '泉港区人民政府办公室', 2023);
  const [service, counsellor, network, department] = tables.map(grid);

  it('one table per project with a budget, then the 部门整体 table', () => {
    expect(tables.map((t) => t.title)).toEqual(['项目支出绩效自评表', '项目支出绩效自评表', '项目支出绩效自评表', '部门整体支出绩效自评表']);
    expect(tables[0]).toMatchObject({ key: 'selfEvaluation-P1', department: '（2023年度）', orientation: 'portrait' });
    expect(department[0]).toEqual(['部门名称', '部门名称', ...new Array(7).fill('泉港区人民政府办公室')]);
  });

  it('机关服务专项经费: names, 项目资金 1,086.49 / 709.62 / 65.31 → 5, 资金使用合规率 12.25, 总分 92.25', () => {
    expect(service[0]).toEqual(['项目名称', '项目名称', ...new Array(7).fill('机关服务专项经费')]);
    expect(service[1]).toEqual(['主管部门', '主管部门', '泉港区人民政府办公室', '泉港区人民政府办公室', '泉港区人民政府办公室', '实施单位', '泉港区人民政府办公室', '泉港区人民政府办公室', '泉港区人民政府办公室']);
    expect(service[2]).toEqual(['项目资金（万元）', '', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
    expect(service[3]).toEqual(['项目资金（万元）', '年度资金总额', '年度资金总额', '1086.49', '1086.49', '709.62', '10', '65.31', '5']);
    expect(service[4]).toEqual(['项目资金（万元）', '其中：当年财政拨款', '其中：当年财政拨款', '1086.49', '1086.49', '709.62', '—', '65.31', '—']);
    expect(service[5]).toEqual(['项目资金（万元）', '其他资金', '其他资金', '0.00', '0.00', '0.00', '—', '—', '—']);
    expect(service[6]).toEqual(['年度总体目标', '预期目标', '预期目标', '预期目标', '预期目标', '实际完成情况', '实际完成情况', '实际完成情况', '实际完成情况']);
    expect(service[7][1]).toBe('认真做好疫情防控后勤服务工作……');
    expect(service[8]).toEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    expect(service.slice(9, 15)).toEqual([
      ['绩效指标', '成本指标', '经济成本指标', '成本控制率', '≤80%', '80', '10', '10', ''],
      ['绩效指标', '产出指标', '数量指标', '保障覆盖率', '≥80%', '100', '10', '10', ''],
      ['绩效指标', '产出指标', '质量指标', '资金使用合规率', '≥80%', '65.31', '15', '12.25', '因财政资金安排无法完全支付各项费用。加快支付进度。'],
      ['绩效指标', '产出指标', '时效指标', '资金在规定时间内下达率', '≥80%', '100', '15', '15', ''],
      ['绩效指标', '效益指标', '经济效益指标', '单位正常运转率', '≥100%', '100', '30', '30', ''],
      ['绩效指标', '满意度指标', '服务对象满意度指标', '满意率', '≥95%', '100', '10', '10', ''],
    ]);
    expect(service[15]).toEqual(['总分', '总分', '总分', '总分', '总分', '总分', '100', '92.25', '']);
    expect(service).toHaveLength(16);
    // 产出指标 is one cell over its three rows, as published.
    expect(tables[0].rows[10][0]).toEqual({ kind: 'text', text: '产出指标', rowSpan: 3, align: 'center' });
  });

  it('参事事务专项经费: 72.15 → 5, 资金使用合规率 9.02, 投诉量 ≤10次, 总分 94.02', () => {
    expect(counsellor[3]).toEqual(['项目资金（万元）', '年度资金总额', '年度资金总额', '89.56', '89.56', '64.62', '10', '72.15', '5']);
    expect(rowStarting(counsellor, '绩效指标', '产出指标', '质量指标', '资金使用合规率')).toEqual(['绩效指标', '产出指标', '质量指标', '资金使用合规率', '≥80%', '72.15', '10', '9.02', '因财政资金安排无法完全支付参事费用。加快支付进度。']);
    expect(rowStarting(counsellor, '绩效指标', '满意度指标')).toEqual(['绩效指标', '满意度指标', '服务对象满意度指标', '投诉量', '≤10次', '0', '10', '10', '']);
    expect(rowStarting(counsellor, '总分')!.slice(6)).toEqual(['100', '94.02', '']);
  });

  it('网络及信息公开专项经费: 84.02 → 10, 总分 100', () => {
    expect(network[3]).toEqual(['项目资金（万元）', '年度资金总额', '年度资金总额', '39.42', '39.42', '33.12', '10', '84.02', '10']);
    expect(rowStarting(network, '总分')!.slice(6)).toEqual(['100', '100', '']);
  });

  it('a missing goal, an unmeasured indicator and an unexplained deviation are 【待补充】, and so is the partial 总分', () => {
    const subject = fiscalOnly('P9', '未评项目', yuan('100'), yuan('100'), yuan('100'), [
      indicator('P9', '产出指标', '数量指标', '完成数', 'GTE', '10', '个', '50', null),
      indicator('P9', '效益指标', '社会效益指标', '覆盖率', 'GTE', '80', '%', '40', '40'),
    ]);
    const [table, whole] = selfEvaluationTables(selfEvaluation(seed000Input({ projects: [subject], goals: new Map() })), '某部门', 2024);
    const g = grid(table);
    expect(g[7]).toEqual(['年度总体目标', ...new Array(4).fill('【待补充：未评项目预期目标】'), ...new Array(4).fill('【待补充：未评项目实际完成情况】')]);
    expect(rowStarting(g, '绩效指标', '产出指标')).toEqual(['绩效指标', '产出指标', '数量指标', '完成数', '≥10个', '【待补充：完成数实际完成值】', '50', '【待补充：完成数得分】', '']);
    expect(rowStarting(g, '绩效指标', '效益指标')).toEqual(['绩效指标', '效益指标', '社会效益指标', '覆盖率', '≥80%', '40', '40', '20', '【待补充：覆盖率偏差原因分析及改进措施】']);
    expect(rowStarting(g, '总分')!.slice(6)).toEqual(['100', '【待补充：未评项目总分（有指标未评分）】', '']);
    const tree = { title: 't', blocks: [table, whole].map((t) => ({ kind: 'table' as const, table: t })) };
    expect(placeholders(tree)).toEqual([
      '未评项目预期目标',
      '未评项目实际完成情况',
      '完成数实际完成值',
      '完成数得分',
      '覆盖率偏差原因分析及改进措施',
      '未评项目总分（有指标未评分）',
      '泉港区人民政府办公室预期目标',
      '泉港区人民政府办公室实际完成情况',
    ]);
  });

  it('年度指标值 as the published form prints it', () => {
    expect(targetText({ comparator: 'GTE', target: '80', unit: '%' })).toBe('≥80%');
    expect(targetText({ comparator: 'LTE', target: '10', unit: '次' })).toBe('≤10次');
    expect(targetText({ comparator: 'EQ', target: '1', unit: '项' })).toBe('=1项');
    expect(targetText({ comparator: 'BOOL', target: 'true', unit: null })).toBe('是');
    expect(targetText({ comparator: 'QUALITATIVE', target: '较好', unit: null })).toBe('较好');
  });
});

describe('自评等级 and computed 实际完成值', () => {
  it('prints the grade under each scored table: 自评等级：优 for 92.25 / 94.02 / 100; none while an indicator is unscored', () => {
    const tables = selfEvaluationTables(selfEvaluation(seed000Input()), '泉港区人民政府办公室', 2023);
    expect(tables.map((t) => t.notes)).toEqual([['自评等级：优'], ['自评等级：优'], ['自评等级：优'], ['自评等级：优']]);
    const unscored = fiscalOnly('P9', '未评项目', yuan('100'), yuan('100'), yuan('70'), [indicator('P9', '产出指标', '数量指标', '完成数', 'GTE', '10', '个', '90', null)]);
    const [table] = selfEvaluationTables(selfEvaluation(seed000Input({ projects: [unscored] })), '某部门', 2024);
    expect(table.notes).toEqual([]);
  });

  it('a 部门整体 实际完成值 the ledger computed prints as measured, and the note calls it 系统计算 with its formula', () => {
    const department = {
      ...fiscalOnly('*', '计算指标局', yuan('1000000'), yuan('1000000'), yuan('800000'), []),
      indicators: [
        indicator('*', '产出指标', '质量指标', '预算执行率', 'GTE', '80', '%', '20', null),
        indicator('*', '成本指标', '经济成本指标', '三公经费控制率', 'LTE', '100', '%', '70', null),
      ],
    };
    const report = selfEvaluation(
      seed000Input({ projects: [], department, departmentLedger: { fiscalClosingBalance: yuan('150000'), threePublicBudget: yuan('40000'), threePublicActual: yuan('26920') } }),
    );
    const [table] = selfEvaluationTables(report, '计算指标局', 2023);
    const g = grid(table);
    expect(rowStarting(g, '绩效指标', '产出指标')).toEqual(['绩效指标', '产出指标', '质量指标', '预算执行率', '≥80%', '80.00', '20', '20', '']);
    expect(rowStarting(g, '绩效指标', '成本指标')).toEqual(['绩效指标', '成本指标', '经济成本指标', '三公经费控制率', '≤100%', '67.30', '70', '70', '']);
    // 执行率 80 % of 10 under the seed's TIERED rule (≥ 80 → full): 10 + 20 + 70 = 100.
    expect(rowStarting(g, '总分')!.slice(6)).toEqual(['100', '100', '']);
    expect(table.notes).toEqual([
      '自评等级：优',
      '预算执行率、三公经费控制率的实际完成值为系统计算（根据账务数据）：预算执行率＝全年执行数÷全年预算数×100%（全部资金）；“三公”经费控制率＝“三公”经费实际支出数÷“三公”经费预算数×100%',
    ]);
  });
});

describe('the self-evaluation document (GET …/self-evaluation?format=docx|xlsx)', () => {
  it('titles the document, puts each table on its own page, and says when the figures are provisional', () => {
    const tree = selfEvaluationDocument(selfEvaluation(seed000Input({ asOf: '2023-12-31', provisional: true })), '泉港区人民政府办公室', 2023);
    expect(tree.title).toBe('2023年度泉港区人民政府办公室项目支出和部门整体支出绩效自评表');
    expect(tree.blocks.map((b) => (b.kind === 'table' ? b.table.title : b.kind === 'paragraph' ? b.content.join('') : b.kind))).toEqual([
      '（数据截至2023年12月31日，年终结账前，数据为暂定数）',
      '项目支出绩效自评表',
      'pageBreak',
      '项目支出绩效自评表',
      'pageBreak',
      '项目支出绩效自评表',
      'pageBreak',
      '部门整体支出绩效自评表',
    ]);
  });

  it('projects only: 项目支出绩效自评表 in the title and no status line for a closed year', () => {
    const base = seed000Input();
    const tree = selfEvaluationDocument(selfEvaluation({ ...base, department: { ...base.department, indicators: [] } }), '泉港区人民政府办公室', 2023);
    expect(tree.title).toBe('2023年度泉港区人民政府办公室项目支出绩效自评表');
    expect(tree.blocks.filter((b) => b.kind === 'table')).toHaveLength(3);
    expect(tree.blocks[0].kind).toBe('table');
  });

  it('nothing evaluated: one placeholder, not an empty file', () => {
    const base = seed000Input();
    const tree = selfEvaluationDocument(selfEvaluation({ ...base, projects: [], department: { ...base.department, indicators: [] } }), '某部门', 2023);
    expect(placeholders(tree)).toEqual(['项目支出绩效自评表（绩效指标、完成值与自评得分）']);
  });
});
