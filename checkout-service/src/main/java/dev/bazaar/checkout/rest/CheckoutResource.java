package dev.bazaar.checkout.rest;

import dev.bazaar.checkout.domain.CheckoutSession;
import dev.bazaar.checkout.persistence.CheckoutSessionRepository;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** A buyer's checkouts: the quote and, once confirmed, the saga's status. */
@Path("/api/v1/checkouts")
@RolesAllowed("buyer")
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final CheckoutSessionRepository sessions;
    private final CurrentUser user;

    public CheckoutResource(CheckoutSessionRepository sessions, CurrentUser user) {
        this.sessions = sessions;
        this.user = user;
    }

    @GET
    @Path("{id}")
    public Uni<CheckoutSession> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return sessions.findOwn(UUID.fromString(id), user.subject())
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No checkout " + id + ".")));
    }
}
