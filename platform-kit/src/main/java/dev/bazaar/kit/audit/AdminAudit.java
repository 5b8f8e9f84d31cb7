package dev.bazaar.kit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.problem.Problem;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Audits every state-changing admin request ({@code POST/PUT/PATCH/DELETE} under {@code /api/v1/admin/}, made by a
 * caller with the {@code admin} role). Before the action runs, a REQUESTED row is appended — if the log cannot be
 * written the action is refused (503 problem+json, nothing done): no admin action goes unrecorded. When the answer is
 * ready, a COMPLETED row follows with the status, the request body (as the resource read it), the state before (where
 * the use case gave it to {@link AuditBefore}; the body as read, kept by {@link AuditBodies}) and the answer's body. Callers without the role are left to the
 * endpoints' own role rules (401/403) and are not logged here.
 */
@IfBuildProperty(name = "bazaar.kit.audit.enabled", stringValue = "true")
public class AdminAudit {

    private static final Logger LOG = Logger.getLogger(AdminAudit.class);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String REQUEST_ID = "bazaar.audit.request-id";
    static final String REQUEST_BODY = "bazaar.audit.request-body";
    static final String ACTOR = "bazaar.audit.actor";
    static final String ACTOR_NAME = "bazaar.audit.actor-name";

    private final AuditTrail trail;
    private final CurrentIdentityAssociation identity;
    private final AuditBefore before;
    private final ObjectMapper json;

    public AdminAudit(AuditTrail trail, CurrentIdentityAssociation identity, AuditBefore before, ObjectMapper json) {
        this.trail = trail;
        this.identity = identity;
        this.before = before;
        this.json = json;
    }

    /** Whether a request is an admin change the log records. */
    static boolean audited(String method, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return CHANGES.contains(method) && p.startsWith("/api/v1/admin/");
    }

    @ServerRequestFilter
    public Uni<Response> requested(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!audited(request.getMethod(), path)) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().flatMap(who -> {
            if (who.isAnonymous() || !who.hasRole("admin")) {
                return Uni.createFrom().nullItem();
            }
            UUID id = UUID.randomUUID();
            String actor = who.getPrincipal().getName();
            String name = username(who);
            String target = target(request);
            return trail.append(new AuditEntry(
                            0,
                            id,
                            AuditEntry.Phase.REQUESTED,
                            null,
                            null,
                            actor,
                            name,
                            request.getMethod(),
                            target,
                            null,
                            null,
                            null,
                            null))
                    .map(done -> {
                        request.setProperty(REQUEST_ID, id);
                        request.setProperty(ACTOR, actor);
                        request.setProperty(ACTOR_NAME, name);
                        return (Response) null;
                    })
                    .onFailure()
                    .recoverWithItem(e -> {
                        LOG.errorf(e, "audit log unavailable: refused %s %s by %s", request.getMethod(), target, actor);
                        return Response.status(503)
                                .type(Problem.MEDIA_TYPE)
                                .header("Retry-After", "5")
                                .entity(Problem.of(
                                                "audit-unavailable",
                                                "Audit log unavailable",
                                                503,
                                                "The admins' audit log cannot be written right now, so this action was not "
                                                        + "carried out. Try again shortly.")
                                        .withInstance(target))
                                .build();
                    });
        });
    }

    @ServerResponseFilter
    public Uni<Void> completed(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(REQUEST_ID) instanceof UUID id)) {
            return Uni.createFrom().voidItem();
        }
        AuditEntry entry = new AuditEntry(
                0,
                id,
                AuditEntry.Phase.COMPLETED,
                null,
                null,
                (String) request.getProperty(ACTOR),
                (String) request.getProperty(ACTOR_NAME),
                request.getMethod(),
                target(request),
                response.getStatus(),
                text(request.getProperty(REQUEST_BODY)),
                text(before.state()),
                text(response.getEntity()));
        // the action is done: a failure here cannot undo it, so it is logged (the REQUESTED row stays as the trace)
        return trail.append(entry)
                .onFailure()
                .invoke(e -> LOG.errorf(
                        e,
                        "audit log: the outcome of %s %s (request %s, status %d) could not be recorded",
                        entry.method(),
                        entry.path(),
                        id,
                        entry.status()))
                .onFailure()
                .recoverWithNull();
    }

    private String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String target(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String username(SecurityIdentity who) {
        if (who.getPrincipal() instanceof JsonWebToken jwt) {
            Object name = jwt.getClaim("preferred_username");
            return name == null ? null : name.toString();
        }
        return null;
    }
}
