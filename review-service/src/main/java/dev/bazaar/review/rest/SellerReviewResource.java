package dev.bazaar.review.rest;

import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewCursor;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.rest.ReviewViews.ReviewView;
import dev.bazaar.review.service.ReviewFeedback;
import dev.bazaar.review.service.SellerReviews;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * Sellers read the reviews of their own shops (its products and the shop itself) and answer them; any other review is
 * a 404, and another seller's never appears in the list.
 */
@Path("/api/v1/seller/reviews")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerReviewResource {

    private final ReviewFeedback feedback;
    private final SellerReviews reviews;
    private final CurrentUser user;

    public SellerReviewResource(ReviewFeedback feedback, SellerReviews reviews, CurrentUser user) {
        this.feedback = feedback;
        this.reviews = reviews;
        this.user = user;
    }

    /**
     * A page of the caller's shops' reviews, newest first: {@code nextCursor} (null on the last page) is passed back as
     * {@code cursor} for the next; {@code total} counts every page.
     */
    public record SellerReviewPage(List<ReviewView> items, int size, long total, String nextCursor) {}

    /**
     * The caller's shops' reviews, {@code status} one of PUBLISHED, PENDING, REJECTED (none: all three; a review its
     * author withdrew is gone for the seller too), newest first.
     */
    @GET
    public Uni<SellerReviewPage> list(
            @QueryParam("status")
                    @Pattern(regexp = "(PUBLISHED|PENDING|REJECTED)?", message = "PUBLISHED, PENDING or REJECTED")
                    String status,
            @QueryParam("cursor") @Size(max = 200, message = "is at most 200 characters") String cursor,
            @QueryParam("size")
                    @DefaultValue("20")
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = 100, message = "must be between 1 and 100")
                    int size) {
        ReviewCursor after = cursor == null || cursor.isEmpty() ? null : ReviewCursor.decode(cursor);
        return reviews.list(
                        user.subject(),
                        status == null || status.isEmpty() ? null : ReviewStatus.valueOf(status),
                        after,
                        size)
                .map(s -> new SellerReviewPage(
                        s.items().stream().map(SellerReviewResource::seen).toList(),
                        size,
                        s.total(),
                        s.next() == null ? null : s.next().encode()));
    }

    /** The one public answer to a published review, written or rewritten. */
    @PUT
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReviewView> reply(@PathParam("id") UUID id, @Valid @NotNull ReviewRequests.ReplyBody body) {
        return feedback.reply(user.subject(), id, body.body().strip()).map(ReviewView::shown);
    }

    /**
     * The seller's view: the review as buyers see it, with where it stands and the order it is about (the seller's own
     * order group), but not the moderation's notes (flags, a rejection's reason), which are the author's and admins'.
     */
    static ReviewView seen(Review r) {
        ReviewView f = ReviewView.full(r);
        return new ReviewView(
                f.id(),
                f.subject(),
                f.productId(),
                f.shopId(),
                f.rating(),
                f.scores(),
                f.title(),
                f.body(),
                f.photoUrls(),
                f.verifiedPurchase(),
                f.helpfulCount(),
                f.reply(),
                f.createdAt(),
                f.updatedAt(),
                f.status(),
                null,
                null,
                f.orderId(),
                null);
    }
}
