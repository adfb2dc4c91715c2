-- 部门预算 (SPEC §14): IncomeBudgeted, the planned non-fiscal income (单位资金) per unit, function code, category and
-- business day, so the budget tables at any as-of date sum the days up to it (the INITIAL issues are line_days.initial_delta).
CREATE TABLE budgeted_income_days (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  unit_code       text NOT NULL,
  function_code   text NOT NULL,
  category        text NOT NULL,
  day             date NOT NULL,
  amount          numeric(20,2) NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, unit_code, function_code, category, day)
);
