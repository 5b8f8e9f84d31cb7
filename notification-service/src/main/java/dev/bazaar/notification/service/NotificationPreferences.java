package dev.bazaar.notification.service;

import dev.bazaar.notification.domain.Audience;
import dev.bazaar.notification.domain.NotificationType;
import dev.bazaar.notification.domain.Preferences;
import dev.bazaar.notification.persistence.PreferenceRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A person's email preferences: which of the types they receive are essential and which they muted. Muting is by
 * recipient subject; the sender skips muted types when each send falls due (Sender, SUPPRESSED). Changes of one
 * person's preferences run one at a time (the repository's lock).
 */
@ApplicationScoped
public class NotificationPreferences {

    /** One type as the person sees it. */
    public record Preference(NotificationType type, boolean essential, boolean muted) {}

    private final PreferenceRepository repository;

    public NotificationPreferences(PreferenceRepository repository) {
        this.repository = repository;
    }

    /** Every type sent to someone of {@code audiences}, with whether {@code subject} muted it. */
    @WithSession
    public Uni<List<Preference>> of(String subject, Set<Audience> audiences) {
        return repository.muted(subject).map(muted -> view(audiences, muted));
    }

    /**
     * Makes {@code muted} (already checked by Preferences.mutedSet for these audiences) the types {@code subject}
     * muted; answers the new preferences.
     */
    @WithTransaction
    public Uni<List<Preference>> replace(String subject, Set<Audience> audiences, Set<NotificationType> muted) {
        return repository
                .lock(subject)
                .chain(() -> repository.replace(subject, muted, Instant.now()))
                .replaceWith(() -> view(audiences, muted));
    }

    /** The one-click unsubscribe: mutes a (mutable) type for {@code subject}; true when it was not muted before. */
    @WithTransaction
    public Uni<Boolean> mute(String subject, NotificationType type) {
        if (Preferences.essential(type)) {
            throw new IllegalArgumentException(type + " is essential");
        }
        return repository.lock(subject).chain(() -> repository.mute(subject, type, Instant.now()));
    }

    private static List<Preference> view(Set<Audience> audiences, Set<NotificationType> muted) {
        return Preferences.receivable(audiences).stream()
                .map(t -> new Preference(t, Preferences.essential(t), Preferences.mutable(t) && muted.contains(t)))
                .toList();
    }
}
