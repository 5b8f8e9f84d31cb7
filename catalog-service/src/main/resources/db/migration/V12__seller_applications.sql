-- Buyers' applications to sell (issue #27). An admin approves one (the platform then grants the `seller` realm role in
-- Keycloak) or rejects it with a reason. At most one PENDING application per applicant; a rejected applicant may
-- apply again, an approved one is a seller and cannot.
CREATE TABLE seller_application (
    id                uuid        PRIMARY KEY,
    applicant_subject text        NOT NULL,
    applicant_name    text        NOT NULL DEFAULT '',
    shop_name         text        NOT NULL CHECK (length(shop_name) BETWEEN 1 AND 120),
    country           char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    contact_email     text        NOT NULL,
    contact_phone     text,
    message           text,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    reason            text,
    decided_by        text,
    decided_at        timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'REJECTED') = (reason IS NOT NULL))
);

-- one open application per applicant: the second POST is a 409 decided by the database, not by a racy read
CREATE UNIQUE INDEX seller_application_one_open_idx ON seller_application (applicant_subject)
    WHERE status IN ('PENDING', 'APPROVED');
-- the applicant's own applications, newest first
CREATE INDEX seller_application_applicant_idx ON seller_application (applicant_subject, created_at DESC);
-- the admins' queue by status, oldest first
CREATE INDEX seller_application_status_idx ON seller_application (status, created_at, id);
