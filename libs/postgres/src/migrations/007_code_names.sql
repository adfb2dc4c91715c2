-- Names that events carried for their codes (SPEC §11): AppropriationIssued.functionName / economicName,
-- IncomeRecorded.functionName, PaymentMade.economicName. One row per department-year, classification and code; the
-- latest event by position wins. Read after the catalogue: a code the catalogue names keeps the catalogue's name.
CREATE TABLE code_names (
  department_code text   NOT NULL,
  fiscal_year     int    NOT NULL,
  classification  text   NOT NULL CHECK (classification IN ('function', 'economic')),
  code            text   NOT NULL,
  name            text   NOT NULL,
  position        bigint NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, classification, code)
);
