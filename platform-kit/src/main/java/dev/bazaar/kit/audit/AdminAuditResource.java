package dev.bazaar.kit.audit;

import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admins read this service's audit log, newest first, a page at a time ({@code before} = the smallest {@code seq} of
 * the page already read). The console merges the logs of all services by time. Reading is not itself audited.
 */
@Path("/api/v1/admin/audit")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "bazaar.kit.audit.enabled", stringValue = "true")
public class AdminAuditResource {

    private final AuditTrail trail;
    private final String service;

    public AdminAuditResource(
            AuditTrail trail,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "service") String service) {
        this.trail = trail;
        this.service = service;
    }

    @GET
    public Uni<List<AuditEntry>> latest(
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("before") Long before) {
        if (limit < 1 || limit > 500) {
            throw new ProblemException.Invalid("limit", "is 1 to 500");
        }
        if (before != null && before < 1) {
            throw new ProblemException.Invalid("before", "is a positive sequence number");
        }
        return trail.latest(limit, before)
                .map(rows -> rows.stream()
                        .map(e -> new AuditEntry(
                                e.seq(),
                                e.requestId(),
                                e.phase(),
                                e.at(),
                                service,
                                e.actor(),
                                e.actorName(),
                                e.method(),
                                e.path(),
                                e.status(),
                                e.request(),
                                e.before(),
                                e.after()))
                        .toList());
    }
}
