import ExcelJS from 'exceljs';
import { basicBudgetCells, SEED_BUDGETS, SEED_DEPARTMENTS } from '@app/fixtures';
import { buildBudgetTables, budgetNarrative, budgetProjectGoals, catalogue, codeNameResolver, NO_EVENT_CODE_NAMES, parseYuan, type BudgetGoalIndicator, type BudgetLineFacts } from '@app/domain';
import { placeholders, type Cell, type DocumentTree, type TableBlock } from '../model/document-model';
import { renderXlsx } from '../render';
import { tableGrid } from '../render/common';
import { budgetDocument, type BudgetDocumentInput } from './budget-document';

/**
 * The 部门预算 document (SPEC §14) built from seed 001's figures (秦皇岛市海港区人民政府办公室 2024): its 基本支出 by
 * 功能科目 and 经济科目, its six projects (533.40), two of them (固定电话打包费 179.00, 无纸化办公系统经费 248.00) with
 * their published plan, goals and indicators. Expected cells are the published ones (seed 001 text), written here by hand.
 */
const UNIT = '434001';
/** 万元 as printed → 分. */
const wan = (v: string) => parseYuan(v) * 10_000n;
const budgetLine = (over: Partial<BudgetLineFacts> & Pick<BudgetLineFacts, 'lineId' | 'functionCode' | 'initial'>): BudgetLineFacts => ({
  unitCode: UNIT,
  economicCode: null,
  fundSource: 'GENERAL_BUDGET',
  expenditureKind: 'BASIC',
  projectCode: null,
  projectName: null,
  carriedIn: 0n,
  ...over,
});
const PHONE = '13030224P00308P12279T';
const PAPERLESS = '13030224P00308P12298Y';

function input(over: { lines?: BudgetLineFacts[]; template?: BudgetDocumentInput['template']; purposeOfPaperless?: string | null } = {}): BudgetDocumentInput {
  const project = (lineId: string, projectCode: string, projectName: string, amount: string) =>
    budgetLine({ lineId, functionCode: '2010302', expenditureKind: 'PROJECT', projectCode, projectName, initial: wan(amount) });
  const lines = [
    // Seed 001's 基本支出 cells (功能科目 × 经济科目, 0.01万元 = 10 000 分) from the fixtures.
    ...basicBudgetCells('001').map((c, i) => budgetLine({ lineId: `B${i + 1}`, functionCode: c.functionCode, economicCode: c.economicCode, initial: c.amount * 10_000n })),
    project('P1', PHONE, '固定电话打包费', '179.00'),
    project('P2', '13030224P00308P122858', '金融办企业监管服务经费', '10.00'),
    project('P3', PAPERLESS, '无纸化办公系统经费', '248.00'),
    project('P4', '13030224P00308P12287F', '政府门户网站等运转经费', '21.40'),
    project('P5', '13030224P00308P12281R', '重点工作经费（含法律顾问经费）', '65.00'),
    project('P6', '13030224P00308P122831', '资料印刷费', '10.00'),
    ...(over.lines ?? []),
  ];
  const tables = buildBudgetTables({ lines, income: [] });
  const names = codeNameResolver(catalogue, 2024, NO_EVENT_CODE_NAMES);
  const indicator = (i: number, level1: string, level2: string, name: string, comparator: BudgetGoalIndicator['comparator'], target: string, unit: string | null) => ({
    projectCode: PHONE,
    indicatorId: `I${i}`,
    level1,
    level2,
    name,
    description: name,
    comparator,
    target,
    unit,
    basis: '话费打包通信合作协议书、中国移动通信集团信息化业务合作协议、年初工作计划',
  });
  const plan = [
    { month: 3, cumulativePercent: '20' },
    { month: 6, cumulativePercent: '40' },
    { month: 10, cumulativePercent: '60' },
    { month: 12, cumulativePercent: '100' },
  ];
  return {
    departmentName: '秦皇岛市海港区人民政府办公室',
    fiscalYear: 2024,
    tables,
    projectGoals: budgetProjectGoals(tables, {
      goals: new Map([
        [PHONE, { expected: '1.通过对固定电话的统一管理，保障全区固定电话正常安装、使用\n2.通过对固定电话的维护，使单位沟通更为便捷，百姓办事更为通畅', purpose: '预算金额179万元，主要用于保障全区固定电话正常安装、使用。' }],
        [PAPERLESS, { expected: '1.建设无纸化办公系统', purpose: over.purposeOfPaperless ?? null }],
      ]),
      indicators: [
        indicator(1, '产出指标', '数量指标', '涉及电话的数量', 'GTE', '5000', '部'),
        indicator(2, '产出指标', '质量指标', '固定电话故障率', 'LTE', '2', '%'),
        indicator(3, '产出指标', '时效指标', '电话费用支付及时率', 'EQ', '100', '%'),
        indicator(4, '满意度指标', '服务对象满意度指标', '工作人员的满意度', 'GTE', '95', '%'),
      ],
      planOf: () => plan,
    }),
    narrative: budgetNarrative(tables, { fiscalYear: 2024, prior: null, economicName: (c) => names.economicName(c) }),
    narratives: { DUTIES: '（一）协助区政府领导组织起草或审核上报公文。\n（二）负责区政府领导活动的组织和协调工作。' },
    units: [{ code: UNIT, name: '秦皇岛市海港区人民政府办公室本级' }],
    functionName: (c) => names.functionName(c),
    economicName: (c) => names.economicName(c),
    template: over.template,
  };
}

