-- The order event store: append-only, one stream per order, ordered by seq.
-- (order_id, seq) as the key gives optimistic concurrency: of two writers appending the same seq, one fails.
CREATE TABLE order_event (
    order_id        uuid        NOT NULL,
    seq             bigint      NOT NULL CHECK (seq > 0),
    type            text        NOT NULL,
    schema_version  int         NOT NULL DEFAULT 1,
    payload         jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, seq)
);

-- events are facts: never updated or deleted
CREATE FUNCTION order_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order_event is append-only';
END $$;

CREATE TRIGGER order_event_no_update BEFORE UPDATE OR DELETE ON order_event
    FOR EACH ROW EXECUTE FUNCTION order_event_is_append_only();
