-- Orders the completion job must look at (#20, scenario 7): one row per open order with a delivered group, keyed by
-- its last delivery, written with the events in the same transaction (GroupDelivered upserts, OrderCompleted and
-- OrderCancelled delete). The job pages through it by (last_delivered_at, order_id), so orders that cannot complete
-- yet never hide the others.
CREATE TABLE order_completion_due (
    order_id          uuid PRIMARY KEY,
    last_delivered_at timestamptz NOT NULL
);
CREATE INDEX order_completion_due_idx ON order_completion_due (last_delivered_at, order_id);

INSERT INTO order_completion_due (order_id, last_delivered_at)
SELECT d.order_id, max(coalesce((d.payload ->> 'deliveredAt')::timestamptz, d.recorded_at))
FROM order_event d
WHERE d.type = 'GroupDelivered'
  AND NOT EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = d.order_id
                  AND e.type IN ('OrderCompleted', 'OrderCancelled'))
GROUP BY d.order_id;
