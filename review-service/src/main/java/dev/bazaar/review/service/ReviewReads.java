package dev.bazaar.review.service;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.review.domain.PublishedCursor;
import dev.bazaar.review.domain.RatingSummary;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewRefused;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.persistence.FirstPages;
import dev.bazaar.review.persistence.Reviews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/** The public reads: a subject's published reviews with its rating, one review, a rating alone. */
@ApplicationScoped
public class ReviewReads {

    /**
     * One page of a subject's published reviews: {@code total} = how many there are in all (with the stars filter),
     * {@code next} = where the next page starts (null on the last), and the subject's rating.
     */
    public record PublishedPage(List<Review> items, long total, PublishedCursor next, RatingSummary rating) {}

    private final Reviews reviews;
    private final RatingAggregates ratings;
    private final FirstPages firstPages;
    private final PageLoads loads;

    public ReviewReads(Reviews reviews, RatingAggregates ratings, FirstPages firstPages, PageLoads loads) {
        this.reviews = reviews;
        this.ratings = ratings;
        this.firstPages = firstPages;
        this.loads = loads;
    }

    /**
     * {@code size} published reviews of the subject in {@code sort}, after {@code after} (null: from the first, kept
     * briefly in memory: {@link FirstPages}), only {@code stars} ones when given.
     */
    public Uni<PublishedPage> published(
            Subject subject, UUID subjectId, Integer stars, ReviewSort sort, PublishedCursor after, int size) {
        if (after == null) {
            return firstPages.get(
                    subject, subjectId, stars, sort, size, () -> load(subject, subjectId, stars, sort, null, size));
        }
        return load(subject, subjectId, stars, sort, after, size);
    }

    /** The page from the store; 503 (with Retry-After) when more pages are loading than the store can serve. */
    private Uni<PublishedPage> load(
            Subject subject, UUID subjectId, Integer stars, ReviewSort sort, PublishedCursor after, int size) {
        return loads.load(subject, subjectId, stars, sort, after, size)
                .onFailure(BulkheadException.class)
                .transform(e -> new ProblemException.Unavailable(
                        "busy",
                        Duration.ofSeconds(1),
                        "Too many review pages are loading at once; try again in a moment."));
    }

    public Uni<RatingSummary> rating(Subject subject, UUID subjectId) {
        return ratings.current(subject, subjectId);
    }

    /** A review as {@code caller} may see it: published ones for everyone, any of their own (null: a guest). */
    public Uni<Review> one(UUID id, String caller, boolean admin) {
        return reviews.find(id)
                .map(found -> found.map(Reviews.Stored::review)
                        .filter(r -> r.status() == ReviewStatus.PUBLISHED
                                || admin
                                || (caller != null && r.isAuthor(caller) && r.status() != ReviewStatus.REMOVED))
                        .orElseThrow(() -> ReviewRefused.notFound("no review " + id)));
    }
}
