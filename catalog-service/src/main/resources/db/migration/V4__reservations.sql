-- Stock held for a checkout saga: all lines or none. One reservation per saga (replays find it).
CREATE TABLE reservation (
    id          uuid        PRIMARY KEY,
    saga_id     uuid        NOT NULL UNIQUE,
    status      text        NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'COMMITTED', 'RELEASED')),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- the expiry sweep looks only at live reservations
CREATE INDEX reservation_expiry_idx ON reservation (expires_at) WHERE status = 'RESERVED';

CREATE TABLE reservation_line (
    reservation_id uuid NOT NULL REFERENCES reservation (id) ON DELETE CASCADE,
    variant_id     uuid NOT NULL REFERENCES variant (id),
    quantity       int  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, variant_id)
);
