-- Groups with a parcel sent that nobody has marked delivered yet (#23): one row per (order, shop), keyed by its latest
-- parcel's dispatch, written with the events in the same transaction (ShipmentDispatched upserts; GroupDelivered and
-- GroupCancelled delete the group's row, OrderCancelled the order's). The auto-delivery job pages through it by
-- (last_shipped_at, order_id, shop_id); the aggregate decides (a group not shipped in full is passed over).
CREATE TABLE order_delivery_due (
    order_id        uuid        NOT NULL,
    shop_id         uuid        NOT NULL,
    last_shipped_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, shop_id)
);
CREATE INDEX order_delivery_due_idx ON order_delivery_due (last_shipped_at, order_id, shop_id);

INSERT INTO order_delivery_due (order_id, shop_id, last_shipped_at)
SELECT s.order_id, (s.payload ->> 'shopId')::uuid,
       max(coalesce((s.payload ->> 'dispatchedAt')::timestamptz, s.recorded_at))
FROM order_event s
WHERE s.type = 'ShipmentDispatched'
  AND NOT EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = s.order_id
                  AND (e.type = 'OrderCancelled'
                       OR (e.type IN ('GroupDelivered', 'GroupCancelled')
                           AND e.payload ->> 'shopId' = s.payload ->> 'shopId')))
GROUP BY s.order_id, (s.payload ->> 'shopId')::uuid;
