package dev.bazaar.notification.domain;

/**
 * A queued send's life: {@code QUEUED} → {@code SENT}, or on a failure {@code FAILED_RETRYING} (due again after a
 * backoff) → … → {@code SENT} | {@code DEAD} after the last attempt. An admin's retry puts a {@code DEAD} send back to
 * {@code QUEUED}. A send whose type its recipient muted (Preferences) is {@code SUPPRESSED} when it falls due: kept
 * for the record, never sent, not counted as queued.
 */
public enum NotificationStatus {
    QUEUED,
    SENT,
    FAILED_RETRYING,
    DEAD,
    SUPPRESSED
}
