-- Payments, refunds, fraud decisions and the sandbox provider's own state (payment issue 1/2).
-- Money is integer minor units (USD). Seller shares: goods + shipping − commission; tax is the platform's to remit.

-- shops as catalog.shop-events announce them: who owns which shop (seller tenancy) and whether it may be paid
CREATE TABLE shop (
    id            uuid PRIMARY KEY,
    owner_subject text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('APPROVED', 'REJECTED', 'SUSPENDED')),
    version       bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shop_owner_idx ON shop (owner_subject);

CREATE TABLE payment (
    id                 uuid PRIMARY KEY,
    saga_id            uuid        NOT NULL UNIQUE,
    order_id           uuid        NOT NULL,
    buyer_subject      text        NOT NULL,
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    currency           char(3)     NOT NULL CHECK (currency = 'USD'),
    payment_method     text        NOT NULL,
    shipping_country   char(2),
    status             text        NOT NULL
        CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'CAPTURE_FAILED')),
    decline_reason     text,
    status_message     text,
    provider           text        NOT NULL,
    provider_reference text,
    captured_minor     bigint      NOT NULL DEFAULT 0 CHECK (captured_minor >= 0 AND captured_minor <= amount_minor),
    refunded_minor     bigint      NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= captured_minor),
    fee_minor          bigint      NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_buyer_idx ON payment (buyer_subject, created_at);
CREATE INDEX payment_method_idx ON payment (payment_method, created_at);
CREATE INDEX payment_order_idx ON payment (order_id);

-- one row per seller of a payment: what was charged for them and what has been refunded of each part
CREATE TABLE payment_split (
    payment_id                uuid   NOT NULL REFERENCES payment (id),
    shop_id                   uuid   NOT NULL,
    goods_minor               bigint NOT NULL CHECK (goods_minor >= 0),
    shipping_minor            bigint NOT NULL CHECK (shipping_minor >= 0),
    tax_minor                 bigint NOT NULL CHECK (tax_minor >= 0),
    commission_minor          bigint NOT NULL CHECK (commission_minor >= 0 AND commission_minor <= goods_minor),
    refunded_goods_minor      bigint NOT NULL DEFAULT 0,
    refunded_shipping_minor   bigint NOT NULL DEFAULT 0,
    refunded_tax_minor        bigint NOT NULL DEFAULT 0,
    refunded_commission_minor bigint NOT NULL DEFAULT 0,
    delivered_at              timestamptz,
    PRIMARY KEY (payment_id, shop_id),
    CHECK (refunded_goods_minor BETWEEN 0 AND goods_minor),
    CHECK (refunded_shipping_minor BETWEEN 0 AND shipping_minor),
    CHECK (refunded_tax_minor BETWEEN 0 AND tax_minor),
    CHECK (refunded_commission_minor BETWEEN 0 AND commission_minor)
);
CREATE INDEX payment_split_shop_idx ON payment_split (shop_id);

-- a void that arrived first (or any void): a later AuthorizePayment of the saga is refused
CREATE TABLE payment_tombstone (
    saga_id    uuid PRIMARY KEY,
    payment_id uuid,
    order_id   uuid,
    reason     text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refund (
    id                 uuid PRIMARY KEY,
    payment_id         uuid        NOT NULL REFERENCES payment (id),
    order_id           uuid        NOT NULL,
    shop_id            uuid        NOT NULL,
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    goods_minor        bigint      NOT NULL CHECK (goods_minor >= 0),
    shipping_minor     bigint      NOT NULL CHECK (shipping_minor >= 0),
    tax_minor          bigint      NOT NULL CHECK (tax_minor >= 0),
    commission_minor   bigint      NOT NULL CHECK (commission_minor >= 0),
    status             text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    failure_reason     text,
    source             text        NOT NULL CHECK (source IN ('ORDER', 'ADMIN', 'VOID')),
    reason             text,
    provider_reference text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (amount_minor = goods_minor + shipping_minor + tax_minor)
);
CREATE INDEX refund_payment_idx ON refund (payment_id);

CREATE TABLE fraud_decision (
    id            uuid PRIMARY KEY,
    saga_id       uuid        NOT NULL,
    payment_id    uuid        NOT NULL,
    buyer_subject text        NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('ALLOW', 'BLOCK')),
    reasons       text[]      NOT NULL,
    provider_risk text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fraud_decision_saga_idx ON fraud_decision (saga_id);

-- when the platform first saw a buyer pay: "account age" for the fraud rules
CREATE TABLE buyer_first_seen (
    buyer_subject text PRIMARY KEY,
    first_seen    timestamptz NOT NULL DEFAULT now()
);

-- the ledger gains transactions (one per money movement) and guarantees balance at commit
CREATE TABLE ledger_transaction (
    id          uuid PRIMARY KEY,
    kind        text        NOT NULL,
    payment_id  uuid,
    refund_id   uuid,
    shop_id     uuid,
    description text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_transaction_fk
    FOREIGN KEY (transaction_id) REFERENCES ledger_transaction (id);
ALTER TABLE ledger_entry ADD COLUMN shop_id uuid;
CREATE INDEX ledger_entry_shop_idx ON ledger_entry (shop_id, account_code);

CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry WHERE transaction_id = NEW.transaction_id) <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % is not balanced', NEW.transaction_id USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced();

CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: post a reversing transaction instead';
END $$;
CREATE TRIGGER ledger_entry_no_change BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_append_only();

-- the sandbox provider's own books (it is "outside" the service: separate rows, its own idempotency keys)
CREATE TABLE sandbox_charge (
    id              text PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE,
    amount_minor    bigint      NOT NULL,
    captured_minor  bigint      NOT NULL DEFAULT 0,
    refunded_minor  bigint      NOT NULL DEFAULT 0,
    status          text        NOT NULL,
    card_country    char(2)     NOT NULL,
    payment_method  text        NOT NULL,
    transfer_group  text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sandbox_operation (
    idempotency_key text PRIMARY KEY,
    kind            text        NOT NULL,
    charge_id       text        NOT NULL,
    amount_minor    bigint      NOT NULL,
    outcome         text        NOT NULL,
    reference       text        NOT NULL,
    detail          text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
