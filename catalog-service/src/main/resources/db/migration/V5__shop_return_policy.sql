-- A shop's return policy (#23): how many days after delivery buyers may ask to return items of an order placed under
-- it (0: no returns), set by the seller; 30 days for every shop until its seller says otherwise. A change leaves on
-- catalog.shop-events as ShopPolicyChanged.
ALTER TABLE shop ADD COLUMN return_window_days integer NOT NULL DEFAULT 30
    CHECK (return_window_days BETWEEN 0 AND 90);
