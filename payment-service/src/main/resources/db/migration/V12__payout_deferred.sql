-- A transfer the provider refused because the platform's own available balance is short (buyers' charges not settled
-- yet, ADR 0013): DEFERRED — no money moved and it is not the seller's failure; the next run pays again under a new key.
ALTER TABLE payout DROP CONSTRAINT payout_status_check;
ALTER TABLE payout ADD CONSTRAINT payout_status_check
    CHECK (status IN ('PENDING', 'UNKNOWN', 'PAID', 'FAILED', 'DEFERRED'));
-- the sandbox can play that refusal (Stripe's error code balance_insufficient)
ALTER TABLE sandbox_fault DROP CONSTRAINT sandbox_fault_mode_check;
ALTER TABLE sandbox_fault ADD CONSTRAINT sandbox_fault_mode_check
    CHECK (mode IN ('unavailable', 'lose_response', 'balance_insufficient'));
