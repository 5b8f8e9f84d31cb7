package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.ProductContent;
import dev.bazaar.catalog.domain.Revision;
import dev.bazaar.catalog.service.ProductRevisions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A product's changes waiting for review (or last rejected), as sellers and admins see them: what is live, what is
 * proposed, and which fields differ.
 */
public record RevisionView(
        UUID productId,
        UUID shopId,
        Revision.Status status,
        Instant submittedAt,
        Instant decidedAt,
        String reason,
        List<String> changed,
        ProductContent live,
        ProductContent proposed) {

    static RevisionView of(ProductRevisions.Review r) {
        Revision rev = r.revision();
        return new RevisionView(
                rev.productId(),
                rev.shopId(),
                rev.status(),
                rev.submittedAt(),
                rev.decidedAt(),
                rev.reason(),
                r.changed(),
                r.live(),
                rev.proposed());
    }
}
