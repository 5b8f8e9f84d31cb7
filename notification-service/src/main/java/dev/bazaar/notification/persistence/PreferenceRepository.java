package dev.bazaar.notification.persistence;

import dev.bazaar.notification.domain.NotificationType;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The types a person muted ({@code notification_mute}) through Hibernate Reactive (Panache): callers hold the session
 * and, for a change, the transaction. A change first takes the person's advisory lock ({@link #lock}), so two changes of
 * one person's preferences (a PUT and a one-click unsubscribe) run one after the other and never insert a row twice.
 */
@ApplicationScoped
public class PreferenceRepository implements PanacheRepositoryBase<PreferenceMute, PreferenceMute.Key> {

    /** The types {@code subject} muted; a stored name no type has any more is left out. */
    public Uni<Set<NotificationType>> muted(String subject) {
        return find("recipientSubject", subject).list().map(PreferenceRepository::types);
    }

    /**
     * Holds {@code subject}'s preferences until the transaction ends (a transaction-scoped advisory lock: an insert of
     * a new row cannot be guarded by a row lock).
     */
    public Uni<Void> lock(String subject) {
        return getSession()
                .flatMap(s -> s.createNativeQuery(
                                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 19))) l",
                                Long.class)
                        .setParameter(1, "notification-mute:" + subject)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Makes {@code subject}'s muted types exactly {@code muted}: rows of other types are deleted, missing ones
     * inserted, those already there keep the time they were muted. Under {@link #lock}.
     */
    public Uni<Void> replace(String subject, Set<NotificationType> muted, Instant now) {
        return find("recipientSubject", subject).list().flatMap(rows -> {
            Set<NotificationType> present = EnumSet.noneOf(NotificationType.class);
            List<PreferenceMute> gone = new ArrayList<>();
            for (PreferenceMute r : rows) {
                Optional<NotificationType> kept = NotificationType.named(r.type).filter(muted::contains);
                kept.ifPresentOrElse(present::add, () -> gone.add(r));
            }
            List<PreferenceMute> added = muted.stream()
                    .filter(t -> !present.contains(t))
                    .map(t -> row(subject, t, now))
                    .toList();
            return Multi.createFrom()
                    .iterable(gone)
                    .onItem()
                    .transformToUniAndConcatenate(this::delete)
                    .collect()
                    .last()
                    .chain(() -> added.isEmpty() ? Uni.createFrom().voidItem() : persist(added));
        });
    }

    /** Mutes one type for {@code subject}; nothing when it is muted already. Under {@link #lock}. */
    public Uni<Boolean> mute(String subject, NotificationType type, Instant now) {
        return findById(new PreferenceMute.Key(subject, type.name()))
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(false)
                        : persist(row(subject, type, now)).replaceWith(true));
    }

    private static PreferenceMute row(String subject, NotificationType type, Instant now) {
        PreferenceMute m = new PreferenceMute();
        m.recipientSubject = subject;
        m.type = type.name();
        m.updatedAt = now;
        return m;
    }

    private static Set<NotificationType> types(List<PreferenceMute> rows) {
        Set<NotificationType> out = EnumSet.noneOf(NotificationType.class);
        for (PreferenceMute r : rows) {
            NotificationType.named(r.type).ifPresent(out::add);
        }
        return out;
    }
}
