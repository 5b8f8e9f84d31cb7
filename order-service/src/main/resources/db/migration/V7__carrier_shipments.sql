-- Parcels by carrier and tracking number (#23), for carriers' tracking events (POST /api/v1/carriers/{carrier}/events):
-- one row per parcel, written with its ShipmentDispatched in the same transaction (OrderIndex). The carrier is kept
-- trimmed and lower-cased, the tracking number upper-cased without whitespace (domain.TrackingKey), so "UPS" / "1z 9"
-- typed by a seller matches ups / 1Z9 sent by the carrier. Not unique: a carrier may reuse a number after a while, or
-- a seller mistype one; an event goes to the most recently dispatched parcel with it. Rows stay after delivery.
CREATE TABLE order_shipment (
    shipment_id     uuid        PRIMARY KEY,
    order_id        uuid        NOT NULL,
    shop_id         uuid        NOT NULL,
    carrier         text        NOT NULL,
    tracking_number text        NOT NULL,
    dispatched_at   timestamptz NOT NULL
);
CREATE INDEX order_shipment_tracking_idx ON order_shipment (carrier, tracking_number, dispatched_at DESC);

-- parcels sent before this table, with their ids (those recorded before parcels had ids — the whole group in one — are
-- not looked up by carriers: the seller, the buyer or the 14-day job confirms them, as before)
INSERT INTO order_shipment (shipment_id, order_id, shop_id, carrier, tracking_number, dispatched_at)
SELECT (payload ->> 'shipmentId')::uuid, order_id, (payload ->> 'shopId')::uuid,
       lower(regexp_replace(payload ->> 'carrier', '^\s+|\s+$', '', 'g')),
       upper(regexp_replace(payload ->> 'trackingNumber', '\s+', '', 'g')),
       coalesce((payload ->> 'dispatchedAt')::timestamptz, recorded_at)
FROM order_event
WHERE type = 'ShipmentDispatched' AND payload ->> 'shipmentId' IS NOT NULL
  AND payload ->> 'carrier' IS NOT NULL AND payload ->> 'trackingNumber' IS NOT NULL
ON CONFLICT (shipment_id) DO NOTHING;
