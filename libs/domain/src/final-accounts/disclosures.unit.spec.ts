import type { DeclarationsInForce } from '../events/declarations';
import { buildDisclosures, disclosureChecks, NO_TAGGED_PAYMENTS, type ProcurementFromPayments } from './disclosures';

/** Figures worked by hand; seed 000 is the published 2023 决算 of 泉港区人民政府办公室. */
const tables = { generalBudgetBasic: { rows: [], personnelTotal: 0n, publicTotal: 14_291_000n } }; // 142.91 万元
const none: DeclarationsInForce = { narratives: {}, goals: new Map(), deviations: new Map() };
const paid = (p: Partial<ProcurementFromPayments>): ProcurementFromPayments => ({ ...NO_TAGGED_PAYMENTS, ...p });
const ruleOf = (rule: string, checks: ReturnType<typeof disclosureChecks>) => checks.find((c) => c.rule === rule)!;

describe('disclosures (SPEC §11)', () => {
  it('seed 000: 政府采购 7.26 万元, all goods, all to SMEs and small/micro firms', () => {
    const d = buildDisclosures({ declarations: none, procurementFromPayments: paid({ GOODS: { amount: 7_260_000n, sme: 7_260_000n, smallMicro: 7_260_000n } }), tables });
    expect(d.procurement).toEqual({
      source: 'PAYMENTS',
      total: 7_260_000n,
      goods: 7_260_000n,
      works: 0n,
      services: 0n,
      smeAwarded: 7_260_000n,
      smeShare: '100.00',
      smallMicroAwarded: 7_260_000n,
      smallMicroShareOfSme: '100.00',
      goodsSme: 7_260_000n,
      worksSme: 0n,
      servicesSme: 0n,
      goodsSmeShare: '100.00',
      worksSmeShare: null,
      servicesSmeShare: null,
    });
    expect(d.agencyOperatingCosts).toBe(14_291_000n);
  });

  it('shares from mixed tagged payments, rounded half-up once', () => {
    // goods 32.00 of which SME 1.00 (small/micro 1.00); services 1468.00 of which SME 799.00; total 1500.00.
    const d = buildDisclosures({
      declarations: none,
      procurementFromPayments: paid({ GOODS: { amount: 3_200n, sme: 100n, smallMicro: 100n }, SERVICES: { amount: 146_800n, sme: 79_900n, smallMicro: 0n } }),
      tables,
    });
    expect(d.procurement.total).toBe(150_000n);
    expect(d.procurement.smeAwarded).toBe(80_000n);
    expect(d.procurement.smeShare).toBe('53.33'); // 800 / 1500
    expect(d.procurement.smallMicroShareOfSme).toBe('0.13'); // 1 / 800 = 0.125 → half-up
    expect(d.procurement.goodsSmeShare).toBe('3.13'); // 1 / 32 = 3.125 → half-up
    expect(d.procurement.servicesSmeShare).toBe('54.43'); // 799 / 1468 = 54.4277…
    expect(d.procurement.worksSmeShare).toBeNull();
  });

  it('no procurement at all: zero amounts and null shares', () => {
    const p = buildDisclosures({ declarations: none, procurementFromPayments: NO_TAGGED_PAYMENTS, tables }).procurement;
    expect([p.total, p.smeAwarded, p.smallMicroAwarded]).toEqual([0n, 0n, 0n]);
    expect([p.smeShare, p.smallMicroShareOfSme, p.goodsSmeShare, p.worksSmeShare, p.servicesSmeShare]).toEqual([null, null, null, null, null]);
  });

  it('a ProcurementDeclared replaces the payments; category SME parts it does not give stay null', () => {
    const declarations: DeclarationsInForce = {
      ...none,
      ProcurementDeclared: { goods: '60000', works: '0', services: '20000', smeAwarded: '50000', smallMicroAwarded: '10000', servicesSme: '20000' },
    };
    const p = buildDisclosures({ declarations, procurementFromPayments: paid({ GOODS: { amount: 100n, sme: 100n, smallMicro: 100n } }), tables }).procurement;
    expect(p.source).toBe('DECLARED');
    expect(p.total).toBe(8_000_000n);
    expect(p.goods).toBe(6_000_000n);
    expect(p.smeShare).toBe('62.50'); // 50000 / 80000
    expect(p.smallMicroShareOfSme).toBe('20.00');
    expect(p.goodsSme).toBeNull();
    expect(p.goodsSmeShare).toBeNull();
    expect(p.servicesSmeShare).toBe('100.00');
    expect(p.worksSmeShare).toBeNull();
  });

  it('seed 000 assets and 三公 counts; null until declared', () => {
    expect(buildDisclosures({ declarations: none, procurementFromPayments: NO_TAGGED_PAYMENTS, tables })).toMatchObject({ assets: null, threePublicActivity: null, narratives: {} });
    const d = buildDisclosures({
      declarations: {
        ...none,
        AssetsDeclared: {
          vehicles: [
            { kind: 'PRINCIPAL', count: 1 },
            { kind: 'CONFIDENTIAL', count: 1 },
            { kind: 'EMERGENCY', count: 1 },
            { kind: 'GENERAL', count: 1 },
            { kind: 'OTHER', count: 1 },
          ],
          specialEquipmentOver1M: 1,
          generalEquipmentOver500K: 0,
        },
        ThreePublicActivityDeclared: { outboundGroups: 2, outboundPeople: 3, vehiclesPurchased: 0, vehiclesHeld: 5, receptionBatches: 2, receptionPeople: 17 },
        narratives: { DUTIES: '负责区政府的日常运转', OTHER_MATTERS: '无' },
      },
      procurementFromPayments: NO_TAGGED_PAYMENTS,
      tables,
    });
    expect(d.assets).toEqual({
      vehicles: { total: 5, MINISTERIAL: 0, PRINCIPAL: 1, CONFIDENTIAL: 1, EMERGENCY: 1, LAW_ENFORCEMENT: 0, SPECIAL_TECHNICAL: 0, RETIRED_CADRES: 0, GENERAL: 1, OTHER: 1 },
      specialEquipmentOver1M: 1,
      generalEquipmentOver500K: 0,
      note: null,
    });
    expect(d.threePublicActivity).toEqual({
      outboundGroups: 2,
      outboundPeople: 3,
      vehiclesPurchased: 0,
      vehiclesHeld: 5,
      receptionBatches: 2,
      receptionPeople: 17,
      foreignReceptionBatches: null,
      foreignReceptionPeople: null,
    });
    expect(d.narratives).toEqual({ DUTIES: '负责区政府的日常运转', OTHER_MATTERS: '无' });
  });
});

