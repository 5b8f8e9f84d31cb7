package dev.bazaar.catalog.service;

import dev.bazaar.catalog.persistence.ProductIndex;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the search index in step with the catalog. On any product or shop event it re-reads the product's current
 * state and writes it (or removes it) with the snapshot's time as the external version: replays and reorderings
 * converge on the newest state, and only ACTIVE products of APPROVED shops are ever in the index.
 */
@ApplicationScoped
public class ProductIndexer {

    private final Pool pool;
    private final ProductIndex index;

    public ProductIndexer(Pool pool, ProductIndex index) {
        this.pool = pool;
        this.index = index;
    }

    void createIndex(@Observes StartupEvent start) throws IOException {
        index.ensureExists();
    }

    /** The state a search document shows, with the snapshot time as its version. */
    static final String DOCUMENT_SQL = """
            SELECT p.id, p.slug, p.title, p.description, p.brand, p.tags, p.attributes, p.created_at,
                   p.status = 'ACTIVE' AND s.status = 'APPROVED' AS visible,
                   s.id AS shop_id, s.slug AS shop_slug, s.name AS shop_name, c.id AS category_id, c.path,
                   (SELECT min(v.price_minor) FROM variant v WHERE v.product_id = p.id) AS price,
                   (SELECT coalesce(sum(i.on_hand - i.reserved), 0) FROM variant v
                      JOIN inventory i ON i.variant_id = v.id WHERE v.product_id = p.id) AS available,
                   (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS snapshot
            FROM product p JOIN shop s ON s.id = p.shop_id JOIN category c ON c.id = p.category_id
            """;

    public Uni<Void> refreshProduct(UUID productId) {
        return pool.preparedQuery(DOCUMENT_SQL + " WHERE p.id = $1")
                .execute(Tuple.of(productId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        // a deleted draft: drafts are never visible, so it was never indexed
                        return Uni.createFrom().voidItem();
                    }
                    Row r = rows.iterator().next();
                    long version = r.getLong("snapshot");
                    return r.getBoolean("visible") ? index.put(productId.toString(), version, document(r))
                            : index.remove(productId.toString(), version);
                });
    }

    /**
     * Rebuilds the index with no downtime: a new index is filled from PostgreSQL in keyset-paged bulk requests, the
     * alias is swapped to it atomically, the old index is dropped, and products changed while it ran are refreshed
     * through the alias (external versions keep the newest).
     */
    public Uni<ProductIndex.Rebuilt> rebuild() {
        java.time.Instant started = java.time.Instant.now();
        String target = index.alias() + "-" + started.toEpochMilli();
        return Uni.createFrom().item(() -> {
            try {
                index.createIndex(target);
                return target;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .flatMap(t -> fill(t, new UUID(0, 0), 0))
                .flatMap(count -> index.swapAliasTo(target).replaceWith(count))
                .call(count -> pool.preparedQuery("SELECT id FROM product WHERE updated_at >= $1")
                        .execute(Tuple.of(started.atOffset(java.time.ZoneOffset.UTC)))
                        .flatMap(rows -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Row r : rows) {
                                UUID id = r.getUUID(0);
                                chain = chain.flatMap(x -> refreshProduct(id));
                            }
                            return chain;
                        }))
                .map(count -> new ProductIndex.Rebuilt(target, count,
                        java.time.Duration.between(started, java.time.Instant.now()).toMillis()));
    }

    private Uni<Long> fill(String target, UUID after, long done) {
        return pool.preparedQuery(DOCUMENT_SQL
                + " WHERE p.status = 'ACTIVE' AND s.status = 'APPROVED' AND p.id > $1 ORDER BY p.id LIMIT 500")
                .execute(Tuple.of(after))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(done);
                    }
                    List<ProductIndex.Doc> docs = new ArrayList<>();
                    UUID last = after;
                    for (Row r : rows) {
                        docs.add(new ProductIndex.Doc(r.getUUID("id").toString(), r.getLong("snapshot"), document(r)));
                        last = r.getUUID("id");
                    }
                    UUID next = last;
                    long total = done + docs.size();
                    return index.bulk(target, docs).flatMap(x -> rows.size() < 500 ? Uni.createFrom().item(total)
                            : fill(target, next, total));
                });
    }

    /** A shop's approval or suspension changes the visibility of all its products. */
    public Uni<Integer> refreshShop(UUID shopId) {
        return pool.preparedQuery("SELECT id FROM product WHERE shop_id = $1").execute(Tuple.of(shopId))
                .flatMap(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID id : ids) {
                        chain = chain.flatMap(x -> refreshProduct(id));
                    }
                    return chain.replaceWith(ids.size());
                });
    }

    private static JsonObject document(Row r) {
        String path = r.getString("path");
        JsonArray attributes = new JsonArray();
        r.getJsonObject("attributes").forEach(e -> attributes.add(new JsonObject().put("name", e.getKey())
                .put("value", String.valueOf(e.getValue()))));
        String title = r.getString("title");
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("slug", r.getString("slug"))
                .put("title", title)
                .put("description", r.getString("description"))
                .put("brand", r.getString("brand"))
                .put("tags", new JsonArray(List.of(r.getArrayOfStrings("tags"))))
                .put("shopId", r.getUUID("shop_id").toString())
                .put("shopSlug", r.getString("shop_slug"))
                .put("shopName", r.getString("shop_name"))
                .put("categoryId", r.getUUID("category_id").toString())
                .put("categoryPath", path)
                .put("categoryAncestors", new JsonArray(List.of(path.split("/"))))
                .put("price", r.getLong("price"))
                .put("currency", "USD")
                .put("inStock", r.getLong("available") > 0)
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("attributes", attributes)
                .put("suggest", new JsonObject().put("input", new JsonArray().add(title)));
    }
}
