package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The review service's seller API (the reviews of the seller's own shops and the seller's answers), with the signed-in
 * user's own access token: the review service decides which reviews are the seller's. Each call times out after 5 s
 * ({@code dev.bazaar.portal.client.ReviewClient/Timeout/value}, in milliseconds).
 */
@RegisterRestClient(configKey = "review")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/seller/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ReviewClient {

    /** A seller review's three scores, 1 to 5 stars each. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Scores(int asDescribed, int shipping, int communication) {}

    /** The shop's public answer to a review. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String body, Instant createdAt, Instant updatedAt) {}

    /**
     * A review of the shop ({@code subject} SHOP, with {@code scores}) or of one of its products ({@code subject}
     * PRODUCT, with {@code productId} and a {@code title}); {@code rating} 1 to 5 stars; {@code createdAt} is the date
     * buyers see; {@code status} PUBLISHED, PENDING or REJECTED (admins' views have {@code flags} and
     * {@code rejectReason} too).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Review(
            String id,
            String subject,
            String productId,
            String shopId,
            int rating,
            Scores scores,
            String title,
            String body,
            Answer reply,
            Instant createdAt,
            String status,
            String orderId,
            List<String> flags) {}

    /** A page of the seller's reviews, newest first; {@code nextCursor} (null on the last page) asks for the next. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReviewPage(List<Review> items, int size, long total, String nextCursor) {}

    /** The seller's answer. */
    record ReplyBody(String body) {}

    /** {@code status} PUBLISHED, PENDING or REJECTED (null: all three); {@code cursor} null for the newest. */
    @GET
    Uni<ReviewPage> reviews(
            @QueryParam("status") String status, @QueryParam("cursor") String cursor, @QueryParam("size") int size);

    /** Writes or rewrites the answer; a review not of the seller's shops is a 404, one not published a 409. */
    @PUT
    @Path("{id}/reply")
    Uni<Review> reply(@PathParam("id") String reviewId, ReplyBody body);
}