describe('disclosure checks (SPEC §9, §11)', () => {
  const bare = buildDisclosures({ declarations: none, procurementFromPayments: NO_TAGGED_PAYMENTS, tables });
  const declared = buildDisclosures({
    declarations: {
      ...none,
      AssetsDeclared: { vehicles: [], specialEquipmentOver1M: 0, generalEquipmentOver500K: 0 },
      ThreePublicActivityDeclared: { outboundGroups: 0, outboundPeople: 0, vehiclesPurchased: 0, vehiclesHeld: 0, receptionBatches: 0, receptionPeople: 0 },
    },
    procurementFromPayments: NO_TAGGED_PAYMENTS,
    tables,
  });

  it('DISCLOSURES_DECLARED fails once the year is closed and says what is missing', () => {
    const c = ruleOf('DISCLOSURES_DECLARED', disclosureChecks(bare, true));
    expect(c.passed).toBe(false);
    expect(c.detail).toContain('待补充：国有资产占用情况（AssetsDeclared）');
    expect(c.detail).toContain('ThreePublicActivityDeclared');
    expect([c.expected, c.actual]).toEqual([2n, 0n]);
  });

  it('DISCLOSURES_DECLARED names only the missing one', () => {
    const half = buildDisclosures({ declarations: { ...none, AssetsDeclared: { vehicles: [], specialEquipmentOver1M: 0, generalEquipmentOver500K: 0 } }, procurementFromPayments: NO_TAGGED_PAYMENTS, tables });
    const c = ruleOf('DISCLOSURES_DECLARED', disclosureChecks(half, true));
    expect(c.passed).toBe(false);
    expect(c.detail).not.toContain('AssetsDeclared');
    expect(c.detail).toContain('ThreePublicActivityDeclared');
  });

  it('DISCLOSURES_DECLARED passes before closing (as a reminder) and once both are declared', () => {
    const open = ruleOf('DISCLOSURES_DECLARED', disclosureChecks(bare, false));
    expect(open.passed).toBe(true);
    expect(open.detail).toContain('AssetsDeclared');
    expect(ruleOf('DISCLOSURES_DECLARED', disclosureChecks(declared, true)).passed).toBe(true);
  });

  const procurement = (p: Record<string, string>) =>
    ruleOf(
      'PROCUREMENT_SHARES',
      disclosureChecks(
        buildDisclosures({
          declarations: { ...none, ProcurementDeclared: { goods: '100', works: '0', services: '0', smeAwarded: '100', smallMicroAwarded: '50', ...p } },
          procurementFromPayments: NO_TAGGED_PAYMENTS,
          tables,
        }),
        true,
      ),
    );

  it('PROCUREMENT_SHARES passes for payments and for consistent declared figures', () => {
    expect(ruleOf('PROCUREMENT_SHARES', disclosureChecks(bare, true)).passed).toBe(true);
    expect(procurement({ goodsSme: '100', total: '100' }).passed).toBe(true);
  });

  it.each([
    ['SME above the total', { smeAwarded: '100.01' }, 10_000n, 10_001n, '授予中小企业合同金额不超过政府采购支出总额'],
    ['small/micro above SME', { smallMicroAwarded: '100.01' }, 10_000n, 10_001n, '授予小微企业合同金额不超过授予中小企业合同金额'],
    ['goods SME above goods', { goodsSme: '120' }, 10_000n, 12_000n, '货物类授予中小企业金额不超过货物支出'],
    ['a total that is not goods + works + services', { total: '90', smeAwarded: '90' }, 10_000n, 9_000n, '政府采购支出总额等于货物、工程、服务支出之和'],
  ])('PROCUREMENT_SHARES fails on %s', (_what, p, expected, actual, label) => {
    const c = procurement(p);
    expect(c.passed).toBe(false);
    expect([c.expected, c.actual]).toEqual([expected, actual]);
    expect(c.detail).toContain(label);
  });
});
