package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.money.Money;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code catalog.product-events}: what the search index and the cart's product cache need, keyed by product id, and
 * an admin's review of a product (notification tells its seller). The envelope's aggregateVersion is the product's
 * version: consumers apply only newer ones.
 */
@KeyField("productId")
public sealed interface ProductEvent extends Message {

    UUID productId();

    @Override
    default String key() {
        return productId().toString();
    }

    /** A product became sellable (ACTIVE in an APPROVED shop). */
    record ProductPublished(
            UUID productId,
            UUID shopId,
            String slug,
            String title,
            UUID categoryId,
            String brand,
            List<VariantSummary> variants)
            implements ProductEvent {}

    record ProductUpdated(
            UUID productId,
            UUID shopId,
            String slug,
            String title,
            UUID categoryId,
            String brand,
            List<VariantSummary> variants)
            implements ProductEvent {}

    record PriceChanged(UUID productId, UUID variantId, Money price, Money compareAtPrice) implements ProductEvent {}

    record StockChanged(UUID productId, UUID variantId, int available) implements ProductEvent {}

    /** No longer sellable (archived, rejected, or its shop suspended). */
    record ProductDelisted(UUID productId, UUID shopId, String reason) implements ProductEvent {}

    /**
     * An admin's decision on a product, news for its seller (notification); search and carts ignore it (the status
     * change it comes with has its own event). {@code decision}: {@value #APPROVED} (a submitted product is ACTIVE; its
     * ProductPublished follows with the same version) or {@value #REJECTED} (with the admin's {@code reason}; the seller
     * may change it and submit again); {@value #TAKEN_DOWN} (a live product was taken off sale, with the reason) or
     * {@value #REINSTATED} (it is on sale again); {@value #REVISION_APPROVED} (the seller's pending changes to a live
     * product are live) or {@value #REVISION_REJECTED} (they were dropped, with the reason; the approved version stays).
     */
    record ProductModerated(UUID productId, UUID shopId, String title, String decision, String reason)
            implements ProductEvent {
        public static final String APPROVED = "APPROVED";
        public static final String REJECTED = "REJECTED";
        public static final String TAKEN_DOWN = "TAKEN_DOWN";
        public static final String REINSTATED = "REINSTATED";
        public static final String REVISION_APPROVED = "REVISION_APPROVED";
        public static final String REVISION_REJECTED = "REVISION_REJECTED";
        /** Every decision; one that carries a reason is a refusal or a take-down. */
        public static final Set<String> DECISIONS =
                Set.of(APPROVED, REJECTED, TAKEN_DOWN, REINSTATED, REVISION_APPROVED, REVISION_REJECTED);

        public ProductModerated {
            if (!DECISIONS.contains(decision)) {
                throw new IllegalArgumentException("decision is one of " + DECISIONS + ", got " + decision);
            }
        }
    }
}
