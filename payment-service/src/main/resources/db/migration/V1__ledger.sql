-- The double-entry ledger (ARCHITECTURE.md, "Marketplace money"). Amounts are integer minor units;
-- debits are positive, credits negative, so every transaction's entries sum to zero and so does the trial balance.
CREATE TABLE ledger_account (
    code  text PRIMARY KEY,
    name  text NOT NULL,
    type  text NOT NULL CHECK (type IN ('ASSET', 'LIABILITY', 'REVENUE', 'EXPENSE'))
);

CREATE TABLE ledger_entry (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id uuid        NOT NULL,
    account_code   text        NOT NULL REFERENCES ledger_account (code),
    amount_minor   bigint      NOT NULL CHECK (amount_minor <> 0),
    currency       char(3)     NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ledger_entry_account_idx ON ledger_entry (account_code);
CREATE INDEX ledger_entry_transaction_idx ON ledger_entry (transaction_id);

-- The platform's accounts; per-shop accounts (seller payable, seller debt) are added as shops get paid.
INSERT INTO ledger_account (code, name, type) VALUES
    ('buyer_clearing',     'Buyer clearing',       'ASSET'),
    ('platform_cash',      'Platform cash',        'ASSET'),
    ('commission_revenue', 'Commission revenue',   'REVENUE'),
    ('tax_payable',        'Tax payable',          'LIABILITY'),
    ('processor_fees',     'Processor fees',       'EXPENSE'),
    ('refunds',            'Refunds',              'EXPENSE');
