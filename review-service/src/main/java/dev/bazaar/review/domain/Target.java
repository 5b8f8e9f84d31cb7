package dev.bazaar.review.domain;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import java.util.Objects;
import java.util.UUID;

/**
 * What a review is about and whose it is: a product line ({@code subjectId} = the product, {@code variantId} the line
 * bought) or a seller ({@code subjectId} = the shop, no variant), from one group ({@code shopId}) of one order of
 * {@code authorSubject}.
 */
public record Target(Subject subject, UUID subjectId, UUID shopId, UUID orderId, UUID variantId, String authorSubject) {
    public Target {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(authorSubject, "authorSubject");
        if ((subject == Subject.PRODUCT) != (variantId != null)) {
            throw new IllegalArgumentException("a product review names the variant bought, a seller review none");
        }
    }

    public static Target product(UUID productId, UUID variantId, UUID shopId, UUID orderId, String author) {
        return new Target(Subject.PRODUCT, productId, shopId, orderId, variantId, author);
    }

    public static Target shop(UUID shopId, UUID orderId, String author) {
        return new Target(Subject.SHOP, shopId, shopId, orderId, null, author);
    }

    /**
     * The review's id, derived from what may be reviewed only once — the order's line (variant) or the order's group
     * (shop) — so a second review of the same line or group is the same id, refused by the store's unique key.
     */
    public UUID reviewId() {
        String once =
                subject == Subject.PRODUCT ? "product:" + orderId + ":" + variantId : "shop:" + orderId + ":" + shopId;
        return UUID.nameUUIDFromBytes(once.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
