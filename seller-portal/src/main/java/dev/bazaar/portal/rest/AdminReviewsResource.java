package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminReviewClient;
import dev.bazaar.portal.client.AdminReviewClient.Queue;
import dev.bazaar.portal.client.AdminReviewClient.Reason;
import dev.bazaar.portal.client.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The moderation queue of buyers' reviews (held by the review service's automatic checks, or sent back by readers'
 * reports), oldest first, the first {@value #SHOWN}: approve (published, counted in the rating), or reject with the
 * reason its author is told. Administrators only.
 */
@Path("/admin/reviews")
@Produces(MediaType.TEXT_HTML)
public class AdminReviewsResource {

    /** Reviews shown (the queue's first page). */
    static final int SHOWN = 50;

    private static final String NO_REVIEW = "No such review waiting for moderation.";
    private static final String REASON_REQUIRED = "A reason is required to reject.";

    private final AdminReviewClient reviews;
    private final Viewer viewer;

    public AdminReviewsResource(@RestClient AdminReviewClient reviews, Viewer viewer) {
        this.reviews = reviews;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> queue() {
        viewer.requireAdmin();
        return page(null, 200);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approve(@PathParam("id") String id) {
        viewer.requireAdmin();
        return decided(reviews.approve(Pages.uuid(id, NO_REVIEW)));
    }

    /** Rejected with the reason the author is told (required: the page asks for it again without the service). */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reject(@PathParam("id") String id, @RestForm String reason) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_REVIEW);
        if (reason == null || reason.isBlank()) {
            return page(REASON_REQUIRED, 400);
        }
        return decided(reviews.reject(id, new Reason(reason.strip())));
    }

    /** The queue with {@code message} (null: none); one the review service cannot give says why. */
    private Uni<Response> page(String message, int status) {
        return Reply.orUnavailable(reviews.queue("PENDING", 0, SHOWN), ReviewsResource.UNAVAILABLE)
                .map(r -> Pages.html(
                        status,
                        Templates.adminReviews(
                                viewer.view(),
                                r.ok() ? r.body() : new Queue(java.util.List.of(), 0, SHOWN, 0),
                                r.ok() ? null : r.detail(),
                                message)));
    }

    /** Back to the queue, or it with the review service's reason; a review it does not know is "Not found". */
    private Uni<Response> decided(Uni<?> decision) {
        return Reply.orUnavailable(decision, ReviewsResource.UNAVAILABLE).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/admin/reviews"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(NO_REVIEW);
            }
            return page(r.explain(), r.pageStatus());
        });
    }
}
