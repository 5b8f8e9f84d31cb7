package dev.bazaar.review.rest;

import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.review.rest.ReviewViews.ReviewView;
import dev.bazaar.review.service.ReviewFeedback;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** Sellers answer the reviews of their own shop (its products and the shop itself); any other review is a 404. */
@Path("/api/v1/seller/reviews")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerReviewResource {

    private final ReviewFeedback feedback;
    private final CurrentUser user;

    public SellerReviewResource(ReviewFeedback feedback, CurrentUser user) {
        this.feedback = feedback;
        this.user = user;
    }

    /** The one public answer to a published review, written or rewritten. */
    @PUT
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReviewView> reply(@PathParam("id") UUID id, @Valid @NotNull ReviewRequests.ReplyBody body) {
        return feedback.reply(user.subject(), id, body.body().strip()).map(ReviewView::shown);
    }
}
