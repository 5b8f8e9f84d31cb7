-- Money safety under faults (#20), disputes: the whole lifecycle — funds withdrawn and reinstated booked as the
-- processor reports them, the held shares released when the dispute closes, a lost dispute taken back from the
-- sellers like a refund (source DISPUTE), the fee the platform's (ADR 0010).
INSERT INTO ledger_account (code, name, type) VALUES
    ('disputes_in_progress', 'Disputed funds withdrawn', 'ASSET'),
    ('dispute_fees',         'Dispute fees',             'EXPENSE'),
    ('dispute_losses',       'Dispute losses',           'EXPENSE')
ON CONFLICT (code) DO NOTHING;

ALTER TABLE dispute ADD COLUMN withdrawn_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE dispute ADD COLUMN fee_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE dispute ADD COLUMN reinstated_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE dispute ADD COLUMN fee_back_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE dispute ADD COLUMN outcome text CHECK (outcome IN ('won', 'lost', 'warning_closed'));
ALTER TABLE dispute ADD COLUMN closed_at timestamptz;
ALTER TABLE dispute ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE refund DROP CONSTRAINT refund_source_check;
ALTER TABLE refund ADD CONSTRAINT refund_source_check CHECK (source IN ('ORDER', 'ADMIN', 'VOID', 'DISPUTE'));
