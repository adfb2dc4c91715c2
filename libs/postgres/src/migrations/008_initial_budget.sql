-- 年初预算数 (SPEC §12 self-evaluation initialBudget, §14): the net change of a line's INITIAL issues per business day,
-- beside its budget, carry-in and paid deltas, so any as-of date is a sum over days ≤ that date. Existing rows are
-- filled from the event store (every row of it is an applied event), so no rebuild is needed after the upgrade.
ALTER TABLE line_days ADD COLUMN initial_delta numeric(20,2) NOT NULL DEFAULT 0;

UPDATE line_days SET initial_delta = issued.amount
  FROM (SELECT department_code, fiscal_year, payload->'data'->>'lineId' AS line_id, occurred_on AS day,
               sum((payload->'data'->>'amount')::numeric) AS amount
          FROM events
         WHERE type = 'AppropriationIssued' AND payload->'data'->>'stage' = 'INITIAL'
         GROUP BY 1, 2, 3, 4) AS issued
 WHERE line_days.department_code = issued.department_code AND line_days.fiscal_year = issued.fiscal_year
   AND line_days.line_id = issued.line_id AND line_days.day = issued.day;
