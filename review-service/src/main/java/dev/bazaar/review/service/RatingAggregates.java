package dev.bazaar.review.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.RatingSummary;
import dev.bazaar.review.persistence.Ratings;
import dev.bazaar.review.persistence.Reviews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Product and shop ratings, recomputed from the subject's published reviews after every change that touches them
 * (never adjusted by increments: an edit, a rejection, a removal or a repeated event cannot leave them out of step),
 * and announced as RatingChanged on {@code review.events} with the rating's ticket as its version.
 */
@ApplicationScoped
public class RatingAggregates {

    private final Ratings ratings;
    private final Reviews reviews;
    private final Clock clock;

    public RatingAggregates(Ratings ratings, Reviews reviews, Clock clock) {
        this.ratings = ratings;
        this.reviews = reviews;
        this.clock = clock;
    }

    /** Recomputes and stores the subject's rating (a later concurrent recomputation's result wins: see Ratings). */
    public Uni<Void> recompute(Subject subject, UUID subjectId) {
        return ratings.nextTicket(subject, subjectId)
                .flatMap(ticket -> reviews.contributions(subject, subjectId).flatMap(published -> {
                    RatingSummary summary = RatingSummary.of(published, subject == Subject.SHOP);
                    Instant now = clock.instant();
                    ReviewEvent.RatingChanged changed = new ReviewEvent.RatingChanged(
                            subjectId, subject, summary.averageTenths(), summary.count(), summary.histogram());
                    return ratings.store(
                            subject, subjectId, ticket, summary, Envelope.of(changed, ticket, now, null, null), now);
                }))
                .replaceWithVoid();
    }

    /** The subject's rating as stored. */
    public Uni<RatingSummary> current(Subject subject, UUID subjectId) {
        return ratings.summary(subject, subjectId);
    }
}
