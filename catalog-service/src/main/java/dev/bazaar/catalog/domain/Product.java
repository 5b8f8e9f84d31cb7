package dev.bazaar.catalog.domain;

import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A product with its variants, as the catalog stores it. */
public record Product(
        UUID id,
        UUID shopId,
        String slug,
        String title,
        String description,
        UUID categoryId,
        String brand,
        List<String> tags,
        Map<String, String> attributes,
        List<Media> media,
        ProductStatus status,
        String statusReason,
        List<Variant> variants,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** An image of the product: its URL and alt text. */
    public record Media(String url, String alt) {

        /**
         * thumbnail, card and full URLs when the image was uploaded to the catalog (its URL is one of its renditions');
         * empty for an image elsewhere on the web.
         */
        @com.fasterxml.jackson.annotation.JsonProperty("renditions")
        public Map<String, String> renditions() {
            return MediaUrls.renditionsOf(url);
        }
    }

    /**
     * A variant with its stock: available = onHand − reserved. {@code active}: sold now; a variant its seller
     * deactivated is kept for the orders that name it but is not sold, shown to buyers or announced.
     */
    public record Variant(
            UUID id,
            String sku,
            Map<String, String> options,
            Money price,
            Money compareAtPrice,
            int weightGrams,
            int onHand,
            int reserved,
            boolean active) {

        @com.fasterxml.jackson.annotation.JsonProperty("available")
        public int available() {
            return onHand - reserved;
        }
    }
}
