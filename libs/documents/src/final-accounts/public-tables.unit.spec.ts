import { buildFinalAccounts, catalogue, parseYuan, type ExpenditureKind, type FinalAccountsFacts, type FinalAccountsTables, type FundSource, type IncomeCategory, type LineFacts } from '@app/domain';
import { SEED_000_PUBLISHED, seed000FixtureEvents } from '@app/fixtures';
import type { Cell, TableBlock } from '../model/document-model';
import { finalAccountsTableBlocks, type PublicTablesInput } from './public-tables';

/**
 * The nine 公开表 of seed 000 (泉港区人民政府办公室 2023) built from the fixture's events, compared with the published
 * cells. The facts are folded here from the events (issues, payments, income, a year-end close that lapses the rest),
 * so the test needs no database; expected figures are the published ones, formatted by the test's own formatter.
 */
function factsOf(events: ReturnType<typeof seed000FixtureEvents>['events']): FinalAccountsFacts {
  const lines = new Map<string, LineFacts & { paidByEconomic: Map<string, bigint> }>();
  const income: FinalAccountsFacts['income'][number][] = [];
  let closed = false;
  for (const e of events) {
    const d = e.data as Record<string, string>;
    switch (e.type) {
      case 'AppropriationIssued': {
        const line = lines.get(d.lineId) ?? {
          functionCode: d.functionCode,
          economicCode: d.economicCode ?? null,
          fundSource: d.fundSource as FundSource,
          expenditureKind: d.expenditureKind as ExpenditureKind,
          budget: 0n,
          carriedIn: 0n,
          initial: 0n,
          paidByEconomic: new Map<string, bigint>(),
          carriedForward: null,
          lapsed: null,
        };
        line.budget += parseYuan(d.amount);
        if (d.stage === 'CARRY_IN') line.carriedIn += parseYuan(d.amount);
        if (d.stage === 'INITIAL') line.initial! += parseYuan(d.amount);
        lines.set(d.lineId, line);
        break;
      }
      case 'PaymentMade': {
        const paid = lines.get(d.lineId)!.paidByEconomic;
        paid.set(d.economicCode, (paid.get(d.economicCode) ?? 0n) + parseYuan(d.amount));
        break;
      }
      case 'IncomeRecorded':
        income.push({ functionCode: d.functionCode, category: d.category as IncomeCategory, amount: parseYuan(d.amount) });
        break;
      case 'YearEndClosed':
        expect(e.data.carryForward).toEqual([]);
        for (const line of lines.values()) {
          line.carriedForward = 0n;
          line.lapsed = line.budget - [...line.paidByEconomic.values()].reduce((a, b) => a + b, 0n);
        }
        closed = true;
        break;
      case 'AppropriationAdjusted':
      case 'AppropriationTransferred':
      case 'PaymentReversed':
        throw new Error(`the test's fold does not handle ${e.type}`);
      default: // registrations, prior year, explanations, disclosures, evaluation: no figure of the nine tables
        break;
    }
  }
  return { lines: [...lines.values()], income, closed };
}

