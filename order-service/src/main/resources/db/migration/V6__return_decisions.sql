-- Returns waiting for a decision (#23): when each was asked for, escalated to the admins' queue, and decided, written
-- with the events in the same transaction (ReturnRequested inserts, ReturnEscalated sets escalated_at, ReturnApproved
-- and ReturnRejected set decided_at). The escalation job pages through the undecided, unescalated ones by
-- (requested_at, return_id); the admins' queue lists the escalated, undecided ones oldest first.
ALTER TABLE order_return ADD COLUMN requested_at timestamptz;
ALTER TABLE order_return ADD COLUMN escalated_at timestamptz;
ALTER TABLE order_return ADD COLUMN decided_at   timestamptz;

UPDATE order_return r SET requested_at = e.recorded_at
FROM order_event e WHERE e.order_id = r.order_id AND e.type = 'ReturnRequested'
  AND e.payload ->> 'returnId' = r.return_id::text;
UPDATE order_return r SET decided_at = e.recorded_at
FROM order_event e WHERE e.order_id = r.order_id AND e.type IN ('ReturnApproved', 'ReturnRejected')
  AND e.payload ->> 'returnId' = r.return_id::text;
UPDATE order_return SET requested_at = now() WHERE requested_at IS NULL;
ALTER TABLE order_return ALTER COLUMN requested_at SET NOT NULL;
ALTER TABLE order_return ALTER COLUMN requested_at SET DEFAULT now();

CREATE INDEX order_return_to_escalate_idx ON order_return (requested_at, return_id)
    WHERE decided_at IS NULL AND escalated_at IS NULL;
CREATE INDEX order_return_escalated_idx ON order_return (escalated_at, return_id)
    WHERE decided_at IS NULL AND escalated_at IS NOT NULL;
