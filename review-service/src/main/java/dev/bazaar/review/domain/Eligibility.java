package dev.bazaar.review.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One seller's group of an order, as {@code order.events} told review-service: the verified purchase a review rests
 * on. Its buyer may review each of its lines and its seller once it is delivered (and not cancelled).
 */
public record Eligibility(
        UUID orderId, UUID shopId, String buyerSubject, List<Line> lines, Instant deliveredAt, Instant cancelledAt) {

    /** A line bought. */
    public record Line(UUID variantId, UUID productId, String title) {}

    public Eligibility {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * Refuses anyone but the buyer with the same 403 as an order review-service has not heard of (another buyer's
     * order is not revealed: {@link ReviewRefused#noPurchase}), and the buyer with a 403 that says why while the group
     * is not delivered or was cancelled.
     */
    public void requireReviewableBy(String caller) {
        if (buyerSubject == null || !buyerSubject.equals(caller)) {
            throw ReviewRefused.noPurchase(orderId);
        }
        if (cancelledAt != null) {
            throw ReviewRefused.notEligible("this part of order " + orderId + " was cancelled");
        }
        if (deliveredAt == null) {
            throw ReviewRefused.notEligible("this part of order " + orderId + " has not been delivered yet");
        }
    }

    public Optional<Line> line(UUID variantId) {
        return lines.stream().filter(l -> l.variantId().equals(variantId)).findFirst();
    }
}
