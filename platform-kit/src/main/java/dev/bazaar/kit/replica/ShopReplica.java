package dev.bazaar.kit.replica;

import dev.bazaar.contracts.messaging.ShopEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A service's replica of catalog's shops — who owns which shop and its status — kept from {@code catalog.shop-events}
 * in the service's own table {@code shop (id, owner_subject, status, version, event_at, updated_at)} (order and
 * payment each create it in their migrations). A row only moves forward: an event older than the stored version
 * changes nothing, so redelivered or reordered events are harmless.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class ShopReplica {

    private final Pool pool;

    public ShopReplica(Pool pool) {
        this.pool = pool;
    }

    /** Records the shop as catalog's event {@code version} tells (APPROVED, REJECTED, SUSPENDED); older ones change nothing. */
    public Uni<Void> record(ShopEvent event, long version, Instant occurredAt) {
        return switch (event) {
            case ShopEvent.ShopApproved a -> upsert(a.shopId(), a.ownerSubject(), "APPROVED", version, occurredAt);
            case ShopEvent.ShopRejected r -> upsert(r.shopId(), r.ownerSubject(), "REJECTED", version, occurredAt);
            case ShopEvent.ShopSuspended s -> upsert(s.shopId(), s.ownerSubject(), "SUSPENDED", version, occurredAt);
        };
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
        return pool.preparedQuery("""
                SELECT id FROM shop WHERE owner_subject = $1 ORDER BY event_at DESC, updated_at DESC LIMIT 1""")
                .execute(Tuple.of(ownerSubject)).map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }
}