/** 分 → 万元 as printed (2,658.28), by hand: the fixture's amounts are whole hundredths of 万元 (10 000 分). */
function printed(fen: bigint): string {
  expect(fen % 10_000n).toBe(0n);
  const hundredths = fen / 10_000n;
  const whole = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

/** A cell as the published page shows it; a spanned cell is followed by '' for each slot it covers. */
function show(cell: Cell): string[] {
  const span = 'colSpan' in cell && cell.colSpan ? cell.colSpan : 1;
  const value =
    cell.kind === 'amount' ? (cell.blankIfZero && cell.fen === 0n ? '' : printed(cell.fen)) : cell.kind === 'text' ? cell.text : cell.kind === 'code' ? cell.code : cell.kind === 'placeholder' ? `【待补充：${cell.what}】` : '';
  return [value, ...Array<string>(span - 1).fill('')];
}
const grid = (table: TableBlock) => table.rows.map((row) => row.flatMap(show));
const rowStarting = (table: TableBlock, ...first: string[]) => grid(table).find((r) => first.every((f, i) => r[i] === f));
const rowWithCode = (table: TableBlock, code: string) => grid(table).find((r) => r.slice(0, 3).includes(code));

/** Header slots per row, rowSpans from above included: every header row and body row must fill the table's columns. */
function headerWidths(table: TableBlock): number[] {
  const carried: number[] = [];
  return table.header.map((row, r) => {
    const fromAbove = carried.filter((until) => until > r).length;
    let width = 0;
    for (const cell of row) {
      const span = cell.colSpan ?? 1;
      width += span;
      if ((cell.rowSpan ?? 1) > 1) for (let i = 0; i < span; i++) carried.push(r + (cell.rowSpan ?? 1));
    }
    return width + fromAbove;
  });
}

const published = SEED_000_PUBLISHED.tables as unknown as Record<string, { rows: { code: string | null; name: string }[] }> & {
  generalBudgetBasic: { rows: { code: string; name: string; amount: string | null; printedPosition: { row: number; panel: number } }[] };
};
const publishedFunctionNames = new Map(published.income.rows.filter((r) => r.code).map((r) => [r.code!, r.name]));

describe('the nine 公开表 of seed 000 as document tables', () => {
  const tables: FinalAccountsTables = buildFinalAccounts(factsOf(seed000FixtureEvents().events));
  const input = (template: PublicTablesInput['template']): PublicTablesInput => ({
    tables,
    template,
    departmentName: '泉港区人民政府办公室',
    fiscalYear: 2023,
    functionName: (c) => publishedFunctionNames.get(c),
    economicName: (c) => catalogue.economicName(c, 2023),
    economicCodes: [...catalogue.economics.forYear(2023).keys()].sort(),
  });
  const seed = finalAccountsTableBlocks(input('SEED_000'));
  const mof = finalAccountsTableBlocks(input('MOF'));
  const byKey = (blocks: TableBlock[], key: string) => blocks.find((b) => b.key === key)!;

  it('numbers the tables 公开01表…公开09表 per template: 三公 is 07 in seed 000, 09 in the 财政部 order', () => {
    expect(seed.map((b) => `${b.number} ${b.title}`)).toEqual([
      '公开01表 收入支出决算总表',
      '公开02表 收入决算表',
      '公开03表 支出决算表',
      '公开04表 财政拨款收入支出决算总表',
      '公开05表 一般公共预算财政拨款支出决算表',
      '公开06表 一般公共预算财政拨款基本支出决算表',
      '公开07表 一般公共预算财政拨款“三公”经费支出决算表',
      '公开08表 政府性基金预算财政拨款收入支出决算表',
      '公开09表 国有资本经营预算财政拨款支出决算表',
    ]);
    expect(mof.map((b) => `${b.number} ${b.key}`)).toEqual([
      '公开01表 summary',
      '公开02表 income',
      '公开03表 expenditure',
      '公开04表 fiscalSummary',
      '公开05表 generalBudgetExpenditure',
      '公开06表 generalBudgetBasic',
      '公开07表 govFund',
      '公开08表 stateCapital',
      '公开09表 threePublic',
    ]);
  });

  it('gives every table its 部门 and 单位 lines, its 注 and the rounding note; every row fills the columns', () => {
    for (const block of [...seed, ...mof]) {
      expect([block.key, block.department, block.unitLabel]).toEqual([block.key, '部门：泉港区人民政府办公室', '单位：万元']);
      expect(block.notes[0]).toMatch(/^注：(1\. )?本表反映部门本年度/);
      expect(block.notes[block.notes.length - 1]).toMatch(/本表金额转换为万元时，因四舍五入可能存在尾差。$/);
      expect([block.key, headerWidths(block)]).toEqual([block.key, block.header.map(() => block.columns.length)]);
      for (const row of grid(block)) expect([block.key, row.length]).toEqual([block.key, block.columns.length]);
    }
    const landscape = (blocks: TableBlock[]) => blocks.filter((b) => b.orientation === 'landscape').map((b) => b.key);
    expect(landscape(seed)).toEqual(['income', 'expenditure', 'fiscalSummary', 'generalBudgetBasic', 'govFund']);
    expect(landscape(mof)).toEqual(['income', 'expenditure', 'fiscalSummary', 'generalBudgetBasic', 'govFund', 'threePublic']);
  });

  it('01: income 一…八 beside the 26 类, the 使用非财政拨款结余 / 结余分配 rows, totals as published', () => {
    const t = byKey(seed, 'summary');
    expect(t.header.map((r) => r.map((c) => c.text))).toEqual([
      ['收入', '支出'],
      ['项目', '决算数', '项目（按支出功能分类）', '决算数'],
    ]);
    const g = grid(t);
    expect(g).toHaveLength(26 + 4);
    // 201: published 2,056.52, 0.01 above the sum of its 项 (a known finding of the document); ours is the exact sum.
    expect(g[0]).toEqual(['一、一般公共预算财政拨款收入', '2,635.56', '一、一般公共服务支出', '2,056.51']);
    expect(g[2]).toEqual(['三、国有资本经营预算财政拨款收入', '', '三、国防支出', '305.39']);
    expect(g[7]).toEqual(['八、其他收入', '22.72', '八、社会保障和就业支出', '126.33']);
    expect(g[13]).toEqual(['', '', '十四、资源勘探信息等支出', '']);
    expect(g[25]).toEqual(['', '', '二十六、抗疫特别国债安排的支出', '']);
    expect(g.slice(26)).toEqual([
      ['本年收入合计', '2,658.28', '本年支出合计', '2,658.28'],
      ['使用非财政拨款结余', '', '结余分配', ''],
      ['年初结转和结余', '', '年末结转和结余', ''],
      ['总计', '2,658.28', '总计', '2,658.28'],
    ]);
  });

  it('02: 类/款/项 in their own columns beside 科目名称; 2010302 35.36 with 其他收入 16.36; zero cells blank', () => {
    const t = byKey(seed, 'income');
    expect(t.header.map((r) => r.map((c) => c.text))).toEqual([
      ['项目', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
      ['支出功能分类科目编码', '科目名称'],
      ['类', '款', '项'],
    ]);
    const g = grid(t);
    expect(g[0]).toEqual(['合计', '', '', '', '2,658.28', '2,635.56', '', '', '', '', '22.72']);
    // 201/20103: published 2,056.52 / 2,033.80, 0.01 above the sum of their 项 (known finding); ours are the sums.
    expect(rowWithCode(t, '201')).toEqual(['201', '', '', '一般公共服务支出', '2,056.51', '2,033.79', '', '', '', '', '22.72']);
    expect(rowWithCode(t, '20103')).toEqual(['', '20103', '', '政府办公厅（室）及相关机构事务', '2,056.51', '2,033.79', '', '', '', '', '22.72']);
    expect(rowWithCode(t, '2010302')).toEqual(['', '', '2010302', '一般行政管理事务', '35.36', '19.00', '', '', '', '', '16.36']);
    // The published rows, in the published order (5 类, 5 款, 10 项).
    expect(g.slice(1).map((r) => r.slice(0, 3).join(''))).toEqual(published.income.rows.filter((r) => r.code && r.code !== 'TOTAL').map((r) => r.code));
    expect(t.columns.map((c) => c.kind)).toEqual(['code', 'code', 'code', 'name', 'amount', 'amount', 'amount', 'amount', 'amount', 'amount', 'amount']);
    expect(t.columns[3].width).toBeGreaterThanOrEqual(3 * t.columns[4].width);
  });

  it('03: 2010302 all 项目支出; the 合计 row printed (the published one is blank, a known finding)', () => {
    const t = byKey(seed, 'expenditure');
    expect(grid(t)[0]).toEqual(['合计', '', '', '', '2,658.28', '1,458.37', '1,199.91', '', '', '']);
    expect(rowWithCode(t, '2010302')).toEqual(['', '', '2010302', '一般行政管理事务', '35.36', '', '35.36', '', '', '']);
    expect(rowWithCode(t, '2010301')).toEqual(['', '', '2010301', '行政运行', '747.80', '747.80', '', '', '', '']);
  });

  it('04: 7 columns, 类 rows only, the 年初 rows by fund, totals as published', () => {
    const t = byKey(seed, 'fiscalSummary');
    const g = grid(t);
    expect(t.columns).toHaveLength(7);
    expect(g).toHaveLength(26 + 6);
    expect(g[0]).toEqual(['一、一般公共预算财政拨款', '2,635.56', '一、一般公共服务支出', '2,033.79', '2,033.79', '', '']); // published 2,033.80 (known 0.01 finding)
    expect(g[2]).toEqual(['三、国有资本经营预算财政拨款', '', '三、国防支出', '305.39', '305.39', '', '']);
    expect(g[1]).toEqual(['二、政府性基金预算财政拨款', '', '二、外交支出', '', '', '', '']);
    expect(g[18]).toEqual(['', '', '十九、住房保障支出', '132.71', '132.71', '', '']);
    expect(g.slice(26)).toEqual([
      ['本年收入合计', '2,635.56', '本年支出合计', '2,635.56', '2,635.56', '', ''],
      ['年初财政拨款结转和结余', '', '年末财政拨款结转和结余', '', '', '', ''],
      ['一般公共预算财政拨款', '', '', '', '', '', ''],
      ['政府性基金预算财政拨款', '', '', '', '', '', ''],
      ['国有资本经营预算财政拨款', '', '', '', '', '', ''],
      ['总计', '2,635.56', '总计', '2,635.56', '2,635.56', '', ''],
    ]);
  });

  it('05: 合计 2,635.56 / 1,458.37 / 1,177.19 and the published 项 rows', () => {
    const t = byKey(seed, 'generalBudgetExpenditure');
    expect(t.header.map((r) => r.map((c) => c.text))).toEqual([
      ['项目', '本年支出'],
      ['支出功能分类科目编码', '科目名称', '小计', '基本支出', '项目支出'],
      ['类', '款', '项'],
    ]);
    expect(grid(t)[0]).toEqual(['合计', '', '', '', '2,635.56', '1,458.37', '1,177.19']);
    expect(rowWithCode(t, '2010302')).toEqual(['', '', '2010302', '一般行政管理事务', '19.00', '', '19.00']);
    expect(rowWithCode(t, '2030608')).toEqual(['', '', '2030608', '边海防', '305.39', '', '305.39']);
  });

  it('06: 人员经费 | 公用经费 blocks side by side, every economic row where seed 000 prints it, totals last', () => {
    const t = byKey(seed, 'generalBudgetBasic');
    const g = grid(t);
    expect(t.columns).toHaveLength(9);
    expect(g).toHaveLength(31 + 1);
    expect(g[1].slice(0, 3)).toEqual(['30101', '基本工资', '227.44']);
    expect(g[24].slice(3, 6)).toEqual(['30231', '公务用车运行维护费', '10.30']);
    expect(g[0]).toEqual(['301', '工资福利支出', '1,294.23', '302', '商品和服务支出', '142.76', '30703', '国内债务发行费用', '']);
    expect(g[2].slice(6)).toEqual(['310', '资本性支出', '0.15']); // 0.16 published; the fixture leaves out the document's own 0.01 slip
    expect(g[30]).toEqual(['', '', '', '30702', '国外债务付息', '', '39999', '其他支出', '']);
    expect(g[31]).toEqual(['人员经费合计', '', '1,315.46', '公用经费合计', '', '', '', '', '142.91']);
    // Every published economic code sits at its printed row and panel.
    const position = new Map<string, { row: number; panel: number }>();
    g.slice(0, 31).forEach((row, r) => [0, 1, 2].forEach((panel) => row[panel * 3] && position.set(row[panel * 3], { row: r + 1, panel: panel + 1 })));
    const misplaced = published.generalBudgetBasic.rows.filter((p) => JSON.stringify(position.get(p.code)) !== JSON.stringify(p.printedPosition));
    expect(misplaced).toEqual([]);
    expect(position.size).toBe(published.generalBudgetBasic.rows.length);
  });

  it('三公: the vertical form with 行次 in seed 000 (合计 26.92), the 年初预算数 | 全年预算数 | 决算数 columns in the 财政部 form', () => {
    const vertical = byKey(seed, 'threePublic');
    expect(vertical.header.map((r) => r.map((c) => c.text))).toEqual([['项目', '行次', '决算数']]);
    expect(grid(vertical)).toEqual([
      ['合计', '1', '26.92'],
      ['1. 因公出国（境）费', '2', '16.15'],
      ['2. 公务用车购置及运行维护费', '3', '10.30'],
      ['其中：（1）公务用车购置费', '4', '0.00'],
      ['（2）公务用车运行维护费', '5', '10.30'],
      ['3. 公务接待费', '6', '0.47'],
    ]);
    const columns = byKey(mof, 'threePublic');
    expect(columns.header[0].map((c) => c.text)).toEqual(['年初预算数', '全年预算数', '决算数']);
    expect(columns.header[2].map((c) => c.text)).toEqual(Array(3).fill(['小计', '公务用车购置费', '公务用车运行维护费']).flat());
    const row = grid(columns)[0];
    expect(row.slice(12)).toEqual(['26.92', '16.15', '10.30', '0.00', '10.30', '0.47']);
    // 年初预算数 = the INITIAL issues of the 三公 lines (the fixture issues each line's whole budget at the start of the year).
    expect(row.slice(0, 6)).toEqual(row.slice(6, 12));
    // The budgets the fixture derived from the published completion rates (narrative), not printed in seed 000.
    const implied = (SEED_000_PUBLISHED.narrative as unknown as { threePublic: { items: { item: string; impliedBudget: string | null }[] } }).threePublic.items;
    expect(row[7]).toBe(printed(parseYuan(implied.find((i) => i.item === 'overseasTravel')!.impliedBudget!) * 10_000n));
    expect(columns.notes[0]).toContain('年初预算数为部门预算批复的“三公”经费预算数；全年预算数反映按规定程序调整后的预算数');
  });

  it('empty 07/08: 合计 0.00, a row 无, and the note that the fund was not used, as seed 000 prints them', () => {
    const gov = byKey(seed, 'govFund');
    expect(gov.number).toBe('公开08表');
    expect(gov.header.map((r) => r.map((c) => c.text))).toEqual([
      ['项目', '年初结转和结余', '本年收入', '本年支出', '年末结转和结余'],
      ['支出功能分类科目编码', '科目名称', '小计', '基本支出', '项目支出'],
      ['类', '款', '项'],
    ]);
    expect(grid(gov)).toEqual([
      ['合计', '', '', '', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'],
      ['无', '', '', '无', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'],
    ]);
    expect(gov.notes).toEqual([
      '注：1. 本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。',
      '2. 本部门2023年度没有使用政府性基金预算拨款安排的收支。',
      '3. 本表金额转换为万元时，因四舍五入可能存在尾差。',
    ]);
    const state = byKey(seed, 'stateCapital');
    expect(grid(state)).toEqual([
      ['合计', '', '', '', '0.00', '0.00', '0.00'],
      ['无', '', '', '无', '0.00', '0.00', '0.00'],
    ]);
    expect(state.notes[1]).toBe('2. 本部门2023年度没有使用国有资本经营预算财政拨款安排的支出。');
    expect(byKey(seed, 'income').notes).toEqual(['注：1. 本表反映部门本年度取得的各项收入情况。', '2. 本表金额转换为万元时，因四舍五入可能存在尾差。']);
  });
});

describe('the 公开表 of a department outside the standard lists', () => {
  const wan = (v: string) => parseYuan(v) * 10_000n; // 万元 → 分
  const line = (functionCode: string, fundSource: FundSource, kind: ExpenditureKind, paid: [string, bigint][]): LineFacts => {
    const total = paid.reduce((a, [, v]) => a + v, 0n);
    return { functionCode, economicCode: null, fundSource, expenditureKind: kind, budget: total, carriedIn: 0n, paidByEconomic: new Map(paid), carriedForward: 0n, lapsed: 0n };
  };
  const tables = buildFinalAccounts({
    lines: [
      line('2010301', 'GENERAL_BUDGET', 'BASIC', [['30101', wan('10.00')], ['30999', wan('2.00')], ['30250', wan('1.00')]]),
      line('2270101', 'GENERAL_BUDGET', 'PROJECT', [['30299', wan('3.00')]]),
      line('2120801', 'GOV_FUND', 'PROJECT', [['31005', wan('50.00')]]),
    ],
    income: [],
    closed: true,
  });
  const names: Record<string, string> = { '201': '一般公共服务支出', '20103': '政府办公厅（室）及相关机构事务', '2010301': '行政运行', '227': '预备费', '22701': '预备费' };
  const blocks = finalAccountsTableBlocks({
    tables,
    template: 'MOF',
    departmentName: '某部门',
    fiscalYear: 2024,
    functionName: (c) => names[c],
    economicName: (c) => catalogue.economicName(c, 2024),
    economicCodes: [...catalogue.economics.forYear(2024).keys()].sort(),
  });
  const byKey = (key: string) => blocks.find((b) => b.key === key)!;

  it('inserts a 类 with a figure that the standard list lacks, in code order, in 01 and 04', () => {
    const labels = (key: string) => grid(byKey(key)).slice(0, 27).map((r) => r[2]);
    expect(labels('summary').slice(21, 24)).toEqual(['二十二、灾害防治及应急管理支出', '二十三、预备费', '二十四、其他支出']);
    expect(rowStarting(byKey('summary'), '', '', '二十三、预备费')).toEqual(['', '', '二十三、预备费', '3.00']);
    expect(labels('fiscalSummary')[22]).toBe('二十三、预备费');
    expect(rowStarting(byKey('summary'), '', '', '十一、城乡社区支出')).toEqual(['', '', '十一、城乡社区支出', '50.00']);
  });

  it('prints a code without a name as a visible placeholder, and a 政府性基金 table with figures without the 无 row', () => {
    const gov = byKey('govFund');
    expect(grid(gov)).toEqual([
      ['合计', '', '', '', '', '50.00', '50.00', '', '50.00', ''],
      ['212', '', '', '【待补充：212科目名称】', '', '50.00', '50.00', '', '50.00', ''],
      ['', '21208', '', '【待补充：21208科目名称】', '', '50.00', '50.00', '', '50.00', ''],
      ['', '', '2120801', '【待补充：2120801科目名称】', '', '50.00', '50.00', '', '50.00', ''],
    ]);
    expect(gov.notes).toEqual(['注：1. 本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。', '2. 本表金额转换为万元时，因四舍五入可能存在尾差。']);
    expect(grid(byKey('stateCapital'))[1]).toEqual(['无', '', '', '无', '0.00', '0.00', '0.00']);
  });

  it('06 places an economic class or 款 outside the form in code order within its block', () => {
    const g = grid(byKey('generalBudgetBasic'));
    const publicCodes = [...g.slice(0, -1).map((r) => r[3]), ...g.slice(0, -1).map((r) => r[6])].filter(Boolean);
    expect(publicCodes.slice(publicCodes.indexOf('30299') - 1, publicCodes.indexOf('30299') + 1)).toEqual(['30250', '30299']);
    expect(publicCodes.slice(publicCodes.indexOf('30704'), publicCodes.indexOf('30704') + 3)).toEqual(['30704', '309', '30901']);
    const at = (c: string) => g.flatMap((r) => [r.slice(3, 6), r.slice(6, 9)]).find((cells) => cells[0] === c);
    expect(at('30250')).toEqual(['30250', '【待补充：30250科目名称】', '1.00']);
    expect(at('309')?.[2]).toBe('2.00');
    expect(g[g.length - 1]).toEqual(['人员经费合计', '', '10.00', '公用经费合计', '', '', '', '', '3.00']);
  });
});
