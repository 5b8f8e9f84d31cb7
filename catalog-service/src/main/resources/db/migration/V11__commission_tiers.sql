-- Volume-tier commission (#27, ADR 0023). A category's schedules: from effective_from on, base_rate_bps, lowered to
-- tier_rate_bps[i] when the seller's trailing-30-day GMV is strictly above tier_above_minor[i]. The rules (ascending
-- thresholds, non-increasing rates) are the domain's (CommissionSchedule); the checks here only keep the table sane.
-- A category without a schedule in force keeps category.commission_rate_bps.
CREATE TABLE commission_schedule (
    id               uuid PRIMARY KEY,
    category_id      uuid        NOT NULL REFERENCES category (id),
    effective_from   timestamptz NOT NULL,
    base_rate_bps    int         NOT NULL CHECK (base_rate_bps BETWEEN 0 AND 10000),
    tier_above_minor bigint[]    NOT NULL DEFAULT '{}',
    tier_rate_bps    int[]       NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       text        NOT NULL,
    CHECK (cardinality(tier_above_minor) = cardinality(tier_rate_bps)),
    UNIQUE (category_id, effective_from)
);

-- Each shop's part of each order, from order.events (OrderPlaced groups, OrderPaid, GroupCancelled, OrderCancelled):
-- the goods total counted in the shop's trailing GMV once paid and while not cancelled.
CREATE TABLE shop_sale (
    order_id    uuid        NOT NULL,
    shop_id     uuid        NOT NULL,
    goods_minor bigint      NOT NULL CHECK (goods_minor >= 0),
    placed_at   timestamptz NOT NULL,
    paid        boolean     NOT NULL DEFAULT false,
    cancelled   boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (order_id, shop_id)
);

-- the trailing sum per shop (VariantLookup, the sellers' commission page) reads only counted sales, by time
CREATE INDEX shop_sale_trailing_idx ON shop_sale (shop_id, placed_at) INCLUDE (goods_minor)
    WHERE paid AND NOT cancelled;
