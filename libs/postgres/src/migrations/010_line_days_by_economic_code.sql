-- Issue 12 (ingest throughput): one row per line, day and economic code serves both progress (SPEC §5, summed over
-- codes) and the 决算's economic tables (§7), instead of a line_days row and a line_economic_days row per payment.
-- Budget movements are booked under economic code ''; payments (and reversals, under the original payment's code)
-- under theirs. The existing rows are moved over: nothing is recomputed, so no rebuild is needed after the upgrade.
ALTER TABLE line_days ADD COLUMN economic_code text NOT NULL DEFAULT '';
ALTER TABLE line_days DROP CONSTRAINT line_days_pkey;
UPDATE line_days SET paid_delta = 0 WHERE paid_delta <> 0;
INSERT INTO line_days (department_code, fiscal_year, line_id, day, economic_code, budget_delta, carried_in_delta, paid_delta, initial_delta)
  SELECT department_code, fiscal_year, line_id, day, economic_code, 0, 0, paid_delta, 0 FROM line_economic_days;
DELETE FROM line_days
 WHERE economic_code = '' AND budget_delta = 0 AND carried_in_delta = 0 AND paid_delta = 0 AND initial_delta = 0;
ALTER TABLE line_days ADD PRIMARY KEY (department_code, fiscal_year, line_id, day, economic_code);
DROP TABLE line_economic_days;
