package dev.bazaar.portal.client;

import dev.bazaar.portal.service.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * The admins' audit log every service with admin endpoints keeps (the platform kit's API, ADR 0023): a page of its
 * rows, newest first. One client per service is built by {@link AuditLogs}; the signed-in admin's own token.
 */
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Path("/api/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public interface AuditClient {

    /** At most {@code limit} rows with a seq below {@code before} (null: from the newest). */
    @GET
    Uni<List<AuditLog.Row>> latest(@QueryParam("limit") int limit, @QueryParam("before") Long before);
}
