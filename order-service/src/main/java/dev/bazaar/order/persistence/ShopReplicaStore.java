package dev.bazaar.order.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * order-service's replica of catalog's shops ({@code shop}): who owns which shop, from {@code catalog.shop-events}.
 * A row only moves forward: an event older than the stored version changes nothing.
 */
@ApplicationScoped
public class ShopReplicaStore {

    private final Pool pool;

    public ShopReplicaStore(Pool pool) {
        this.pool = pool;
    }

    /** Records the shop as of event {@code version} (occurred at {@code eventAt}) unless a newer one is stored. */
    public Uni<Void> upsert(UUID shopId, String ownerSubject, String status, long version, Instant eventAt) {
        return pool.preparedQuery("""
                INSERT INTO shop (id, owner_subject, status, version, event_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET owner_subject = excluded.owner_subject, status = excluded.status,
                    version = excluded.version, event_at = excluded.event_at, updated_at = now()
                WHERE shop.version <= excluded.version""")
                .execute(Tuple.of(shopId, ownerSubject, status, version, eventAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The owner's shop (one per seller: the one of the newest event), if any. */
    public Uni<Optional<UUID>> shopOf(String ownerSubject) {
        return pool.preparedQuery("SELECT id FROM shop WHERE owner_subject = $1 ORDER BY event_at DESC, updated_at DESC LIMIT 1")
                .execute(Tuple.of(ownerSubject)).map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }
}
