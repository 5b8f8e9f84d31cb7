package dev.bazaar.notification.service;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.notification.domain.NotificationStatus;
import dev.bazaar.notification.persistence.NotificationEntity;
import dev.bazaar.notification.persistence.NotificationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The admins' dead-letter list of sends, and the retry that puts a dead send back in the queue. */
@ApplicationScoped
public class AdminNotifications {

    private final NotificationRepository repository;

    public AdminNotifications(NotificationRepository repository) {
        this.repository = repository;
    }

    @WithSession
    public Uni<List<NotificationEntity>> dead(int limit) {
        return repository.dead(limit);
    }

    /** A DEAD send is QUEUED again with its attempts reset, due now; any other status is refused (409). */
    @WithTransaction
    public Uni<NotificationEntity> retry(UUID id) {
        return repository.locked(id).map(n -> {
            if (n == null) {
                throw new ProblemException.NotFound("no notification " + id);
            }
            if (n.status != NotificationStatus.DEAD) {
                throw new ProblemException.Conflict(
                        "notification-not-dead",
                        "notification " + id + " is " + n.status + ": only a dead notification is retried");
            }
            n.status = NotificationStatus.QUEUED;
            n.attempts = 0;
            n.nextAttemptAt = Instant.now();
            n.updatedAt = n.nextAttemptAt;
            return n;
        });
    }
}
