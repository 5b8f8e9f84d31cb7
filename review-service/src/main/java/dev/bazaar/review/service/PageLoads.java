package dev.bazaar.review.service;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.PublishedCursor;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.persistence.Reviews;
import dev.bazaar.review.service.ReviewReads.PublishedPage;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * The store calls behind one page of a subject's published reviews — the page (one more than asked: whether there is
 * a next one), the rating and, for a list filtered by stars, the count, at once — with a bound on how many pages load at the same time
 * (SmallRye Fault Tolerance's bulkhead: {@value #CONCURRENT} loading, {@value #WAITING} waiting). Past that a read
 * fails at once ({@code BulkheadException}, a 503 with Retry-After for the caller) instead of queueing without end:
 * a burst the store cannot serve costs a few refused reads, not the replica's memory (without the bound, 500 reads/s
 * against a store that serves 170 filled the heap in seconds). Configurable per deployment:
 * {@code dev.bazaar.review.service.PageLoads/load/Bulkhead/value} and {@code …/waitingTaskQueue}.
 */
@ApplicationScoped
public class PageLoads {

    static final int CONCURRENT = 32;
    static final int WAITING = 256;

    private final Reviews reviews;
    private final RatingAggregates ratings;

    public PageLoads(Reviews reviews, RatingAggregates ratings) {
        this.reviews = reviews;
        this.ratings = ratings;
    }

    @AsynchronousNonBlocking
    @Bulkhead(value = CONCURRENT, waitingTaskQueue = WAITING)
    public Uni<PublishedPage> load(
            Subject subject, UUID subjectId, Integer stars, ReviewSort sort, PublishedCursor after, int size) {
        // without a stars filter the total is the rating's count (both count the subject's published reviews, and the
        // rating is kept exactly in step with them), so the store counts only for a filtered list
        Uni<Long> counted =
                stars == null ? Uni.createFrom().item(-1L) : reviews.countPublished(subject, subjectId, stars);
        return Uni.combine()
                .all()
                .unis(
                        reviews.published(subject, subjectId, stars, sort, after, size + 1),
                        counted,
                        ratings.current(subject, subjectId))
                .with((found, count, rating) -> {
                    long total = stars == null ? rating.count() : count;
                    return found.size() > size
                            ? new PublishedPage(
                                    found.subList(0, size),
                                    total,
                                    PublishedCursor.after(found.get(size - 1), sort),
                                    rating)
                            : new PublishedPage(found, total, null, rating);
                });
    }
}
