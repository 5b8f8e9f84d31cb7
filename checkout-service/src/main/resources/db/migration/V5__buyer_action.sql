-- 3-D Secure / strong customer authentication (#29, ADR 0015): a card may ask its buyer to authenticate. Payment then
-- answers PaymentActionRequired and the saga waits in AWAITING_BUYER_ACTION (between AUTHORIZING and PLACING) for the
-- buyer's app to complete the challenge, keeping what that app needs: the payment's client secret and Stripe's next
-- action. They are kept only while the saga waits (the check below: cleared by the transition that leaves the status)
-- and shown only to the checkout's own buyer; nothing logs them.
ALTER TABLE checkout_session
    DROP CONSTRAINT checkout_session_status_check,
    ADD CONSTRAINT checkout_session_status_check CHECK (status IN ('QUOTED', 'RESERVING', 'AUTHORIZING',
        'AWAITING_BUYER_ACTION', 'PLACING', 'COMMITTING', 'CAPTURING', 'COMPLETED', 'FAILED')),
    -- the buyer's window is a step like the others: its deadline is the buyer-action timeout, swept the same way
    DROP CONSTRAINT checkout_session_deadline_ck,
    ADD CONSTRAINT checkout_session_deadline_ck CHECK (
        (status IN ('RESERVING', 'AUTHORIZING', 'AWAITING_BUYER_ACTION', 'PLACING', 'COMMITTING', 'CAPTURING'))
            = (step_deadline IS NOT NULL)),
    ADD COLUMN payment_client_secret    text,
    ADD COLUMN payment_next_action_type text,   -- use_stripe_sdk or redirect_to_url
    ADD COLUMN payment_next_action_url  text,   -- the redirect's URL (null for use_stripe_sdk)
    ADD CONSTRAINT checkout_session_buyer_action_ck CHECK (status = 'AWAITING_BUYER_ACTION'
        OR (payment_client_secret IS NULL AND payment_next_action_type IS NULL AND payment_next_action_url IS NULL));

-- Admission control's platform-wide count leaves out sagas waiting on their buyer (they cost no work while the buyer
-- is at their bank's challenge; counting them would let a few dozen open challenges refuse everybody). The buyer's own
-- share still counts them (checkout_session_deadline_idx and the buyer index). This index answers the platform count.
CREATE INDEX checkout_session_busy_idx ON checkout_session (step_deadline)
    WHERE step_deadline IS NOT NULL AND status <> 'AWAITING_BUYER_ACTION';

-- Status streams: V4's trigger (AFTER UPDATE OF status, when the status differs) already announces AUTHORIZING →
-- AWAITING_BUYER_ACTION and AWAITING_BUYER_ACTION → PLACING / FAILED like any other change; the client secret and next
-- action are written in the same UPDATE as the status, so a woken stream reads them with it. Nothing to change there.
