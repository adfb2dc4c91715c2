import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ClassificationCatalogue } from '../catalogue/catalogue';
import { isWithinFiscalWindow, parseBusinessDate } from '../dates';
import { compareDecimal, compareDecimalStrings } from './validators';
import { DATA_DTO_BY_TYPE, EventEnvelopeDto } from './event-dtos';
import { fastAccept, UNSTORABLE_TEXT } from './fast-validate';
import { ANY_DATE_TYPES, EVENT_TYPES, EventType, FOLLOWING_HALF_YEAR_TYPES, LedgerEvent } from './event-types';

/**
 * Structural validation (SPEC §10): everything decidable from the event alone. A failure here is
 * HTTP 400 `VALIDATION_FAILED` for the whole batch, or a DLQ entry on Kafka. Rules that need the
 * ledger's state (unknown line, balance, …) are the ledger's (`ledger/decide.ts`).
 */
export interface ValidationProblem {
  path: string;
  message: string;
}

export type EventValidation = { ok: true; event: LedgerEvent } | { ok: false; problems: ValidationProblem[] };

const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export function validateEvent(raw: unknown, catalogue: ClassificationCatalogue): EventValidation {
  // Hot types that are certainly valid skip class-validator; everything else gets the DTOs' verdict and problems.
  const accepted = fastAccept(raw, catalogue);
  return accepted ? { ok: true, event: accepted } : validateEventWithDtos(raw, catalogue);
}

/** @internal The DTO path alone (event-dtos.ts, the contract); `fastAccept` is tested against it. */
export function validateEventWithDtos(raw: unknown, catalogue: ClassificationCatalogue): EventValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: '', message: 'an event must be a JSON object' }] };
  }
  const unstorable = unstorableTextProblem(raw, 0);
  if (unstorable) return { ok: false, problems: [unstorable] };
  const problems: ValidationProblem[] = [];
  const envelope = raw as Record<string, unknown>;
  problems.push(...flatten(validateSync(plainToInstance(EventEnvelopeDto, { ...envelope, data: {} }), VALIDATOR_OPTIONS), ''));
  if (typeof envelope.data !== 'object' || envelope.data === null || Array.isArray(envelope.data)) {
    if (!problems.some((p) => p.path === 'data')) problems.push({ path: 'data', message: 'data must be an object' });
  }
  const type = envelope.type as EventType;
  const knownType = EVENT_TYPES.includes(type);
  const fiscalYear = typeof envelope.fiscalYear === 'number' && Number.isInteger(envelope.fiscalYear) ? envelope.fiscalYear : undefined;

  if (knownType && typeof envelope.occurredOn === 'string') {
    const date = parseBusinessDate(envelope.occurredOn);
    if (!date) {
      if (!problems.some((p) => p.path === 'occurredOn')) problems.push({ path: 'occurredOn', message: `occurredOn ${envelope.occurredOn} is not a calendar date` });
    } else if (fiscalYear !== undefined && !ANY_DATE_TYPES.has(type) && !isWithinFiscalWindow(date, fiscalYear, FOLLOWING_HALF_YEAR_TYPES.has(type))) {
      problems.push({
        path: 'occurredOn',
        message: FOLLOWING_HALF_YEAR_TYPES.has(type)
          ? `occurredOn ${envelope.occurredOn} must lie in fiscal year ${fiscalYear} or the first six months of ${fiscalYear + 1}`
          : `occurredOn ${envelope.occurredOn} must lie inside fiscal year ${fiscalYear}`,
      });
    }
  }

  if (knownType && typeof envelope.data === 'object' && envelope.data !== null && !Array.isArray(envelope.data)) {
    const data = envelope.data as Record<string, unknown>;
    const dataProblems = flatten(validateSync(plainToInstance(DATA_DTO_BY_TYPE[type], data), VALIDATOR_OPTIONS), 'data');
    problems.push(...dataProblems);
    if (dataProblems.length === 0) problems.push(...crossFieldProblems(type, data, fiscalYear, catalogue));
  }
  return problems.length ? { ok: false, problems } : { ok: true, event: raw as LedgerEvent };
}

