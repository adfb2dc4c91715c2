import {
  DECLARATION_TYPES,
  declarationScopeKey,
  declarationsInForce,
  formatYuan,
  parseYuan,
  type DeclarationEvent,
  type DeclarationsInForce,
  type DeclarationType,
  type LedgerEvent,
  type PaymentProcurement,
  type ProcurementCategory,
  type ProcurementFromPayments,
  type StoredDeclaration,
} from '@app/domain';
import type { Queryable } from '../database';
import { originalPayments } from './original-payments';
import type { AppliedEvent, Projection } from './projection';

const DECLARATION_TYPE_SET: ReadonlySet<string> = new Set(DECLARATION_TYPES);
const isDeclaration = (e: LedgerEvent): e is DeclarationEvent => DECLARATION_TYPE_SET.has(e.type);

/**
 * Year-end disclosures and self-evaluation inputs (SPEC §11, §12): every applied declaration, kept per version so that
 * an as-of read takes the one in force then; and 政府采购 from tagged payments per category, SME / small-micro tags and
 * day — a reversal counts with its original payment's tags (`originalPayments`, as progress books it under the
 * payment's economic code).
 */
export class DeclarationsProjection implements Projection {
  readonly name = 'declarations';
  readonly version = 1;
  readonly tables = ['declarations', 'procurement_days'];

  async apply(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const declared = events.filter((a): a is { position: string; event: DeclarationEvent } => isDeclaration(a.event));
    if (declared.length) {
      await db.query(
        `INSERT INTO declarations (department_code, fiscal_year, type, scope_key, occurred_on, position, payload)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::date[], $6::bigint[], $7::jsonb[])`,
        [
          declared.map((a) => a.event.departmentCode),
          declared.map((a) => a.event.fiscalYear),
          declared.map((a) => a.event.type),
          declared.map((a) => declarationScopeKey(a.event)),
          declared.map((a) => a.event.occurredOn),
          declared.map((a) => a.position),
          declared.map((a) => JSON.stringify(a.event.data)),
        ],
      );
    }
    await this.applyProcurement(db, events);
  }

  private async applyProcurement(db: Queryable, events: readonly AppliedEvent[]): Promise<void> {
    const originals = await originalPayments(db, events);
    const days = new Map<string, { dept: string; year: number; category: ProcurementCategory; sme: boolean; smallMicro: boolean; day: string; amount: bigint }>();
    const add = (e: LedgerEvent, tags: PaymentProcurement, amount: bigint) => {
      const sme = tags.smeAwarded === true;
      const smallMicro = tags.smallMicroAwarded === true;
      const key = [e.departmentCode, e.fiscalYear, tags.category, sme, smallMicro, e.occurredOn].join('\u0000');
      const row = days.get(key) ?? { dept: e.departmentCode, year: e.fiscalYear, category: tags.category, sme, smallMicro, day: e.occurredOn, amount: 0n };
      row.amount += amount;
      days.set(key, row);
    };
    for (const { event: e } of events) {
      if (e.type === 'PaymentMade' && e.data.procurement) add(e, e.data.procurement, parseYuan(e.data.amount));
      else if (e.type === 'PaymentReversed') {
        const tags = originals.of(e.data.originalEventId).procurement;
        if (tags) add(e, tags, -parseYuan(e.data.amount));
      }
    }
    if (!days.size) return;
    const rows = [...days.values()];
    await db.query(
      `INSERT INTO procurement_days (department_code, fiscal_year, category, sme, small_micro, day, amount)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::boolean[], $5::boolean[], $6::date[], $7::numeric[])
       ON CONFLICT (department_code, fiscal_year, category, sme, small_micro, day) DO UPDATE SET
         amount = procurement_days.amount + EXCLUDED.amount`,
      [rows.map((r) => r.dept), rows.map((r) => r.year), rows.map((r) => r.category), rows.map((r) => r.sme), rows.map((r) => r.smallMicro), rows.map((r) => r.day), rows.map((r) => formatYuan(r.amount))],
    );
  }

  /** Rebuild: 政府采购 per category, tags and day from tagged payments and their reversals (`Projection.rebuildMoneyEvents`). */
  async rebuildMoneyEvents(db: Queryable): Promise<void> {
    await db.query(
      `INSERT INTO procurement_days (department_code, fiscal_year, category, sme, small_micro, day, amount)
       SELECT department_code, fiscal_year, procurement->>'category', COALESCE(procurement->'smeAwarded' = 'true'::jsonb, false),
              COALESCE(procurement->'smallMicroAwarded' = 'true'::jsonb, false), occurred_on, sum(paid)
         FROM rebuild_money WHERE jsonb_typeof(procurement) = 'object' GROUP BY 1, 2, 3, 4, 5, 6`,
    );
  }
}

/**
 * The declarations of a department-year in force at the end of `asOf` (default: all): per type and scope, the latest
 * by occurredOn ≤ asOf, ties to the later position (SPEC §11, §12).
 */
export async function readDeclarations(db: Queryable, dept: string, year: number, asOf?: string): Promise<DeclarationsInForce> {
  const { rows } = await db.query<{ type: DeclarationType; scope_key: string; occurred_on: string; payload: StoredDeclaration['payload'] }>(
    `SELECT DISTINCT ON (type, scope_key) type, scope_key, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, payload FROM declarations
      WHERE department_code = $1 AND fiscal_year = $2 AND ($3::date IS NULL OR occurred_on <= $3::date)
      ORDER BY type, scope_key, occurred_on DESC, declarations.position DESC`,
    [dept, year, asOf ?? null],
  );
  return declarationsInForce(rows.map((r) => ({ type: r.type, scopeKey: r.scope_key, occurredOn: r.occurred_on, payload: r.payload })));
}

/** 政府采购 from tagged payments up to the end of `asOf` (SPEC §11): net 分 per category, of which SME and small/micro. */
export async function readProcurementFromPayments(db: Queryable, dept: string, year: number, asOf?: string): Promise<ProcurementFromPayments> {
  const { rows } = await db.query<{ category: ProcurementCategory; sme: boolean; small_micro: boolean; amount: string }>(
    `SELECT category, sme, small_micro, sum(amount)::text AS amount FROM procurement_days
      WHERE department_code = $1 AND fiscal_year = $2 AND ($3::date IS NULL OR day <= $3::date)
      GROUP BY category, sme, small_micro`,
    [dept, year, asOf ?? null],
  );
  const out: ProcurementFromPayments = {
    GOODS: { amount: 0n, sme: 0n, smallMicro: 0n },
    WORKS: { amount: 0n, sme: 0n, smallMicro: 0n },
    SERVICES: { amount: 0n, sme: 0n, smallMicro: 0n },
  };
  for (const r of rows) {
    const amount = parseYuan(r.amount);
    out[r.category].amount += amount;
    if (r.sme) out[r.category].sme += amount;
    if (r.small_micro) out[r.category].smallMicro += amount;
  }
  return out;
}
