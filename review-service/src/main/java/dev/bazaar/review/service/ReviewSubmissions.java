package dev.bazaar.review.service;

import dev.bazaar.review.config.ReviewConfig;
import dev.bazaar.review.domain.Content;
import dev.bazaar.review.domain.ContentPatch;
import dev.bazaar.review.domain.Eligibility;
import dev.bazaar.review.domain.Moderation;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewRefused;
import dev.bazaar.review.domain.Target;
import dev.bazaar.review.persistence.Eligibilities;
import dev.bazaar.review.persistence.Reviews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Buyers write, edit and remove their reviews: only of their own delivered groups (the eligibility review-service
 * keeps from {@code order.events}; no call to order-service on this path), once per line and per seller, each through
 * the automatic checks ({@link Moderation}).
 */
@ApplicationScoped
public class ReviewSubmissions {

    private final Eligibilities eligibilities;
    private final Reviews reviews;
    private final ReviewChanges changes;
    private final ReviewConfig config;
    private final Clock clock;

    public ReviewSubmissions(
            Eligibilities eligibilities, Reviews reviews, ReviewChanges changes, ReviewConfig config, Clock clock) {
        this.eligibilities = eligibilities;
        this.reviews = reviews;
        this.changes = changes;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A review of the line {@code variantId} of the caller's order: 403 when there is no such line of theirs (the same
     * answer for another buyer's order and an unknown one) or it is not delivered, 409 twice.
     */
    public Uni<Review> reviewProduct(String buyer, UUID orderId, UUID variantId, Content content) {
        return eligibilities.order(orderId).flatMap(groups -> {
            Eligibility group = groups.stream()
                    .filter(g -> g.line(variantId).isPresent())
                    .findFirst()
                    .orElseThrow(() -> ReviewRefused.noPurchase(orderId));
            group.requireReviewableBy(buyer);
            Eligibility.Line line = group.line(variantId).orElseThrow();
            return submit(Target.product(line.productId(), variantId, group.shopId(), orderId, buyer), content);
        });
    }

    /**
     * A review of the seller of the caller's order's group {@code shopId}: 403 when there is no such group of theirs
     * or it is not delivered, 409 twice.
     */
    public Uni<Review> reviewShop(String buyer, UUID orderId, UUID shopId, Content content) {
        return eligibilities.group(orderId, shopId).flatMap(found -> {
            Eligibility group = found.orElseThrow(() -> ReviewRefused.noPurchase(orderId));
            group.requireReviewableBy(buyer);
            return submit(Target.shop(shopId, orderId, buyer), content);
        });
    }

    /**
     * The author changes the fields of {@code patch} within the edit window; the review as it is afterwards goes
     * through the automatic checks again. The checks need the store (the repeated-text look-up), so they run on the
     * review as read first; should the author's review change in between (a second edit at the same moment), this
     * one is refused with a 409 rather than stored unchecked.
     */
    public Uni<Review> edit(String buyer, UUID reviewId, ContentPatch patch) {
        return reviews.find(reviewId).flatMap(found -> {
            Review current = found.orElseThrow(() -> ReviewRefused.notFound("no review " + reviewId))
                    .review();
            if (!current.isAuthor(buyer)) {
                return Uni.createFrom().failure(ReviewRefused.notFound("no review " + reviewId));
            }
            Content content = patch.applyTo(current);
            return verdict(buyer, content)
                    .flatMap(verdict -> changes.change(reviewId, r -> {
                        if (!patch.applyTo(r).equals(content)) {
                            throw ReviewRefused.conflict(
                                    "concurrent-change", "the review changed while it was checked; " + "try again");
                        }
                        return r.edit(buyer, content, verdict, config.reportThreshold(), clock.instant());
                    }));
        });
    }

    /** The author withdraws their review. */
    public Uni<Review> remove(String buyer, UUID reviewId) {
        return changes.change(reviewId, r -> r.remove(buyer, clock.instant()));
    }

    private Uni<Review> submit(Target target, Content content) {
        return verdict(target.authorSubject(), content)
                .flatMap(verdict ->
                        changes.create(Review.submit(target, content, verdict, clock.instant(), config.editWindow())));
    }

    private Uni<Moderation.Verdict> verdict(String author, Content content) {
        Moderation.Rules rules = config.moderation().rules();
        Uni<Boolean> repeated = Moderation.comparesText(content.body(), rules)
                ? reviews.textUsedByOthers(Moderation.textKey(content.body()), author)
                : Uni.createFrom().item(false);
        return repeated.map(r -> Moderation.check(content, rules, r));
    }
}
