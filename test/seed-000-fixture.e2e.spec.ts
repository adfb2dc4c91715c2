import { SEED_000_DEPARTMENT, SEED_000_PUBLISHED, seed000FixtureEvents } from '@app/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * 泉港区人民政府办公室 2023 (seed 000): the fixture's events go through the ledger, and every cell of our 万元 tables is
 * compared with the published one within 0.01万元. Where the document contradicts itself, the difference is a known
 * finding, listed here, not forced. The 情况说明 sentences for the ten 项 carry the published amounts, changes and rates.
 */
type Cells = Record<string, unknown>;
const published = SEED_000_PUBLISHED.tables as unknown as Record<string, Cells & { rows: (Cells & { code: string | null })[] }>;
const hundredths = (v: unknown) => (typeof v === 'string' && v !== '' ? Number(BigInt(v.replace('.', ''))) : 0);

describe('the 泉港区 2023 决算 rebuilt from events', () => {
  let t: TestApp;
  let ours: Record<string, Cells & { rows: (Cells & { code: string })[] }>;
  const fixture = seed000FixtureEvents();

  beforeAll(async () => {
    t = await startTestApp('embedded');
    const res = await t.post(fixture.events);
    expect(res.body.results.filter((r: { status: string }) => r.status !== 'APPLIED')).toEqual([]);
    ours = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/final-accounts?unit=wan`)).body.tables;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('places every 06 amount but the document’s own 0.01 slip (公用经费 items 142.92 against 合计 142.91)', () => {
    expect(fixture.unplacedBasic).toEqual([{ economicCode: '31002', amount: 10_000n }]); // 0.01万元
  });

  it('matches every published cell within 0.01万元, apart from the known findings', () => {
    const mismatches: string[] = [];
    const compare = (where: string, theirs: unknown, mine: unknown) => {
      const a = hundredths(theirs);
      const b = hundredths(mine);
      const blank = theirs === null || theirs === undefined;
      if (blank ? b !== 0 : Math.abs(a - b) > 1) mismatches.push(`${where}: published ${blank ? 'blank' : theirs}, ours ${mine ?? '0.00'}`);
    };
    const byCode = (rows: (Cells & { code: string })[], code: string): Cells => rows.find((r) => r.code === code) ?? {};
    for (const [k, v] of Object.entries(published.summary.income as Cells)) if (k in (ours.summary.income as Cells)) compare(`01 income ${k}`, v, (ours.summary.income as Cells)[k]);
    const expenditure01 = published.summary.expenditure as unknown as { rows: { code: string; amount: string | null }[]; totalExpenditure: string; closingBalance: string | null; grandTotal: string };
    const ours01 = ours.summary.expenditure as unknown as { rows: (Cells & { code: string })[] } & Cells;
    for (const r of expenditure01.rows) compare(`01 expenditure ${r.code}`, r.amount, byCode(ours01.rows, r.code).amount);
    for (const k of ['totalExpenditure', 'closingBalance', 'grandTotal']) compare(`01 ${k}`, (expenditure01 as unknown as Cells)[k], ours01[k]);
    const tables: [string, string, string[]][] = [
      ['02', 'income', ['total', 'fiscal', 'other']],
      ['03', 'expenditure', ['total', 'basic', 'project']],
      ['05', 'generalBudgetExpenditure', ['total', 'basic', 'project']],
    ];
    for (const [label, key, columns] of tables) {
      for (const r of published[key].rows.filter((x) => x.code)) for (const c of columns) compare(`${label} ${r.code} ${c}`, r[c], byCode(ours[key].rows, r.code!)[c]);
    }
    const fiscal = published.fiscalSummary as unknown as { income: Cells; expenditure: { rows: (Cells & { code: string })[] } };
    const oursFiscal = ours.fiscalSummary as unknown as { income: Cells; expenditure: { rows: (Cells & { code: string })[] } };
    for (const k of ['generalBudget', 'total']) compare(`04 income ${k}`, fiscal.income[k], oursFiscal.income[k]);
    for (const r of fiscal.expenditure.rows) for (const c of ['total', 'generalBudget']) compare(`04 ${r.code} ${c}`, r[c], byCode(oursFiscal.expenditure.rows, r.code)[c]);
    const basic = published.generalBudgetBasic as unknown as { rows: { code: string; amount: string | null }[]; personnelTotal: string; publicTotal: string };
    const oursBasic = ours.generalBudgetBasic as unknown as { rows: (Cells & { code: string })[] } & Cells;
    for (const r of basic.rows) compare(`06 ${r.code}`, r.amount, byCode(oursBasic.rows, r.code).amount);
    compare('06 personnelTotal', basic.personnelTotal, oursBasic.personnelTotal);
    compare('06 publicTotal', basic.publicTotal, oursBasic.publicTotal);
    const three = published.threePublic as unknown as { actual: Cells };
    for (const [k, v] of Object.entries(three.actual)) compare(`三公 actual ${k}`, v, ((ours.threePublic as Cells).actual as Cells)[k]);

    // Known findings of the published document: 03's 合计 row is printed blank.
    expect(mismatches).toEqual(['03 TOTAL total: published blank, ours 2658.28', '03 TOTAL basic: published blank, ours 1458.37', '03 TOTAL project: published blank, ours 1199.91']);
  });

  it('drafts the ten 项 sentences with the published amounts, changes and rates', async () => {
    const variance = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/variance`)).body;
    const items = SEED_000_PUBLISHED.narrative.generalBudgetItems as { functionCode: string; amount: string; change: string; changeRate: string; direction: string; reason: string }[];
    expect(items).toHaveLength(10);
    for (const item of items) {
      const ours = variance.items.find((i: { scope: { functionCode?: string } }) => i.scope.functionCode === item.functionCode);
      expect([item.functionCode, ours.reasonSource]).toEqual([item.functionCode, 'EXPLAINED']);
      expect(ours.sentence).toContain(`${item.amount}万元`);
      expect(ours.sentence).toContain(`${item.direction === 'DECREASE' ? '减少' : '增加'}${item.change}万元`);
      // 2080599 had no prior-year spending: the published "增长100.00%" is not a rate (a known finding), we give none.
      if (item.direction !== 'NEW') expect(ours.sentence).toContain(`${item.direction === 'DECREASE' ? '下降' : '增长'}${item.changeRate}%`);
      expect(ours.sentence).toContain(item.reason.replace(/^主要原因是/, '').replace(/。$/, ''));
    }
  });

  it('writes the 三公 completion as published, and every check passes on the rebuilt tables', async () => {
    const docx = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/final-accounts?format=html&template=SEED_000`)).text;
    // 26.92 / 40.50 = 66.47 %; 16.15 / 17.50 = 92.29 %; 10.30 / 18.00 = 57.22 %
    // The published sentence: 26.92万元，完成全年预算的66.47%；较上年增加13.10万元，增长94.79%
    expect(docx).toContain('“三公”经费支出26.92万元，完成全年预算的66.47%，较上年决算数增加13.10万元，增长94.79%。主要原因是赴挪威、荷兰、意大利开展经贸项目合作洽谈。');
    // 收入支出总体: 与上年决算数相比，各减少378.83万元，下降12.47%。主要是项目支出减少。
    expect(docx).toContain('2023年度本部门收入总计2658.28万元，支出总计2658.28万元，与上年决算数相比，各减少378.83万元，下降12.47%。主要是项目支出减少。');
    expect(docx).not.toContain('TOTAL');
    expect(docx).toContain('因公出国（境）费支出16.15万元，完成全年预算的92.29%');
    expect(docx).toContain('公务用车购置及运行维护费支出10.30万元，完成全年预算的57.22%');
    const checks = (await t.get(`/v1/departments/${SEED_000_DEPARTMENT}/years/2023/checks`)).body.checks;
    expect(checks.filter((c: { passed: boolean }) => !c.passed)).toEqual([]);
  });
});
