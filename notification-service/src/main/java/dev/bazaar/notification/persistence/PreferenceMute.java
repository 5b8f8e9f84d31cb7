package dev.bazaar.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One type a person muted: a row of {@code notification_mute} (V2__preferences.sql), keyed by (recipient subject, type
 * name). Written only through {@link PreferenceRepository}; the sender reads it in SQL when a send falls due
 * (NotificationQueue.suppressIfMuted).
 */
@Entity
@Table(name = "notification_mute")
@IdClass(PreferenceMute.Key.class)
public class PreferenceMute {

    /** The composite key (Hibernate's {@code @IdClass}: the same field names as the entity's ids). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String recipientSubject;
        public String type;

        public Key() {}

        public Key(String recipientSubject, String type) {
            this.recipientSubject = recipientSubject;
            this.type = type;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(recipientSubject, k.recipientSubject)
                    && Objects.equals(type, k.type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recipientSubject, type);
        }
    }

    @Id
    @Column(name = "recipient_subject")
    public String recipientSubject;
    /** The type's enum name (NotificationType), as in {@code notification.type}. */
    @Id
    public String type;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
