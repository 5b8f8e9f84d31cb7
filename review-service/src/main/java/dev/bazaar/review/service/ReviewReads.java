package dev.bazaar.review.service;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.review.domain.RatingSummary;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewRefused;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.persistence.Reviews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The public reads: a subject's published reviews with its rating, one review, a rating alone. */
@ApplicationScoped
public class ReviewReads {

    /** A page of reviews with the subject's rating. */
    public record ReviewsWithRating(Page<Review> page, RatingSummary rating) {
    }

    private final Reviews reviews;
    private final RatingAggregates ratings;

    public ReviewReads(Reviews reviews, RatingAggregates ratings) {
        this.reviews = reviews;
        this.ratings = ratings;
    }

    public Uni<ReviewsWithRating> published(Subject subject, UUID subjectId, Integer stars, ReviewSort sort,
            PageRequest page) {
        return Uni.combine().all().unis(reviews.published(subject, subjectId, stars, sort, page),
                ratings.current(subject, subjectId)).with(ReviewsWithRating::new);
    }

    public Uni<RatingSummary> rating(Subject subject, UUID subjectId) {
        return ratings.current(subject, subjectId);
    }

    /** A review as {@code caller} may see it: published ones for everyone, any of their own (null: a guest). */
    public Uni<Review> one(UUID id, String caller, boolean admin) {
        return reviews.find(id).map(found -> found.map(Reviews.Stored::review)
                .filter(r -> r.status() == ReviewStatus.PUBLISHED || admin
                        || (caller != null && r.isAuthor(caller) && r.status() != ReviewStatus.REMOVED))
                .orElseThrow(() -> ReviewRefused.notFound("no review " + id)));
    }
}