const tablesOf = (tree: DocumentTree) => tree.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const tableTitled = (tree: DocumentTree, title: string) => tablesOf(tree).find((t) => t.title === title)!;
/** 分 → 万元 with 2 decimals, exactly (the figures here are whole hundredths of 万元: 10 000 分). */
const wanText = (fen: bigint) => {
  expect(fen % 10_000n).toBe(0n);
  return `${fen / 1_000_000n}.${String((fen % 1_000_000n) / 10_000n).padStart(2, '0')}`;
};
/** A cell as the page shows it (amounts in 万元, blank zero cells ''). */
const shown = (cell: Cell): string => {
  switch (cell.kind) {
    case 'amount':
      return cell.blankIfZero && cell.fen === 0n ? '' : wanText(cell.fen);
    case 'text':
      return cell.text;
    case 'code':
      return cell.code;
    case 'placeholder':
      return `【待补充：${cell.what}】`;
    default:
      return '';
  }
};
const row = (table: TableBlock, ...first: string[]) => table.rows.find((r) => first.every((f) => r.map(shown).includes(f)))!;
const texts = (cells: Cell[]) => cells.map(shown);

/** Seed 004 prints 维修(护)费 with half-width parentheses; the catalogue has the official 维修（护）费. */
const fullWidth = (name: string) => name.replace(/\(/g, '（').replace(/\)/g, '）');

/** Every cell of a seed's published tables (transcribed in the fixture, blank = null) against the tree's. */
function expectPublishedCells(tree: DocumentTree, key: '001' | '004', threePublic = true): void {
    const published = SEED_BUDGETS[key].tables;
  // The seed prints 0 where a 三公 item is zero; we print 0.00 (a figure in the table's 2-decimal format).
  const cellOf = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : /^\d+$/.test(String(v)) ? `${v}.00` : String(v));
  const summary = tableTitled(tree, '部门预算收支总表');
  for (const r of published.summary.rows) {
    expect(texts(summary.rows[r.row - 1])).toEqual([String(r.row), ...[r.incomeLabel, r.income, r.expenditureLabel, r.expenditure].map(cellOf)]);
  }
  const fiscal = tableTitled(tree, '部门预算财政拨款收支总表');
  for (const r of published.fiscalSummary.rows) {
    expect(texts(fiscal.rows[r.row - 1])).toEqual([String(r.row), ...[r.incomeLabel, r.income, r.expenditureLabel, r.total, r.generalBudget, r.govFund, r.stateCapital].map(cellOf)]);
  }
  const coded = [
    ['部门预算收入总表', published.income],
    ['部门预算支出总表', published.expenditure],
    ['部门预算一般公共预算财政拨款支出表', published.generalBudgetExpenditure],
    ['部门预算一般公共预算财政拨款基本支出表', published.generalBudgetBasic],
  ] as const;
  for (const [title, table] of coded) {
    const ours = tableTitled(tree, title);
    expect(ours.rows).toHaveLength(table.rows.length);
    for (const r of table.rows) {
      expect(texts(ours.rows[r.row - 1])).toEqual([String(r.row), r.code === 'TOTAL' ? '' : r.code, fullWidth(r.name), ...table.columns.map((c) => cellOf(r[c]))]);
    }
  }
  expect(tableTitled(tree, '部门预算国有资本经营预算财政拨款支出表').notes[0]).toContain(published.stateCapital.note!.replace(/^注：/, ''));
  if (!threePublic) return;
  const three = tableTitled(tree, '部门预算财政拨款“三公”经费支出表');
  const ourItems = published.threePublic.rows.filter((r) => !r.item.startsWith('overseasTravel') || r.item === 'overseasTravel');
  expect(three.rows.map((r) => texts(r).slice(1))).toEqual(ourItems.map((r) => [r.label, r.total, r.generalBudget, r.govFund, r.stateCapital].map(cellOf)));
  }

