package dev.bazaar.review.service;

import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewRefused;
import dev.bazaar.review.persistence.Reviews;
import dev.bazaar.review.persistence.ShopOwners;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** What others add to a published review: helpful votes, and the reviewed shop's public answer. */
@ApplicationScoped
public class ReviewFeedback {

    private final Reviews reviews;
    private final ShopOwners shops;
    private final ReviewChanges changes;
    private final Clock clock;

    public ReviewFeedback(Reviews reviews, ShopOwners shops, ReviewChanges changes, Clock clock) {
        this.reviews = reviews;
        this.shops = shops;
        this.changes = changes;
        this.clock = clock;
    }

    /** One vote per user per review; not for one's own. */
    public Uni<Review> helpful(String caller, UUID reviewId) {
        return changes.change(reviewId, r -> r.voteHelpful(caller, clock.instant()));
    }

    /**
     * The reviewed shop's owner answers (or rewrites the answer); anyone else gets a 404, as for a review that does not
     * exist (tenancy in the query: the owner comes from catalog's shop events).
     */
    public Uni<Review> reply(String seller, UUID reviewId, String body) {
        return reviews.find(reviewId)
                .flatMap(found -> {
                    UUID shopId = found.orElseThrow(() -> ReviewRefused.notFound("no review " + reviewId))
                            .review()
                            .target()
                            .shopId();
                    return shops.owner(shopId);
                })
                .flatMap(owner -> {
                    if (owner.isEmpty() || !owner.get().equals(seller)) {
                        return Uni.createFrom()
                                .failure(ReviewRefused.notFound("no review " + reviewId + " of your shop"));
                    }
                    return changes.change(reviewId, r -> r.answer(seller, body, clock.instant()));
                });
    }
}
