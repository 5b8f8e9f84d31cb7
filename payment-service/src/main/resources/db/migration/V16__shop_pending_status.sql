-- The kit's ShopReplica records a ShopPolicyChanged for a shop it has not heard of as PENDING_APPROVAL (V14), and
-- PostgreSQL checks the proposed row of INSERT … ON CONFLICT DO UPDATE against CHECK constraints even when the row
-- exists and is updated instead — so with V2's check every ShopPolicyChanged failed here. Since #27 (ADR 0027) each
-- shop staff change is sent as ShopPolicyChanged, so the status check admits PENDING_APPROVAL, as order-service's does.
ALTER TABLE shop DROP CONSTRAINT shop_status_check;
ALTER TABLE shop ADD CONSTRAINT shop_status_check
    CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SUSPENDED'));
