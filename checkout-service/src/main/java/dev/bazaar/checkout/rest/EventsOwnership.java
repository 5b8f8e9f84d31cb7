package dev.bazaar.checkout.rest;

import dev.bazaar.checkout.persistence.SagaStore;
import dev.bazaar.kit.problem.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.UUID;

/**
 * An SSE response is committed (200, {@code text/event-stream}) as soon as its stream is subscribed, so a stream
 * cannot fail into a 404 afterwards. This filter answers 404 problem+json before that when a buyer asks for the
 * events of a checkout that is not theirs (or does not exist). Anonymous callers and other roles pass through to the
 * endpoint's role check (401/403); a malformed id to its validation (400).
 */
public class EventsOwnership {

    private final CurrentIdentityAssociation identity;
    private final SagaStore store;

    public EventsOwnership(CurrentIdentityAssociation identity, SagaStore store) {
        this.identity = identity;
        this.store = store;
    }

    @ServerRequestFilter
    public Uni<Response> ownCheckoutOnly(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() != CheckoutResource.class || !"events".equals(resource.getMethodName())) {
            return Uni.createFrom().nullItem();
        }
        UUID id;
        try {
            id = UUID.fromString(request.getUriInfo().getPathParameters().getFirst("id"));
        } catch (RuntimeException e) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().flatMap(who -> {
            if (who.isAnonymous() || !who.hasRole("buyer")) {
                return Uni.createFrom().nullItem();
            }
            return store.loadOwn(id, who.getPrincipal().getName()).map(found -> found.isPresent() ? null
                    : Response.status(404).type(Problem.MEDIA_TYPE).entity(Problem.of("not-found", "Not found", 404,
                            "No checkout " + id + ".").withInstance(request.getUriInfo().getPath())).build());
        });
    }
}
