package dev.bazaar.review.service;

import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.review.config.ReviewConfig;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.persistence.Reviews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** Admins work the moderation queue; signed-in users report reviews back into it. */
@ApplicationScoped
public class ReviewModeration {

    private final Reviews reviews;
    private final ReviewChanges changes;
    private final ReviewConfig config;
    private final Clock clock;

    public ReviewModeration(Reviews reviews, ReviewChanges changes, ReviewConfig config, Clock clock) {
        this.reviews = reviews;
        this.changes = changes;
        this.config = config;
        this.clock = clock;
    }

    /** Reviews in {@code status}, oldest first (the queue: PENDING). */
    public Uni<Page<Review>> queue(ReviewStatus status, PageRequest page) {
        return reviews.withStatus(status, page);
    }

    public Uni<Review> approve(UUID reviewId) {
        return changes.change(reviewId, r -> r.approve(clock.instant()));
    }

    public Uni<Review> reject(UUID reviewId, String reason) {
        return changes.change(reviewId, r -> r.reject(reason, clock.instant()));
    }

    /** One report per user; past the threshold the review waits for an admin again. */
    public Uni<Review> report(String caller, UUID reviewId) {
        return changes.change(reviewId, r -> r.report(caller, config.reportThreshold(), clock.instant()));
    }
}
