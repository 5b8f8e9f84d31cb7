-- Payout accounts and runs, transfer reversals, disputes, and Stripe webhook events (payment issue 2/2).

CREATE TABLE payout_account (
    shop_id        uuid PRIMARY KEY,
    provider       text        NOT NULL,
    account_id     text        NOT NULL UNIQUE,
    verified       boolean     NOT NULL DEFAULT false,
    onboarding_url text,
    schedule       text        NOT NULL DEFAULT 'WEEKLY' CHECK (schedule IN ('DAILY', 'WEEKLY', 'MONTHLY')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- one payout per seller and run: the transfer of their available balance net of debt
CREATE TABLE payout (
    id                 uuid PRIMARY KEY,
    shop_id            uuid        NOT NULL,
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    debt_settled_minor bigint      NOT NULL DEFAULT 0 CHECK (debt_settled_minor >= 0),
    reversed_minor     bigint      NOT NULL DEFAULT 0 CHECK (reversed_minor >= 0 AND reversed_minor <= amount_minor),
    status             text        NOT NULL CHECK (status IN ('PENDING', 'PAID', 'FAILED')),
    transfer_reference text,
    failure_reason     text,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payout_shop_idx ON payout (shop_id, created_at);

CREATE TABLE transfer_reversal (
    id           uuid PRIMARY KEY,
    payout_id    uuid        NOT NULL REFERENCES payout (id),
    refund_id    uuid        NOT NULL UNIQUE,
    shop_id      uuid        NOT NULL,
    amount_minor bigint      NOT NULL CHECK (amount_minor > 0),
    reference    text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- a dispute holds the seller's share of that payment until it is resolved
ALTER TABLE payment_split ADD COLUMN held boolean NOT NULL DEFAULT false;
CREATE TABLE dispute (
    id           text PRIMARY KEY,
    payment_id   uuid        NOT NULL REFERENCES payment (id),
    amount_minor bigint      NOT NULL,
    reason       text,
    status       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- every verified Stripe event, stored once by id
CREATE TABLE stripe_event (
    id          text PRIMARY KEY,
    endpoint    text        NOT NULL CHECK (endpoint IN ('platform', 'connect')),
    type        text        NOT NULL,
    account     text,
    api_version text,
    payload     jsonb       NOT NULL,
    outcome     text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
