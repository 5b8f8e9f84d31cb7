-- A checkout session: the buyer's quote, then the saga that turns it into an order (ARCHITECTURE.md).
-- The quote's contents and the saga's step log are added by the checkout issue; this is the row they hang on.
CREATE TABLE checkout_session (
    id            uuid        PRIMARY KEY,
    buyer_subject text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('QUOTED', 'RESERVING', 'AUTHORIZING', 'PLACING',
                                                         'COMMITTING', 'CAPTURING', 'COMPLETED', 'FAILED')),
    order_id      uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- saga transitions are compare-and-set on (id, version)
    version       bigint      NOT NULL DEFAULT 0
);

CREATE INDEX checkout_session_buyer_idx ON checkout_session (buyer_subject, created_at DESC);
