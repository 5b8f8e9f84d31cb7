package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Rating;
import dev.bazaar.catalog.persistence.RatingStore;
import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Products' and shops' ratings, as review-service computes them from published reviews (review.events,
 * RatingChanged): the catalog keeps the newest one per subject and shows it on product pages, shop profiles and in
 * search. It never recomputes a rating: review-service owns the reviews and the arithmetic.
 */
@ApplicationScoped
public class Ratings {

    private final RatingStore store;

    public Ratings(RatingStore store) {
        this.store = store;
    }

    /**
     * Keeps the rating announced at {@code sequence} unless a newer one is kept already (a redelivered, replayed or
     * late record changes nothing); answers whether it was kept. A product's rating may come before the product is
     * visible, or even created in the catalog's view: it waits in the table until the product is indexed.
     */
    public Uni<Boolean> record(ReviewEvent.RatingChanged changed, long sequence) {
        return store.store(
                changed.subject(),
                changed.subjectId(),
                new Rating(changed.averageTenths(), changed.count()),
                changed.histogram(),
                sequence);
    }

    /** A shop's rating from its sellers' reviews ({@link Rating#NONE} when it has none). */
    public Uni<Rating> ofShop(UUID shopId) {
        return store.of(Subject.SHOP, shopId);
    }
}
