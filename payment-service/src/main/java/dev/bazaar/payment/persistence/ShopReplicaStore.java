package dev.bazaar.payment.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** The replica of catalog-service's shops ({@code shop}): who owns each and whether it is approved. */
@ApplicationScoped
public class ShopReplicaStore {

    private final Pool pool;

    public ShopReplicaStore(Pool pool) {
        this.pool = pool;
    }

    /** A shop event's state, unless the replica already has a newer version of the shop. */
    public Uni<Void> upsert(UUID shopId, String ownerSubject, String status, long version, Instant eventAt) {
        return pool.preparedQuery("""
                INSERT INTO shop (id, owner_subject, status, version, event_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET owner_subject = excluded.owner_subject, status = excluded.status,
                                               version = excluded.version, event_at = excluded.event_at, updated_at = now()
                WHERE shop.version <= excluded.version""")
                .execute(Tuple.of(shopId, ownerSubject, status, version, eventAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The shop this person owns (the latest one), if any. */
    public Uni<Optional<UUID>> ownedBy(String ownerSubject) {
        return pool.preparedQuery("SELECT id FROM shop WHERE owner_subject = $1 ORDER BY event_at DESC, updated_at DESC LIMIT 1")
                .execute(Tuple.of(ownerSubject)).map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }
}
