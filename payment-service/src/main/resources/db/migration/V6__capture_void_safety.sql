-- Money safety under faults (#20), captures and voids: a capture without an answer is CAPTURE_UNKNOWN; a void waiting
-- for the provider is VOIDING. Both are settled by reading the charge back from the provider (PaymentReconciler).
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check
    CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'CAPTURE_FAILED', 'CAPTURE_UNKNOWN', 'VOIDING'));
ALTER TABLE payment ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN last_error text;
CREATE INDEX payment_unsettled_idx ON payment (updated_at) WHERE status IN ('CAPTURE_UNKNOWN', 'VOIDING');
