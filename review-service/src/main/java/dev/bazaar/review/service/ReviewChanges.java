package dev.bazaar.review.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewRefused;
import dev.bazaar.review.persistence.Reviews;
import dev.bazaar.review.persistence.Reviews.Stored;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one way a review is written: the decision's review and events in one document write (compare-and-set on its
 * revision: a concurrent change makes this one read and decide again), then, when the change touched the subject's
 * rating, the rating recomputed and the review's mark taken off. A crash between the two leaves the mark, and the
 * relay's repair recomputes it (ADR 0020).
 */
@ApplicationScoped
public class ReviewChanges {

    private static final int ATTEMPTS = 5;

    private final Reviews reviews;
    private final RatingAggregates ratings;
    private final Clock clock;

    public ReviewChanges(Reviews reviews, RatingAggregates ratings, Clock clock) {
        this.reviews = reviews;
        this.ratings = ratings;
        this.clock = clock;
    }

    /** Stores a new review; 409 when its line or group has one already. */
    public Uni<Review> create(Review.Change change) {
        Instant now = clock.instant();
        Review review = change.after();
        return reviews.insert(review, envelopes(change, now), change.ratingChanged(), now)
                .flatMap(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom()
                                .failure(ReviewRefused.alreadyReviewed("this "
                                        + (review.target().variantId() != null ? "line" : "seller") + " of order "
                                        + review.target().orderId() + " has a review already; edit it instead"));
                    }
                    return change.ratingChanged()
                            ? settleRating(review, 1)
                            : Uni.createFrom().item(review);
                });
    }

    /** Applies {@code decision} to the stored review {@code id} (404 when there is none). */
    public Uni<Review> change(UUID id, Function<Review, Review.Change> decision) {
        return change(id, decision, ATTEMPTS);
    }

    private Uni<Review> change(UUID id, Function<Review, Review.Change> decision, int attempts) {
        return reviews.find(id).flatMap(found -> {
            Stored stored = found.orElseThrow(() -> ReviewRefused.notFound("no review " + id));
            Review.Change change = decision.apply(stored.review());
            Instant now = clock.instant();
            return reviews.replace(stored, change.after(), envelopes(change, now), change.ratingChanged(), now)
                    .flatMap(written -> {
                        if (!written) {
                            if (attempts <= 1) {
                                return Uni.createFrom()
                                        .failure(ReviewRefused.conflict(
                                                "concurrent-change",
                                                "the review is being changed by someone else; try again"));
                            }
                            return change(id, decision, attempts - 1);
                        }
                        return change.ratingChanged()
                                ? settleRating(change.after(), stored.rev() + 1)
                                : Uni.createFrom().item(change.after());
                    });
        });
    }

    /** Recomputes the review's subject's rating, then takes the review's mark off (if nobody wrote it since). */
    public Uni<Review> settleRating(Review review, long rev) {
        return ratings.recompute(review.target().subject(), review.target().subjectId())
                .flatMap(x -> reviews.ratingRecomputed(review.id(), rev))
                .replaceWith(review);
    }

    private static List<Envelope<?>> envelopes(Review.Change change, Instant now) {
        long version = change.after().version();
        return change.events().stream()
                .<Envelope<?>>map((ReviewEvent e) -> Envelope.of(e, version, now, null, null))
                .toList();
    }
}
