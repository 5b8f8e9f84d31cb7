-- notification-service: the portal's inbox of sellers and admins (#24, ADR 0019 addendum)

-- one item per (event, recipient, type), written in the same transaction as the event's emails: a redelivered or
-- replayed event adds nothing. recipient: a seller's Keycloak subject, or 'role:admin' for the admins' shared inbox
-- (one read state for all admins). title and link are built from the notification's data (ids, references, amounts):
-- no address, no name.
CREATE TABLE inbox_item (
    id              uuid PRIMARY KEY,
    recipient       text        NOT NULL,
    source_event_id uuid        NOT NULL,
    type            text        NOT NULL,
    title           text        NOT NULL,
    link            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    read_at         timestamptz,
    CONSTRAINT inbox_item_once UNIQUE (source_event_id, recipient, type)
);
-- a recipient's inbox, newest first
CREATE INDEX inbox_item_recipient_idx ON inbox_item (recipient, created_at DESC, id DESC);
-- the unread count (the header's badge): unread rows only
CREATE INDEX inbox_item_unread_idx ON inbox_item (recipient) WHERE read_at IS NULL;

-- the live unread count (SSE) across replicas: an item added or read announces its recipient on channel bazaar_inbox
-- when the transaction commits (PostgreSQL sends a payload once per transaction, however many rows). Every replica
-- listens on one connection and refreshes the count of the recipients whose streams it holds.
CREATE FUNCTION inbox_item_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bazaar_inbox', NEW.recipient);
    RETURN NULL;
END;
$$;

CREATE TRIGGER inbox_item_added AFTER INSERT ON inbox_item
    FOR EACH ROW EXECUTE FUNCTION inbox_item_notify();
CREATE TRIGGER inbox_item_read AFTER UPDATE OF read_at ON inbox_item
    FOR EACH ROW WHEN (OLD.read_at IS DISTINCT FROM NEW.read_at) EXECUTE FUNCTION inbox_item_notify();
