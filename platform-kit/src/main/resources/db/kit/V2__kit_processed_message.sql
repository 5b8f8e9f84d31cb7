-- Idempotent consumers: a message id is recorded in the same transaction as its effect, so a redelivery is a no-op.
CREATE TABLE kit_processed_message (
    consumer     text        NOT NULL,
    message_id   uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
