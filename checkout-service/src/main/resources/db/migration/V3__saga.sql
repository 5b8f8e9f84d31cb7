-- The checkout saga (ARCHITECTURE.md): its state lives on the session row, every transition is compare-and-set on
-- (id, version) and logged in saga_step in the same transaction as the commands it sends (kit_outbox).
ALTER TABLE checkout_session
    ADD COLUMN payment_method  text,
    ADD COLUMN payment_id      uuid,
    ADD COLUMN reservation_id  uuid,
    ADD COLUMN confirmed_at    timestamptz,
    -- the running step: when it started (metrics) and when it times out (the sweep compensates after that)
    ADD COLUMN step_started_at timestamptz,
    ADD COLUMN step_deadline   timestamptz,
    ADD COLUMN finished_at     timestamptz,
    ADD COLUMN failure_reason  text,
    ADD COLUMN failure_step    text,
    ADD COLUMN failure_detail  text,
    ADD COLUMN shortages       jsonb,
    ADD CONSTRAINT checkout_session_failure_ck CHECK ((status = 'FAILED') = (failure_reason IS NOT NULL)),
    ADD CONSTRAINT checkout_session_deadline_ck CHECK (
        (status IN ('RESERVING', 'AUTHORIZING', 'PLACING', 'COMMITTING', 'CAPTURING')) = (step_deadline IS NOT NULL));

-- the timeout sweep reads only running sagas, oldest deadline first
CREATE INDEX checkout_session_deadline_idx ON checkout_session (step_deadline) WHERE step_deadline IS NOT NULL;

-- One row per persisted decision: the step taken, what caused it, what it sent.
CREATE TABLE saga_step (
    checkout_id      uuid        NOT NULL REFERENCES checkout_session (id),
    version          bigint      NOT NULL,
    from_status      text        NOT NULL,
    to_status        text        NOT NULL,
    cause            text        NOT NULL,   -- Confirm, Timeout, or the reply's type
    cause_message_id uuid,
    actions          text[]      NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (checkout_id, version)
);
