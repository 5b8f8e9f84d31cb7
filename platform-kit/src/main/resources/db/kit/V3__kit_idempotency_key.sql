-- Idempotency-Key: the first request with a key runs and its answer is stored; repeats replay it.
-- status IS NULL while the first request is still running (a duplicate then gets 409).
CREATE TABLE kit_idempotency_key (
    scope            text        NOT NULL,
    idem_key         text        NOT NULL,
    request_hash     text        NOT NULL,
    status           int,
    response_type    text,
    response_headers jsonb,
    response_body    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (scope, idem_key)
);

CREATE INDEX kit_idempotency_key_expiry_idx ON kit_idempotency_key (expires_at);
