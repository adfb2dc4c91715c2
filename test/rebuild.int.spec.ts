import { catalogue } from '@app/domain';
import { seed000FixtureEvents, seedFixtureEvents } from '@app/fixtures';
import { createPool, LEDGER_STATE_TABLES, LedgerBatchProcessor, rebuildProjections } from '@app/postgres';
import { createProjections } from '@app/transport';
import type { Pool } from 'pg';
import { adjust, closeYear, EventJson, issue, pay, register, reverse, transfer } from './support/events';
import { createTestDatabase } from './support/test-database';

/**
 * The set-based rebuild (issue 12) must leave every ledger-state and projection table exactly as ingestion left it:
 * the three seed fixtures (all event types, 政府采购 tags, code names, a closed year) and a generated department
 * with tagged, named and reversed payments, adjustments, transfers, two fiscal years and a year-end closure with
 * carry-forward, ingested in batches of varied size, then rebuilt.
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generatedDepartment(seed: number): EventJson[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const dept = { departmentCode: 'RB' };
  const events: EventJson[] = [register('重建测试单位', dept)];
  const lines = ['RB-1', 'RB-2', 'RB-3', 'RB-4'];
  for (const year of [2023, 2024]) {
    const o = { ...dept, fiscalYear: year };
    events.push(issue('RB-1', '500000', { economicName: '办公费' }, { ...o, occurredOn: `${year}-01-05` }));
    events.push(issue('RB-2', '300000', { functionName: '行政运行' }, { ...o, occurredOn: `${year}-01-05` }));
    events.push(issue('RB-3', '200000', { expenditureKind: 'PROJECT', projectCode: 'P-RB', projectName: '信息化建设' }, { ...o, occurredOn: `${year}-01-06` }));
    events.push(issue('RB-4', '100000', { stage: 'CARRY_IN' }, { ...o, occurredOn: `${year}-01-06` }));
    const payments: { id: string; lineId: string; left: number; month: number }[] = [];
    for (let i = 0; i < 300; i++) {
      const month = 1 + Math.floor(random() * 11);
      const day = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const r = random();
      if (r < 0.7 || payments.length === 0) {
        const lineId = pick(lines);
        const cents = 100 + Math.floor(random() * 90_000);
        const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        const event = pay(lineId, amount, pick(['30201', '30205', '31002']), { ...o, occurredOn: day });
        if (random() < 0.4) event.data.procurement = { category: pick(['GOODS', 'SERVICES', 'WORKS']), smeAwarded: random() < 0.6, ...(random() < 0.3 ? { smallMicroAwarded: false } : {}) };
        if (event.data.procurement && (event.data.procurement as { smeAwarded: boolean }).smeAwarded && random() < 0.5) (event.data.procurement as Record<string, unknown>).smallMicroAwarded = true;
        if (random() < 0.3) event.data.economicName = pick(['办公费', '印刷费', '办公设备购置费']);
        events.push(event);
        payments.push({ id: event.eventId, lineId, left: cents, month });
      } else if (r < 0.85) {
        const original = pick(payments);
        if (original.left < 2) continue;
        const cents = 1 + Math.floor(random() * (original.left - 1));
        original.left -= cents;
        const reversalMonth = Math.min(12, original.month + Math.floor(random() * 2));
        events.push(reverse(original.lineId, original.id, `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, { ...o, occurredOn: `${year}-${String(reversalMonth).padStart(2, '0')}-28` }));
      } else if (r < 0.93) {
        events.push(adjust(pick(lines), String(1 + Math.floor(random() * 5000)), { ...o, occurredOn: day }));
      } else {
        const from = pick(lines);
        events.push(transfer(from, pick(lines.filter((l) => l !== from)), String(1 + Math.floor(random() * 2000)), { ...o, occurredOn: day }));
      }
    }
    if (year === 2023) events.push(closeYear([{ lineId: 'RB-3', amount: '1000' }], { ...o, occurredOn: '2023-12-31' }));
  }
  return events;
}

async function snapshot(pool: Pool, tables: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await pool.query<{ r: string }>(`SELECT row_to_json(t)::text AS r FROM ${table} t`);
    out[table] = rows.map((x) => x.r).sort();
  }
  return out;
}

describe('rebuild from the event store (set-based for payments and reversals)', () => {
  let pool: Pool;
  afterAll(async () => pool?.end());

  it('leaves every ledger-state and projection table exactly as ingestion did', async () => {
    pool = createPool(await createTestDatabase());
    const projections = createProjections();
    const processor = new LedgerBatchProcessor(pool, projections, catalogue);
    const events = [
      ...seed000FixtureEvents().events,
      ...seedFixtureEvents('001'),
      ...seedFixtureEvents('004'),
      ...generatedDepartment(12),
    ] as EventJson[];
    let offset = 0;
    let applied = 0;
    for (let i = 0, size = 1; i < events.length; i += size, size = (size * 7) % 97 || 1) {
      const outcome = await processor.process({ stream: 'rebuild-test', partition: 0 }, events.slice(i, i + size).map((e) => ({ offset: String(offset++), value: JSON.stringify(e) })));
      applied += outcome.applied;
      expect(outcome.deadLetters.map((d) => `${d.eventId}: ${d.code} ${d.reason}`)).toEqual([]);
    }
    expect(applied).toBe(events.length);
    const tables = [...LEDGER_STATE_TABLES, ...projections.flatMap((p) => p.tables)];
    const before = await snapshot(pool, tables);
    // The data reaches every table the rebuild fills, so the comparison cannot pass on empty tables.
    for (const table of ['ledger_lines', 'line_days', 'procurement_days', 'code_names', 'departments', 'ledger_closed_years', 'declarations']) {
      expect([table, before[table].length > 0]).toEqual([table, true]);
    }
    const report = await rebuildProjections(pool, projections, 97);
    expect(report.events).toBe(events.length);
    const after = await snapshot(pool, tables);
    for (const table of tables) expect([table, after[table]]).toEqual([table, before[table]]);
  });

  it('a reversal and its payment in the rebuilt tables: paid, reversed, lapse of the closed year', async () => {
    const { rows } = await pool.query<{ paid: string; lapsed: string | null; carried_forward: string | null; budget: string }>(
      "SELECT budget::text, paid::text, lapsed::text, carried_forward::text FROM ledger_lines WHERE department_code = 'RB' AND fiscal_year = 2023 AND line_id = 'RB-3'",
    );
    const line = rows[0];
    const fen = (s: string) => BigInt(s.replace('.', ''));
    expect(line.carried_forward).toBe('1000.00');
    // SPEC §10: 收回 = budget − paid − carried forward, with paid known only after the payments were folded in SQL.
    expect(fen(line.lapsed!)).toBe(fen(line.budget) - fen(line.paid) - 100000n);
    expect(fen(line.paid)).toBeGreaterThan(0n);
  });
});
