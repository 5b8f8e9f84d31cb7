package dev.bazaar.review.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.RatingSummary;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the review endpoints answer. Public views show neither the author nor the order; stars are integers. */
public final class ReviewViews {

    private ReviewViews() {}

    /** A seller review's three scores. */
    public record ScoresView(int asDescribed, int shipping, int communication) {}

    /** The shop's answer. */
    public record ReplyView(String body, Instant createdAt, Instant updatedAt) {}

    /**
     * A review. {@code productId} is null for a seller review. {@code status}, {@code flags}, {@code rejectReason},
     * {@code orderId} and {@code editableUntil} are only in the author's and admins' view. {@code publishedAt}: when it
     * was first shown (none before; the public list's newest-first order).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewView(
            UUID id,
            Subject subject,
            UUID productId,
            UUID shopId,
            int rating,
            ScoresView scores,
            String title,
            String body,
            List<String> photoUrls,
            boolean verifiedPurchase,
            int helpfulCount,
            ReplyView reply,
            Instant createdAt,
            Instant updatedAt,
            ReviewStatus status,
            List<String> flags,
            String rejectReason,
            UUID orderId,
            Instant editableUntil,
            Instant publishedAt) {

        /** A view without {@code publishedAt} (as it was before the field came). */
        public ReviewView(
                UUID id,
                Subject subject,
                UUID productId,
                UUID shopId,
                int rating,
                ScoresView scores,
                String title,
                String body,
                List<String> photoUrls,
                boolean verifiedPurchase,
                int helpfulCount,
                ReplyView reply,
                Instant createdAt,
                Instant updatedAt,
                ReviewStatus status,
                List<String> flags,
                String rejectReason,
                UUID orderId,
                Instant editableUntil) {
            this(
                    id,
                    subject,
                    productId,
                    shopId,
                    rating,
                    scores,
                    title,
                    body,
                    photoUrls,
                    verifiedPurchase,
                    helpfulCount,
                    reply,
                    createdAt,
                    updatedAt,
                    status,
                    flags,
                    rejectReason,
                    orderId,
                    editableUntil,
                    null);
        }

        /** Everyone's view of a published review. */
        public static ReviewView shown(Review r) {
            return of(r, false);
        }

        /** The author's (and admins') view, with where the review stands. */
        public static ReviewView full(Review r) {
            return of(r, true);
        }

        private static ReviewView of(Review r, boolean full) {
            var t = r.target();
            var c = r.content();
            ScoresView scores = c.scores() == null
                    ? null
                    : new ScoresView(
                            c.scores().asDescribed(),
                            c.scores().shipping(),
                            c.scores().communication());
            ReplyView reply = r.reply() == null
                    ? null
                    : new ReplyView(
                            r.reply().body(), r.reply().createdAt(), r.reply().updatedAt());
            return new ReviewView(
                    r.id(),
                    t.subject(),
                    t.subject() == Subject.PRODUCT ? t.subjectId() : null,
                    t.shopId(),
                    c.rating(),
                    scores,
                    c.title(),
                    c.body(),
                    c.photoUrls(),
                    true,
                    r.helpfulVoters().size(),
                    reply,
                    r.createdAt(),
                    r.updatedAt(),
                    full ? r.status() : null,
                    full ? r.flags().stream().map(Enum::name).toList() : null,
                    full ? r.rejectReason() : null,
                    full ? t.orderId() : null,
                    full ? r.editableUntil() : null,
                    r.publishedAt());
        }
    }

    /** A shop's three scores' means, in tenths. */
    public record DimensionsView(int asDescribedTenths, int shippingTenths, int communicationTenths) {}

    /**
     * A product's or shop's rating: {@code averageTenths} (43 = 4.3; 0 without reviews), {@code count}, and
     * {@code histogram} = the number of 1★, 2★, 3★, 4★, 5★ reviews; a shop's has its three scores' means too.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RatingView(
            Subject subject,
            UUID subjectId,
            int averageTenths,
            long count,
            List<Long> histogram,
            DimensionsView dimensions) {
        public static RatingView of(Subject subject, UUID subjectId, RatingSummary s) {
            return new RatingView(
                    subject,
                    subjectId,
                    s.averageTenths(),
                    s.count(),
                    s.histogram(),
                    s.dimensions() == null
                            ? null
                            : new DimensionsView(
                                    s.dimensions().asDescribedTenths(),
                                    s.dimensions().shippingTenths(),
                                    s.dimensions().communicationTenths()));
        }
    }

    /**
     * A page of a subject's published reviews by cursor, with the subject's rating: {@code nextCursor} is passed back
     * as {@code cursor} for the next page (null on the last), {@code total} counts every page (with the stars filter).
     */
    public record ReviewList(List<ReviewView> items, int size, long total, String nextCursor, RatingView rating) {}
}
