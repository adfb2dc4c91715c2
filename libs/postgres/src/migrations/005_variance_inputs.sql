-- 情况说明 inputs (SPEC §8): the latest PriorYearActualsDeclared of a department-year, and every VarianceExplained
-- reason per scope (function:<code>, economic:<code>, threePublic, total), so an as-of read takes the latest by then.
CREATE TABLE prior_year_declarations (
  department_code text   NOT NULL,
  fiscal_year     int    NOT NULL,
  position        bigint NOT NULL,
  payload         jsonb  NOT NULL,
  PRIMARY KEY (department_code, fiscal_year)
);

CREATE TABLE variance_explanations (
  department_code text   NOT NULL,
  fiscal_year     int    NOT NULL,
  scope_key       text   NOT NULL,
  reason          text   NOT NULL,
  occurred_on     date   NOT NULL,
  position        bigint PRIMARY KEY
);
CREATE INDEX variance_explanations_by_scope ON variance_explanations (department_code, fiscal_year, scope_key, occurred_on, position);
