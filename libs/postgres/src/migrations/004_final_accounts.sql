-- 决算 facts (SPEC §7) beyond line_days: payments by the payment's economic code (a reversal counts against the
-- original payment's code), non-fiscal income by function code and category, and when each year was closed.
CREATE TABLE line_economic_days (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  line_id         text NOT NULL,
  economic_code   text NOT NULL,
  day             date NOT NULL,
  paid_delta      numeric(20,2) NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, line_id, economic_code, day)
);

CREATE TABLE income_days (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  unit_code       text NOT NULL,
  function_code   text NOT NULL,
  category        text NOT NULL,
  day             date NOT NULL,
  amount          numeric(20,2) NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, unit_code, function_code, category, day)
);

CREATE TABLE year_closures (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  closed_on       date NOT NULL,
  PRIMARY KEY (department_code, fiscal_year)
);
