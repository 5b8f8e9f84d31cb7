-- Shop staff (issue #27, ADR 0027): the subjects of the users a shop's owner invited to fulfil its orders, as the
-- shop's ShopPolicyChanged last told (the whole list each time, moving forward with policy_version). Staff may use the
-- seller fulfilment endpoints for this shop; analytics stay the owner's.
ALTER TABLE shop ADD COLUMN staff_subjects text[] NOT NULL DEFAULT '{}';
CREATE INDEX shop_staff_subjects_idx ON shop USING gin (staff_subjects);
