import { parseYuan } from '../money';
import { budgetChecks } from './budget-checks';
import { budgetNarrative } from './budget-narrative';
import { buildBudgetTables, type BudgetFacts, type BudgetLineFacts } from './budget-tables';
import { carryForwardChecks, type CarryLine } from './carry-forward';

/** 万元 → 分 (the seeds print 万元). */
const wan = (v: string) => parseYuan(v) * 10_000n;

let n = 0;
const line = (over: Partial<BudgetLineFacts> & Pick<BudgetLineFacts, 'functionCode' | 'initial'>): BudgetLineFacts => ({
  lineId: `L${++n}`,
  unitCode: 'U1',
  economicCode: null,
  fundSource: 'GENERAL_BUDGET',
  expenditureKind: 'BASIC',
  projectCode: null,
  projectName: null,
  carriedIn: 0n,
  ...over,
});

/**
 * A slice of seed 001 (秦皇岛市海港区人民政府办公室 2024 部门预算): 行政运行 basic lines by 款 (办公费 11.50, 邮电费 11.04,
 * 公务接待费 0.68, 公务用车运行维护费 9.01, 基本工资 179.55), 住房公积金 60.26, and the project 固定电话打包费 179.00
 * under 2010302; plus a unit-funds line of 20.00 with its 事业收入 budgeted, a CARRY_IN of 5.00 and a supplementary 3.00
 * that the budget tables leave out.
 */
function seedSlice(): BudgetFacts {
  return {
    lines: [
      line({ functionCode: '2010301', economicCode: '30101', initial: wan('179.55') }),
      line({ functionCode: '2010301', economicCode: '30201', initial: wan('11.50') }),
      line({ functionCode: '2010301', economicCode: '30207', initial: wan('11.04') }),
      line({ functionCode: '2010301', economicCode: '30217', initial: wan('0.68') }),
      line({ functionCode: '2010301', economicCode: '30231', initial: wan('9.01') }),
      line({ functionCode: '2210201', economicCode: '30113', initial: wan('60.26') }),
      line({ functionCode: '2010302', economicCode: '302', expenditureKind: 'PROJECT', projectCode: '13030224P00308P12279T', projectName: '固定电话打包费', initial: wan('179.00') }),
      line({ functionCode: '2010302', fundSource: 'UNIT_FUNDS', expenditureKind: 'PROJECT', projectCode: 'P-UNIT', projectName: '单位资金项目', initial: wan('20.00') }),
      line({ functionCode: '2010301', economicCode: '30201', initial: 0n, carriedIn: wan('5.00') }),
    ],
    income: [{ unitCode: 'U1', functionCode: '2010302', category: 'BUSINESS', amount: wan('20.00') }],
  };
}

