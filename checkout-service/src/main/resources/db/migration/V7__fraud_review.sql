-- A payment held for a fraud review (#27, ADR 0023): payment answers PaymentUnderReview and the saga waits in
-- AWAITING_REVIEW (between AUTHORIZING and PLACING) until an admin allows it (PaymentAuthorized) or blocks it, or
-- payment's sweep blocks it when nobody decided (PaymentDeclined). The wait is a step like the others: its deadline is
-- a little after payment's decideBy, swept the same way.
ALTER TABLE checkout_session
    DROP CONSTRAINT checkout_session_status_check,
    ADD CONSTRAINT checkout_session_status_check CHECK (status IN ('QUOTED', 'RESERVING', 'AUTHORIZING',
        'AWAITING_BUYER_ACTION', 'AWAITING_REVIEW', 'PLACING', 'COMMITTING', 'CAPTURING', 'COMPLETED', 'FAILED')),
    DROP CONSTRAINT checkout_session_deadline_ck,
    ADD CONSTRAINT checkout_session_deadline_ck CHECK (
        (status IN ('RESERVING', 'AUTHORIZING', 'AWAITING_BUYER_ACTION', 'AWAITING_REVIEW', 'PLACING', 'COMMITTING',
                    'CAPTURING')) = (step_deadline IS NOT NULL));
