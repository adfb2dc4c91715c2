import type { Comparator, ExpenditureKind, FundSource } from '../codes';
import type { Fen } from '../money';

/**
 * The part of the ledger's state a batch of events needs to be decided (SPEC §2, §10). The adapter loads
 * exactly the keys a batch touches (`requiredState`), the pure rules decide and evolve it in memory, and
 * the adapter writes back only what changed (`dirty*`): one round trip per table per batch.
 */
export interface LineState {
  departmentCode: string;
  fiscalYear: number;
  lineId: string;
  unitCode: string;
  functionCode: string;
  economicCode: string | null;
  fundSource: FundSource;
  expenditureKind: ExpenditureKind;
  projectCode: string | null;
  projectName: string | null;
  /** Net appropriation: issues of every stage (carry-in included) ± adjustments ± transfers. */
  budget: Fen;
  /** Payments − reversals. */
  paid: Fen;
  /** Issues with stage CARRY_IN (上年结转, the opening balance). */
  carriedIn: Fen;
  /** Set by YearEndClosed: what was carried forward (结转) and what lapsed (收回 = available − carried forward). */
  carriedForward: Fen | null;
  lapsed: Fen | null;
}

export interface PaymentState {
  departmentCode: string;
  fiscalYear: number;
  eventId: string;
  lineId: string;
  amount: Fen;
  reversed: Fen;
}

export interface IndicatorState {
  departmentCode: string;
  fiscalYear: number;
  indicatorId: string;
  projectCode: string;
  comparator: Comparator;
  weight: string;
}

export interface AppliedEventRef {
  hash: string;
  position: string | null;
}

export function scopedKey(departmentCode: string, fiscalYear: number, id: string): string {
  return `${departmentCode}\u0000${fiscalYear}\u0000${id}`;
}

export function yearKey(departmentCode: string, fiscalYear: number): string {
  return `${departmentCode}\u0000${fiscalYear}`;
}

export class LedgerState {
  readonly lines = new Map<string, LineState>();
  readonly payments = new Map<string, PaymentState>();
  readonly indicators = new Map<string, IndicatorState>();
  readonly closedYears = new Set<string>();
  /** Applied eventIds (global idempotency keys) with their content hash. */
  readonly appliedEvents = new Map<string, AppliedEventRef>();

  readonly dirtyLines = new Set<string>();
  readonly dirtyIndicators = new Set<string>();
  readonly newlyClosedYears = new Set<string>();

  available(line: LineState): Fen {
    return line.budget - line.paid;
  }

  linesOfYear(departmentCode: string, fiscalYear: number): LineState[] {
    const prefix = yearKey(departmentCode, fiscalYear) + '\u0000';
    return [...this.lines.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
  }

  clearDirty(): void {
    this.dirtyLines.clear();
    this.dirtyIndicators.clear();
    this.newlyClosedYears.clear();
  }
}