describe('部门预算 tables (SPEC §14)', () => {
  it('builds the tables from INITIAL issues and IncomeBudgeted, leaving CARRY_IN out and reporting it', () => {
    const t = buildBudgetTables(seedSlice());
    const row = <T extends { code: string }>(rows: T[], code: string) => rows.find((r) => r.code === code)!;
    // 收支总表: 一般公共预算拨款收入 = the GB INITIAL issues; 单位资金 = 事业收入 budgeted; balanced.
    expect(t.summary.income.generalBudget).toBe(wan('451.04'));
    expect(t.summary.income.unitFunds).toBe(wan('20.00'));
    expect(t.summary.income.grandTotal).toBe(wan('471.04'));
    expect(t.summary.expenditure.grandTotal).toBe(wan('471.04'));
    expect(row(t.summary.expenditure.rows, '201').amount).toBe(wan('410.78'));
    // 收入总表: 2010302 has 财政拨款 179.00 and 事业收入 20.00.
    expect(row(t.income.rows, '2010302').values).toMatchObject({ total: wan('199.00'), fiscal: wan('179.00'), business: wan('20.00') });
    // 支出总表 and 一般公共预算支出表: 行政运行 basic 211.78; the project under 2010302.
    expect(row(t.expenditure.rows, '2010301').values).toMatchObject({ total: wan('211.78'), basic: wan('211.78'), project: 0n });
    expect(row(t.generalBudgetExpenditure.rows, '20103').values).toMatchObject({ total: wan('390.78'), basic: wan('211.78'), project: wan('179.00') });
    // 基本支出表 by 款: 人员经费 301 + 303, 公用经费 the rest; 机关运行经费 = 公用经费 of GB basic.
    expect(row(t.generalBudgetBasic.rows, '302').values).toMatchObject({ total: wan('32.23'), personnel: 0n, public: wan('32.23') });
    expect(row(t.generalBudgetBasic.rows, 'TOTAL').values).toMatchObject({ personnel: wan('239.81'), public: wan('32.23') });
    expect(t.agencyOperatingCosts).toBe(wan('32.23'));
    // 三公: 9.01 + 0.68 = 9.69, all 一般公共预算.
    expect(t.threePublic.total).toEqual({ total: wan('9.69'), generalBudget: wan('9.69'), govFund: 0n, stateCapital: 0n });
    expect(t.threePublic.vehicleTotal.total).toBe(wan('9.01'));
    // 项目支出表: by fund.
    expect(t.projects.map((p) => [p.projectCode, p.amounts.total, p.amounts.generalBudget, p.amounts.unitFunds])).toEqual([
      ['13030224P00308P12279T', wan('179.00'), wan('179.00'), 0n],
      ['P-UNIT', wan('20.00'), 0n, wan('20.00')],
    ]);
    expect(t.carriedIn).toBe(wan('5.00'));
    expect(budgetChecks(t).filter((c) => !c.passed)).toEqual([]);
  });

  it('fails BUDGET_BALANCED when the 单位资金 budgeted does not cover the unit-funds lines, and lists basic lines without a 款', () => {
    const facts = seedSlice();
    const t = buildBudgetTables({ lines: [...facts.lines, line({ lineId: 'NO-CODE', functionCode: '2010301', initial: wan('1.00') })], income: [] });
    const failed = budgetChecks(t).filter((c) => !c.passed);
    // The line without a 款 is in the 基本支出表's 合计 but under no class: the 合计 ≠ its classes, too.
    expect(failed.map((c) => c.rule).sort()).toEqual(['BUDGET_BALANCED', 'BUDGET_BASIC_PERSONNEL_PLUS_PUBLIC', 'BUDGET_ECONOMIC_CODES', 'PARENT_EQUALS_SUM_OF_CHILDREN']);
    expect(failed.find((c) => c.rule === 'BUDGET_BALANCED')!.detail).toContain('部门预算收支总表 收入总计 = 支出总计');
    expect(failed.find((c) => c.rule === 'BUDGET_ECONOMIC_CODES')!.detail).toContain('NO-CODE');
  });

  it('finds a published slip: a 款 row that does not add up to its 类', () => {
    const t = buildBudgetTables(seedSlice());
    t.generalBudgetBasic.rows.find((r) => r.code === '30201')!.values.public += 1n;
    t.generalBudgetBasic.rows.find((r) => r.code === '30201')!.values.total += 1n;
    const failed = budgetChecks(t).filter((c) => !c.passed);
    expect(failed.map((c) => c.rule)).toContain('PARENT_EQUALS_SUM_OF_CHILDREN');
    expect(failed.find((c) => c.rule === 'PARENT_EQUALS_SUM_OF_CHILDREN')!.detail).toContain('一般公共预算财政拨款基本支出表 302');
  });

  it('drafts the 情况说明 sentences as seed 001 prints them, and never claims a change without last year', () => {
    const t = buildBudgetTables(seedSlice());
    const names: Record<string, string> = { '30201': '办公费', '30207': '邮电费', '30217': '公务接待费', '30231': '公务用车运行维护费' };
    const text = budgetNarrative(t, { fiscalYear: 2024, prior: null, economicName: (c) => names[c] });
    expect(text.agencyOperatingCosts).toBe(
      '机关运行经费共计安排32.23万元，主要用于单位日常办公运转所需支出。包括办公费11.50万元，邮电费11.04万元，公务接待费0.68万元，公务用车运行维护费9.01万元。',
    );
    expect(text.threePublic).toBe(
      '2024年，我部门财政拨款“三公”经费预算安排9.69万元，其中：因公出国（境）费0.00万元；公务用车购置及运维费9.01万元（其中：公务用车购置费0.00万元，公务用车运行维护费9.01万元）；公务接待费0.68万元。【待补充：与上年“三公”经费预算相比的增减变化及原因】',
    );
    expect(text.overall).toContain('2024年收入预算471.04万元，其中：一般公共预算拨款收入451.04万元，单位资金收入20.00万元；支出预算471.04万元');
    expect(text.overall).toContain('另有上年结转资金5.00万元，不在年初预算之列。');
    expect(text.overall).not.toMatch(/较上年|持平/);

    const prior = buildBudgetTables({ lines: seedSlice().lines.filter((l) => l.economicCode !== '30217'), income: [] });
    const compared = budgetNarrative(t, { fiscalYear: 2024, prior, economicName: (c) => names[c] });
    expect(compared.threePublic).toContain('较上年预算增加0.68万元，增长7.55%，主要原因是【待补充：增减变化原因】。');
    const same = budgetNarrative(t, { fiscalYear: 2024, prior: t, economicName: (c) => names[c] });
    expect(same.threePublic).toMatch(/与上年预算持平。$/);
    expect(same.overall).toContain('支出预算与上年预算持平。');
  });
});

