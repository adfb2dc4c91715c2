import { missingInput } from '../final-accounts/variance';
import { formatWan, percent, withThousands, type Fen } from '../money';
import type { BudgetTables } from './budget-tables';

/**
 * The 情况说明 sentences the published 部门预算 print (seeds 001, 004), drafted from the tables (SPEC §14):
 * 收支预算总体情况, 机关运行经费安排 and 财政拨款“三公”经费预算情况及增减变化原因. Figures in 万元 as the documents
 * print them. A comparison with last year is made only from last year's budget tables in the system; without them the
 * 三公 sentence, whose heading promises 增减变化原因, carries a visible placeholder (SPEC §11: never 持平 without data).
 */
export interface BudgetNarrative {
  overall: string;
  agencyOperatingCosts: string;
  threePublic: string;
}

export interface BudgetNarrativeContext {
  fiscalYear: number;
  /** Last year's budget tables when the system holds its INITIAL issues, else null. */
  prior: BudgetTables | null;
  economicName: (code: string) => string | undefined;
}

const wan = (fen: Fen) => withThousands(formatWan(fen < 0n ? -fen : fen));

/** 较上年预算增加 X 万元，增长 Y% / 减少 … 下降 … / 与上年预算持平. */
function change(current: Fen, prior: Fen): string {
  const delta = current - prior;
  if (delta === 0n) return '与上年预算持平';
  const [verb, rateVerb] = delta > 0n ? ['增加', '增长'] : ['减少', '下降'];
  const rate = percent(delta < 0n ? -delta : delta, prior);
  return `较上年预算${verb}${wan(delta)}万元${rate === null ? '' : `，${rateVerb}${rate}%`}`;
}

export function budgetNarrative(t: BudgetTables, ctx: BudgetNarrativeContext): BudgetNarrative {
  const y = ctx.fiscalYear;
  const s = t.summary;
  const e = t.expenditure.rows[0].values;
  const basicTable = t.generalBudgetBasic.rows.find((r) => r.code === 'TOTAL')!.values;

  const incomeParts = (
    [
      ['一般公共预算拨款收入', s.income.generalBudget],
      ['政府性基金预算拨款收入', s.income.govFund],
      ['国有资本经营预算拨款收入', s.income.stateCapital],
      ['财政专户管理资金收入', s.income.specialAccount],
      ['单位资金收入', s.income.unitFunds],
    ] as const
  )
    .filter(([, v]) => v !== 0n)
    .map(([label, v]) => `${label}${wan(v)}万元`);
  // 人员经费 / 公用经费 of 基本支出 as the 基本支出表 splits them, when it covers all of 基本支出 (one fund).
  const split = basicTable.total === e.basic && e.basic !== 0n ? `（人员经费${wan(basicTable.personnel)}万元、公用经费${wan(basicTable.public)}万元）` : '';
  const spendingParts = (
    [
      ['基本支出', e.basic, split],
      ['项目支出', e.project, ''],
      ['经营支出', e.operating, ''],
      ['上缴上级支出', e.remitToHigher, ''],
      ['对附属单位补助支出', e.subsidyToSubsidiary, ''],
    ] as const
  )
    .filter(([, v]) => v !== 0n)
    .map(([label, v, extra]) => `${label}${wan(v)}万元${extra}`);
  let overall =
    `${y}年收入预算${wan(s.income.totalIncome)}万元${incomeParts.length ? `，其中：${incomeParts.join('，')}` : ''}；` +
    `支出预算${wan(s.expenditure.totalExpenditure)}万元${spendingParts.length ? `，其中：${spendingParts.join('，')}` : ''}。`;
  if (ctx.prior) {
    const p = ctx.prior.expenditure.rows[0].values;
    const details = [
      ['基本支出', e.basic, p.basic],
      ['项目支出', e.project, p.project],
    ]
      .filter(([, c, q]) => c !== q)
      .map(([label, c, q]) => `${label}${(c as Fen) > (q as Fen) ? '增加' : '减少'}${wan((c as Fen) - (q as Fen))}万元`);
    overall += `支出预算${change(s.expenditure.totalExpenditure, ctx.prior.summary.expenditure.totalExpenditure)}${details.length ? `，其中：${details.join('，')}` : ''}。`;
  }
  if (t.carriedIn !== 0n) overall += `另有上年结转资金${wan(t.carriedIn)}万元，不在年初预算之列。`;

  const items = t.generalBudgetBasic.rows.filter((r) => r.code !== 'TOTAL' && r.code.length === 5 && r.values.public !== 0n);
  const agencyOperatingCosts =
    t.agencyOperatingCosts === 0n
      ? `${y}年未安排机关运行经费。`
      : `机关运行经费共计安排${wan(t.agencyOperatingCosts)}万元，主要用于单位日常办公运转所需支出。` +
        `包括${items.map((r) => `${ctx.economicName(r.code) ?? missingInput(`${r.code}科目名称`)}${wan(r.values.public)}万元`).join('，')}。`;

  const tp = t.threePublic;
  let threePublic =
    `${y}年，我部门财政拨款“三公”经费预算安排${wan(tp.total.total)}万元，其中：因公出国（境）费${wan(tp.overseasTravel.total)}万元；` +
    `公务用车购置及运维费${wan(tp.vehicleTotal.total)}万元（其中：公务用车购置费${wan(tp.vehiclePurchase.total)}万元，公务用车运行维护费${wan(tp.vehicleOperation.total)}万元）；` +
    `公务接待费${wan(tp.reception.total)}万元。`;
  if (!ctx.prior) threePublic += missingInput('与上年“三公”经费预算相比的增减变化及原因');
  else {
    const prior = ctx.prior.threePublic.total.total;
    threePublic += `${change(tp.total.total, prior)}${tp.total.total === prior ? '。' : `，主要原因是${missingInput('增减变化原因')}。`}`;
  }
  return { overall, agencyOperatingCosts, threePublic };
}
