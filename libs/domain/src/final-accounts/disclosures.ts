import { NARRATIVE_SECTIONS, PROCUREMENT_CATEGORIES, VEHICLE_KINDS, type NarrativeSection, type ProcurementCategory, type VehicleKind } from '../codes';
import type { DeclarationsInForce } from '../events/declarations';
import type { ThreePublicActivityData } from '../events/event-types';
import { formatYuan, parseYuan, percent, type Fen } from '../money';
import type { ConsistencyCheck } from './consistency-checks';
import type { FinalAccountsTables } from './final-accounts-tables';

/**
 * Year-end disclosures of the 决算 (SPEC §11): 政府采购, 国有资产占用, the 三公 activity counts, 机关运行经费 and the
 * narrative sections — what every published 部门决算 prints beside its nine tables (seed 000, 第三部分 情况说明).
 */

/** Net payments carrying `procurement`, per category: all of them, those awarded to SMEs, those to small/micro firms. */
export type ProcurementFromPayments = Record<ProcurementCategory, { amount: Fen; sme: Fen; smallMicro: Fen }>;

export const NO_TAGGED_PAYMENTS: Readonly<ProcurementFromPayments> = Object.freeze({
  GOODS: { amount: 0n, sme: 0n, smallMicro: 0n },
  WORKS: { amount: 0n, sme: 0n, smallMicro: 0n },
  SERVICES: { amount: 0n, sme: 0n, smallMicro: 0n },
});

export interface ProcurementDisclosure {
  /** `DECLARED` when a ProcurementDeclared is in force, else `PAYMENTS` (tagged payments). */
  source: 'PAYMENTS' | 'DECLARED';
  total: Fen;
  goods: Fen;
  works: Fen;
  services: Fen;
  smeAwarded: Fen;
  /** smeAwarded / total × 100, 2 decimals; null when total is 0. */
  smeShare: string | null;
  smallMicroAwarded: Fen;
  /** smallMicroAwarded / smeAwarded × 100; null when smeAwarded is 0. */
  smallMicroShareOfSme: string | null;
  /** SME-awarded amount per category; null when a declaration does not give it. */
  goodsSme: Fen | null;
  worksSme: Fen | null;
  servicesSme: Fen | null;
  goodsSmeShare: string | null;
  worksSmeShare: string | null;
  servicesSmeShare: string | null;
}

export interface AssetsDisclosure {
  /** Vehicles by kind (every kind, 0 when not listed) and their total. */
  vehicles: { total: number } & Record<VehicleKind, number>;
  specialEquipmentOver1M: number;
  generalEquipmentOver500K: number;
  note: string | null;
}

/** The declared 三公 counts; the optional foreign-reception counts are null when not declared (never an invented 0). */
export type ThreePublicActivityDisclosure = Omit<ThreePublicActivityData, 'foreignReceptionBatches' | 'foreignReceptionPeople'> & {
  foreignReceptionBatches: number | null;
  foreignReceptionPeople: number | null;
};

export interface Disclosures {
  procurement: ProcurementDisclosure;
  /** null until an AssetsDeclared is in force. */
  assets: AssetsDisclosure | null;
  /** null until a ThreePublicActivityDeclared is in force. */
  threePublicActivity: ThreePublicActivityDisclosure | null;
  /** 机关运行经费 (SPEC §8) = 一般公共预算财政拨款基本支出 公用经费 = table 06's publicTotal. */
  agencyOperatingCosts: Fen;
  /** Declared narrative text per section, printed as written. */
  narratives: Partial<Record<NarrativeSection, string>>;
}

export interface DisclosureInputs {
  declarations: Pick<DeclarationsInForce, 'ProcurementDeclared' | 'AssetsDeclared' | 'ThreePublicActivityDeclared' | 'narratives'>;
  procurementFromPayments: ProcurementFromPayments;
  tables: Pick<FinalAccountsTables, 'generalBudgetBasic'>;
}

