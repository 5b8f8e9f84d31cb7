-- notification-service (#24, ADR 0019): the order's total in the buyer's display currency as the quote showed it
-- (OrderPlaced's displayEstimate; an estimate, the charge is total_minor/currency), for the buyer's confirmation.
-- Additive: null when the buyer asked for no display currency, and in orders kept before this version.
ALTER TABLE order_fact
    ADD COLUMN display_estimate_minor bigint,
    ADD COLUMN display_currency       text;
