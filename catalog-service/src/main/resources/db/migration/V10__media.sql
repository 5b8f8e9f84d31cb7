-- Product media (#26): images sellers upload, kept as renditions in the S3 bucket (ADR 0021). The upload itself is
-- not kept; each rendition was re-encoded from the decoded pixels, so no metadata of the upload survives.
CREATE TABLE media (
    id         uuid        PRIMARY KEY,
    shop_id    uuid        NOT NULL REFERENCES shop (id),
    -- SHA-256 of the renditions' bytes: their keys derive from it, and the same image uploaded twice is one media
    digest     text        NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    format     text        NOT NULL CHECK (format IN ('JPEG', 'PNG', 'WEBP')),
    width      int         NOT NULL CHECK (width > 0),
    height     int         NOT NULL CHECK (height > 0),
    -- [{rendition, key, contentType, width, height, bytes}] for thumbnail, card and full
    renditions jsonb       NOT NULL CHECK (jsonb_typeof(renditions) = 'array'),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (shop_id, digest)
);
