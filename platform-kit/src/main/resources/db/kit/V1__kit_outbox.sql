-- Transactional outbox: rows written in the caller's transaction, published by the leader's relay in id order per key.
CREATE TABLE kit_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      uuid        NOT NULL UNIQUE,
    topic           text        NOT NULL,
    message_key     text        NOT NULL,
    type            text        NOT NULL,
    payload         text        NOT NULL,
    headers         jsonb       NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    attempts        int         NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz
);

-- the relay reads only unsent rows, in id order, and skips keys whose head row is waiting for a retry
CREATE INDEX kit_outbox_unsent_idx ON kit_outbox (id) WHERE sent_at IS NULL;
CREATE INDEX kit_outbox_unsent_key_idx ON kit_outbox (topic, message_key, id) WHERE sent_at IS NULL;
-- sent rows are purged after a retention period
CREATE INDEX kit_outbox_sent_idx ON kit_outbox (sent_at) WHERE sent_at IS NOT NULL;
