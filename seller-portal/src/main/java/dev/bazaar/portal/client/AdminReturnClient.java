package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.bazaar.portal.client.OrderClient.Reason;
import dev.bazaar.portal.client.OrderClient.ReturnLine;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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
 * The order service's admin returns API (the queue of returns no seller decided in time, and the admins' decision),
 * with the signed-in user's own access token, as {@link OrderClient}. Each call times out after 5 s
 * ({@code dev.bazaar.portal.client.AdminReturnClient/Timeout/value}, in milliseconds).
 */
@RegisterRestClient(configKey = "order")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/admin/returns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AdminReturnClient {

    /** A return nobody decided in time: what the buyer returns ({@code lines}), why, and when it was escalated. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Escalated(
            String returnId,
            String orderId,
            String shopId,
            Instant requestedAt,
            Instant escalatedAt,
            List<ReturnLine> lines,
            String reasonCode,
            String comment) {}

    /** A page of the queue ({@code page} from 0, oldest first) and how many wait in all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Escalations(List<Escalated> items, int page, int size, long total) {

        /** How many wait beyond this page (never below 0). */
        public long more() {
            return Math.max(0, total - (items == null ? 0 : items.size()));
        }
    }

    /** The queue, oldest first; {@code page} from 0, {@code size} 1..100. */
    @GET
    Uni<Escalations> queue(@QueryParam("page") int page, @QueryParam("size") int size);

    /** Refund the return's items (as a seller's approval); a return no longer open is a 409, none a 404. */
    @POST
    @Path("{id}/approve")
    Uni<Void> approve(@PathParam("id") String returnId);

    @POST
    @Path("{id}/reject")
    Uni<Void> reject(@PathParam("id") String returnId, Reason reason);
}
