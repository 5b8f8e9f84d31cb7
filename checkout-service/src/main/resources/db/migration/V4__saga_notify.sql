-- Status streams (SSE) wait on a notification instead of polling (#21): a saga whose status changes announces its id
-- on channel checkout_status when the transaction commits. Every replica listens on one connection and wakes only the
-- streams that follow that saga.
CREATE FUNCTION checkout_status_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('checkout_status', NEW.id::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER checkout_status_changed AFTER UPDATE OF status ON checkout_session
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION checkout_status_notify();
