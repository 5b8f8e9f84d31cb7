-- The fraud review queue, the admins' blocklists and the disputes list (#27, ADR 0023). A rule outcome REVIEW holds
-- the payment: it is authorized at the provider (the hold on the card exists) but stays IN_REVIEW — the saga told
-- PaymentUnderReview — until an admin allows it (AUTHORIZED, PaymentAuthorized) or blocks it (voided at the provider,
-- PaymentDeclined FRAUD), at the latest by review_decide_by (then the leader's sweep blocks it).
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check
    CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'CAPTURE_FAILED', 'CAPTURE_UNKNOWN', 'VOIDING',
                      'AWAITING_ACTION', 'IN_REVIEW'));
ALTER TABLE payment ADD COLUMN review_decide_by timestamptz;
ALTER TABLE payment ADD CONSTRAINT payment_review_decide_by_ck CHECK (status <> 'IN_REVIEW' OR review_decide_by IS NOT NULL);
-- the queue (oldest deadline first) and the expiry sweep
CREATE INDEX payment_in_review_idx ON payment (review_decide_by) WHERE status = 'IN_REVIEW';

-- a REVIEW decision records how the review ended: ALLOW or BLOCK, by whom (an admin's subject, or "system" for the
-- sweep), when, and the admin's note (required to block)
ALTER TABLE fraud_decision DROP CONSTRAINT fraud_decision_outcome_check;
ALTER TABLE fraud_decision ADD CONSTRAINT fraud_decision_outcome_check CHECK (outcome IN ('ALLOW', 'REVIEW', 'BLOCK'));
ALTER TABLE fraud_decision
    ADD COLUMN reviewed_outcome text CHECK (reviewed_outcome IN ('ALLOW', 'BLOCK')),
    ADD COLUMN reviewed_by      text,
    ADD COLUMN reviewed_at      timestamptz,
    ADD COLUMN review_note      text,
    ADD CONSTRAINT fraud_decision_reviewed_ck CHECK (
        (reviewed_outcome IS NULL) = (reviewed_by IS NULL) AND (reviewed_outcome IS NULL) = (reviewed_at IS NULL)
        AND (reviewed_outcome IS NULL OR outcome = 'REVIEW'));
-- the admins' list: latest first, optionally of one outcome
CREATE INDEX fraud_decision_created_idx ON fraud_decision (created_at DESC);
CREATE INDEX fraud_decision_outcome_idx ON fraud_decision (outcome, created_at DESC);
CREATE INDEX fraud_decision_payment_idx ON fraud_decision (payment_id);

-- blocklist entries added by admins; the rules consult them together with bazaar.payments.fraud.blocked-*
CREATE TABLE fraud_blocklist (
    id         uuid PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('BUYER', 'PAYMENT_METHOD', 'COUNTRY')),
    value      text        NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    reason     text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, value)
);

-- the admins' disputes list, latest first
CREATE INDEX dispute_created_idx ON dispute (created_at DESC);
