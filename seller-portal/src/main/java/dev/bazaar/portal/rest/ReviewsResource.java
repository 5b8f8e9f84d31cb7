package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.client.ReviewClient;
import dev.bazaar.portal.client.ReviewClient.ReplyBody;
import dev.bazaar.portal.client.ReviewClient.ReviewPage;
import dev.bazaar.portal.service.Reviews;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The reviews of the seller's shops (of its products and of the shop itself), newest first, filtered by status, with
 * the seller's public answer to each published one (written, or rewritten). The review service decides which reviews
 * are the seller's; when it cannot be reached the page says so.
 */
@Path("/reviews")
@Produces(MediaType.TEXT_HTML)
public class ReviewsResource {

    /** Reviews per page. */
    static final int PAGE_SIZE = 20;

    static final String UNAVAILABLE = "Reviews are not available right now. Try again in a moment.";
    private static final String MISSING = "No such review of your shop.";
    private static final String BAD_STATUS = "Choose a status from the list.";
    private static final String EMPTY_REPLY = "Write your answer before sending it.";

    private final ReviewClient reviews;
    private final Viewer viewer;

    public ReviewsResource(@RestClient ReviewClient reviews, Viewer viewer) {
        this.reviews = reviews;
        this.viewer = viewer;
    }

    /** A page of the shop's reviews: {@code status} one of {@link Reviews#STATUSES} or all; {@code cursor} as given. */
    @GET
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor) {
        viewer.requireSeller();
        String filter = Reviews.status(status);
        if (filter == null) {
            return Uni.createFrom()
                    .item(Pages.html(
                            400,
                            Templates.reviews(viewer.view(), "", Reviews.STATUSES, null, null, BAD_STATUS, Map.of())));
        }
        return page(filter, blankToNull(cursor), null, 200, Map.of());
    }

    /**
     * The answer to a published review ({@code body}; blank is asked again without the review service); back to the
     * page it was sent from ({@code status}, {@code cursor}: hidden fields of the form), at the review.
     */
    @POST
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reply(
            @PathParam("id") String id, @RestForm String body, @RestForm String status, @RestForm String cursor) {
        viewer.requireSeller();
        Pages.uuid(id, MISSING);
        String filter = Reviews.status(status) == null ? "" : Reviews.status(status);
        String from = blankToNull(cursor);
        String typed = body == null ? "" : body;
        if (typed.isBlank()) {
            return page(filter, from, EMPTY_REPLY, 400, Map.of("reviewId", id, "body", typed));
        }
        return Reply.orUnavailable(reviews.reply(id, new ReplyBody(typed.strip())), UNAVAILABLE)
                .flatMap(r -> {
                    if (r.ok()) {
                        String query = Reviews.query(filter, from);
                        return Uni.createFrom()
                                .item(Pages.redirect(
                                        "/reviews" + (query.isEmpty() ? "" : "?" + query) + "#review-" + id));
                    }
                    if (r.status() == 404) {
                        throw new Pages.Missing(MISSING);
                    }
                    return page(filter, from, r.explain(), r.pageStatus(), Map.of("reviewId", id, "body", typed));
                });
    }

    /**
     * The list with {@code message} (null: none) and the answer form of {@code typed.reviewId} refilled with
     * {@code typed.body}; a list the review service refuses (a cursor it does not know: 400) or cannot give says why.
     */
    private Uni<Response> page(
            String status, String cursor, String message, int pageStatus, Map<String, String> typed) {
        return Reply.orUnavailable(reviews.reviews(status.isEmpty() ? null : status, cursor, PAGE_SIZE), UNAVAILABLE)
                .map(r -> {
                    ReviewPage found = r.ok() ? r.body() : null;
                    String why = message != null ? message : r.ok() ? null : r.explain();
                    int shown = message == null && r.status() == 400 ? 400 : pageStatus;
                    return Pages.html(
                            shown,
                            Templates.reviews(viewer.view(), status, Reviews.STATUSES, found, cursor, why, typed));
                });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
