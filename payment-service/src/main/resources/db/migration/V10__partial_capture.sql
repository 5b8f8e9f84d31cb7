-- Partial captures (#29): a capture of less than the authorization keeps, posts and later refunds only what was
-- captured. Its splits are scaled to the captured amount (largest remainder, CapturedSplits) in place, so refunds,
-- disputes, balances and the split checks all work from what was captured; what the authorization carried is kept
-- beside them. The rest of the authorization is released by the capture (Stripe, and the sandbox like it).

-- what of the authorization was let go uncaptured: amount − captured once captured, the whole hold once voided
ALTER TABLE payment ADD COLUMN released_minor bigint NOT NULL DEFAULT 0;
UPDATE payment SET released_minor = amount_minor - captured_minor WHERE status IN ('CAPTURED', 'VOIDED');
ALTER TABLE payment ADD CONSTRAINT payment_released_check
    CHECK (released_minor >= 0 AND captured_minor + released_minor <= amount_minor);

-- what the saga's CapturePayment asked, kept while its answer is unknown: the reconciler captures that, not more
ALTER TABLE payment ADD COLUMN capture_requested_minor bigint;
ALTER TABLE payment ADD CONSTRAINT payment_capture_requested_check
    CHECK (capture_requested_minor IS NULL OR (capture_requested_minor > 0 AND capture_requested_minor <= amount_minor));

-- a split as authorized, when a partial capture scaled it down (NULL: the split is as authorized)
ALTER TABLE payment_split ADD COLUMN authorized_goods_minor bigint;
ALTER TABLE payment_split ADD COLUMN authorized_shipping_minor bigint;
ALTER TABLE payment_split ADD COLUMN authorized_tax_minor bigint;
ALTER TABLE payment_split ADD COLUMN authorized_commission_minor bigint;
ALTER TABLE payment_split ADD CONSTRAINT payment_split_scaled_check
    CHECK (authorized_goods_minor IS NULL OR (authorized_goods_minor >= goods_minor
        AND authorized_shipping_minor >= shipping_minor AND authorized_tax_minor >= tax_minor
        AND authorized_commission_minor >= commission_minor));

-- the sandbox processor's books: what a capture (or a cancel) released of the authorization, as Stripe does
ALTER TABLE sandbox_charge ADD COLUMN released_minor bigint NOT NULL DEFAULT 0;
UPDATE sandbox_charge SET released_minor = amount_minor - captured_minor WHERE status IN ('captured', 'canceled');
