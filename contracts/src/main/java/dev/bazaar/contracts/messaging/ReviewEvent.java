package dev.bazaar.contracts.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code review.events}: what buyers may now read about a product or a shop, keyed by the reviewed subject's id (the
 * product id of a product review, the shop id of a seller review), so one subject's reviews and its rating stay in
 * order. {@code aggregateVersion} is the review's own version for {@link ReviewPublished} and {@link ReviewRemoved},
 * and the rating's sequence for {@link RatingChanged}: apply only a newer one per review, per rating.
 */
@KeyField("subjectId")
public sealed interface ReviewEvent extends Message {

    /** What a review is about. */
    enum Subject {
        PRODUCT,
        SHOP
    }

    UUID subjectId();

    @Override
    default String key() {
        return subjectId().toString();
    }

    /**
     * A review is visible (first published, approved by an admin, or edited while visible: then it carries the new
     * rating). {@code rating} is 1–5 (a seller review's overall stars); {@code productId} is null for a seller review.
     */
    record ReviewPublished(
            UUID subjectId, Subject subject, UUID reviewId, UUID shopId, UUID orderId, int rating, Instant publishedAt)
            implements ReviewEvent {
        public ReviewPublished {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(reviewId, "reviewId");
            Objects.requireNonNull(shopId, "shopId");
            if (rating < 1 || rating > 5) {
                throw new IllegalArgumentException("rating is 1..5, got " + rating);
            }
        }
    }

    /**
     * A visible review is no longer shown: {@code reason} REJECTED (by an admin), REMOVED (by its author), REPORTED
     * (back in the moderation queue after reports) or FLAGGED (an edit the automatic checks hold for moderation).
     */
    record ReviewRemoved(UUID subjectId, Subject subject, UUID reviewId, UUID shopId, String reason)
            implements ReviewEvent {
        public ReviewRemoved {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(reviewId, "reviewId");
        }
    }

    /**
     * A product's or shop's rating over its published reviews: {@code count} reviews, {@code averageTenths} the mean
     * stars in tenths rounded half up (43 = 4.3; 0 when there are none), {@code histogram} the number of 1★ … 5★ reviews
     * (five entries summing to {@code count}).
     */
    record RatingChanged(UUID subjectId, Subject subject, int averageTenths, long count, List<Long> histogram)
            implements ReviewEvent {
        public RatingChanged {
            Objects.requireNonNull(subject, "subject");
            if (histogram == null || histogram.size() != 5) {
                throw new IllegalArgumentException("the histogram has five entries (1★ … 5★)");
            }
            histogram = List.copyOf(histogram);
            long sum = 0;
            for (long n : histogram) {
                if (n < 0) {
                    throw new IllegalArgumentException("a histogram entry is not negative: " + histogram);
                }
                sum += n;
            }
            if (sum != count) {
                throw new IllegalArgumentException("the histogram " + histogram + " does not sum to " + count);
            }
            if (count == 0 ? averageTenths != 0 : averageTenths < 10 || averageTenths > 50) {
                throw new IllegalArgumentException("averageTenths " + averageTenths + " is out of range");
            }
        }
    }
}
