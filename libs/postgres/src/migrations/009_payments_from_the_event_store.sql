-- Issue 12 (ingest throughput): a payment's ledger state — its line, amount and what has been reversed of it — is read
-- from the event store itself (the PaymentMade event, found by its unique eventId, and the reversals naming it,
-- through this partial index) instead of a ledger_payments row written per payment. Nothing is lost: every
-- ledger_payments row was derived from these events.
CREATE INDEX events_reversals_by_original ON events ((payload->'data'->>'originalEventId')) WHERE type = 'PaymentReversed';
DROP TABLE ledger_payments;
