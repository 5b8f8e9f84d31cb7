-- Who owns which shop (from catalog.shop-events: sellers reach only their own shop's groups), and which order a
-- return belongs to (sellers approve returns by return id).
CREATE TABLE shop (
    id            uuid PRIMARY KEY,
    owner_subject text        NOT NULL,
    status        text        NOT NULL,
    version       bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shop_owner_idx ON shop (owner_subject);

CREATE TABLE order_return (
    return_id uuid PRIMARY KEY,
    order_id  uuid NOT NULL,
    shop_id   uuid NOT NULL
);

-- the shops of each order, for a seller's lookups by order id
CREATE TABLE order_shop (
    order_id uuid NOT NULL,
    shop_id  uuid NOT NULL,
    PRIMARY KEY (order_id, shop_id)
);
CREATE INDEX order_shop_shop_idx ON order_shop (shop_id);
