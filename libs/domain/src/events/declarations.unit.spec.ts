import { catalogue } from '../catalogue/catalogue';
import { decide, evolve, requiredState } from '../ledger/ledger-rules';
import { LedgerState, scopedKey } from '../ledger/ledger-state';
import { contentHash } from './canonical';
import type { LedgerEvent } from './event-types';
import { validateEvent } from './validate-event';

/** Structural validation (SPEC §10) and ledger rules of the events of SPEC §11 and §12. */
const envelope = (type: string, data: Record<string, unknown>, occurredOn = '2024-03-31') => ({
  eventId: `${type}-1`,
  type,
  fiscalYear: 2023,
  departmentCode: '434',
  occurredOn,
  data,
});
const payment = (procurement: unknown, extra: Record<string, unknown> = {}) =>
  envelope('PaymentMade', { lineId: 'L1', amount: '72600', economicCode: '31002', procurement, ...extra }, '2023-06-01');
const assets = (data: Record<string, unknown> = {}) =>
  envelope('AssetsDeclared', { vehicles: [{ kind: 'PRINCIPAL', count: 1 }, { kind: 'OTHER', count: 4 }], specialEquipmentOver1M: 1, generalEquipmentOver500K: 0, ...data });
const activity = (data: Record<string, unknown> = {}) =>
  envelope('ThreePublicActivityDeclared', { outboundGroups: 2, outboundPeople: 3, vehiclesPurchased: 0, vehiclesHeld: 5, receptionBatches: 2, receptionPeople: 17, ...data });
const procurement = (data: Record<string, unknown> = {}) =>
  envelope('ProcurementDeclared', { goods: '72600', works: '0', services: '0', smeAwarded: '72600', smallMicroAwarded: '72600', ...data });
const policy = (executionScore: unknown, extra: Record<string, unknown> = {}) => envelope('EvaluationPolicySet', { executionScore, ...extra });
const deviation = (data: Record<string, unknown>) => envelope('DeviationExplained', { cause: '项目招标延期', measure: '加快支付进度', ...data });

function problems(raw: unknown): string[] {
  const v = validateEvent(raw, catalogue);
  return v.ok ? [] : v.problems.map((p) => p.path);
}

