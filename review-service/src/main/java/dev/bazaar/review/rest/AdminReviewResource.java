package dev.bazaar.review.rest;

import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.rest.ReviewViews.ReviewView;
import dev.bazaar.review.service.ReviewModeration;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The moderation queue: admins list reviews by status (PENDING by default, oldest first), approve or reject them. */
@Path("/api/v1/admin/reviews")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminReviewResource {

    private final ReviewModeration moderation;

    public AdminReviewResource(ReviewModeration moderation) {
        this.moderation = moderation;
    }

    @GET
    public Uni<Page<ReviewView>> queue(
            @QueryParam("status")
                    @DefaultValue("PENDING")
                    @Pattern(
                            regexp = "PENDING|PUBLISHED|REJECTED|REMOVED",
                            message = "PENDING, PUBLISHED, REJECTED or REMOVED")
                    String status,
            @Valid @BeanParam PageRequest page) {
        return moderation.queue(ReviewStatus.valueOf(status), page).map(p -> p.map(ReviewView::full));
    }

    /** PENDING → PUBLISHED (counted in the rating); 409 for a review in any other state. */
    @POST
    @Path("{id}/approve")
    public Uni<ReviewView> approve(@PathParam("id") UUID id) {
        return moderation.approve(id).map(ReviewView::full);
    }

    /** PENDING or PUBLISHED → REJECTED with the reason (out of sight and out of the rating). */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReviewView> reject(@PathParam("id") UUID id, @Valid @NotNull ReviewRequests.Reason body) {
        return moderation.reject(id, body.reason().strip()).map(ReviewView::full);
    }
}
