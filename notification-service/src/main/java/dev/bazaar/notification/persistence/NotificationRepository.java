package dev.bazaar.notification.persistence;

import dev.bazaar.notification.domain.NotificationStatus;
import dev.bazaar.notification.domain.NotificationType;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Notifications through Hibernate Reactive (Panache), for admins: callers hold the session and transaction. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<NotificationEntity, UUID> {

    /**
     * Dead sends, most recently failed first: of the types this version knows (during a rolling upgrade a newer type's
     * rows are listed by newer pods).
     */
    public Uni<List<NotificationEntity>> dead(int limit) {
        return find(
                        "status = ?1 and type in ?2",
                        Sort.descending("updatedAt").and("id"),
                        NotificationStatus.DEAD,
                        List.of(NotificationType.values()))
                .range(0, limit - 1)
                .list();
    }

    /** The row, locked for a change (FOR UPDATE), or null. */
    public Uni<NotificationEntity> locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
