package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.money.Money;

import java.util.List;
import java.util.UUID;

/**
 * {@code catalog.product-events}: what the search index and the cart's product cache need, keyed by product id.
 * The envelope's aggregateVersion is the product's version: consumers apply only newer ones.
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
}
