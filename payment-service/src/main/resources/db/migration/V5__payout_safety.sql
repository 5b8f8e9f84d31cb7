-- Money safety under faults (#20), payouts: a transfer whose outcome is unknown (a timeout, a crash, an outage) stays
-- open as UNKNOWN and is resumed under the same idempotency key; at most one payout per shop is open at a time.
ALTER TABLE payout DROP CONSTRAINT payout_status_check;
ALTER TABLE payout ADD CONSTRAINT payout_status_check CHECK (status IN ('PENDING', 'UNKNOWN', 'PAID', 'FAILED'));
ALTER TABLE payout ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE payout ADD COLUMN last_error text;
ALTER TABLE payout ADD COLUMN settled_at timestamptz;
CREATE UNIQUE INDEX payout_one_open_per_shop ON payout (shop_id) WHERE status IN ('PENDING', 'UNKNOWN');

-- the sandbox processor: which transfer group a transfer carried (read back like Stripe's list by transfer_group)
ALTER TABLE sandbox_operation ADD COLUMN transfer_group text;
CREATE INDEX sandbox_operation_transfer_group_idx ON sandbox_operation (transfer_group) WHERE transfer_group IS NOT NULL;

-- faults the sandbox processor injects on its next calls of one kind (tests and the fault suite write these rows):
-- 'unavailable' fails the call before anything happens; 'lose_response' does the operation, then fails the call as a
-- timeout would (the caller cannot know it happened). target: only calls about that subject (authorize: the transfer
-- group; capture, void, refund: the charge; transfer: the connected account; transfer_reversal: the transfer;
-- retrieve: what is looked up); NULL: any call of that kind.
CREATE TABLE sandbox_fault (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation  text        NOT NULL,
    target     text,
    mode       text        NOT NULL CHECK (mode IN ('unavailable', 'lose_response')),
    remaining  int         NOT NULL CHECK (remaining >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
