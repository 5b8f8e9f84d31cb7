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
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Admins decide on applications to sell: the queue by status, approval (grants the seller role) and rejection. */
@Path("/api/v1/admin/seller-applications")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminSellerApplicationResource {

    private final SellerApplicationStore store;
    private final SellerOnboarding onboarding;
    private final CurrentUser user;

    public AdminSellerApplicationResource(SellerApplicationStore store, SellerOnboarding onboarding, CurrentUser user) {
        this.store = store;
        this.onboarding = onboarding;
        this.user = user;
    }

    @GET
    @Operation(summary = "Applications in a status (default PENDING), oldest first")
    public Uni<Page<SellerApplication>> list(
            @QueryParam("status")
                    @DefaultValue("PENDING")
                    @Pattern(
                            regexp = "PENDING|APPROVED|REJECTED",
                            message = "must be one of PENDING, APPROVED, REJECTED")
                    String status,
            @Valid @BeanParam PageRequest page) {
        return store.byStatus(SellerApplication.Status.valueOf(status), page);
    }

    @POST
    @Path("{id}/approve")
    @Operation(
            summary = "Approve: grants the seller realm role in Keycloak, then APPROVED",
            description = "Idempotent: approving an APPROVED application answers it again. 409 when it was rejected;"
                    + " 503 when Keycloak cannot be reached (the application stays PENDING: try again).")
    public Uni<SellerApplication> approve(
            @PathParam("id") @Pattern(regexp = AdminShopResource.UUID_PATTERN, message = "must be a UUID") String id) {
        return onboarding.approve(UUID.fromString(id), user.subject());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Reject with a reason the applicant sees",
            description = "Rejecting a REJECTED application answers it again; 409 when it was approved.")
    public Uni<SellerApplication> reject(
            @PathParam("id") @Pattern(regexp = AdminShopResource.UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body with a reason is required") SellerApplicationRequests.Reject body) {
        return onboarding.reject(
                UUID.fromString(id), user.subject(), body.reason().strip());
    }
}
