package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 * The notification service as an administrator uses it: the notifications given up after their last attempt, and a
 * retry that queues one again. A notification names its recipient by subject, never by address. The signed-in
 * admin's own token; each call times out after 5 s.
 */
@RegisterRestClient(configKey = "notification")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
public interface AdminNotificationClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Failed(
            String id,
            String type,
            String recipientSubject,
            String sourceEventId,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant updatedAt) {}

    /** The dead sends, most recently failed first. */
    @GET
    @Path("failed")
    Uni<List<Failed>> failed(@QueryParam("limit") int limit);

    /** Queued again (attempts from zero); 404 unknown, 409 when it is not dead. */
    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.WILDCARD)
    Uni<Failed> retry(@PathParam("id") String id);
}
