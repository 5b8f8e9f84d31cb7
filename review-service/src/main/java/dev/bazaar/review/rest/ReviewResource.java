package dev.bazaar.review.rest;

import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.rest.ReviewViews.ReviewView;
import dev.bazaar.review.service.ReviewFeedback;
import dev.bazaar.review.service.ReviewModeration;
import dev.bazaar.review.service.ReviewReads;
import dev.bazaar.review.service.ReviewSubmissions;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/**
 * Reviews by their authors (buyers: write for a delivered group of their own order, edit within the window, remove),
 * and what any signed-in user does with a published one (find it helpful, report it). Writing for anything that is not
 * a delivered purchase of one's own — another buyer's order, an unknown one, an undelivered group — answers 403;
 * another buyer's review 404; a second review of a line or seller 409.
 */
@Path("/api/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final ReviewSubmissions submissions;
    private final ReviewFeedback feedback;
    private final ReviewModeration moderation;
    private final ReviewReads reads;
    private final CurrentUser user;
    private final CurrentIdentityAssociation identities;

    public ReviewResource(
            ReviewSubmissions submissions,
            ReviewFeedback feedback,
            ReviewModeration moderation,
            ReviewReads reads,
            CurrentUser user,
            CurrentIdentityAssociation identities) {
        this.submissions = submissions;
        this.feedback = feedback;
        this.moderation = moderation;
        this.reads = reads;
        this.user = user;
        this.identities = identities;
    }

    /**
     * A review of a line bought ({@code variantId}) or of the seller of a group ({@code shopId}): 201 with the review
     * (PUBLISHED, or PENDING when the automatic checks hold it) and its address in {@code Location}.
     */
    @POST
    @RolesAllowed("buyer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> review(@Valid @NotNull ReviewRequests.NewReview body) {
        Uni<Review> written = body.ofProduct()
                ? submissions.reviewProduct(user.subject(), body.orderId(), body.variantId(), body.content())
                : submissions.reviewShop(user.subject(), body.orderId(), body.shopId(), body.content());
        return written.map(r -> Response.created(URI.create("/api/v1/reviews/" + r.id()))
                .entity(ReviewView.full(r))
                .build());
    }

    /** A published review for anyone; the author sees their own in any state but removed, admins every one. */
    @GET
    @Path("{id}")
    @PermitAll
    public Uni<ReviewView> get(@PathParam("id") UUID id) {
        // a public endpoint: the caller's identity, if any, is resolved without blocking the event loop
        return identities.getDeferredIdentity().flatMap(identity -> {
            String caller =
                    identity.isAnonymous() ? null : identity.getPrincipal().getName();
            boolean admin = identity.hasRole("admin");
            return reads.one(id, caller, admin)
                    .map(r -> admin || r.isAuthor(caller) ? ReviewView.full(r) : ReviewView.shown(r));
        });
    }

    /**
     * The author changes some fields of their review within the edit window (only those given; checked again, so it
     * may go back to PENDING).
     */
    @PATCH
    @Path("{id}")
    @RolesAllowed("buyer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReviewView> edit(@PathParam("id") UUID id, @Valid @NotNull ReviewRequests.Patch body) {
        return submissions.edit(user.subject(), id, body.patch()).map(ReviewView::full);
    }

    /** The author withdraws their review: 204. */
    @DELETE
    @Path("{id}")
    @RolesAllowed("buyer")
    public Uni<Response> remove(@PathParam("id") UUID id) {
        return submissions
                .remove(user.subject(), id)
                .map(r -> Response.noContent().build());
    }

    /** One helpful vote per user (not the author); 409 for a second. */
    @POST
    @Path("{id}/helpful")
    @RolesAllowed({"buyer", "seller", "admin"})
    public Uni<ReviewView> helpful(@PathParam("id") UUID id) {
        return feedback.helpful(user.subject(), id).map(ReviewView::shown);
    }

    /** One report per user (not the author): 202; past the threshold the review waits for an admin again. */
    @POST
    @Path("{id}/report")
    @RolesAllowed({"buyer", "seller", "admin"})
    public Uni<Response> report(@PathParam("id") UUID id) {
        return moderation
                .report(user.subject(), id)
                .map(r -> Response.accepted().build());
    }
}
