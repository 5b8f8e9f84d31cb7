-- Shop staff (issue #27, ADR 0027): users a shop's owner invited to fulfil the shop's orders (role FULFILMENT: list,
-- ship, deliver, decide returns in order-service; no payouts, no catalogue or shop edits). A user is staff of at most
-- one shop (the primary key), and never of a shop they own (checked by the service, which also refuses shop owners).
-- granted_seller says whether the invitation gave the user the `seller` realm role (so removal takes it back) or the
-- user already had it.
CREATE TABLE shop_staff (
    user_subject   text        PRIMARY KEY,
    shop_id        uuid        NOT NULL REFERENCES shop (id),
    username       text        NOT NULL,
    role           text        NOT NULL DEFAULT 'FULFILMENT' CHECK (role IN ('FULFILMENT')),
    granted_seller boolean     NOT NULL,
    invited_by     text        NOT NULL,
    invited_at     timestamptz NOT NULL DEFAULT now()
);

-- a shop's staff list, oldest invitation first
CREATE INDEX shop_staff_shop_idx ON shop_staff (shop_id, invited_at, user_subject);
