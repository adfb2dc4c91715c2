-- Issue 13 (SPEC §13): the audit trail.

-- `GET /v1/requests/{requestId}`: every `POST /v1/events` batch is recorded before it is appended, with the token that
-- posted it (only that token or an admin may look it up) and its size (the request is DONE once the ledger has written
-- that many outcomes to ingest_results). Outcomes are no longer deleted when the synchronous answer has read them:
-- a request and its outcomes are kept for 7 days, then purged together by the API (hourly, oldest first).
CREATE TABLE ingest_requests (
  request_id  text PRIMARY KEY,
  token_id    text NOT NULL,
  event_count int  NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_requests_by_age ON ingest_requests (created_at);
-- Outcomes written before this migration (their requests were never recorded): visible to admins, purged on schedule.
INSERT INTO ingest_requests (request_id, token_id, event_count, created_at)
  SELECT request_id, '', count(*), min(created_at) FROM ingest_results GROUP BY request_id;

-- `GET …/lines/{lineId}/history`: every event naming a line by `data.lineId`, in position order, found by index even
-- for a line with tens of thousands of payments (the department-year index alone would scan the whole year).
CREATE INDEX events_by_line ON events (department_code, fiscal_year, (payload->'data'->>'lineId'), position)
  WHERE type IN ('AppropriationIssued', 'AppropriationAdjusted', 'PaymentMade', 'PaymentReversed');
-- Transfers (调剂, `GET …/transfers` and the history's transfers in and out) and year-end closings (carry-forward and
-- lapse of every line): few per year, found without reading the year's payments.
CREATE INDEX events_transfers_and_closings ON events (department_code, fiscal_year, position)
  WHERE type IN ('AppropriationTransferred', 'YearEndClosed');
