-- Money safety under faults (#20), refunds: a refund without the provider's answer stays PENDING (reserved) and is
-- tried again under the same key after reading back; a refund refused for good is FAILED and waits in the admins'
-- queue, where a retry keeps its id (one refund per cause) under a fresh provider key.
ALTER TABLE refund ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE refund ADD COLUMN last_error text;
ALTER TABLE refund ADD COLUMN provider_key text;
ALTER TABLE refund ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE refund ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE refund SET provider_key = 'refund:' || id WHERE provider_key IS NULL;
ALTER TABLE refund ALTER COLUMN provider_key SET NOT NULL;
CREATE INDEX refund_open_idx ON refund (next_attempt_at, created_at) WHERE status = 'PENDING';
CREATE INDEX refund_failed_idx ON refund (updated_at) WHERE status = 'FAILED';
