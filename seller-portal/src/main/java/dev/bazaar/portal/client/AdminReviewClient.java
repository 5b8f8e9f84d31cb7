package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.bazaar.portal.client.ReviewClient.Review;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The review service's moderation queue (reviews held by its automatic checks or sent back by reports) and the admins'
 * decisions, with the signed-in user's own access token, as {@link ReviewClient}. Each call times out after 5 s
 * ({@code dev.bazaar.portal.client.AdminReviewClient/Timeout/value}, in milliseconds).
 */
@RegisterRestClient(configKey = "review")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/admin/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AdminReviewClient {

    /** A page of the queue ({@code page} from 0, oldest first) and how many wait in all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Queue(List<Review> items, int page, int size, long total) {

        /** How many wait beyond this page (never below 0). */
        public long more() {
            return Math.max(0, total - (items == null ? 0 : items.size()));
        }
    }

    /** An admin's reason for a rejection (the author is told). */
    record Reason(String reason) {}

    /** Reviews in {@code status} (PENDING: the queue), oldest first; {@code page} from 0, {@code size} 1..100. */
    @GET
    Uni<Queue> queue(@QueryParam("status") String status, @QueryParam("page") int page, @QueryParam("size") int size);

    /** PENDING → PUBLISHED; a review in any other state is a 409, none a 404. */
    @POST
    @Path("{id}/approve")
    Uni<Review> approve(@PathParam("id") String reviewId);

    @POST
    @Path("{id}/reject")
    Uni<Review> reject(@PathParam("id") String reviewId, Reason reason);
}
