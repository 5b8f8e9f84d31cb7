-- Ratings of products and shops over their published reviews (#25), as review-service announces them on
-- review.events (RatingChanged). The catalog keeps the latest one per subject so that product pages, shop profiles
-- and the search index show it, and a reindex rebuilds it from here. No foreign key: a rating may arrive before its
-- product is visible, or outlive a deleted draft; it is keyed by the subject's id and waits.
CREATE TABLE rating (
    subject        text        NOT NULL CHECK (subject IN ('PRODUCT', 'SHOP')),
    subject_id     uuid        NOT NULL,
    -- mean stars in tenths (43 = 4.3), 0 when there are no reviews
    average_tenths integer     NOT NULL CHECK (average_tenths = 0 OR average_tenths BETWEEN 10 AND 50),
    count          bigint      NOT NULL CHECK (count >= 0),
    -- the number of 1★ … 5★ reviews
    histogram      bigint[]    NOT NULL CHECK (cardinality(histogram) = 5),
    -- the rating's sequence (the envelope's aggregateVersion): a write only replaces an older one
    sequence       bigint      NOT NULL CHECK (sequence >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subject_id, subject)
);
