package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.StaffMember;
import dev.bazaar.catalog.service.ShopStaff;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * The shop owner's staff (ADR 0027): invite a user by user name to fulfil the shop's orders, list them, remove one.
 * Owner only: the shop is the one the token's subject owns, so staff (who hold the seller role but own no shop) get
 * the same 404 as a seller without a shop.
 */
@Path("/api/v1/seller/shop/staff")
@RolesAllowed("seller")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SellerStaffResource {

    /** What the owner sends: the invited user's Keycloak user name. */
    public record Invite(
            @NotBlank(message = "is required") @Size(max = 255, message = "is at most 255 characters")
            String username) {}

    private final ShopStaff staff;
    private final CurrentUser user;

    public SellerStaffResource(ShopStaff staff, CurrentUser user) {
        this.staff = staff;
        this.user = user;
    }

    @POST
    public Uni<Response> invite(@Valid @NotNull(message = "a body is required") Invite request) {
        return staff.invite(user.subject(), request.username())
                .map(member -> Response.created(URI.create("/api/v1/seller/shop/staff/" + member.subject()))
                        .entity(member)
                        .build());
    }

    @GET
    public Uni<List<StaffMember>> list() {
        return staff.list(user.subject());
    }

    @DELETE
    @Path("{subject}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> remove(
            @PathParam("subject") @Size(max = 64, message = "is at most 64 characters") String subject) {
        return staff.remove(user.subject(), subject)
                .map(x -> Response.noContent().build());
    }
}
