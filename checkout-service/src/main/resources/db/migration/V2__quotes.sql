-- The quote a checkout holds (frozen prices, shipping, tax, commission) and the address it ships to. The address is a
-- mutable row referenced by id (personal data is never inside events or the quote document).
CREATE TABLE shipping_address (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    line1       text        NOT NULL,
    line2       text,
    city        text        NOT NULL,
    region      text,
    postal_code text        NOT NULL,
    country     char(2)     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE checkout_session
    ADD COLUMN shipping_address_id uuid REFERENCES shipping_address (id),
    ADD COLUMN quote               jsonb,
    ADD COLUMN total_minor         bigint,
    ADD COLUMN display_currency    char(3);
