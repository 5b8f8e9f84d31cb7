package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A seller's changes to a live product's content, held for an admin: the product keeps showing (and selling, and being
 * found by) its approved content until the revision is approved. One per product: further edits change the pending
 * one; a rejected one stays (with the reason) until the seller edits again or withdraws it.
 */
public record Revision(
        UUID productId,
        UUID shopId,
        Status status,
        ProductContent proposed,
        String reason,
        Instant submittedAt,
        Instant decidedAt) {

    public enum Status {
        PENDING,
        REJECTED
    }

    public boolean pending() {
        return status == Status.PENDING;
    }
}
