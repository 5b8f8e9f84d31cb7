package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.money.Money;

import java.util.List;
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
    record ProductPublished(UUID productId, UUID shopId, String slug, String title, UUID categoryId, String brand,
            List<VariantSummary> variants) implements ProductEvent {
    }

    record ProductUpdated(UUID productId, UUID shopId, String slug, String title, UUID categoryId, String brand,
            List<VariantSummary> variants) implements ProductEvent {
    }

    record PriceChanged(UUID productId, UUID variantId, Money price, Money compareAtPrice) implements ProductEvent {
    }

    record StockChanged(UUID productId, UUID variantId, int available) implements ProductEvent {
    }

    /** No longer sellable (archived, rejected, or its shop suspended). */
    record ProductDelisted(UUID productId, UUID shopId, String reason) implements ProductEvent {
    }

    /**
     * An admin reviewed a product its seller submitted: {@code decision} is {@value #APPROVED} (the product is ACTIVE;
     * its ProductPublished follows with the same version) or {@value #REJECTED}, with the admin's {@code reason} for
     * the seller (who may change the product and submit it again). Nothing of the product changes for search or carts:
     * their consumers ignore it; it is news for the seller (notification).
     */
    record ProductModerated(UUID productId, UUID shopId, String title, String decision, String reason)
            implements ProductEvent {
        public static final String APPROVED = "APPROVED";
        public static final String REJECTED = "REJECTED";

        public ProductModerated {
            if (!APPROVED.equals(decision) && !REJECTED.equals(decision)) {
                throw new IllegalArgumentException("decision is APPROVED or REJECTED, got " + decision);
            }
        }
    }
}