function crossFieldProblems(
  type: EventType,
  data: Record<string, unknown>,
  fiscalYear: number | undefined,
  catalogue: ClassificationCatalogue,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const year = fiscalYear ?? new Date().getFullYear();
  const checkFunction = (path: string, code: unknown) => {
    if (typeof code === 'string' && !catalogue.isKnownFunctionCode(code, year)) {
      problems.push({ path, message: `functionCode ${code}: 类 ${code.slice(0, 3)} is not in the ${year} 支出功能分类科目 catalogue` });
    }
  };
  const checkEconomic = (path: string, code: unknown) => {
    if (typeof code === 'string' && !catalogue.isKnownEconomicCode(code, year)) {
      problems.push({ path, message: `economicCode ${code} is not in the ${year} 部门预算支出经济分类科目 catalogue` });
    }
  };
  switch (type) {
    case 'AppropriationIssued':
      checkFunction('data.functionCode', data.functionCode);
      if (data.economicCode != null) checkEconomic('data.economicCode', data.economicCode);
      if (data.expenditureKind === 'PROJECT' && (data.projectCode == null || data.projectCode === '')) {
        problems.push({ path: 'data.projectCode', message: 'projectCode is required when expenditureKind is PROJECT (项目支出)' });
      }
      break;
    case 'PaymentMade': {
      checkEconomic('data.economicCode', data.economicCode);
      // SPEC §11: a small/micro enterprise is an SME, so smallMicroAwarded true requires smeAwarded true.
      const procurement = data.procurement as { smeAwarded?: boolean; smallMicroAwarded?: boolean } | undefined;
      if (procurement?.smallMicroAwarded === true && procurement.smeAwarded !== true) {
        problems.push({ path: 'data.procurement.smallMicroAwarded', message: 'smallMicroAwarded true requires smeAwarded true (小微企业属于中小企业)' });
      }
      break;
    }
    case 'AssetsDeclared': {
      const seen = new Set<string>();
      (data.vehicles as { kind: string }[]).forEach((v, i) => {
        if (seen.has(v.kind)) problems.push({ path: `data.vehicles[${i}].kind`, message: `vehicle kind ${v.kind} is listed twice` });
        seen.add(v.kind);
      });
      break;
    }
    case 'EvaluationPolicySet':
      problems.push(...policyProblems(data.executionScore as { scheme: string; tiers?: { minRate: string }[] }));
      break;
    case 'DeviationExplained':
      if ((data.indicatorId == null) === (data.projectCode == null)) {
        problems.push({ path: 'data', message: 'a deviation explains exactly one of indicatorId (an indicator) or projectCode (the execution line)' });
      }
      break;
    case 'IncomeRecorded':
    case 'IncomeBudgeted':
      checkFunction('data.functionCode', data.functionCode);
      break;
    case 'AppropriationTransferred':
      if (data.fromLineId === data.toLineId) problems.push({ path: 'data.toLineId', message: 'a transfer (调剂) must move money between two different lines' });
      break;
    case 'DisbursementPlanSet':
      problems.push(...planProblems(data));
      break;
    case 'IndicatorDefined':
      if (['GTE', 'LTE', 'EQ'].includes(data.comparator as string) && !/^-?[0-9]+(\.[0-9]+)?$/.test(data.target as string)) {
        problems.push({ path: 'data.target', message: `target of a ${data.comparator} indicator must be a decimal string, e.g. "95"` });
      }
      break;
    case 'VarianceExplained': {
      const scope = data.scope as Record<string, unknown>;
      if (Object.keys(scope).filter((k) => scope[k] !== undefined).length !== 1) {
        problems.push({ path: 'data.scope', message: 'scope must name exactly one of functionCode, economicCode, threePublic, total, fiscal' });
      }
      break;
    }
    case 'PriorYearActualsDeclared':
      (data.rows as Record<string, unknown>[]).forEach((row, i) => {
        const keys = ['functionCode', 'economicCode', 'threePublicItem'].filter((k) => row[k] != null);
        if (keys.length !== 1) problems.push({ path: `data.rows[${i}]`, message: 'each row names exactly one of functionCode, economicCode, threePublicItem' });
      });
      break;
    case 'YearEndClosed': {
      const seen = new Set<string>();
      (data.carryForward as { lineId: string }[]).forEach((entry, i) => {
        if (seen.has(entry.lineId)) problems.push({ path: `data.carryForward[${i}].lineId`, message: `line ${entry.lineId} is carried forward twice` });
        seen.add(entry.lineId);
      });
      break;
    }
    default:
      break;
  }
  return problems;
}

