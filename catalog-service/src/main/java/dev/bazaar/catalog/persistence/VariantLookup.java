package dev.bazaar.catalog.persistence;

import dev.bazaar.contracts.money.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One query for everything a cart or a checkout needs to know about variants right now. */
@ApplicationScoped
public class VariantLookup {

    /**
     * {@code sellable}: the product is ACTIVE and its shop APPROVED — anything else must not be sold, whatever a
     * cached copy says. {@code productVersion}: the version product events carry, so a cache filled from this answer
     * and from events can tell which is newer.
     */
    public record VariantInfo(UUID variantId, UUID productId, UUID shopId, String title, String sku, Money price,
            int available, int weightGrams, UUID categoryId, int commissionRateBps, boolean sellable,
            long productVersion) {
    }

    private final Pool pool;

    public VariantLookup(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<VariantInfo>> find(List<UUID> variantIds) {
        return pool.preparedQuery("""
                SELECT v.id, p.id AS product_id, p.shop_id, p.title, v.sku, v.price_minor, v.currency,
                       i.on_hand - i.reserved AS available, v.weight_grams, p.category_id, c.commission_rate_bps,
                       p.status = 'ACTIVE' AND s.status = 'APPROVED' AS sellable, p.version
                FROM variant v
                JOIN product p ON p.id = v.product_id
                JOIN shop s ON s.id = p.shop_id
                JOIN category c ON c.id = p.category_id
                JOIN inventory i ON i.variant_id = v.id
                WHERE v.id = ANY($1)""")
                .execute(Tuple.of(variantIds.toArray(UUID[]::new)))
                .map(rows -> {
                    List<VariantInfo> items = new ArrayList<>();
                    for (Row r : rows) {
                        items.add(new VariantInfo(r.getUUID("id"), r.getUUID("product_id"), r.getUUID("shop_id"),
                                r.getString("title"), r.getString("sku"),
                                Money.of(r.getLong("price_minor"), r.getString("currency")),
                                r.getInteger("available"), r.getInteger("weight_grams"), r.getUUID("category_id"),
                                r.getInteger("commission_rate_bps"), r.getBoolean("sellable"),
                                r.getLong("version")));
                    }
                    return items;
                });
    }
}
