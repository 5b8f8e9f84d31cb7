-- notification-service (#24, ADR 0019 "Preferences and one-click unsubscribe")

-- the types a person turned off: one row per (recipient, type) muted, by the preferences API or a signed one-click
-- unsubscribe (RFC 8058). Essential types are never stored here (domain/Preferences refuses them). No address.
CREATE TABLE notification_mute (
    recipient_subject text        NOT NULL,
    type              text        NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recipient_subject, type)
);

-- a due send of a muted type is SUPPRESSED instead of sent: kept for the record, never sent, not queued
ALTER TABLE notification DROP CONSTRAINT notification_status_check;
ALTER TABLE notification ADD CONSTRAINT notification_status_check
    CHECK (status IN ('QUEUED', 'SENT', 'FAILED_RETRYING', 'DEAD', 'SUPPRESSED'));
