package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.Product.Media;
import dev.bazaar.catalog.domain.Product.Variant;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProductRepository {

    private static final String COLUMNS = """
            p.id, p.shop_id, p.slug, p.title, p.description, p.category_id, p.brand, p.tags, p.attributes, p.media,
            p.status, p.status_reason, p.created_at, p.updated_at, p.version""";

    private final Pool pool;

    public ProductRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> categoryExists(UUID categoryId) {
        return pool.preparedQuery("SELECT 1 FROM category WHERE id = $1").execute(Tuple.of(categoryId))
                .map(rows -> rows.size() == 1);
    }

    /** Inserts the product, its variants and their stock rows in {@code tx}. */
    public Uni<Void> insert(SqlClient tx, Product p) {
        Uni<Void> product = tx.preparedQuery("""
                INSERT INTO product (id, shop_id, slug, title, description, category_id, brand, tags, attributes, media,
                                     status)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                .execute(Tuple.from(new Object[] { p.id(), p.shopId(), p.slug(), p.title(), p.description(),
                        p.categoryId(), p.brand(), p.tags().toArray(String[]::new), new JsonObject(new LinkedHashMap<>(p.attributes())),
                        mediaJson(p.media()), p.status().name() }))
                .replaceWithVoid();
        List<Tuple> variants = new ArrayList<>();
        List<Tuple> stock = new ArrayList<>();
        for (int i = 0; i < p.variants().size(); i++) {
            Variant v = p.variants().get(i);
            variants.add(Tuple.from(new Object[] { v.id(), p.id(), p.shopId(), v.sku(),
                    new JsonObject(new LinkedHashMap<>(v.options())), v.price().amount(),
                    v.compareAtPrice() == null ? null : v.compareAtPrice().amount(), v.price().currencyCode(),
                    v.weightGrams(), i }));
            stock.add(Tuple.of(v.id(), v.onHand()));
        }
        return product
                .flatMap(x -> tx.preparedQuery("""
                        INSERT INTO variant (id, product_id, shop_id, sku, options, price_minor, compare_at_minor,
                                             currency, weight_grams, position)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""").executeBatch(variants))
                .flatMap(x -> tx.preparedQuery("INSERT INTO inventory (variant_id, on_hand) VALUES ($1, $2)")
                        .executeBatch(stock))
                .replaceWithVoid();
    }

    /** A product of this shop (another shop's is absent: tenancy is in the query). */
    public Uni<Optional<Product>> findInShop(SqlClient db, UUID shopId, UUID id, boolean lock) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM product p WHERE p.id = $1 AND p.shop_id = $2"
                + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id, shopId))
                .flatMap(rows -> withVariants(db, rows));
    }

    public Uni<Optional<Product>> find(SqlClient db, UUID id, boolean lock) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM product p WHERE p.id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id))
                .flatMap(rows -> withVariants(db, rows));
    }

    /** A product buyers may see: ACTIVE, of an APPROVED shop, found by id or by slug. */
    public Uni<Optional<Product>> findPublic(String idOrSlug) {
        // by primary key or by the unique slug, never "id::text = $1 OR slug = $1", which no index can answer
        // (bench/run found it: a sequential scan of every product per page view, 90 pages/s at 100,000 products);
        // a UUID-shaped text may still be a slug, so then both indexes, OR-ed in a bitmap
        UUID id = uuidOrNull(idOrSlug);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM product p JOIN shop s ON s.id = p.shop_id WHERE "
                + (id != null ? "(p.id = $2 OR p.slug = $1)" : "p.slug = $1")
                + " AND p.status = 'ACTIVE' AND s.status = 'APPROVED' LIMIT 1")
                .execute(id != null ? Tuple.of(idOrSlug, id) : Tuple.of(idOrSlug))
                .flatMap(rows -> withVariants(pool, rows));
    }

    private static UUID uuidOrNull(String s) {
        if (s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Uni<Page<Product>> list(Optional<UUID> shopId, Optional<ProductStatus> status, PageRequest page) {
        String where = "WHERE ($1::uuid IS NULL OR p.shop_id = $1) AND ($2::text IS NULL OR p.status = $2)";
        Tuple args = Tuple.of(shopId.orElse(null), status.map(Enum::name).orElse(null));
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM product p " + where).execute(args)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Product>> items = pool.preparedQuery("SELECT " + COLUMNS + " FROM product p " + where
                + " ORDER BY p.created_at DESC, p.id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(args.getValue(0), args.getValue(1), page.size(), page.offset()))
                .flatMap(rows -> {
                    List<Product> heads = new ArrayList<>();
                    rows.forEach(r -> heads.add(toProduct(r, List.of())));
                    return variantsOf(pool, heads.stream().map(Product::id).toList())
                            .map(vs -> heads.stream().map(h -> withVariants(h, vs.getOrDefault(h.id(), List.of())))
                                    .toList());
                });
        return Uni.combine().all().unis(items, total).with((list, n) -> Page.of(list, page, n));
    }

    public Uni<Void> update(SqlClient tx, Product p) {
        return tx.preparedQuery("""
                UPDATE product SET title = $2, description = $3, category_id = $4, brand = $5, tags = $6,
                       attributes = $7, media = $8, status = $9, status_reason = $10, updated_at = now(),
                       version = version + 1
                WHERE id = $1""")
                .execute(Tuple.from(new Object[] { p.id(), p.title(), p.description(), p.categoryId(), p.brand(),
                        p.tags().toArray(String[]::new), new JsonObject(new LinkedHashMap<>(p.attributes())),
                        mediaJson(p.media()), p.status().name(), p.statusReason() }))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient tx, UUID id) {
        return tx.preparedQuery("DELETE FROM product WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The product a variant of this shop belongs to, row-locked (absent for another shop's variant). */
    public Uni<Optional<UUID>> lockProductOfVariant(SqlClient tx, UUID shopId, UUID variantId) {
        return tx.preparedQuery("""
                SELECT p.id FROM variant v JOIN product p ON p.id = v.product_id
                WHERE v.id = $1 AND v.shop_id = $2 FOR UPDATE OF p""")
                .execute(Tuple.of(variantId, shopId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
    }

    /** Sets on-hand stock; never below what is reserved (conditional update, not read-then-write). */
    public Uni<Boolean> setOnHand(SqlClient tx, UUID variantId, int onHand) {
        return tx.preparedQuery("""
                UPDATE inventory SET on_hand = $2, version = version + 1
                WHERE variant_id = $1 AND reserved <= $2""")
                .execute(Tuple.of(variantId, onHand))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Optional<Product>> withVariants(SqlClient db, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        Product head = toProduct(rows.iterator().next(), List.of());
        return variantsOf(db, List.of(head.id()))
                .map(vs -> Optional.of(withVariants(head, vs.getOrDefault(head.id(), List.of()))));
    }

    private static Uni<Map<UUID, List<Variant>>> variantsOf(SqlClient db, List<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("""
                SELECT v.id, v.product_id, v.sku, v.options, v.price_minor, v.compare_at_minor, v.currency,
                       v.weight_grams, i.on_hand, i.reserved
                FROM variant v JOIN inventory i ON i.variant_id = v.id
                WHERE v.product_id = ANY($1) ORDER BY v.product_id, v.position""")
                .execute(Tuple.of(productIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Variant>> byProduct = new LinkedHashMap<>();
                    for (Row r : rows) {
                        String currency = r.getString("currency");
                        Long compareAt = r.getLong("compare_at_minor");
                        byProduct.computeIfAbsent(r.getUUID("product_id"), k -> new ArrayList<>()).add(new Variant(
                                r.getUUID("id"), r.getString("sku"), strings(r.getJsonObject("options")),
                                Money.of(r.getLong("price_minor"), currency),
                                compareAt == null ? null : Money.of(compareAt, currency), r.getInteger("weight_grams"),
                                r.getInteger("on_hand"), r.getInteger("reserved")));
                    }
                    return byProduct;
                });
    }

    private static Product withVariants(Product p, List<Variant> variants) {
        return new Product(p.id(), p.shopId(), p.slug(), p.title(), p.description(), p.categoryId(), p.brand(),
                p.tags(), p.attributes(), p.media(), p.status(), p.statusReason(), variants, p.createdAt(),
                p.updatedAt(), p.version());
    }

    private static Product toProduct(Row r, List<Variant> variants) {
        List<Media> media = new ArrayList<>();
        JsonArray m = r.getJsonArray("media");
        for (int i = 0; i < m.size(); i++) {
            JsonObject o = m.getJsonObject(i);
            media.add(new Media(o.getString("url"), o.getString("alt")));
        }
        return new Product(r.getUUID("id"), r.getUUID("shop_id"), r.getString("slug"), r.getString("title"),
                r.getString("description"), r.getUUID("category_id"), r.getString("brand"),
                Arrays.asList(r.getArrayOfStrings("tags")), strings(r.getJsonObject("attributes")), media,
                ProductStatus.valueOf(r.getString("status")), r.getString("status_reason"), variants,
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant(),
                r.getLong("version"));
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
        return m;
    }

    private static JsonArray mediaJson(List<Media> media) {
        JsonArray a = new JsonArray();
        media.forEach(m -> a.add(new JsonObject().put("url", m.url()).put("alt", m.alt())));
        return a;
    }
}
