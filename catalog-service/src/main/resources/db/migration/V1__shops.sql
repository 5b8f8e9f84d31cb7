-- Sellers' shops. One shop per seller (owner_subject = the seller's Keycloak `sub`).
CREATE TABLE shop (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    slug          text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description   text        NOT NULL DEFAULT '',
    country       char(2)     NOT NULL,
    owner_subject text        NOT NULL UNIQUE,
    status        text        NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'SUSPENDED')),
    status_reason text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint      NOT NULL DEFAULT 0
);

-- the admin review queue pages shops by status, oldest first
CREATE INDEX shop_status_created_idx ON shop (status, created_at, id);
