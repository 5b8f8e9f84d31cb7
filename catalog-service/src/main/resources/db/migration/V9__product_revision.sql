-- A seller's changes to a live product's content, held for an admin (#26): the product row keeps the approved
-- content, which search, the product page and carts show, until an admin approves the revision. One per product.
CREATE TABLE product_revision (
    product_id   uuid        PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
    shop_id      uuid        NOT NULL REFERENCES shop (id),
    status       text        NOT NULL CHECK (status IN ('PENDING', 'REJECTED')),
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description  text        NOT NULL DEFAULT '',
    category_id  uuid        NOT NULL REFERENCES category (id),
    brand        text,
    tags         text[]      NOT NULL DEFAULT '{}',
    attributes   jsonb       NOT NULL DEFAULT '{}',
    media        jsonb       NOT NULL DEFAULT '[]',
    -- an admin's reason for a rejection
    reason       text,
    submitted_at timestamptz NOT NULL,
    decided_at   timestamptz,
    CHECK ((status = 'REJECTED') = (reason IS NOT NULL))
);

-- the admins' queue: oldest first
CREATE INDEX product_revision_queue_idx ON product_revision (status, submitted_at, product_id);
