package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.service.ShopService;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * A seller's own shop: open it, read it, edit it, set its return policy, resubmit it after a rejection. Scoped to the token's subject in every query.
 */
@Path("/api/v1/seller/shop")
@RolesAllowed("seller")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SellerShopResource {

    private final ShopService shops;
    private final CurrentUser user;

    public SellerShopResource(ShopService shops, CurrentUser user) {
        this.shops = shops;
        this.user = user;
    }

    @POST
    public Uni<Response> open(@Valid @NotNull(message = "a body is required") ShopRequests.OpenShop request) {
        return shops.open(user.subject(), request)
                .map(shop -> Response.created(URI.create("/api/v1/seller/shop"))
                        .entity(shop)
                        .build());
    }

    @GET
    public Uni<Shop> get() {
        return shops.own(user.subject());
    }

    @PATCH
    public Uni<Shop> update(@Valid @NotNull(message = "a body is required") ShopRequests.UpdateShop patch) {
        return shops.update(user.subject(), patch);
    }

    /** The shop's return policy (0 to 90 days after delivery; 0 = no returns), for orders placed from now on. */
    @PUT
    @Path("policy")
    public Uni<Shop> policy(@Valid @NotNull(message = "a body is required") ShopRequests.ReturnPolicy policy) {
        return shops.setReturnWindow(user.subject(), policy.returnWindowDays());
    }

    /** A rejected shop, changed by its seller, goes back to the admins' queue (any other status: 409). */
    @POST
    @Path("resubmit")
    @Consumes(MediaType.WILDCARD)
    public Uni<Shop> resubmit() {
        return shops.resubmit(user.subject());
    }
}
