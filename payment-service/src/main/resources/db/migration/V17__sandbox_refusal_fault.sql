-- The sandbox can refuse a capture, void, refund or transfer for good (as Stripe does with, say,
-- charge_expired_for_capture): the call is answered with a failure and nothing moves. The money fault suite uses it to
-- make a checkout fail after its authorization and check that no hold is left on the card.
ALTER TABLE sandbox_fault DROP CONSTRAINT sandbox_fault_mode_check;
ALTER TABLE sandbox_fault ADD CONSTRAINT sandbox_fault_mode_check
    CHECK (mode IN ('unavailable', 'lose_response', 'balance_insufficient', 'refused'));
ALTER TABLE sandbox_fault ADD CONSTRAINT sandbox_fault_refused_kind_check
    CHECK (mode <> 'refused' OR operation IN ('capture', 'void', 'refund', 'transfer'));
