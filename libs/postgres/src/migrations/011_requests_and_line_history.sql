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

-- `GET …/lines/{lineId}/history` reads a line's issues, adjustments, payments and reversals through the department-year
-- index (events_by_department_year, already in position order) and filters them by `data.lineId`. A per-line index
-- on the payload was tried and dropped: it made every payment's append 15–40 % dearer (measured: 300 000 payment rows,
-- 2.9–3.6 s without it, 4.1–4.2 s with it) to speed up a rare read of a very long line.
-- Transfers (调剂, `GET …/transfers` and the history's transfers in and out) and year-end closings (carry-forward and
-- lapse of every line): few per year, found without reading the year's payments.
CREATE INDEX events_transfers_and_closings ON events (department_code, fiscal_year, position)
  WHERE type IN ('AppropriationTransferred', 'YearEndClosed');