describe('year N rolling into N+1: CARRY_FORWARD_MATCHES_PRIOR_YEAR', () => {
  const carry = (over: Partial<CarryLine> & Pick<CarryLine, 'lineId' | 'amount'>): CarryLine => ({
    fundSource: 'GENERAL_BUDGET',
    unitCode: 'U1',
    functionCode: '2010302',
    projectCode: 'P1',
    ...over,
  });

  it('passes when every carried line comes back, by lineId or by what the line is', () => {
    const checks = carryForwardChecks({
      priorYear: 2023,
      priorClosed: true,
      carriedForward: [carry({ lineId: 'A', amount: 12_345n }), carry({ lineId: 'B', projectCode: 'P2', amount: 500n }), carry({ lineId: 'F', fundSource: 'GOV_FUND', amount: 7n })],
      carriedIn: [carry({ lineId: 'A', amount: 12_345n }), carry({ lineId: 'B-2024', projectCode: 'P2', amount: 500n }), carry({ lineId: 'F', fundSource: 'GOV_FUND', amount: 7n })],
    });
    expect(checks.map((c) => [c.rule, c.passed, c.expected, c.actual])).toEqual([
      ['CARRY_FORWARD_MATCHES_PRIOR_YEAR', true, 12_845n, 12_845n],
      ['CARRY_FORWARD_MATCHES_PRIOR_YEAR', true, 7n, 7n],
    ]);
    expect(checks[0].detail).toBe('一般公共预算：2023年结转 128.45 元，2024年上年结转 128.45 元，逐条一致');
  });

  it('fails on a crafted mismatch and names the lines and the difference, even when the fund totals agree', () => {
    const checks = carryForwardChecks({
      priorYear: 2023,
      priorClosed: true,
      carriedForward: [carry({ lineId: 'A', amount: 10_000n }), carry({ lineId: 'B', projectCode: 'P2', amount: 5_000n })],
      carriedIn: [carry({ lineId: 'A', amount: 12_000n }), carry({ lineId: 'B', projectCode: 'P2', amount: 3_000n })],
    });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ passed: false, expected: 15_000n, actual: 15_000n });
    expect(checks[0].detail).toContain('2010302 项目P1（单位 U1） 2023年结转 100.00（A），2024年上年结转 120.00（A），差 20.00');
    expect(checks[0].detail).toContain('项目P2');
  });

  it('flags a carry-in with nothing carried, and a carry-in before the prior year is closed', () => {
    const orphan = carryForwardChecks({ priorYear: 2023, priorClosed: true, carriedForward: [], carriedIn: [carry({ lineId: 'X', amount: 100n })] });
    expect(orphan[0]).toMatchObject({ passed: false, expected: 0n, actual: 100n });
    const open = carryForwardChecks({ priorYear: 2023, priorClosed: false, carriedForward: [], carriedIn: [carry({ lineId: 'X', amount: 100n })] });
    expect(open[0].detail).toContain('2023年尚未年终结账');
    expect(carryForwardChecks({ priorYear: 2023, priorClosed: false, carriedForward: [], carriedIn: [] })).toEqual([]);
    expect(carryForwardChecks({ priorYear: 2023, priorClosed: true, carriedForward: [], carriedIn: [] })[0]).toMatchObject({ passed: true });
  });
});
