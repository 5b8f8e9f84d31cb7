-- When the catalog decided a shop's state (the shop event's occurredAt). A seller has one shop in the catalog, but
-- this table may hold shops the catalog has since deleted; "the seller's shop" is the one the catalog touched last —
-- by the catalog's time, not by when this service happened to consume the event (a lagging consumer would otherwise
-- make an old shop look newest).
ALTER TABLE shop ADD COLUMN event_at timestamptz NOT NULL DEFAULT 'epoch';
CREATE INDEX shop_owner_event_idx ON shop (owner_subject, event_at DESC);
