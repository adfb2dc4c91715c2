-- Year-end disclosures (SPEC §11) and self-evaluation inputs (SPEC §12): every applied declaration, so an as-of read
-- takes, per type and scope, the latest by occurred_on ≤ asOf (ties: the later position). scope_key is '' for the
-- department-year wide types, the section of a NarrativeDeclared, the projectCode of a PerformanceGoalSet, and
-- indicator:<id> or project:<code> for a DeviationExplained.
CREATE TABLE declarations (
  department_code text   NOT NULL,
  fiscal_year     int    NOT NULL,
  type            text   NOT NULL,
  scope_key       text   NOT NULL,
  occurred_on     date   NOT NULL,
  position        bigint PRIMARY KEY,
  payload         jsonb  NOT NULL
);
CREATE INDEX declarations_by_scope ON declarations (department_code, fiscal_year, type, scope_key, occurred_on, position);

-- 政府采购 from payments carrying `procurement` (SPEC §11): net paid per category and SME / small-micro tags and day;
-- a reversal counts with its original payment's tags.
CREATE TABLE procurement_days (
  department_code text    NOT NULL,
  fiscal_year     int     NOT NULL,
  category        text    NOT NULL,
  sme             boolean NOT NULL,
  small_micro     boolean NOT NULL,
  day             date    NOT NULL,
  amount          numeric(20,2) NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, category, sme, small_micro, day)
);
