-- Reconciliation (#20): each run compares the books with the provider's records and keeps what it found.
CREATE TABLE reconciliation_run (
    id          uuid PRIMARY KEY,
    ran_at      timestamptz NOT NULL DEFAULT now(),
    since       timestamptz NOT NULL,
    checked     int         NOT NULL,
    differences jsonb       NOT NULL
);
CREATE INDEX reconciliation_run_at_idx ON reconciliation_run (ran_at DESC);
