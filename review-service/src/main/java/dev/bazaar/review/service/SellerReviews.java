package dev.bazaar.review.service;

import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewCursor;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.persistence.Reviews;
import dev.bazaar.review.persistence.ShopOwners;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A seller reads the reviews of their own shops (of its products and of the shop itself), to answer them. The shops
 * are those review-service knows the caller owns from catalog's shop events, so another seller's reviews never appear,
 * and a shop whose approval has not arrived yet has none to show.
 */
@ApplicationScoped
public class SellerReviews {

    /**
     * What a seller sees of their shops' reviews: every state but REMOVED (withdrawn by its author, gone for everyone;
     * the author's own choice is not the seller's business).
     */
    public static final List<ReviewStatus> VISIBLE =
            List.of(ReviewStatus.PUBLISHED, ReviewStatus.PENDING, ReviewStatus.REJECTED);

    /** A page: the reviews, how many there are in all, and the cursor of the next page (null on the last). */
    public record Slice(List<Review> items, long total, ReviewCursor next) {}

    private final Reviews reviews;
    private final ShopOwners shops;

    public SellerReviews(Reviews reviews, ShopOwners shops) {
        this.reviews = reviews;
        this.shops = shops;
    }

    /**
     * The caller's shops' reviews in {@code status} (null: every {@link #VISIBLE} one), newest first, {@code size}
     * after {@code after} (null: from the newest).
     */
    public Uni<Slice> list(String seller, ReviewStatus status, ReviewCursor after, int size) {
        if (status != null && !VISIBLE.contains(status)) {
            return Uni.createFrom().item(new Slice(List.of(), 0, null));
        }
        List<ReviewStatus> statuses = status == null ? VISIBLE : List.of(status);
        return shops.shopsOf(seller).flatMap(owned -> {
            if (owned.isEmpty()) {
                return Uni.createFrom().item(new Slice(List.of(), 0, null));
            }
            // one more than asked: whether there is a next page, without an empty last one
            return Uni.combine()
                    .all()
                    .unis(reviews.ofShops(owned, statuses, after, size + 1), reviews.countOfShops(owned, statuses))
                    .with((found, total) -> found.size() > size
                            ? new Slice(found.subList(0, size), total, ReviewCursor.after(found.get(size - 1)))
                            : new Slice(found, total, null));
        });
    }
}