describe('validation of the events of SPEC §11 and §12', () => {
  it.each([
    ['a tagged payment (goods, SME, small/micro)', payment({ category: 'GOODS', smeAwarded: true, smallMicroAwarded: true })],
    ['a tagged payment with only a category', payment({ category: 'SERVICES' })],
    ['a payment with an economicName', payment(undefined, { economicName: '办公设备购置' })],
    ['an issue with an economicName', envelope('AppropriationIssued', { lineId: 'L1', unitCode: 'U', functionCode: '2010301', economicCode: '31002', economicName: '办公设备购置', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', stage: 'INITIAL', amount: '1' }, '2023-01-05')],
    ['ProcurementDeclared with zero amounts', procurement({ goods: '0', smeAwarded: '0', smallMicroAwarded: '0', goodsSme: '0' })],
    ['AssetsDeclared with every kind once', assets({ vehicles: ['MINISTERIAL', 'PRINCIPAL', 'CONFIDENTIAL', 'EMERGENCY', 'LAW_ENFORCEMENT', 'SPECIAL_TECHNICAL', 'RETIRED_CADRES', 'GENERAL', 'OTHER'].map((kind) => ({ kind, count: 0 })), note: '其他用车主要是用于下乡调研' })],
    ['ThreePublicActivityDeclared with foreign receptions', activity({ foreignReceptionBatches: 1, foreignReceptionPeople: 6 })],
    ['NarrativeDeclared', envelope('NarrativeDeclared', { section: 'DUTIES', text: '（一）负责区政府会议的准备工作' })],
    ['a PROPORTIONAL policy', policy({ scheme: 'PROPORTIONAL' })],
    ['a TIERED policy (泉港 2023)', policy({ scheme: 'TIERED', tiers: [{ minRate: '80', percentOfWeight: '100' }, { minRate: '60', percentOfWeight: '50' }] }, { executionWeight: '10' })],
    ['PerformanceGoalSet for 部门整体', envelope('PerformanceGoalSet', { projectCode: '*', expected: '保障机关高效运转', achieved: '已完成' })],
    ['DeviationExplained of an indicator', deviation({ indicatorId: 'I1', causeCategory: 'FUNDING', expectedActual: '95', likelihood: 'POSSIBLE' })],
    ['DeviationExplained of an execution line', deviation({ projectCode: 'P1' })],
    ['IndicatorDefined with a v2 level1', envelope('IndicatorDefined', { indicatorId: 'I1', projectCode: '*', level1: '决策指标', level2: '目标设定', name: '绩效目标合理性', comparator: 'QUALITATIVE', target: '合理', weight: '5' })],
  ])('accepts %s', (_what, raw) => expect(problems(raw)).toEqual([]));

  it.each([
    ['smallMicroAwarded without smeAwarded', payment({ category: 'GOODS', smallMicroAwarded: true }), 'data.procurement.smallMicroAwarded'],
    ['smallMicroAwarded with smeAwarded false', payment({ category: 'GOODS', smeAwarded: false, smallMicroAwarded: true }), 'data.procurement.smallMicroAwarded'],
    ['an unknown procurement category', payment({ category: 'GOODS_AND_SERVICES' }), 'data.procurement.category'],
    ['a procurement flag as a string', payment({ category: 'GOODS', smeAwarded: 'true' }), 'data.procurement.smeAwarded'],
    ['procurement that is not an object', payment('GOODS'), 'data.procurement'],
    ['an empty economicName', payment(undefined, { economicName: '' }), 'data.economicName'],
    ['a negative declared amount', procurement({ goods: '-1' }), 'data.goods'],
    ['a declared amount as a JSON number', procurement({ smeAwarded: 72600 }), 'data.smeAwarded'],
    ['a ProcurementDeclared without works', procurement({ works: undefined }), 'data.works'],
    ['a duplicate vehicle kind', assets({ vehicles: [{ kind: 'GENERAL', count: 1 }, { kind: 'GENERAL', count: 2 }] }), 'data.vehicles[1].kind'],
    ['an unknown vehicle kind', assets({ vehicles: [{ kind: 'TANK', count: 1 }] }), 'data.vehicles[0].kind'],
    ['a negative vehicle count', assets({ vehicles: [{ kind: 'GENERAL', count: -1 }] }), 'data.vehicles[0].count'],
    ['a fractional vehicle count', assets({ vehicles: [{ kind: 'GENERAL', count: 1.5 }] }), 'data.vehicles[0].count'],
    ['a count as a string', assets({ specialEquipmentOver1M: '1' }), 'data.specialEquipmentOver1M'],
    ['a fractional 三公 count', activity({ receptionPeople: 16.5 }), 'data.receptionPeople'],
    ['a negative 三公 count', activity({ outboundGroups: -2 }), 'data.outboundGroups'],
    ['a missing 三公 count', activity({ vehiclesHeld: undefined }), 'data.vehiclesHeld'],
    ['an unknown narrative section', envelope('NarrativeDeclared', { section: 'HISTORY', text: 'x' }), 'data.section'],
    ['an empty narrative', envelope('NarrativeDeclared', { section: 'DUTIES', text: '' }), 'data.text'],
    ['a narrative over 200 000 characters', envelope('NarrativeDeclared', { section: 'DUTIES', text: '字'.repeat(200_001) }), 'data.text'],
    ['a TIERED policy without tiers', policy({ scheme: 'TIERED' }), 'data.executionScore.tiers'],
    ['a TIERED policy with an empty tier list', policy({ scheme: 'TIERED', tiers: [] }), 'data.executionScore.tiers'],
    ['two tiers with the same minRate', policy({ scheme: 'TIERED', tiers: [{ minRate: '80', percentOfWeight: '100' }, { minRate: '80.0', percentOfWeight: '50' }] }), 'data.executionScore.tiers[1].minRate'],
    ['a minRate over 100', policy({ scheme: 'TIERED', tiers: [{ minRate: '101', percentOfWeight: '100' }] }), 'data.executionScore.tiers[0].minRate'],
    ['a percentOfWeight over 100', policy({ scheme: 'TIERED', tiers: [{ minRate: '80', percentOfWeight: '120' }] }), 'data.executionScore.tiers[0].percentOfWeight'],
    ['a PROPORTIONAL policy with tiers', policy({ scheme: 'PROPORTIONAL', tiers: [{ minRate: '80', percentOfWeight: '100' }] }), 'data.executionScore.tiers'],
    ['an unknown scheme', policy({ scheme: 'LINEAR' }), 'data.executionScore.scheme'],
    ['an executionWeight as a number', policy({ scheme: 'PROPORTIONAL' }, { executionWeight: 10 }), 'data.executionWeight'],
    ['a goal without expected', envelope('PerformanceGoalSet', { projectCode: 'P1' }), 'data.expected'],
    ['a deviation naming both an indicator and a project', deviation({ indicatorId: 'I1', projectCode: 'P1' }), 'data'],
    ['a deviation naming neither', deviation({}), 'data'],
    ['a deviation without measure', envelope('DeviationExplained', { indicatorId: 'I1', cause: 'x' }), 'data.measure'],
    ['an unknown cause category', deviation({ indicatorId: 'I1', causeCategory: 'WEATHER' }), 'data.causeCategory'],
    ['an unknown likelihood', deviation({ indicatorId: 'I1', likelihood: 'MAYBE' }), 'data.likelihood'],
    ['an unknown level1', envelope('IndicatorDefined', { indicatorId: 'I1', projectCode: '*', level1: '影响指标', level2: 'x', name: 'x', comparator: 'BOOL', target: 'true', weight: '5' }), 'data.level1'],
  ])('refuses %s', (_what, raw, path) => expect(problems(raw)).toContain(path));

  it('lets every declaration fall in the fiscal year or the first half of the next, not later', () => {
    for (const raw of [procurement(), assets(), activity(), envelope('NarrativeDeclared', { section: 'DUTIES', text: 'x' }), policy({ scheme: 'PROPORTIONAL' }), envelope('PerformanceGoalSet', { projectCode: 'P1', expected: 'x' }), deviation({ projectCode: 'P1' })]) {
      expect(problems({ ...raw, occurredOn: '2023-01-01' })).toEqual([]);
      expect(problems({ ...raw, occurredOn: '2024-06-30' })).toEqual([]);
      expect(problems({ ...raw, occurredOn: '2024-07-01' })).toContain('occurredOn');
      expect(problems({ ...raw, occurredOn: '2022-12-31' })).toContain('occurredOn');
    }
  });

  it('keeps a tagged payment a money event: inside its fiscal year only', () => {
    expect(problems({ ...payment({ category: 'GOODS' }), occurredOn: '2024-01-02' })).toContain('occurredOn');
  });
});

describe('ledger rules of the declarations', () => {
  let n = 0;
  const ev = (type: string, data: Record<string, unknown>): LedgerEvent =>
    ({ eventId: `d${++n}`, type, fiscalYear: 2023, departmentCode: '434', occurredOn: '2023-12-31', data }) as LedgerEvent;
  const apply = (state: LedgerState, e: LedgerEvent) => {
    const d = decide(state, e, contentHash(e));
    if (d.status === 'APPLIED') evolve(state, e, contentHash(e), null);
    return d.status === 'REJECTED' ? d.rejection.code : d.status;
  };
  const closedYear = () => {
    const state = new LedgerState();
    apply(state, ev('AppropriationIssued', { lineId: 'L1', unitCode: 'U', functionCode: '2010301', fundSource: 'GENERAL_BUDGET', expenditureKind: 'BASIC', stage: 'INITIAL', amount: '100' }));
    apply(state, ev('IndicatorDefined', { indicatorId: 'I1', projectCode: '*', level1: '产出指标', level2: '数量指标', name: 'x', comparator: 'GTE', target: '10', weight: '10' }));
    expect(apply(state, ev('YearEndClosed', { carryForward: [] }))).toBe('APPLIED');
    return state;
  };

  it('accepts every declaration after YearEndClosed, while a tagged payment is YEAR_CLOSED', () => {
    const state = closedYear();
    expect(apply(state, ev('PaymentMade', { lineId: 'L1', amount: '1', economicCode: '31002', procurement: { category: 'GOODS' } }))).toBe('YEAR_CLOSED');
    for (const e of [
      ev('ProcurementDeclared', { goods: '1', works: '0', services: '0', smeAwarded: '0', smallMicroAwarded: '0' }),
      ev('AssetsDeclared', { vehicles: [], specialEquipmentOver1M: 0, generalEquipmentOver500K: 0 }),
      ev('ThreePublicActivityDeclared', { outboundGroups: 0, outboundPeople: 0, vehiclesPurchased: 0, vehiclesHeld: 0, receptionBatches: 0, receptionPeople: 0 }),
      ev('NarrativeDeclared', { section: 'DUTIES', text: 'x' }),
      ev('EvaluationPolicySet', { executionScore: { scheme: 'PROPORTIONAL' } }),
      ev('PerformanceGoalSet', { projectCode: '*', expected: 'x' }),
      ev('DeviationExplained', { indicatorId: 'I1', cause: 'x', measure: 'y' }),
      ev('DeviationExplained', { projectCode: 'ANY', cause: 'x', measure: 'y' }),
    ]) {
      expect(apply(state, e)).toBe('APPLIED');
    }
  });

  it('UNKNOWN_INDICATOR for a deviation of an indicator never defined; the batch loads the indicator it names', () => {
    const state = closedYear();
    expect(apply(state, ev('DeviationExplained', { indicatorId: 'NOPE', cause: 'x', measure: 'y' }))).toBe('UNKNOWN_INDICATOR');
    const e = ev('DeviationExplained', { indicatorId: 'I9', cause: 'x', measure: 'y' });
    expect([...requiredState([e]).indicators]).toEqual([scopedKey('434', 2023, 'I9')]);
  });

  it('declarations change no ledger state', () => {
    const state = closedYear();
    state.clearDirty();
    const before = JSON.stringify([...state.lines.values()], (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    apply(state, ev('AssetsDeclared', { vehicles: [{ kind: 'GENERAL', count: 1 }], specialEquipmentOver1M: 0, generalEquipmentOver500K: 0 }));
    apply(state, ev('DeviationExplained', { indicatorId: 'I1', cause: 'x', measure: 'y' }));
    expect(JSON.stringify([...state.lines.values()], (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before);
    expect(state.dirtyLines.size + state.dirtyIndicators.size + state.newlyClosedYears.size).toBe(0);
  });
});
