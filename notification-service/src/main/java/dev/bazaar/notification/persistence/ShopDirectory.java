package dev.bazaar.notification.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads of the shop replica (the kit's {@code ShopReplica} keeps it from catalog.shop-events): who owns a shop, and
 * its name for the buyer's emails (set from ShopApproved, which alone carries it).
 */
@ApplicationScoped
public class ShopDirectory {

    private final Pool pool;

    public ShopDirectory(Pool pool) {
        this.pool = pool;
    }

    /** A shop as notifications need it. */
    public record KnownShop(String ownerSubject, String name) {}

    public Uni<Map<UUID, KnownShop>> find(SqlClient tx, Set<UUID> shopIds) {
        if (shopIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("SELECT id, owner_subject, name FROM shop WHERE id = ANY($1)")
                .execute(Tuple.of(shopIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, KnownShop> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID("id"), new KnownShop(r.getString("owner_subject"), r.getString("name")));
                    }
                    return out;
                });
    }

    /** Every shop this service knows of among these and the order's (names for the buyer's emails). */
    public Uni<Map<UUID, KnownShop>> find(SqlClient tx, Set<UUID> shopIds, Iterable<UUID> more) {
        Set<UUID> all = new java.util.LinkedHashSet<>(shopIds);
        more.forEach(all::add);
        return find(tx, all);
    }

    /** The shop's name as its ShopApproved of {@code version} says, unless a newer event was recorded. */
    public Uni<Void> name(UUID shopId, String name, long version) {
        return pool.preparedQuery("UPDATE shop SET name = $2 WHERE id = $1 AND version <= $3")
                .execute(Tuple.of(shopId, name, version))
                .replaceWithVoid();
    }
}
