-- Event store, ledger state, transports and tokens (SPEC §3). Money is numeric(20,2) 元, never float.

-- The validated event store: append-only, global position, unique eventId (SPEC §3).
CREATE SEQUENCE events_position_seq AS bigint;
CREATE TABLE events (
  position        bigint PRIMARY KEY,
  event_id        text   NOT NULL UNIQUE,
  content_hash    text   NOT NULL,
  department_code text   NOT NULL,
  fiscal_year     int    NOT NULL,
  type            text   NOT NULL,
  occurred_on     date   NOT NULL,
  payload         jsonb  NOT NULL,
  source_stream   text,
  source_partition int,
  source_offset   bigint,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_by_department_year ON events (department_code, fiscal_year, position);

CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event store is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only();

-- Ledger state, also the line-balance projection (budget, paid, available per line).
CREATE TABLE ledger_lines (
  department_code  text NOT NULL,
  fiscal_year      int  NOT NULL,
  line_id          text NOT NULL,
  unit_code        text NOT NULL,
  function_code    text NOT NULL,
  economic_code    text,
  fund_source      text NOT NULL,
  expenditure_kind text NOT NULL,
  project_code     text,
  project_name     text,
  budget           numeric(20,2) NOT NULL,
  paid             numeric(20,2) NOT NULL,
  carried_in       numeric(20,2) NOT NULL,
  carried_forward  numeric(20,2),
  lapsed           numeric(20,2),
  PRIMARY KEY (department_code, fiscal_year, line_id)
);

CREATE VIEW line_balances AS
  SELECT department_code, fiscal_year, line_id, unit_code, function_code, economic_code, fund_source,
         expenditure_kind, project_code, project_name, budget, paid, budget - paid AS available,
         carried_in, carried_forward, lapsed
    FROM ledger_lines;

CREATE TABLE ledger_payments (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  event_id        text NOT NULL,
  line_id         text NOT NULL,
  amount          numeric(20,2) NOT NULL,
  reversed        numeric(20,2) NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, event_id)
);

CREATE TABLE ledger_indicators (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  indicator_id    text NOT NULL,
  project_code    text NOT NULL,
  comparator      text NOT NULL,
  weight          text NOT NULL,
  PRIMARY KEY (department_code, fiscal_year, indicator_id)
);

CREATE TABLE ledger_closed_years (
  department_code text NOT NULL,
  fiscal_year     int  NOT NULL,
  PRIMARY KEY (department_code, fiscal_year)
);

-- Departments projection: every department that has applied events, with its registration (latest wins).
CREATE TABLE departments (
  department_code text PRIMARY KEY,
  name            text,
  units           jsonb NOT NULL DEFAULT '[]',
  profile         text,
  fiscal_years    int[] NOT NULL DEFAULT '{}'
);

-- Rejected events and undecodable messages, kept with their reason for inspection (SPEC §2).
CREATE TABLE rejections (
  id               bigserial PRIMARY KEY,
  event_id         text,
  department_code  text,
  fiscal_year      int,
  type             text,
  code             text NOT NULL,
  message          text NOT NULL,
  problems         jsonb,
  payload          jsonb,
  raw              text,
  source_stream    text,
  source_partition int,
  source_offset    bigint,
  rejected_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rejections_by_department_year ON rejections (department_code, fiscal_year, id);

-- Embedded transport: the inbound log kept in PostgreSQL (SPEC §3), read in seq order like a one-partition topic.
CREATE TABLE event_log (
  seq           bigserial PRIMARY KEY,
  partition_key text NOT NULL,
  value         text NOT NULL,
  headers       jsonb NOT NULL DEFAULT '{}',
  appended_at   timestamptz NOT NULL DEFAULT now()
);

-- Where the ledger has read each transport partition up to; written in the same transaction as the rows it
-- changes, so a crash neither loses nor doubles a message.
CREATE TABLE transport_checkpoints (
  stream      text   NOT NULL,
  partition   int    NOT NULL,
  next_offset bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream, partition)
);

-- Per-event outcome of HTTP batches, read by the API to answer read-your-writes.
CREATE TABLE ingest_results (
  request_id text NOT NULL,
  idx        int  NOT NULL,
  event_id   text,
  status     text NOT NULL,
  code       text,
  message    text,
  position   bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, idx)
);

CREATE TABLE api_tokens (
  id         text PRIMARY KEY,
  name       text,
  token_hash text NOT NULL UNIQUE,
  scopes     text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
