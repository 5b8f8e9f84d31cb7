-- notification-service (#24, ADR 0019)

-- who owns which shop, from catalog.shop-events (the kit's ShopReplica writes it; name for the buyer's emails)
CREATE TABLE shop (
    id            uuid PRIMARY KEY,
    owner_subject text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('APPROVED', 'REJECTED', 'SUSPENDED')),
    name          text,
    version       bigint      NOT NULL DEFAULT 0,
    event_at      timestamptz NOT NULL DEFAULT 'epoch',
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shop_owner_event_idx ON shop (owner_subject, event_at DESC);

-- what an OrderPlaced says that later events lack (OrderPaid has no lines, ShipmentDispatched no buyer): the buyer's
-- subject and the groups (lines per seller, totals), as order.events' JSON. No name, no address.
CREATE TABLE order_fact (
    order_id      uuid PRIMARY KEY,
    buyer_subject text        NOT NULL,
    groups        jsonb       NOT NULL,
    total_minor   bigint      NOT NULL,
    currency      text        NOT NULL,
    placed_at     timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- one row per (event, recipient, type): a redelivered or replayed event finds its rows and adds none. The recipient is
-- a Keycloak subject; the address is looked up when sending and never stored. data: what the template shows.
CREATE TABLE notification (
    id                uuid PRIMARY KEY,
    source_event_id   uuid        NOT NULL,
    recipient_subject text        NOT NULL,
    type              text        NOT NULL,
    data              jsonb       NOT NULL,
    status            text        NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'FAILED_RETRYING', 'DEAD')),
    attempts          int         NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    sent_at           timestamptz,
    version           bigint      NOT NULL DEFAULT 0,
    CONSTRAINT notification_once UNIQUE (source_event_id, recipient_subject, type)
);
-- the sender's claim: due rows only
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status IN ('QUEUED', 'FAILED_RETRYING');
CREATE INDEX notification_dead_idx ON notification (updated_at DESC) WHERE status = 'DEAD';
