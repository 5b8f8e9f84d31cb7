-- Strong customer authentication (#29, ADR 0014): a card that asks the buyer to authenticate (3-D Secure, Stripe's
-- requires_action) leaves the payment AWAITING_ACTION — nothing held yet — until the challenge is completed (then
-- AUTHORIZED), failed (DECLINED) or the saga voids it. The PaymentIntent's client secret goes to the buyer in the
-- reply only: it is not kept here (it is read back from the provider when a redelivered AuthorizePayment needs it).
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check
    CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'CAPTURE_FAILED', 'CAPTURE_UNKNOWN', 'VOIDING',
                      'AWAITING_ACTION'));
-- the leader reads waiting payments back from the provider (a missed webhook), the longest unread first
CREATE INDEX payment_awaiting_action_idx ON payment (updated_at) WHERE status = 'AWAITING_ACTION';

-- the sandbox processor, like Stripe: a charge waiting for the buyer (status requires_action) has a client secret and
-- the address of its challenge page; a failed challenge leaves it requires_payment_method with Stripe's error
ALTER TABLE sandbox_charge
    ADD COLUMN client_secret   text,
    ADD COLUMN next_action_url text,
    ADD COLUMN failure_code    text,
    ADD COLUMN failure_message text;