export function buildDisclosures({ declarations, procurementFromPayments, tables }: DisclosureInputs): Disclosures {
  return {
    procurement: declarations.ProcurementDeclared ? declaredProcurement(declarations.ProcurementDeclared) : paymentsProcurement(procurementFromPayments),
    assets: declarations.AssetsDeclared ? assetsDisclosure(declarations.AssetsDeclared) : null,
    threePublicActivity: declarations.ThreePublicActivityDeclared ? threePublicActivity(declarations.ThreePublicActivityDeclared) : null,
    agencyOperatingCosts: tables.generalBudgetBasic.publicTotal,
    narratives: Object.fromEntries(
      (Object.keys(NARRATIVE_SECTIONS) as NarrativeSection[]).filter((s) => declarations.narratives[s] !== undefined).map((s) => [s, declarations.narratives[s]!]),
    ),
  };
}

/** SPEC §11: shares are percentages of the amounts, null on a zero denominator. */
function shares(p: Omit<ProcurementDisclosure, 'smeShare' | 'smallMicroShareOfSme' | 'goodsSmeShare' | 'worksSmeShare' | 'servicesSmeShare'>): ProcurementDisclosure {
  const share = (part: Fen | null, whole: Fen) => (part === null ? null : percent(part, whole));
  return {
    ...p,
    smeShare: share(p.smeAwarded, p.total),
    smallMicroShareOfSme: share(p.smallMicroAwarded, p.smeAwarded),
    goodsSmeShare: share(p.goodsSme, p.goods),
    worksSmeShare: share(p.worksSme, p.works),
    servicesSmeShare: share(p.servicesSme, p.services),
  };
}

function paymentsProcurement(paid: ProcurementFromPayments): ProcurementDisclosure {
  const categories = Object.keys(PROCUREMENT_CATEGORIES) as ProcurementCategory[];
  const sum = (pick: (c: ProcurementCategory) => Fen) => categories.reduce((a, c) => a + pick(c), 0n);
  return shares({
    source: 'PAYMENTS',
    total: sum((c) => paid[c].amount),
    goods: paid.GOODS.amount,
    works: paid.WORKS.amount,
    services: paid.SERVICES.amount,
    smeAwarded: sum((c) => paid[c].sme),
    smallMicroAwarded: sum((c) => paid[c].smallMicro),
    goodsSme: paid.GOODS.sme,
    worksSme: paid.WORKS.sme,
    servicesSme: paid.SERVICES.sme,
  });
}

function declaredProcurement(d: NonNullable<DeclarationsInForce['ProcurementDeclared']>): ProcurementDisclosure {
  const opt = (v: string | undefined) => (v === undefined ? null : parseYuan(v));
  const goods = parseYuan(d.goods);
  const works = parseYuan(d.works);
  const services = parseYuan(d.services);
  return shares({
    source: 'DECLARED',
    // The published 总额 when declared (PROCUREMENT_SHARES checks it against the categories), else their sum.
    total: d.total !== undefined ? parseYuan(d.total) : goods + works + services,
    goods,
    works,
    services,
    smeAwarded: parseYuan(d.smeAwarded),
    smallMicroAwarded: parseYuan(d.smallMicroAwarded),
    goodsSme: opt(d.goodsSme),
    worksSme: opt(d.worksSme),
    servicesSme: opt(d.servicesSme),
  });
}

function assetsDisclosure(d: NonNullable<DeclarationsInForce['AssetsDeclared']>): AssetsDisclosure {
  const byKind = Object.fromEntries((Object.keys(VEHICLE_KINDS) as VehicleKind[]).map((k) => [k, 0])) as Record<VehicleKind, number>;
  for (const v of d.vehicles) byKind[v.kind] = v.count;
  return {
    vehicles: { total: d.vehicles.reduce((a, v) => a + v.count, 0), ...byKind },
    specialEquipmentOver1M: d.specialEquipmentOver1M,
    generalEquipmentOver500K: d.generalEquipmentOver500K,
    note: d.note ?? null,
  };
}

