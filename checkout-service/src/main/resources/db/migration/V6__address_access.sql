-- Shipping-address reads (#23, ADR 0017): order-service reads the buyer's address by id when a seller ships it. Every
-- read is recorded here, in the same statement as the read (AddressBook.readFor): who read it, for which order and
-- shop, when. Only ids and the reader's name: the address itself stays in shipping_address (erasable in place).
CREATE TABLE address_access (
    id         uuid PRIMARY KEY,
    address_id uuid        NOT NULL REFERENCES shipping_address (id),
    order_id   uuid        NOT NULL,
    shop_id    uuid        NOT NULL,
    reader     text        NOT NULL,
    read_at    timestamptz NOT NULL DEFAULT now()
);

-- who read this address: the access history of one address
CREATE INDEX address_access_address_idx ON address_access (address_id);
