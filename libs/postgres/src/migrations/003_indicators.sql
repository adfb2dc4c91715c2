-- 绩效指标 (SPEC §6): every indicator event as applied, so definitions, measurements and scores can be folded as of
-- any date (redefinition replaces; the latest measurement by occurredOn wins).
CREATE TABLE indicator_events (
  position        bigint PRIMARY KEY,
  department_code text  NOT NULL,
  fiscal_year     int   NOT NULL,
  indicator_id    text  NOT NULL,
  occurred_on     date  NOT NULL,
  payload         jsonb NOT NULL
);
CREATE INDEX indicator_events_by_department_year ON indicator_events (department_code, fiscal_year, position);
