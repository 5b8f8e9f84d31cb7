-- The shop replica's return policy (#23: ShopPolicyChanged on catalog.shop-events, kept by the platform kit's
-- ShopReplica): the window in days (NULL: never announced, the default 30 applies) and the version of the event that
-- set it — the policy moves forward by its own version, so a late status event is not lost behind it. Payment does not
-- read the window; it has the columns because the kit writes them.
ALTER TABLE shop ADD COLUMN return_window_days integer CHECK (return_window_days >= 0);
ALTER TABLE shop ADD COLUMN policy_version bigint NOT NULL DEFAULT 0;