/** SPEC §12: TIERED needs at least one tier with distinct minRates; PROPORTIONAL has no tiers. */
function policyProblems(score: { scheme: string; tiers?: { minRate: string }[] }): ValidationProblem[] {
  if (score.scheme === 'PROPORTIONAL') {
    return score.tiers === undefined ? [] : [{ path: 'data.executionScore.tiers', message: 'a PROPORTIONAL execution score has no tiers' }];
  }
  if (!score.tiers?.length) return [{ path: 'data.executionScore.tiers', message: 'a TIERED execution score needs at least one tier {minRate, percentOfWeight}' }];
  const problems: ValidationProblem[] = [];
  score.tiers.forEach((tier, i) => {
    if (score.tiers!.slice(0, i).some((t) => compareDecimalStrings(t.minRate, tier.minRate) === 0)) {
      problems.push({ path: `data.executionScore.tiers[${i}].minRate`, message: `minRate ${tier.minRate} appears in two tiers` });
    }
  });
  return problems;
}

/** SPEC §2: months 1..12 strictly increasing, percents non-decreasing, the last checkpoint is month 12 at 100. */
function planProblems(data: Record<string, unknown>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const scope = data.scope as Record<string, unknown>;
  if (Object.keys(scope).filter((k) => scope[k] != null).length > 1) {
    problems.push({ path: 'data.scope', message: 'scope is {lineId}, {projectCode}, {unitCode} or {} (whole department)' });
  }
  const checkpoints = data.checkpoints as { month: number; cumulativePercent: string }[];
  checkpoints.forEach((cp, i) => {
    if (i === 0) return;
    const prev = checkpoints[i - 1];
    if (cp.month <= prev.month) problems.push({ path: `data.checkpoints[${i}].month`, message: 'checkpoint months must be strictly increasing' });
    if (compareDecimalStrings(cp.cumulativePercent, prev.cumulativePercent) < 0) {
      problems.push({ path: `data.checkpoints[${i}].cumulativePercent`, message: 'cumulative percents must not decrease' });
    }
  });
  const last = checkpoints[checkpoints.length - 1];
  if (last.month !== 12 || compareDecimal(last.cumulativePercent, 100) !== 0) {
    problems.push({ path: `data.checkpoints[${checkpoints.length - 1}]`, message: 'the last checkpoint must be month 12 at "100"' });
  }
  return problems;
}

const MAX_DEPTH = 16;

/** Events nest a few levels at most; NUL and lone surrogates cannot be stored as text (nor read back as UTF-8). */
function unstorableTextProblem(value: unknown, depth: number, path = ''): ValidationProblem | null {
  if (depth > MAX_DEPTH) return { path, message: `JSON nested deeper than ${MAX_DEPTH} levels` };
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? { path, message: 'text contains a NUL character or an unpaired surrogate' } : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (UNSTORABLE_TEXT.test(key)) return { path: childPath, message: 'a field name contains a NUL character or an unpaired surrogate' };
    // class-transformer skips keys such as constructor or __proto__, so the DTOs' whitelist would never see them.
    if (!Array.isArray(value) && key in Object.prototype) return { path: childPath, message: `${childPath} is not a field of this event type` };
    const problem = unstorableTextProblem(child, depth + 1, childPath);
    if (problem) return problem;
  }
  return null;
}

function flatten(errors: ValidationError[], prefix: string): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  for (const error of errors) {
    const path = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    if (error.constraints) {
      const message = error.constraints.whitelistValidation
        ? `${path} is not a field of this event type`
        : [...new Set(Object.values(error.constraints))].join('; ');
      out.push({ path, message });
    }
    if (error.children?.length) out.push(...flatten(error.children, path));
  }
  return out;
}
