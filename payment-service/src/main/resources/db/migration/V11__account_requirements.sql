-- Connected accounts' onboarding requirements (#29), kept from the newest account.updated Stripe sent: what is due
-- now, what is past due, why the account is disabled, by when. Payouts pause while any of them is set.
ALTER TABLE payout_account
    ADD COLUMN requirements_due      text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN requirements_past_due text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN disabled_reason       text,
    ADD COLUMN requirements_deadline timestamptz,
    -- the `created` time of the account.updated applied last (an older one, delivered late, changes nothing)
    ADD COLUMN provider_updated_at   timestamptz;
