package dev.bazaar.kit.replica;

import dev.bazaar.contracts.messaging.ShopEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A service's replica of catalog's shops — who owns which shop, its status and its return policy — kept from
 * {@code catalog.shop-events} in the service's own table {@code shop (id, owner_subject, status, version, event_at,
 * updated_at, return_window_days, policy_version)} (order and payment each create it in their migrations). A row only
 * moves forward: an event older than the stored version changes nothing, so redelivered or reordered events are
 * harmless. Status and policy move forward each by its own version ({@code version}, {@code policy_version}), so a
 * late status event is not lost behind a newer policy one, nor the other way round.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class ShopReplica {

    /** The return window of a shop that never announced a policy: the catalog's default, 30 days. */
    public static final int DEFAULT_RETURN_WINDOW_DAYS = 30;

    private final Pool pool;

    public ShopReplica(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the shop as catalog's event {@code version} tells (APPROVED, REJECTED, SUSPENDED, or its return policy);
     * older ones change nothing.
     */
    public Uni<Void> record(ShopEvent event, long version, Instant occurredAt) {
        return switch (event) {
            case ShopEvent.ShopApproved a -> upsert(a.shopId(), a.ownerSubject(), "APPROVED", version, occurredAt);
            case ShopEvent.ShopRejected r -> upsert(r.shopId(), r.ownerSubject(), "REJECTED", version, occurredAt);
            case ShopEvent.ShopSuspended s -> upsert(s.shopId(), s.ownerSubject(), "SUSPENDED", version, occurredAt);
            case ShopEvent.ShopPolicyChanged p ->
                policy(p.shopId(), p.ownerSubject(), p.returnWindowDays(), version, occurredAt);
        };
    }

    /**
     * Records the shop's return window as of event {@code version} unless a newer policy is stored; the status stays
     * (a shop first heard of this way waits for its status as PENDING_APPROVAL: it is not approved until catalog says).
     */
    public Uni<Void> policy(UUID shopId, String ownerSubject, int returnWindowDays, long version, Instant eventAt) {
        return pool.preparedQuery("""
                INSERT INTO shop (id, owner_subject, status, version, event_at, return_window_days, policy_version)
                VALUES ($1, $2, 'PENDING_APPROVAL', 0, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET return_window_days = excluded.return_window_days,
                    policy_version = excluded.policy_version, event_at = greatest(shop.event_at, excluded.event_at),
                    updated_at = now()
                WHERE shop.policy_version <= excluded.policy_version""")
                .execute(Tuple.of(shopId, ownerSubject, eventAt.atOffset(ZoneOffset.UTC), returnWindowDays, version))
                .replaceWithVoid();
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
                .execute(Tuple.of(ownerSubject))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /**
     * The return window in days of each of these shops as last announced; {@link #DEFAULT_RETURN_WINDOW_DAYS} for a
     * shop that never announced one, or that this service has not heard of.
     */
    public Uni<Map<UUID, Integer>> returnWindowDays(Collection<UUID> shopIds) {
        Map<UUID, Integer> days = new LinkedHashMap<>();
        shopIds.forEach(id -> days.put(id, DEFAULT_RETURN_WINDOW_DAYS));
        if (days.isEmpty()) {
            return Uni.createFrom().item(days);
        }
        return pool.preparedQuery("""
                SELECT id, return_window_days FROM shop WHERE id = ANY($1) AND return_window_days IS NOT NULL""")
                .execute(Tuple.of(days.keySet().toArray(UUID[]::new)))
                .map(rows -> {
                    rows.forEach(r -> days.put(r.getUUID("id"), r.getInteger("return_window_days")));
                    return days;
                });
    }
}
