package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.money.Money;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One query for everything a cart or a checkout needs to know about variants right now (a projection over variant,
 * inventory, product, shop and category; callers hold the session: {@code @WithSession}). The commission rate it answers
 * is the category's fixed one; service {@code CommissionRates} replaces it with the rate the shop's volume tier gives.
 */
@ApplicationScoped
public class VariantLookup implements PanacheRepositoryBase<VariantEntity, UUID> {

    /**
     * {@code sellable}: the variant is active, its product ACTIVE and its shop APPROVED — anything else must not be
     * sold, whatever a cached copy says. {@code productVersion}: the version product events carry, so a cache filled from this answer
     * and from events can tell which is newer. {@code options}: the variant's option values ({@code [{"name": "size",
     * "value": "M"}, …]}) in the order the catalog keeps them, for checkout to freeze into the order line next to the
     * title and SKU (a list: a JSON object's keys have no order a client must keep).
     */
    public record VariantInfo(
            UUID variantId,
            UUID productId,
            UUID shopId,
            String title,
            String sku,
            List<OptionValue> options,
            Money price,
            int available,
            int weightGrams,
            UUID categoryId,
            int commissionRateBps,
            boolean sellable,
            long productVersion) {

        public VariantInfo {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** The same variant with the commission rate resolved for its shop (volume tiers, service CommissionRates). */
        public VariantInfo withCommissionRateBps(int rateBps) {
            return new VariantInfo(
                    variantId,
                    productId,
                    shopId,
                    title,
                    sku,
                    options,
                    price,
                    available,
                    weightGrams,
                    categoryId,
                    rateBps,
                    sellable,
                    productVersion);
        }
    }

    public Uni<List<VariantInfo>> find(List<UUID> variantIds) {
        return getSession()
                .flatMap(s -> s.createSelectionQuery("""
                select v.id, p.id, p.shopId, p.title, v.sku, v.priceMinor, v.currency, v.onHand - v.reserved,
                       v.weightGrams, p.categoryId, c.commissionRateBps, p.status, sh.status, p.version, v.active,
                       v.options
                from VariantEntity v
                join v.product p
                join ShopEntity sh on sh.id = p.shopId
                join CategoryEntity c on c.id = p.categoryId
                where v.id in :ids""", Object[].class)
                        .setParameter("ids", variantIds)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new VariantInfo(
                                (UUID) r[0],
                                (UUID) r[1],
                                (UUID) r[2],
                                (String) r[3],
                                (String) r[4],
                                options(r[15]),
                                Money.of((Long) r[5], (String) r[6]),
                                ((Number) r[7]).intValue(),
                                (Integer) r[8],
                                (UUID) r[9],
                                (Integer) r[10],
                                r[11] == ProductStatus.ACTIVE && r[12] == ShopStatus.APPROVED && (Boolean) r[14],
                                (Long) r[13]))
                        .toList());
    }

    /** Up to {@code n} variant ids, whichever come first (the start-up warm-up looks them up). */
    public Uni<List<UUID>> anyIds(int n) {
        return getSession()
                .flatMap(s -> s.createSelectionQuery("select v.id from VariantEntity v", UUID.class)
                        .setMaxResults(n)
                        .getResultList());
    }

    /** The variant's options column (a JSON object read in its stored order) as name/value pairs in that order. */
    @SuppressWarnings("unchecked")
    private static List<OptionValue> options(Object column) {
        return column instanceof Map<?, ?> m ? OptionValue.of((Map<String, ?>) m) : List.of();
    }
}
