-- Products, their variants and each variant's stock.
CREATE TABLE product (
    id            uuid        PRIMARY KEY,
    shop_id       uuid        NOT NULL REFERENCES shop (id),
    slug          text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description   text        NOT NULL DEFAULT '',
    category_id   uuid        NOT NULL REFERENCES category (id),
    brand         text,
    tags          text[]      NOT NULL DEFAULT '{}',
    attributes    jsonb       NOT NULL DEFAULT '{}',
    media         jsonb       NOT NULL DEFAULT '[]',
    status        text        NOT NULL CHECK (status IN ('DRAFT', 'PENDING_REVIEW', 'ACTIVE', 'REJECTED', 'ARCHIVED')),
    status_reason text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint      NOT NULL DEFAULT 0
);

-- a seller's list and the admin review queue
CREATE INDEX product_shop_status_idx ON product (shop_id, status, created_at, id);
CREATE INDEX product_status_idx ON product (status, created_at, id);

CREATE TABLE variant (
    id                uuid    PRIMARY KEY,
    product_id        uuid    NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    shop_id           uuid    NOT NULL REFERENCES shop (id),
    sku               text    NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
    options           jsonb   NOT NULL DEFAULT '{}',
    price_minor       bigint  NOT NULL CHECK (price_minor >= 0),
    compare_at_minor  bigint  CHECK (compare_at_minor >= 0),
    currency          char(3) NOT NULL DEFAULT 'USD',
    weight_grams      int     NOT NULL CHECK (weight_grams >= 0),
    position          int     NOT NULL DEFAULT 0,
    -- a SKU is unique within its shop
    UNIQUE (shop_id, sku)
);

CREATE INDEX variant_product_idx ON variant (product_id, position);

-- available = on_hand - reserved; the checks make overselling impossible even for a faulty query
CREATE TABLE inventory (
    variant_id uuid   PRIMARY KEY REFERENCES variant (id) ON DELETE CASCADE,
    on_hand    int    NOT NULL CHECK (on_hand >= 0),
    reserved   int    NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    version    bigint NOT NULL DEFAULT 0,
    CHECK (reserved <= on_hand)
);
