package dev.bazaar.cart.rest;

import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.persistence.CartStore;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A guest who logs in brings their cart along: the guest cart merges into the buyer's once. */
@Path("/api/v1/cart/merge")
@RolesAllowed("buyer")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CartMergeResource {

    private final CartStore carts;
    private final CurrentUser user;

    public CartMergeResource(CartStore carts, CurrentUser user) {
        this.carts = carts;
        this.user = user;
    }

    @POST
    public Uni<Cart> merge(@Valid @NotNull(message = "a body with guestToken is required") MergeRequest request) {
        String buyer = user.subject();
        return carts.mergeGuestIntoBuyer(request.guestToken(), buyer).flatMap(result -> carts.buyerCart(buyer));
    }
}
