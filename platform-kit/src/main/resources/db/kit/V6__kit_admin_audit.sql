-- The admins' audit log (#27): every state-changing admin request, appended twice — when it is let through
-- ("REQUESTED": who, what, when, before the action runs) and when it has answered ("COMPLETED": the status, the
-- request body, the state before where the service recorded it, and the answer). Append-only: rows can be neither
-- changed nor removed (the triggers below refuse it, also for the service's own role).
CREATE TABLE kit_admin_audit (
    seq          bigserial   PRIMARY KEY,
    request_id   uuid        NOT NULL,
    phase        text        NOT NULL CHECK (phase IN ('REQUESTED', 'COMPLETED')),
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    actor_name   text,
    method       text        NOT NULL,
    path         text        NOT NULL,
    status       int,
    request_body text,
    before_state text,
    after_state  text,
    UNIQUE (request_id, phase)
);

CREATE INDEX kit_admin_audit_at_idx ON kit_admin_audit (at);

CREATE FUNCTION kit_admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'kit_admin_audit is append-only: % refused', TG_OP;
END $$;

CREATE TRIGGER kit_admin_audit_no_change BEFORE UPDATE OR DELETE ON kit_admin_audit
    FOR EACH ROW EXECUTE FUNCTION kit_admin_audit_append_only();
CREATE TRIGGER kit_admin_audit_no_truncate BEFORE TRUNCATE ON kit_admin_audit
    FOR EACH STATEMENT EXECUTE FUNCTION kit_admin_audit_append_only();