describe('部门预算 document (SPEC §14, seed 001)', () => {
  const tree = budgetDocument(input());

  it('prints the published tables in order, each with its title, 部门, 预算年度 and 单位 lines', () => {
    expect(tree.cover).toEqual(['秦皇岛市海港区人民政府办公室', '2024年部门预算']);
    expect(tree.blocks[0]).toEqual({ kind: 'toc', title: '目录' });
    expect(tablesOf(tree).slice(0, 10).map((t) => t.title)).toEqual([
      '部门预算收支总表',
      '部门预算收入总表',
      '部门预算支出总表',
      '部门预算财政拨款收支总表',
      '部门预算一般公共预算财政拨款支出表',
      '部门预算一般公共预算财政拨款基本支出表',
      '部门预算政府性基金预算财政拨款支出表',
      '部门预算国有资本经营预算财政拨款支出表',
      '部门预算财政拨款“三公”经费支出表',
      '部门预算项目支出表',
    ]);
    const summary = tableTitled(tree, '部门预算收支总表');
    expect(summary.department).toContain('部门：秦皇岛市海港区人民政府办公室');
    expect(summary.department).toContain('预算年度：2024');
    expect(summary.unitLabel).toBe('单位：万元');
    expect(summary.notes).toEqual(['注：本表金额转换为万元时，因四舍五入可能存在尾差。']);
    // Every table is a valid grid (spans fill every row exactly), so each renderer can lay it out.
    for (const t of tablesOf(tree)) expect(() => tableGrid(t)).not.toThrow();
  });

  it('prints every cell of seed 001’s published tables as published', () => expectPublishedCells(tree, '001'));

  it('收支总表: the income items of seed 001, every 类 of the form, zero cells blank, totals printed', () => {
    const t = tableTitled(tree, '部门预算收支总表');
    expect(t.header[t.header.length - 1].map((h) => h.text)).toEqual(['栏次', '1', '2', '3', '4']);
    expect(texts(t.rows[0])).toEqual(['1', '一、一般公共预算拨款收入', '1417.69', '一、一般公共服务支出', '1191.38']);
    expect(texts(t.rows[1])).toEqual(['2', '二、政府性基金预算拨款收入', '', '二、外交支出', '']);
    expect(texts(t.rows[4])).toEqual(['5', '五、单位资金', '', '五、教育支出', '']);
    expect(texts(row(t, '八、社会保障和就业支出'))).toContain('103.58');
    expect(texts(row(t, '二十、住房保障支出'))).toContain('60.26');
    expect(texts(t.rows[30]).slice(3)).toEqual(['三十一、人行科目', '']);
    expect(texts(t.rows.slice(31).map((r) => r.slice(1)).flat())).toEqual([
      '本年收入合计', '1417.69', '本年支出合计', '1417.69',
      '上年结转结余', '', '年终结转结余', '',
      '收入总计', '1417.69', '支出总计', '1417.69',
    ]);
  });

  it('收入总表 and 支出总表: 行政运行 657.98 in 分, blank zero cells, 上年结转 blank', () => {
    const income = tableTitled(tree, '部门预算收入总表');
    const operation = row(income, '2010301');
    expect(texts(operation)).toEqual(['4', '2010301', '行政运行', '657.98', '657.98', '657.98', '', '', '', '', '', '', '']);
    expect(operation[3]).toMatchObject({ kind: 'amount', fen: 657_980_000n, unit: 'wan' });
    const header = income.header.map((r) => r.map((h) => h.text));
    expect(header[0]).toEqual(['序号', '功能分类科目', '合计', '本年收入', '上年结转']);
    expect(header[1]).toEqual(['科目编码', '科目名称', '小计', '财政拨款收入', '财政专户收入', '事业收入', '经营收入', '上级补助收入', '附属单位上缴收入', '其他收入']);

    const spending = tableTitled(tree, '部门预算支出总表');
    expect(texts(spending.rows[0])).toEqual(['1', '', '合计', '1417.69', '884.29', '533.40', '', '', '']);
    const general = row(spending, '2010302');
    expect(texts(general)).toEqual(['5', '2010302', '一般行政管理事务', '533.40', '', '533.40', '', '', '']);
    expect(general[4]).toMatchObject({ kind: 'amount', fen: 0n, blankIfZero: true });
  });

  it('基本支出表: 人员经费 772.48 and 公用经费 111.81, the 款 with figures only', () => {
    const t = tableTitled(tree, '部门预算一般公共预算财政拨款基本支出表');
    expect(texts(t.rows[0])).toEqual(['1', '', '合计', '884.29', '772.48', '111.81']);
    expect(texts(row(t, '30217'))).toEqual(['16', '30217', '公务接待费', '0.68', '', '0.68']);
    expect(t.rows).toHaveLength(24);
  });

  it('财政拨款收支总表: 年初财政拨款结转和结余 and its funds printed blank', () => {
    const t = tableTitled(tree, '部门预算财政拨款收支总表');
    expect(texts(row(t, '年初财政拨款结转和结余'))).toEqual(['33', '年初财政拨款结转和结余', '', '年末财政拨款结转和结余', '', '', '', '']);
    expect(texts(row(t, '收入总计'))).toEqual(['37', '收入总计', '1417.69', '支出总计', '1417.69', '1417.69', '', '']);
  });

  it('政府性基金 and 国有资本经营 tables: empty, with the seeds’ 空表列示 note', () => {
    const t = tableTitled(tree, '部门预算政府性基金预算财政拨款支出表');
    expect(t.rows).toEqual([Array(6).fill({ kind: 'empty' })]);
    expect(t.notes).toEqual(['注：1. 无政府性基金预算财政拨款预算，空表列示。', '2. 本表金额转换为万元时，因四舍五入可能存在尾差。']);
    expect(tableTitled(tree, '部门预算国有资本经营预算财政拨款支出表').notes[0]).toBe('注：1. 无国有资本经营预算财政拨款预算，空表列示。');
  });

  it('三公 table: the published rows, zero items printed 0.00 in 合计 and 一般公共预算', () => {
    const t = tableTitled(tree, '部门预算财政拨款“三公”经费支出表');
    expect(t.rows.map((r) => texts(r).slice(1))).toEqual([
      ['“三公”经费小计', '9.69', '9.69', '', ''],
      ['一、因公出国（境）费', '0.00', '0.00', '', ''],
      ['二、公务用车购置及运维费', '9.01', '9.01', '', ''],
      ['其中：公务用车购置费', '0.00', '0.00', '', ''],
      ['公务用车运行维护费', '9.01', '9.01', '', ''],
      ['三、公务接待费', '0.68', '0.68', '', ''],
    ]);
  });

  it('项目支出表: one row per project with its code, name, unit and fund', () => {
    const t = tableTitled(tree, '部门预算项目支出表');
    expect(texts(t.rows[0])).toEqual(['1', '合计', '533.40', '533.40', '', '', '', '']);
    expect(texts(row(t, PHONE))).toEqual(['2', PHONE, '固定电话打包费', '秦皇岛市海港区人民政府办公室本级', '179.00', '179.00', '', '', '', '']);
  });

  it('项目支出绩效目标表: 预算数, plan heads and percents, 指标值 as published, 一级指标 merged down', () => {
    const t = tableTitled(tree, '1、固定电话打包费绩效目标表');
    expect(texts(t.rows[0])).toEqual(['项目编码', PHONE, '项目名称', '固定电话打包费']);
    expect(texts(t.rows[1])).toEqual(['预算规模及资金用途', '预算数', '179.00', '其中：财政资金', '179.00', '其他资金', '']);
    expect(texts(t.rows[2])).toEqual(['预算金额179万元，主要用于保障全区固定电话正常安装、使用。']);
    expect(texts(t.rows[3])).toEqual(['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底']);
    expect(texts(t.rows[4])).toEqual(['20%', '40%', '60%', '100%']);
    expect(texts(t.rows[5])).toEqual(['绩效目标', '1.通过对固定电话的统一管理，保障全区固定电话正常安装、使用']);
    expect(texts(t.rows[7])).toEqual(['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据']);
    expect(t.rows[8][0]).toMatchObject({ text: '产出指标', rowSpan: 3 });
    expect(texts(t.rows[8]).slice(1, 5)).toEqual(['数量指标', '涉及电话的数量', '涉及电话的数量', '≥5000部']);
    expect(texts(t.rows[9])[3]).toBe('≤2%');
    expect(texts(t.rows[10])[3]).toBe('100%');
    expect(texts(t.rows[11]).slice(0, 2)).toEqual(['满意度指标', '服务对象满意度指标']);
  });

  it('a missing 资金用途, 绩效指标 or 三公 comparison is a placeholder that placeholders(tree) lists', () => {
    const paperless = tableTitled(tree, '6、无纸化办公系统经费绩效目标表');
    expect(paperless.rows[2]).toEqual([{ kind: 'placeholder', what: '无纸化办公系统经费资金用途', colSpan: 6 }]);
    const listed = placeholders(tree);
    expect(listed.slice(0, 2)).toEqual(['机构设置情况', '与上年“三公”经费预算相比的增减变化及原因']);
    // A project without PerformanceGoalSet and indicators: its 资金用途, 绩效目标 and 绩效指标 are to be filled.
    expect(listed).toEqual(expect.arrayContaining(['资料印刷费资金用途', '资料印刷费绩效目标', '资料印刷费绩效指标', '无纸化办公系统经费资金用途', '无纸化办公系统经费绩效指标']));
    expect(listed.filter((p) => p.startsWith('固定电话打包费'))).toEqual([]);
    expect(placeholders(budgetDocument(input({ purposeOfPaperless: '建设无纸化会议系统和公文办公系统' })))).not.toContain('无纸化办公系统经费资金用途');
  });

  it('情况说明: 部门职责 as written, the sentences of the narrative, 名词解释', () => {
    const paragraphs = tree.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.content.map((i) => (typeof i === 'string' ? i : 'text' in i ? i.text : `【${i.placeholder}】`)).join('')] : []));
    expect(paragraphs).toContain('（二）负责区政府领导活动的组织和协调工作。');
    expect(paragraphs).toContain(
      '机关运行经费共计安排111.81万元，主要用于单位日常办公运转所需支出。包括办公费11.50万元，邮电费11.04万元，租赁费50.00万元，公务接待费0.68万元，工会经费8.13万元，福利费5.66万元，公务用车运行维护费9.01万元，其他交通费用14.76万元，其他商品和服务支出1.03万元。',
    );
    expect(paragraphs).toContain('6、上年结转：指以前年度安排、结转到本年仍按原规定用途继续使用的资金。');
    const headings = tree.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []));
    expect(headings.slice(10)).toEqual([
      '一、部门职责及机构设置情况',
      '二、部门预算安排的总体情况',
      '三、机关运行经费安排情况',
      '四、财政拨款“三公”经费预算情况及增减变化原因',
      '五、部门整体绩效目标',
      '六、项目支出绩效目标',
      '七、名词解释',
    ]);
  });

  it('五、部门整体绩效目标: the "*" goal as written and its indicators, or a placeholder', () => {
    expect(placeholders(tree)).toContain('部门整体总体绩效目标');
    const expected = '起草、审核、上报、发布、办理各类公文，实现上传下达、政令畅通。';
    const withGoal = budgetDocument({
      ...input(),
      departmentGoal: {
        expected,
        indicators: [{ indicatorId: 'D1', level1: '满意度指标', level2: '服务对象满意度指标', name: '满意度', description: '代表、委员满意率', comparator: 'GTE', target: '90', unit: '%', basis: '工作目标' }],
      },
    });
    expect(placeholders(withGoal)).not.toContain('部门整体总体绩效目标');
    const paragraphs = withGoal.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.content.map((i) => (typeof i === 'string' ? i : 'text' in i ? i.text : '')).join('')] : []));
    expect(paragraphs).toContain(expected);
    const subHeadings = withGoal.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 3 ? [b.text] : []));
    expect(subHeadings).toEqual(['（一）总体绩效目标', '（二）绩效指标']);
    const indicators = tableTitled(withGoal, '秦皇岛市海港区人民政府办公室部门整体绩效指标');
    expect(texts(indicators.rows[1])).toEqual(['满意度指标', '服务对象满意度指标', '满意度', '代表、委员满意率', '≥90%', '工作目标']);
  });

  it('上年结转 is left out of the tables and said so under 收支总表 and 收入总表', () => {
    const carried = budgetDocument(input({ lines: [budgetLine({ lineId: 'C1', functionCode: '2010301', economicCode: '30201', initial: 0n, carriedIn: wan('5.00') })] }));
    const note = '注：1. 本表为年初预算，不含上年结转资金5.00万元。';
    expect(tableTitled(carried, '部门预算收支总表').notes[0]).toBe(note);
    expect(tableTitled(carried, '部门预算收入总表').notes[0]).toBe(note);
    expect(texts(row(tableTitled(carried, '部门预算收支总表'), '收入总计'))).toContain('1417.69');
  });

  it('SEED_004 template: every cell of seed 004’s published tables (山海关区机关事务服务中心 2023) from its facts', () => {
    const seed = SEED_DEPARTMENTS['004'];
    const lines = [
      ...basicBudgetCells('004').map((c, i) => budgetLine({ lineId: `B${i + 1}`, unitCode: seed.unitCode, functionCode: c.functionCode, economicCode: c.economicCode, initial: c.amount * 10_000n })),
      ...seed.projects.map((p, i) => budgetLine({ lineId: `P${i + 1}`, unitCode: seed.unitCode, functionCode: p.functionCode, expenditureKind: 'PROJECT', projectCode: p.projectCode, projectName: p.projectName, initial: wan(p.budgetWan) })),
    ];
    const tables = buildBudgetTables({ lines, income: [] });
    const names = codeNameResolver(catalogue, seed.fiscalYear, NO_EVENT_CODE_NAMES);
    const doc = budgetDocument({
      ...input(),
      departmentName: seed.departmentName,
      fiscalYear: seed.fiscalYear,
      tables,
      projectGoals: [],
      narrative: budgetNarrative(tables, { fiscalYear: seed.fiscalYear, prior: null, economicName: (c) => names.economicName(c) }),
      template: 'SEED_004',
    });
    // Its 三公 公务用车运行维护费 13.90 includes project spending on 30231 the published tables do not break down.
    expectPublishedCells(doc, '004', false);
    // Zero 三公 items blank, as seed 004 prints them.
    expect(texts(tableTitled(doc, '部门预算财政拨款“三公”经费支出表').rows[1])).toEqual(['2', '一、因公出国（境）费', '', '', '', '']);
  });

  it('SEED_004 template: 单位资金 by category on the income side of 收支总表', () => {
    const t = tableTitled(budgetDocument(input({ template: 'SEED_004' })), '部门预算收支总表');
    expect(t.rows.slice(4, 9).map((r) => shown(r[1]))).toEqual(['五、事业收入', '六、事业单位经营收入', '七、上级补助收入', '八、附属单位上缴收入', '九、其他收入']);
  });

  it('xlsx: amounts are number cells, every table sheet prints one page wide', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderXlsx(tree)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('部门预算收入总表')!;
    let operation: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(2).value === '2010301') operation = r;
    });
    expect(operation!.getCell(4).value).toBe(657.98);
    expect(operation!.getCell(4).numFmt).toBe('#,##0.00');
    expect(operation!.getCell(7).value).toBeNull();
    for (const s of book.worksheets) expect(s.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1 });
  });
});
