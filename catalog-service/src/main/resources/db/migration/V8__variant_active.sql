-- A seller can stop selling one variant of a product (#26) without deleting it: orders, returns and reviews still
-- point at it. An inactive variant is not shown to buyers, not in search prices or stock, not in product events, and
-- reservations of it are refused; its seller can turn it on again.
ALTER TABLE variant ADD COLUMN active boolean NOT NULL DEFAULT true;
