import { buildFinalAccounts, parseYuan, varianceItems, yearFigures, type LineFacts } from '@app/domain';
import { finalAccountsDraft, type DraftDisclosures, type FinalAccountsDraftInput } from './final-accounts-draft';
import { placeholders, type Block, type DocumentTree } from './model/document-model';

/**
 * The 决算 draft tells only the truth (SPEC §11, issue 10): figures from the tables, placeholders where an input is
 * missing, no comparison claims without prior-year data, no chart without data.
 */
const y = parseYuan;
const line = (l: Partial<LineFacts> & Pick<LineFacts, 'functionCode' | 'fundSource' | 'expenditureKind'>, paid: Record<string, string>): LineFacts => ({
  economicCode: null,
  budget: 0n,
  carriedIn: 0n,
  carriedForward: 0n,
  lapsed: 0n,
  ...l,
  paidByEconomic: new Map(Object.entries(paid).map(([code, amount]) => [code, parseYuan(amount)])),
});
// 一般公共预算 基本 2010301 paid 30101 600 000 + 30201 150 000, 三公 reception 30217 20 000; budget = paid (nothing lapses).
const facts = {
  closed: true,
  lines: [line({ functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', budget: y('770000') }, { '30101': '600000', '30201': '150000', '30217': '20000' })],
  income: [],
};
const tables = buildFinalAccounts(facts);
const noDisclosures: DraftDisclosures = {
  procurement: { source: 'PAYMENTS', total: 0n, goods: 0n, works: 0n, services: 0n, smeAwarded: 0n, smeShare: null, smallMicroAwarded: 0n, smallMicroShareOfSme: null, goodsSme: 0n, worksSme: 0n, servicesSme: 0n, goodsSmeShare: null, worksSmeShare: null, servicesSmeShare: null },
  assets: null,
  threePublicActivity: null,
  narratives: {},
};
const names = { functionName: (c: string) => ({ '201': '一般公共服务支出', '2010301': '行政运行', '20103': '政府办公厅（室）及相关机构事务' })[c], economicName: (c: string) => ({ '30101': '基本工资', '30201': '办公费', '30217': '公务接待费' })[c] };

function draft(over: Partial<FinalAccountsDraftInput>, prior: 'NONE' | 'DECLARED' = 'NONE'): DocumentTree {
  const current = yearFigures(facts, tables);
  const priorFigures =
    prior === 'NONE'
      ? { functions: new Map(), totalIncome: 0n, totalExpenditure: 0n, threePublic: 0n, operatingCosts: 0n }
      : {
          functions: new Map([['2010301', { amount: y('700000'), byEconomicClass: null }]]),
          totalIncome: y('700000'),
          totalExpenditure: y('700000'),
          threePublic: y('20000'),
          operatingCosts: y('100000'),
          fiscalIncome: y('700000'),
          fiscalExpenditure: y('700000'),
          generalBudgetExpenditure: y('700000'),
        };
  const items = varianceItems(current, priorFigures, { ...names, explanations: new Map([['total', '人员增加']]), priorKnown: prior !== 'NONE' });
  return finalAccountsDraft({
    departmentName: '测试局',
    fiscalYear: 2023,
    units: [],
    profile: null,
    tables,
    tableBlocks: [],
    variance: { priorSource: prior, items, prior: priorFigures, fiscalReason: prior === 'NONE' ? null : '人员增加' },
    disclosures: noDisclosures,
    performance: null,
    appendixTables: [],
    ...names,
    ...over,
  });
}

const text = (tree: DocumentTree) =>
  tree.blocks
    .flatMap((b: Block) => (b.kind === 'paragraph' ? [b.content.map((i) => (typeof i === 'string' ? i : 'text' in i ? i.text : `【待补充：${i.placeholder}】`)).join('')] : b.kind === 'heading' ? [b.text] : []))
    .join('\n');
const charts = (tree: DocumentTree) => tree.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));

describe('决算 draft without prior-year data or disclosures', () => {
  const tree = draft({});
  const body = text(tree);

  it('makes no comparison claim (no 持平, 新增, 上年无此项) and asks for the prior year instead', () => {
    expect(body).not.toMatch(/持平|新增|上年无此项|【建议】/);
    expect(body).toContain('2010301-行政运行(政府办公厅（室）及相关机构事务)77.00万元，较上年决算数【待补充：上年决算数】。');
    expect(placeholders(tree)).toContain('上年决算数');
    // The document stays Chinese: what fills a placeholder is told in `checks`, not printed.
    expect(body).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('leaves 政府采购, 国有资产, 三公 counts, 部门职责, 单位构成 and the 自评表 as visible placeholders', () => {
    const todo = placeholders(tree);
    for (const what of ['政府采购支出情况', '国有资产占用情况', '出国团组数', '接待批次', '部门主要职责', '纳入决算编制范围的单位', '项目支出绩效自评表']) {
      expect(todo.some((p) => p.startsWith(what))).toBe(true);
    }
    expect(body).not.toContain('政府采购支出总额0.00万元');
  });

  it('draws the structure charts from the table figures and no 变动图 without a prior year', () => {
    expect(charts(tree).map((c) => c.key)).toEqual(['income-structure', 'expenditure-structure', 'general-budget-structure', 'three-public-structure']);
    const three = charts(tree).find((c) => c.key === 'three-public-structure')!;
    expect(three.series[0].data).toEqual([{ label: '公务接待费', fen: y('20000') }]);
  });

  it('quotes the totals once with 总计 = 合计 when there are no balances', () => {
    expect(body).toContain('2023年度本部门收入总计77.00万元，支出总计77.00万元，与上年决算数相比，【待补充：上年决算数】。');
  });
});

describe('决算 draft with a declared prior year and disclosures', () => {
  const tree = draft(
    {
      units: [{ code: '1', name: '测试局机关' }],
      disclosures: {
        procurement: { source: 'PAYMENTS', total: y('72600'), goods: y('72600'), works: 0n, services: 0n, smeAwarded: y('72600'), smeShare: '100.00', smallMicroAwarded: y('72600'), smallMicroShareOfSme: '100.00', goodsSme: y('72600'), worksSme: 0n, servicesSme: 0n, goodsSmeShare: '100.00', worksSmeShare: null, servicesSmeShare: null },
        assets: { vehicles: { total: 5, MINISTERIAL: 0, PRINCIPAL: 1, CONFIDENTIAL: 1, EMERGENCY: 1, LAW_ENFORCEMENT: 0, SPECIAL_TECHNICAL: 0, RETIRED_CADRES: 0, GENERAL: 1, OTHER: 1 }, specialEquipmentOver1M: 1, generalEquipmentOver500K: 0, note: null },
        threePublicActivity: { outboundGroups: 2, outboundPeople: 3, vehiclesPurchased: 0, vehiclesHeld: 5, receptionBatches: 2, receptionPeople: 17, foreignReceptionBatches: null, foreignReceptionPeople: null },
        narratives: { DUTIES: '负责甲。\n负责乙。', ORGANISATION: '本部门包括1个单位。' },
      },
      performance: { evaluated: 3, projectNames: ['机关服务专项经费', '参事事务专项经费', '网络及信息公开专项经费'], paid: y('8073600'), grades: { EXCELLENT: 3, GOOD: 0, FAIR: 0, POOR: 0 } },
    },
    'DECLARED',
  );
  const body = text(tree);

  it('compares with the prior year and gives the reason once', () => {
    expect(body).toContain('2023年度本部门收入总计77.00万元，支出总计77.00万元，与上年决算数相比，各增加7.00万元，增长10.00%。主要原因是人员增加。');
    expect(body).toContain('2023年度收入77.00万元，较上年决算数增加7.00万元，增长10.00%，具体情况如下：');
    expect(charts(tree).find((c) => c.key === 'overall-change')!.series.map((s) => s.data.map((d) => d.fen))).toEqual([[y('700000'), y('700000')], [y('770000'), y('770000')]]);
  });

  it('compares 财政拨款 and 一般公共预算 spending with the declared prior figures', () => {
    // 770 000 against 700 000 元: +7.00万元, +10.00 %.
    expect(body).toContain('2023年度财政拨款收入总计77.00万元，支出总计77.00万元，与上年决算数相比，各增加7.00万元，增长10.00%。主要原因是人员增加。');
    expect(body).toContain('2023年度一般公共预算财政拨款支出77.00万元，较上年决算数增加7.00万元，增长10.00%；其中基本支出77.00万元');
  });

  it('prints 政府采购, 车辆 by kind, 三公 counts and the self-evaluation summary from the data', () => {
    expect(body).toContain('政府采购支出总额7.26万元，其中：政府采购货物支出7.26万元、政府采购工程支出0.00万元');
    expect(body).toContain('授予中小企业合同金额7.26万元，占政府采购支出总额的100.00%');
    expect(body).toContain('本部门共有车辆5辆，其中：副部（省）级及以上领导用车0辆、主要负责人用车1辆、机要通信用车1辆');
    expect(body).toContain('全年安排因公出国（境）团组2个，累计3人次');
    expect(body).toContain('全年国内公务接待2批次、17人次');
    expect(body).toContain('本部门组织对2023年度3个项目开展绩效自评，分别是机关服务专项经费、参事事务专项经费、网络及信息公开专项经费项目，涉及资金共计807.36万元');
    expect(body).toContain('负责乙。');
    // Only what is really missing: the reasons of the two unexplained changes (2010301 and 机关运行经费).
    expect(placeholders(tree).filter((p) => !p.startsWith('项目支出绩效自评表'))).toEqual(['变动原因', '变动原因']);
  });
});
