package dev.bazaar.review.persistence;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * The indexes the queries need, created at start-up (createIndex is idempotent, so every start asks again; start-up
 * does not wait: if MongoDB is not there yet, creation is retried with backoff until it is).
 * <ul>
 * <li>{@code reviews.published_newest} (subject, subjectId, status, publishedAt desc, _id desc): a product's or shop's
 * published reviews newest first, from a cursor, and their count; {@code published_helpful} (…, helpfulCount desc,
 * publishedAt desc, _id desc): most helpful first; {@code published_stars_newest} and {@code published_stars_helpful}
 * (subject, subjectId, status, rating, then the same sorts): filtered by stars. Each is the query's equality fields
 * followed by its sort (ReviewIndexesTest holds them to {@link Reviews}' queries), so a page from a cursor is a walk
 * from a point in the index. The rating recomputation reads every published review of a subject by their prefix.</li>
 * <li>{@code reviews.status_created} (status, createdAt): the moderation queue, oldest first.</li>
 * <li>{@code reviews.shop_status_newest} (shopId, status, createdAt desc, _id desc): a seller's reviews of their shops,
 * newest first, by cursor; {@code shops.owner} (ownerSubject): the shops a seller owns.</li>
 * <li>{@code reviews.text_key} (textKey, authorSubject): the repeated-text check.</li>
 * <li>{@code reviews.pending} (pending) and {@code reviews.rating_stale} (ratingStaleSince), both sparse in spirit
 * (few documents match): the relay's look for events to publish and ratings to repair; {@code ratings.pending}
 * likewise.</li>
 * <li>{@code eligibility.order} (orderId): a product review finds the group of its line.</li>
 * </ul>
 * Reviews, ratings, groups, shops and leases are read by their unique {@code _id} otherwise.
 */
@ApplicationScoped
public class ReviewIndexes {

    private static final Logger LOG = Logger.getLogger(ReviewIndexes.class);

    /** Collection → the indexes its queries use. */
    public static final Map<String, List<IndexModel>> INDEXES = indexes();

    private final Reviews reviews;
    private volatile Cancellable startup;

    public ReviewIndexes(Reviews reviews) {
        this.reviews = reviews;
    }

    private static Map<String, List<IndexModel>> indexes() {
        Map<String, List<IndexModel>> m = new LinkedHashMap<>();
        m.put(
                Reviews.COLLECTION,
                List.of(
                        index(
                                "published_newest",
                                Indexes.ascending("subject", "subjectId", "status"),
                                Indexes.descending("publishedAt", "_id")),
                        index(
                                "published_helpful",
                                Indexes.ascending("subject", "subjectId", "status"),
                                Indexes.descending("helpfulCount", "publishedAt", "_id")),
                        index(
                                "published_stars_newest",
                                Indexes.ascending("subject", "subjectId", "status", "rating"),
                                Indexes.descending("publishedAt", "_id")),
                        index(
                                "published_stars_helpful",
                                Indexes.ascending("subject", "subjectId", "status", "rating"),
                                Indexes.descending("helpfulCount", "publishedAt", "_id")),
                        index("status_created", Indexes.ascending("status", "createdAt")),
                        index(
                                "shop_status_newest",
                                Indexes.ascending("shopId", "status"),
                                Indexes.descending("createdAt", "_id")),
                        index("text_key", Indexes.ascending("textKey", "authorSubject")),
                        index("pending", Indexes.ascending("pending")),
                        index("rating_stale", Indexes.ascending("ratingStaleSince"))));
        m.put(Ratings.COLLECTION, List.of(index("pending", Indexes.ascending("pending"))));
        m.put(Eligibilities.COLLECTION, List.of(index("order", Indexes.ascending("orderId"))));
        m.put(ShopOwners.COLLECTION, List.of(index("owner", Indexes.ascending("ownerSubject"))));
        return Collections.unmodifiableMap(m);
    }

    private static IndexModel index(String name, Bson... keys) {
        return new IndexModel(Indexes.compoundIndex(keys), new IndexOptions().name(name));
    }

    void onStart(@Observes StartupEvent start) {
        startup = ensure().onFailure()
                .invoke(e -> LOG.warnf(e, "review indexes not created yet; trying again"))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .subscribe()
                .with(x -> LOG.debug("review indexes in place"));
    }

    void onStop(@Observes ShutdownEvent stop) {
        Cancellable c = startup;
        if (c != null) {
            c.cancel();
        }
    }

    /** Creates (or finds in place) every index. */
    public Uni<Void> ensure() {
        // one collection after the other, in the map's order
        return Multi.createFrom()
                .iterable(INDEXES.entrySet())
                .onItem()
                .transformToUniAndConcatenate(
                        e -> reviews.mongoDatabase().getCollection(e.getKey()).createIndexes(e.getValue()))
                .collect()
                .last()
                .replaceWithVoid();
    }
}
