package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.SellerApplication;
import dev.bazaar.catalog.persistence.SellerApplicationStore;
import dev.bazaar.catalog.service.SellerOnboarding;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A buyer applies to sell and follows the application. Scoped to the token's subject: nobody reads another's
 * application here (admins use {@link AdminSellerApplicationResource}).
 */
@Path("/api/v1/seller-applications")
@RolesAllowed("buyer")
@Produces(MediaType.APPLICATION_JSON)
public class SellerApplicationResource {

    private final SellerOnboarding onboarding;
    private final SellerApplicationStore store;
    private final CurrentUser user;
    private final JsonWebToken token;

    public SellerApplicationResource(
            SellerOnboarding onboarding, SellerApplicationStore store, CurrentUser user, JsonWebToken token) {
        this.onboarding = onboarding;
        this.store = store;
        this.user = user;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Apply to sell",
            description =
                    "201 with the PENDING application. 409 already-seller when the"
                            + " caller has the seller role, 409 application-open when they have a PENDING or APPROVED application.")
    public Uni<Response> apply(@Valid @NotNull(message = "a body is required") SellerApplicationRequests.Apply body) {
        SellerOnboarding.Application a = new SellerOnboarding.Application(
                body.shopName().strip(),
                body.country(),
                body.contactEmail().strip(),
                blankToNull(body.contactPhone()),
                blankToNull(body.message()));
        return onboarding
                .apply(user.subject(), token.getClaim("preferred_username"), user.hasRole("seller"), a)
                .map(created -> Response.created(URI.create("/api/v1/seller-applications/mine"))
                        .entity(created)
                        .build());
    }

    @GET
    @Path("mine")
    @Operation(summary = "The caller's own applications, newest first (status, and the reason of a rejection)")
    public Uni<Page<SellerApplication>> mine(@Valid @BeanParam PageRequest page) {
        return store.ofApplicant(user.subject(), page);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
