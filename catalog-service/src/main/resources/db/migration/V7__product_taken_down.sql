-- An admin can take a live product down (and restore it): a sixth product status.
ALTER TABLE product DROP CONSTRAINT product_status_check;
ALTER TABLE product ADD CONSTRAINT product_status_check
    CHECK (status IN ('DRAFT', 'PENDING_REVIEW', 'ACTIVE', 'REJECTED', 'ARCHIVED', 'TAKEN_DOWN'));
