package dev.bazaar.review.persistence;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.review.domain.PublishedCursor;
import dev.bazaar.review.domain.RatingSummary;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewCursor;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.domain.ShopScores;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.conversions.Bson;

/**
 * The reviews ({@code reviews.reviews}). Every write is one document: a new review is inserted under its derived id (a
 * duplicate is a second review of the same line or group), a change replaces the document only at the revision it was
 * read at ({@code rev}), carrying the events still to publish inside it. Queries and the indexes they use:
 * {@link ReviewIndexes}.
 */
@ApplicationScoped
public class Reviews implements ReactivePanacheMongoRepositoryBase<ReviewDocument, String> {

    public static final String COLLECTION = "reviews";

    private final FirstPages firstPages;

    public Reviews(FirstPages firstPages) {
        this.firstPages = firstPages;
    }

    /** A review as stored, with the revision a change must start from. */
    public record Stored(Review review, long rev, ReviewDocument document) {}

    /** The review by id, as stored. */
    public Uni<Optional<Stored>> find(UUID id) {
        return findById(id.toString()).map(d -> Optional.ofNullable(d).map(Reviews::stored));
    }

    /**
     * Inserts a new review with its events; false when the line or group has a review already (the unique id).
     * {@code ratingStale}: the review counts in a rating not yet recomputed.
     */
    public Uni<Boolean> insert(Review review, List<Envelope<?>> events, boolean ratingStale, Instant now) {
        ReviewDocument d = ReviewDocument.of(review);
        d.rev = 1;
        events.forEach(e -> d.pendingEvents.add(PendingEvent.of(e)));
        d.pending = !d.pendingEvents.isEmpty();
        d.ratingStaleSince = ratingStale ? now : null;
        return mongoCollection()
                .insertOne(d)
                .replaceWith(true)
                .onFailure(Reviews::duplicateKey)
                .recoverWithItem(false)
                .call(inserted -> inserted ? changed(review) : Uni.createFrom().voidItem());
    }

    /**
     * Replaces {@code stored} with {@code after} and appends {@code events} to those still to publish, only if nobody
     * wrote the review since it was read; false when someone did (read again and decide again).
     */
    public Uni<Boolean> replace(
            Stored stored, Review after, List<Envelope<?>> events, boolean ratingStale, Instant now) {
        ReviewDocument d = ReviewDocument.of(after);
        d.rev = stored.rev() + 1;
        if (stored.document().pendingEvents != null) {
            d.pendingEvents.addAll(stored.document().pendingEvents);
        }
        events.forEach(e -> d.pendingEvents.add(PendingEvent.of(e)));
        d.pending = !d.pendingEvents.isEmpty();
        // an earlier change's recomputation may not be confirmed yet: keep the oldest mark
        d.ratingStaleSince = stored.document().ratingStaleSince != null
                ? stored.document().ratingStaleSince
                : ratingStale ? now : null;
        return mongoCollection()
                .replaceOne(Filters.and(Filters.eq("_id", d.id), Filters.eq("rev", stored.rev())), d)
                .map(r -> r.getMatchedCount() == 1)
                .call(replaced -> replaced ? changed(after) : Uni.createFrom().voidItem());
    }

    private Uni<Void> changed(Review review) {
        return firstPages.changed(review.target().subject(), review.target().subjectId());
    }

    /**
     * The subject's rating was recomputed after the review's change at revision {@code rev}: the mark goes, unless the
     * review changed since (its own change recomputes again).
     */
    public Uni<Void> ratingRecomputed(UUID id, long rev) {
        return mongoCollection()
                .updateOne(
                        Filters.and(Filters.eq("_id", id.toString()), Filters.eq("rev", rev)),
                        Updates.combine(Updates.unset("ratingStaleSince"), Updates.inc("rev", 1L)))
                .replaceWithVoid();
    }

    /** Reviews whose rating recomputation was marked before {@code before} and never confirmed (the writer died). */
    public Uni<List<Stored>> ratingStale(Instant before, int limit) {
        return mongoCollection()
                .find(Filters.lt("ratingStaleSince", before), new FindOptions().limit(limit))
                .map(Reviews::stored)
                .collect()
                .asList();
    }

    /** The parts of the subject's published reviews in its rating (every one of them: the rating is recomputed). */
    public Uni<List<RatingSummary.Contribution>> contributions(Subject subject, UUID subjectId) {
        Bson published = Filters.and(
                Filters.eq("subject", subject.name()),
                Filters.eq("subjectId", subjectId.toString()),
                Filters.eq("status", ReviewStatus.PUBLISHED.name()));
        return mongoCollection()
                .find(published)
                .map(d -> new RatingSummary.Contribution(
                        d.rating,
                        d.asDescribed == null ? null : new ShopScores(d.asDescribed, d.shipping, d.communication)))
                .collect()
                .asList();
    }

    /**
     * Up to {@code limit} of the subject's published reviews in {@code sort}, after {@code after} (null: from the
     * first), {@code stars} only when given. The index of each case ({@link ReviewIndexes}) is the filter's equality
     * fields followed by the sort, so the store starts at the cursor in the index and reads no more than the page.
     */
    public Uni<List<Review>> published(
            Subject subject, UUID subjectId, Integer stars, ReviewSort sort, PublishedCursor after, int limit) {
        FindOptions options = new FindOptions()
                .filter(publishedFilter(subject, subjectId, stars, after))
                .sort(publishedOrder(sort))
                .limit(limit);
        return mongoCollection()
                .find(options)
                .map(ReviewDocument::toReview)
                .collect()
                .asList();
    }

