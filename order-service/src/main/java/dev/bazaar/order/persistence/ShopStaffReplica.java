package dev.bazaar.order.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The staff column of order-service's shop replica ({@code shop.staff_subjects}, V9). Only order-service keeps staff:
 * it is the one service where staff act (fulfilment), so the kit's shared replica stays as payment-service has it.
 */
@ApplicationScoped
public class ShopStaffReplica {

    private final Pool pool;

    public ShopStaffReplica(Pool pool) {
        this.pool = pool;
    }

    /**
     * Replaces the shop's staff with the list of the policy event {@code version}, only if that event is the shop's
     * stored policy (the kit's replica stored it just before, or a newer one won and this list is stale).
     */
    public Uni<Void> replace(UUID shopId, List<String> staffSubjects, long version) {
        return pool.preparedQuery("UPDATE shop SET staff_subjects = $2, updated_at = now()"
                        + " WHERE id = $1 AND policy_version = $3")
                .execute(Tuple.of(shopId, staffSubjects.toArray(String[]::new), version))
                .replaceWithVoid();
    }

    /**
     * The shop the user fulfils for: the one they own, else the one whose staff they are (newest event first when a
     * replica still holds an old shop).
     */
    public Uni<Optional<UUID>> shopServedBy(String subject) {
        return pool.preparedQuery("""
                SELECT id FROM shop WHERE owner_subject = $1 OR staff_subjects @> ARRAY[$1]::text[]
                ORDER BY (owner_subject = $1) DESC, event_at DESC, updated_at DESC LIMIT 1""")
                .execute(Tuple.of(subject))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }
}
