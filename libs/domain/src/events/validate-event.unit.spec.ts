import { catalogue } from '../catalogue/catalogue';
import { validateEvent } from './validate-event';

const base = {
  eventId: 'tsy-2023-000123',
  type: 'PaymentMade',
  fiscalYear: 2023,
  departmentCode: '434',
  occurredOn: '2023-03-15',
  data: { lineId: 'L1', amount: '100.50', economicCode: '30201' },
};
const issue = {
  ...base,
  type: 'AppropriationIssued',
  data: { lineId: 'L1', unitCode: '434001', functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', stage: 'INITIAL', amount: '1000' },
};

function paths(raw: unknown): string[] {
  const v = validateEvent(raw, catalogue);
  return v.ok ? [] : v.problems.map((p) => p.path);
}

describe('structural validation (SPEC §10)', () => {
  it('accepts well-formed events', () => {
    expect(validateEvent(base, catalogue).ok).toBe(true);
    expect(validateEvent(issue, catalogue).ok).toBe(true);
  });

  it.each([
    ['a JSON number amount', { ...base, data: { ...base.data, amount: 100.5 } }, 'data.amount'],
    ['three decimals', { ...base, data: { ...base.data, amount: '1.005' } }, 'data.amount'],
    ['a zero amount', { ...base, data: { ...base.data, amount: '0' } }, 'data.amount'],
    ['a negative payment', { ...base, data: { ...base.data, amount: '-5' } }, 'data.amount'],
    ['a huge amount', { ...base, data: { ...base.data, amount: '1' + '0'.repeat(30) } }, 'data.amount'],
    ['an unknown type', { ...base, type: 'PaymentMaybe' }, 'type'],
    ['a bad eventId', { ...base, eventId: 'has space' }, 'eventId'],
    ['a long departmentCode', { ...base, departmentCode: 'x'.repeat(33) }, 'departmentCode'],
    ['an impossible date', { ...base, occurredOn: '2023-02-30' }, 'occurredOn'],
    ['a money event outside its year', { ...base, occurredOn: '2024-01-02' }, 'occurredOn'],
    ['a 3-digit payment economic code', { ...base, data: { ...base.data, economicCode: '302' } }, 'data.economicCode'],
    ['an economic code not in the catalogue', { ...base, data: { ...base.data, economicCode: '30298' } }, 'data.economicCode'],
    ['a missing field', { ...base, data: { amount: '1', economicCode: '30201' } }, 'data.lineId'],
    ['an unknown field', { ...base, data: { ...base.data, amout: '1' } }, 'data.amout'],
    ['a string fiscalYear', { ...base, fiscalYear: '2023' }, 'fiscalYear'],
    ['data that is not an object', { ...base, data: [] }, 'data'],
    ['a 5-digit function code on a line', { ...issue, data: { ...issue.data, functionCode: '20103' } }, 'data.functionCode'],
    ['a function class that does not exist', { ...issue, data: { ...issue.data, functionCode: '9990101' } }, 'data.functionCode'],
    ['PROJECT without projectCode', { ...issue, data: { ...issue.data, expenditureKind: 'PROJECT' } }, 'data.projectCode'],
    ['an unknown fund source', { ...issue, data: { ...issue.data, fundSource: 'LOTTERY' } }, 'data.fundSource'],
    ['a NUL character', { ...base, data: { ...base.data, payee: 'a\u0000b' } }, 'data.payee'],
    ['a transfer to the same line', { ...base, type: 'AppropriationTransferred', data: { fromLineId: 'L1', toLineId: 'L1', amount: '5', reason: 'x' } }, 'data.toLineId'],
  ])('refuses %s', (_what, raw, path) => expect(paths(raw)).toContain(path));

  it('allows a negative adjustment but not a zero one', () => {
    const adj = { ...base, type: 'AppropriationAdjusted', data: { lineId: 'L1', amount: '-20.5', reason: '调减' } };
    expect(validateEvent(adj, catalogue).ok).toBe(true);
    expect(paths({ ...adj, data: { ...adj.data, amount: '-0.00' } })).toContain('data.amount');
  });

  describe('disbursement plan checkpoints', () => {
    const plan = (checkpoints: unknown[]) => ({ ...base, type: 'DisbursementPlanSet', data: { scope: {}, checkpoints } });
    it('accepts the default 3/6/10/12 plan', () =>
      expect(validateEvent(plan([{ month: 3, cumulativePercent: '20' }, { month: 6, cumulativePercent: '40' }, { month: 10, cumulativePercent: '60' }, { month: 12, cumulativePercent: '100' }]), catalogue).ok).toBe(true));
    it.each([
      ['months not increasing', [{ month: 6, cumulativePercent: '40' }, { month: 6, cumulativePercent: '50' }, { month: 12, cumulativePercent: '100' }], 'data.checkpoints[1].month'],
      ['percents decreasing', [{ month: 3, cumulativePercent: '40' }, { month: 6, cumulativePercent: '30' }, { month: 12, cumulativePercent: '100' }], 'data.checkpoints[1].cumulativePercent'],
      ['not ending at 12/100', [{ month: 3, cumulativePercent: '20' }, { month: 11, cumulativePercent: '100' }], 'data.checkpoints[1]'],
      ['a percent over 100', [{ month: 12, cumulativePercent: '100.5' }], 'data.checkpoints[0].cumulativePercent'],
      ['month 13', [{ month: 13, cumulativePercent: '100' }], 'data.checkpoints[0].month'],
    ])('refuses %s', (_what, checkpoints, path) => expect(paths(plan(checkpoints))).toContain(path));
  });

  it('lets YearEndClosed and indicator events fall in the first half of the next year, but not later', () => {
    const close = { ...base, type: 'YearEndClosed', occurredOn: '2024-03-31', data: { carryForward: [] } };
    expect(validateEvent(close, catalogue).ok).toBe(true);
    expect(paths({ ...close, occurredOn: '2024-07-01' })).toContain('occurredOn');
  });

  it('lets PriorYearActualsDeclared carry any date', () => {
    const prior = { ...base, type: 'PriorYearActualsDeclared', occurredOn: '2025-05-01', data: { rows: [{ functionCode: '2010301', amount: '7209300' }] } };
    expect(validateEvent(prior, catalogue).ok).toBe(true);
  });

  it('refuses JSON nested deeper than any event', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    expect(paths({ ...base, data: { ...base.data, payee: deep } }).length).toBeGreaterThan(0);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses an unknown field named %s (the DTOs alone let it through)', (key) => {
    const text = JSON.stringify(base).replace('"amount"', `"${key}":"x","amount"`);
    expect(paths(JSON.parse(text))).toEqual([`data.${key}`]);
    expect(paths(JSON.parse(JSON.stringify(base).replace('"type"', `"${key}":1,"type"`)))).toEqual([key]);
  });
});

describe('the prior year’s 财政拨款 totals and their reason (情况说明 二 and 三)', () => {
  const declared = { ...base, type: 'PriorYearActualsDeclared', occurredOn: '2024-03-01', data: { rows: [], fiscalIncome: '22048200', fiscalExpenditure: '22048200.00', generalBudgetExpenditure: '22048200' } };
  const explained = { ...base, type: 'VarianceExplained', occurredOn: '2024-03-02', data: { scope: { fiscal: true }, reason: '2022年度其他收入为存量指标' } };

  it('accepts fiscalIncome, fiscalExpenditure, generalBudgetExpenditure and the scope {fiscal: true}', () => {
    expect(paths(declared)).toEqual([]);
    expect(paths(explained)).toEqual([]);
  });

  it('refuses a negative or JSON-number total and a scope naming two things', () => {
    expect(paths({ ...declared, data: { ...declared.data, fiscalIncome: '-1' } })).toEqual(['data.fiscalIncome']);
    expect(paths({ ...declared, data: { ...declared.data, generalBudgetExpenditure: 100 } })).toEqual(['data.generalBudgetExpenditure']);
    expect(paths({ ...explained, data: { ...explained.data, scope: { fiscal: true, total: true } } })).toEqual(['data.scope']);
  });
});
