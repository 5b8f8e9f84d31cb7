package dev.bazaar.checkout.rest;

import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.persistence.SagaStore;
import dev.bazaar.kit.problem.Problem;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.ratelimit.RateLimiter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * An SSE response is committed (200, {@code text/event-stream}) as soon as its stream is subscribed, so a stream
 * cannot fail into an error afterwards. This filter answers before that: 404 problem+json for a checkout that is not
 * the buyer's (or does not exist), 409 for one that was never confirmed (nothing would ever move: such a stream would
 * only hold a connection for its whole lifetime), and 429 with Retry-After when the buyer already has
 * {@code bazaar.checkout.limits.streams-per-buyer} streams open across replicas. The stream's lease is given back
 * when the response ends or its connection closes (and expires by itself after the stream's longest life).
 * Anonymous callers and other roles pass through to the endpoint's role check (401/403); a malformed id to its
 * validation (400).
 */
public class EventsAdmission {

    private final CurrentIdentityAssociation identity;
    private final SagaStore store;
    private final RateLimiter limiter;
    private final CheckoutConfig config;

    public EventsAdmission(
            CurrentIdentityAssociation identity, SagaStore store, RateLimiter limiter, CheckoutConfig config) {
        this.identity = identity;
        this.store = store;
        this.limiter = limiter;
        this.config = config;
    }

    @ServerRequestFilter
    public Uni<Response> admit(ContainerRequestContext request, SimpleResourceInfo resource, RoutingContext http) {
        if (resource.getResourceClass() != CheckoutResource.class || !"events".equals(resource.getMethodName())) {
            return Uni.createFrom().nullItem();
        }
        UUID id;
        try {
            id = UUID.fromString(request.getUriInfo().getPathParameters().getFirst("id"));
        } catch (RuntimeException e) {
            return Uni.createFrom().nullItem();
        }
        String path = request.getUriInfo().getPath();
        return identity.getDeferredIdentity().flatMap(who -> {
            if (who.isAnonymous() || !who.hasRole("buyer")) {
                return Uni.createFrom().nullItem();
            }
            String buyer = who.getPrincipal().getName();
            return store.loadOwn(id, buyer).flatMap(found -> {
                if (found.isEmpty()) {
                    return Uni.createFrom()
                            .item(problem(404, "not-found", "Not found", "No checkout " + id + ".", path));
                }
                if (found.get().status() == CheckoutStatus.QUOTED) {
                    return Uni.createFrom()
                            .item(problem(
                                    409,
                                    "checkout-not-confirmed",
                                    "Checkout not confirmed",
                                    "Checkout " + id
                                            + " has not been confirmed: there is nothing to follow yet. Confirm it "
                                            + "first (POST " + path.replaceAll("/events$", "/confirm") + ").",
                                    path));
                }
                if (!config.limits().enabled()) {
                    return Uni.createFrom().nullItem();
                }
                return limiter.lease(
                                "checkout-streams",
                                buyer,
                                config.limits().streamsPerBuyer(),
                                CheckoutResource.streamMax(config).plus(Duration.ofMinutes(1)),
                                "status streams")
                        .map(lease -> {
                            // called once, when the response is done or its connection gone
                            http.addEndHandler(v -> lease.release().subscribe().with(x -> {}, e -> {}));
                            return (Response) null;
                        })
                        .onFailure(ProblemException.TooManyRequests.class)
                        .recoverWithItem(e -> {
                            ProblemException.TooManyRequests t = (ProblemException.TooManyRequests) e;
                            return Response.status(429)
                                    .type(Problem.MEDIA_TYPE)
                                    .header(
                                            "Retry-After",
                                            Math.max(1, t.retryAfter().toSeconds()))
                                    .entity(t.toProblem().withInstance(path))
                                    .build();
                        });
            });
        });
    }

    private static Response problem(int status, String slug, String title, String detail, String path) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(slug, title, status, detail).withInstance(path))
                .build();
    }
}