    /** How many published reviews the subject has ({@code stars} ones when given): every page of {@link #published}. */
    public Uni<Long> countPublished(Subject subject, UUID subjectId, Integer stars) {
        return mongoCollection().countDocuments(publishedFilter(subject, subjectId, stars, null));
    }

    /**
     * The subject's published reviews ({@code stars} ones when given) that come after {@code after} in its sort: those
     * with fewer votes, or as many and shown earlier, or as many shown at the same millisecond with a smaller id.
     */
    static Bson publishedFilter(Subject subject, UUID subjectId, Integer stars, PublishedCursor after) {
        List<Bson> filters = new ArrayList<>(List.of(
                Filters.eq("subject", subject.name()),
                Filters.eq("subjectId", subjectId.toString()),
                Filters.eq("status", ReviewStatus.PUBLISHED.name())));
        if (stars != null) {
            filters.add(Filters.eq("rating", stars));
        }
        if (after != null) {
            Bson later = Filters.or(
                    Filters.lt("publishedAt", after.publishedAt()),
                    Filters.and(
                            Filters.eq("publishedAt", after.publishedAt()),
                            Filters.lt("_id", after.id().toString())));
            filters.add(
                    after.sort() == ReviewSort.HELPFUL
                            ? Filters.or(
                                    Filters.lt("helpfulCount", after.helpfulCount()),
                                    Filters.and(Filters.eq("helpfulCount", after.helpfulCount()), later))
                            : later);
        }
        return Filters.and(filters);
    }

    /** The order of {@code sort}: total, the id breaking every tie (the cursor relies on it). */
    static Bson publishedOrder(ReviewSort sort) {
        return sort == ReviewSort.HELPFUL
                ? Sorts.orderBy(
                        Sorts.descending("helpfulCount"), Sorts.descending("publishedAt"), Sorts.descending("_id"))
                : Sorts.orderBy(Sorts.descending("publishedAt"), Sorts.descending("_id"));
    }

    /** The moderation queue (or any status), oldest first; index {@code status_created}. */
    public Uni<Page<Review>> withStatus(ReviewStatus status, PageRequest page) {
        return page(
                Filters.eq("status", status.name()),
                Sorts.orderBy(Sorts.ascending("createdAt"), Sorts.ascending("_id")),
                page);
    }

    /**
     * Reviews of {@code shopIds} (products and the shops themselves) in {@code statuses}, newest first (createdAt, then
     * id, descending), those after {@code after} only (null: from the newest), at most {@code limit}; index
     * {@code shop_status_newest}.
     */
    public Uni<List<Review>> ofShops(List<UUID> shopIds, List<ReviewStatus> statuses, ReviewCursor after, int limit) {
        Bson filter = ofShops(shopIds, statuses);
        if (after != null) {
            filter = Filters.and(
                    filter,
                    Filters.or(
                            Filters.lt("createdAt", after.createdAt()),
                            Filters.and(
                                    Filters.eq("createdAt", after.createdAt()),
                                    Filters.lt("_id", after.id().toString()))));
        }
        FindOptions options = new FindOptions()
                .filter(filter)
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("_id")))
                .limit(limit);
        return mongoCollection()
                .find(options)
                .map(ReviewDocument::toReview)
                .collect()
                .asList();
    }

    /** How many reviews of {@code shopIds} are in {@code statuses} (every page of {@link #ofShops}). */
    public Uni<Long> countOfShops(List<UUID> shopIds, List<ReviewStatus> statuses) {
        return mongoCollection().countDocuments(ofShops(shopIds, statuses));
    }

    private static Bson ofShops(List<UUID> shopIds, List<ReviewStatus> statuses) {
        return Filters.and(
                Filters.in("shopId", shopIds.stream().map(UUID::toString).toList()),
                Filters.in("status", statuses.stream().map(ReviewStatus::name).toList()));
    }

    /** Whether another account wrote a review with this text ({@code textKey}); index {@code text_key}. */
    public Uni<Boolean> textUsedByOthers(String textKey, String authorSubject) {
        return mongoCollection()
                .find(
                        Filters.and(Filters.eq("textKey", textKey), Filters.ne("authorSubject", authorSubject)),
                        new FindOptions().limit(1))
                .collect()
                .first()
                .map(d -> d != null);
    }

    private Uni<Page<Review>> page(Bson filter, Bson order, PageRequest page) {
        FindOptions options = new FindOptions()
                .filter(filter)
                .sort(order)
                .skip((int) Math.min(page.offset(), Integer.MAX_VALUE))
                .limit(page.size());
        Uni<List<Review>> items = mongoCollection()
                .find(options)
                .map(ReviewDocument::toReview)
                .collect()
                .asList();
        return Uni.combine()
                .all()
                .unis(items, mongoCollection().countDocuments(filter))
                .with((list, total) -> Page.of(list, page, total));
    }

    private static Stored stored(ReviewDocument d) {
        return new Stored(d.toReview(), d.rev, d);
    }

    static boolean duplicateKey(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCode() == 11000;
    }
}
