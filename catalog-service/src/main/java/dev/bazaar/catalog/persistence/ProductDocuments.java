package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.MediaUrls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the search index shows of products, read from PostgreSQL for the indexer (service {@code ProductIndexer}).
 * Bulk reads in SQL on the reactive client, not Hibernate (ADR 0016): one statement per document or per page of 500,
 * joined and aggregated in the database, with the snapshot time (microseconds) as the document's external version.
 * The product's rating (table {@code rating}, from review-service) is part of the snapshot: whatever writes a
 * document writes the rating stored at that moment.
 */
@ApplicationScoped
public class ProductDocuments {

    /** A product's search document as of {@code version}; {@code visible}: ACTIVE and of an APPROVED shop. */
    public record Snapshot(UUID id, long version, boolean visible, JsonObject document) {}

    /**
     * The state a search document shows, with the snapshot time as its version. Price and stock are those of the
     * variants on sale: a deactivated variant is not offered.
     */
    static final String DOCUMENT_SQL = """
            SELECT p.id, p.slug, p.title, p.description, p.brand, p.tags, p.attributes, p.media, p.created_at,
                   p.status = 'ACTIVE' AND s.status = 'APPROVED' AS visible,
                   s.id AS shop_id, s.slug AS shop_slug, s.name AS shop_name, c.id AS category_id, c.path,
                   (SELECT min(v.price_minor) FROM variant v WHERE v.product_id = p.id AND v.active) AS price,
                   (SELECT coalesce(sum(i.on_hand - i.reserved), 0) FROM variant v
                      JOIN inventory i ON i.variant_id = v.id WHERE v.product_id = p.id AND v.active) AS available,
                   coalesce(r.average_tenths, 0) AS rating_tenths, coalesce(r.count, 0) AS rating_count,
                   (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS snapshot
            FROM product p JOIN shop s ON s.id = p.shop_id JOIN category c ON c.id = p.category_id
                 LEFT JOIN rating r ON r.subject_id = p.id AND r.subject = 'PRODUCT'
            """;

    private final Pool pool;

    public ProductDocuments(Pool pool) {
        this.pool = pool;
    }

    /** The product's document now (absent: deleted). */
    public Uni<Optional<Snapshot>> of(UUID productId) {
        return pool.preparedQuery(DOCUMENT_SQL + " WHERE p.id = $1")
                .execute(Tuple.of(productId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(snapshot(rows.iterator().next())));
    }

    /** The next page of visible products' documents after {@code after}, in id order (keyset paging). */
    public Uni<List<Snapshot>> visibleAfter(UUID after, int limit) {
        return pool.preparedQuery(DOCUMENT_SQL
                        + " WHERE p.status = 'ACTIVE' AND s.status = 'APPROVED' AND p.id > $1 ORDER BY p.id LIMIT $2")
                .execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<Snapshot> page = new ArrayList<>();
                    rows.forEach(r -> page.add(snapshot(r)));
                    return page;
                });
    }

    /** The products changed since {@code since}. */
    public Uni<List<UUID>> changedSince(Instant since) {
        return ids(pool.preparedQuery("SELECT id FROM product WHERE updated_at >= $1")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC))));
    }

    /** The products of a shop. */
    public Uni<List<UUID>> ofShop(UUID shopId) {
        return ids(
                pool.preparedQuery("SELECT id FROM product WHERE shop_id = $1").execute(Tuple.of(shopId)));
    }

    private static Uni<List<UUID>> ids(Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> rows) {
        return rows.map(rs -> {
            List<UUID> ids = new ArrayList<>();
            rs.forEach(r -> ids.add(r.getUUID(0)));
            return ids;
        });
    }

    private static Snapshot snapshot(Row r) {
        return new Snapshot(r.getUUID("id"), r.getLong("snapshot"), r.getBoolean("visible"), document(r));
    }

    /**
     * The product's first image as search hits show it: its URL and alt text, and its renditions (thumbnail, card,
     * full) when it was uploaded to the catalog; an empty object when the product has no image.
     */
    private static JsonObject image(Row r) {
        JsonObject image = new JsonObject();
        Object media = r.getJson("media");
        if (media instanceof JsonArray items && !items.isEmpty()) {
            JsonObject first = items.getJsonObject(0);
            image.put("url", first.getString("url")).put("alt", first.getString("alt"));
            MediaUrls.renditionsOf(first.getString("url")).forEach(image::put);
        }
        return image;
    }

    private static JsonObject document(Row r) {
        String path = r.getString("path");
        JsonArray attributes = new JsonArray();
        r.getJsonObject("attributes")
                .forEach(e -> attributes.add(
                        new JsonObject().put("name", e.getKey()).put("value", String.valueOf(e.getValue()))));
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
                // stored with the product's other fields, so that a reindex or any refresh keeps it (0/0: no reviews)
                .put(
                        "rating",
                        new JsonObject()
                                .put("averageTenths", r.getInteger("rating_tenths"))
                                .put("count", r.getLong("rating_count")))
                .put("suggest", new JsonObject().put("input", new JsonArray().add(title)))
                .put("image", image(r));
    }
}
