-- Return windows per shop (#23). The shop replica keeps each shop's return policy (ShopPolicyChanged on
-- catalog.shop-events, kept by the platform kit's ShopReplica): the window in days (NULL: never announced, the default
-- 30 applies) and the version of the event that set it — the policy moves forward by its own version, so a late
-- status event is not lost behind it. An order snapshots its groups' windows when placed (OrderPlaced).
ALTER TABLE shop ADD COLUMN return_window_days integer CHECK (return_window_days >= 0);
ALTER TABLE shop ADD COLUMN policy_version bigint NOT NULL DEFAULT 0;

-- The completion job's list is keyed by when the order may complete: the latest of its delivered groups' delivery +
-- that group's own window (written with the events: GroupDelivered raises it). Rows from before this migration have
-- none: the job gives them last delivery + the configured bazaar.orders.return-window (the only window then) before
-- it pages (the partial index finds them).
ALTER TABLE order_completion_due ADD COLUMN due_at timestamptz;
DROP INDEX order_completion_due_idx;
CREATE INDEX order_completion_due_at_idx ON order_completion_due (due_at, order_id);
CREATE INDEX order_completion_due_unset_idx ON order_completion_due (order_id) WHERE due_at IS NULL;
