package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * The payment service's fraud console as an administrator uses it (ADR 0026): the payments held for review and the two
 * decisions on them, the rules' latest decisions with their reasons, the admins' blocklist, and the card disputes. The
 * signed-in admin's own token; each call times out after 5 s.
 */
@RegisterRestClient(configKey = "payment")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AdminFraudClient {

    /** A payment held for review: who pays how much, why it is held, and by when an admin must decide. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Review(
            String paymentId,
            String orderId,
            String buyer,
            long amountMinor,
            String paymentMethod,
            List<String> reasons,
            Instant heldAt,
            Instant decideBy) {}

    /** One decision of the rules; for a REVIEW, how it ended, by whom and when (null while it waits). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Decision(
            String id,
            String paymentId,
            String buyer,
            long amountMinor,
            String outcome,
            List<String> reasons,
            String providerRisk,
            Instant createdAt,
            String reviewedOutcome,
            String reviewedBy,
            Instant reviewedAt,
            String reviewNote) {}

    /** How a review ended, and the payment's status now. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reviewed(String paymentId, String outcome, String decidedBy, Instant decidedAt, String status) {}

    /** An admin's note on a review decision: optional to allow, required to block. */
    record Note(String note) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BlocklistEntry(String id, String kind, String value, String reason, String createdBy, Instant createdAt) {}

    record Block(String kind, String value, String reason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dispute(
            String id,
            String paymentId,
            long amountMinor,
            String reason,
            String status,
            String outcome,
            long withdrawnMinor,
            long reinstatedMinor,
            long feeMinor,
            Instant createdAt,
            Instant closedAt) {}

    @GET
    @Path("fraud/reviews")
    Uni<List<Review>> reviews();

    @POST
    @Path("fraud/reviews/{paymentId}/allow")
    Uni<Reviewed> allow(@PathParam("paymentId") String paymentId, Note note);

    @POST
    @Path("fraud/reviews/{paymentId}/block")
    Uni<Reviewed> block(@PathParam("paymentId") String paymentId, Note note);

    @GET
    @Path("fraud/decisions")
    Uni<List<Decision>> decisions(@QueryParam("outcome") String outcome, @QueryParam("limit") int limit);

    @GET
    @Path("fraud/blocklist")
    Uni<List<BlocklistEntry>> blocklist();

    @POST
    @Path("fraud/blocklist")
    Uni<BlocklistEntry> addBlock(Block block);

    @DELETE
    @Path("fraud/blocklist/{id}")
    Uni<Void> removeBlock(@PathParam("id") String id);

    @GET
    @Path("disputes")
    Uni<List<Dispute>> disputes(@QueryParam("status") String status);
}