function threePublicActivity(d: ThreePublicActivityData): ThreePublicActivityDisclosure {
  return {
    outboundGroups: d.outboundGroups,
    outboundPeople: d.outboundPeople,
    vehiclesPurchased: d.vehiclesPurchased,
    vehiclesHeld: d.vehiclesHeld,
    receptionBatches: d.receptionBatches,
    receptionPeople: d.receptionPeople,
    foreignReceptionBatches: d.foreignReceptionBatches ?? null,
    foreignReceptionPeople: d.foreignReceptionPeople ?? null,
  };
}

/**
 * §9 checks of the disclosures (SPEC §11):
 * - `DISCLOSURES_DECLARED`: once the year is closed, 国有资产占用 and the 三公 counts must be declared. Its
 *   `expected`/`actual` are counts of declarations (required / present), not amounts.
 * - `PROCUREMENT_SHARES`: declared figures are consistent — SME ≤ total, small/micro ≤ SME, each category's SME
 *   part ≤ the category, a declared total = goods + works + services. Figures from payments are consistent by
 *   construction and pass. `expected`/`actual` are the first failing pair in 分 (the bound and the figure).
 */
export function disclosureChecks(disclosures: Disclosures, closed: boolean): ConsistencyCheck[] {
  return [declaredCheck(disclosures, closed), procurementCheck(disclosures.procurement)];
}

function declaredCheck(d: Disclosures, closed: boolean): ConsistencyCheck {
  const missing = [
    ...(d.assets === null ? ['国有资产占用情况（AssetsDeclared）'] : []),
    ...(d.threePublicActivity === null ? ['“三公”经费活动量：出国团组、接待批次、公务用车数量等（ThreePublicActivityDeclared）'] : []),
  ];
  const required = 2n;
  const present = required - BigInt(missing.length);
  if (!missing.length) return { rule: 'DISCLOSURES_DECLARED', passed: true, expected: required, actual: present, detail: '国有资产占用情况和“三公”经费活动量均已填报' };
  return closed
    ? { rule: 'DISCLOSURES_DECLARED', passed: false, expected: required, actual: present, detail: `待补充：${missing.join('；')}` }
    : { rule: 'DISCLOSURES_DECLARED', passed: true, expected: required, actual: present, detail: `年度尚未结账；结账后须填报：${missing.join('；')}` };
}

function procurementCheck(p: ProcurementDisclosure): ConsistencyCheck {
  if (p.source === 'PAYMENTS') {
    return { rule: 'PROCUREMENT_SHARES', passed: true, expected: p.total, actual: p.total, detail: '政府采购数据取自带采购标记的支付，各项金额一致' };
  }
  const relations: { label: string; bound: Fen; value: Fen; equal?: boolean }[] = [
    { label: '授予中小企业合同金额不超过政府采购支出总额', bound: p.total, value: p.smeAwarded },
    { label: '授予小微企业合同金额不超过授予中小企业合同金额', bound: p.smeAwarded, value: p.smallMicroAwarded },
    ...(p.goodsSme !== null ? [{ label: '货物类授予中小企业金额不超过货物支出', bound: p.goods, value: p.goodsSme }] : []),
    ...(p.worksSme !== null ? [{ label: '工程类授予中小企业金额不超过工程支出', bound: p.works, value: p.worksSme }] : []),
    ...(p.servicesSme !== null ? [{ label: '服务类授予中小企业金额不超过服务支出', bound: p.services, value: p.servicesSme }] : []),
    { label: '政府采购支出总额等于货物、工程、服务支出之和', bound: p.goods + p.works + p.services, value: p.total, equal: true },
  ];
  const failed = relations.filter((r) => (r.equal ? r.value !== r.bound : r.value > r.bound));
  if (!failed.length) return { rule: 'PROCUREMENT_SHARES', passed: true, expected: p.total, actual: p.total, detail: '填报的政府采购金额与占比一致' };
  return {
    rule: 'PROCUREMENT_SHARES',
    passed: false,
    expected: failed[0].bound,
    actual: failed[0].value,
    detail: `填报的政府采购数据不一致：${failed.map((r) => `${r.label}（应${r.equal ? '为' : '不超过'} ${formatYuan(r.bound)} 元，实为 ${formatYuan(r.value)} 元）`).join('；')}`,
  };
}
