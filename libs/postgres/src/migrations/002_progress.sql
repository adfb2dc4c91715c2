-- Execution progress (SPEC §5) and the 决算 (SPEC §7): the net change of each line's budget, carry-in and paid per
-- business day, so that any as-of date and any month end is a sum over days ≤ that date; and every 用款计划 as set.
CREATE TABLE line_days (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  line_id         text NOT NULL,
  day             date NOT NULL,
  budget_delta     numeric(20,2) NOT NULL,
  carried_in_delta numeric(20,2) NOT NULL,
  paid_delta       numeric(20,2) NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, line_id, day)
);

CREATE TABLE disbursement_plans (
  position        bigint PRIMARY KEY,
  department_code text  NOT NULL,
  fiscal_year     int   NOT NULL,
  occurred_on     date  NOT NULL,
  scope           jsonb NOT NULL,
  checkpoints     jsonb NOT NULL
);
CREATE INDEX disbursement_plans_by_department_year ON disbursement_plans (department_code, fiscal_year, position);
