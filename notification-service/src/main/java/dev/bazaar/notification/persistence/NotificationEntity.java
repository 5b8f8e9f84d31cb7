package dev.bazaar.notification.persistence;

import dev.bazaar.notification.domain.NotificationStatus;
import dev.bazaar.notification.domain.NotificationType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code notification} table (V1__notifications.sql) as Hibernate maps it, for the admins' view and retry. The
 * template data and the insert are the queue's (NotificationQueue, SQL); this mapping never writes them.
 */
@Entity
@Table(name = "notification")
public class NotificationEntity {

    @Id
    public UUID id;

    @Column(name = "source_event_id", updatable = false)
    public UUID sourceEventId;

    @Column(name = "recipient_subject", updatable = false)
    public String recipientSubject;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public NotificationType type;

    @Enumerated(EnumType.STRING)
    public NotificationStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Version
    public long version;
}
