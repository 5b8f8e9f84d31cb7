package dev.bazaar.cart.rest;

import dev.bazaar.cart.domain.CartPricing;
import dev.bazaar.cart.domain.CartView;
import dev.bazaar.cart.service.CartChange;
import dev.bazaar.cart.service.CartService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The cart (API.md, cart-service). Buyers (role {@code buyer}) and guests (no token, {@code X-Cart-Token}) only;
 * {@link CartCaller} refuses every other role. Guest answers always carry the cart's token.
 */
@Path("/api/v1/cart")
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {

    private final CartService carts;
    private final CartCaller callers;

    public CartResource(CartService carts, CartCaller callers) {
        this.carts = carts;
        this.callers = callers;
    }

    @GET
    @PermitAll
    public Uni<RestResponse<CartView>> get(@Context HttpServerRequest request) {
        return callers.forRead(request)
                .flatMap(c -> c.cart() == null
                        ? Uni.createFrom()
                                .item(RestResponse.ok(CartPricing.price(null, List.of(), Map.of(), Set.of(), Set.of())))
                        : carts.view(c.cart()).map(view -> respond(c, 200, view)));
    }

    @POST
    @Path("/items")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CartChange>> add(
            @Valid @NotNull(message = "a body with variantId and quantity is required") CartRequests.AddItem body,
            @Context HttpServerRequest request) {
        return write(
                request,
                c -> carts.add(c.cart(), c.mustExist(), c.ip(), body.variantId(), body.quantity())
                        .map(change -> respond(c, 200, change)));
    }

    @PATCH
    @Path("/items/{variantId}")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CartChange>> setQuantity(
            @PathParam("variantId") UUID variantId,
            @Valid @NotNull(message = "a body with quantity is required") CartRequests.SetQuantity body,
            @Context HttpServerRequest request) {
        return callers.forRead(request).flatMap(c -> {
            if (c.cart() == null) {
                throw new dev.bazaar.kit.problem.ProblemException.NotFound("There is no cart yet.");
            }
            return carts.setQuantity(c.cart(), c.ip(), variantId, body.quantity())
                    .map(ch -> respond(c, 200, ch));
        });
    }

    @DELETE
    @Path("/items/{variantId}")
    @PermitAll
    public Uni<RestResponse<Void>> remove(@PathParam("variantId") UUID variantId, @Context HttpServerRequest request) {
        return callers.forRead(request)
                .flatMap(c -> c.cart() == null
                        ? Uni.createFrom().item(RestResponse.noContent())
                        : carts.remove(c.cart(), c.ip(), variantId).map(x -> respond(c, 204, null)));
    }

    @DELETE
    @PermitAll
    public Uni<RestResponse<Void>> clear(@Context HttpServerRequest request) {
        return callers.forRead(request)
                .flatMap(c -> c.cart() == null
                        ? Uni.createFrom().item(RestResponse.noContent())
                        : carts.clear(c.cart(), c.ip()).map(x -> respond(c, 204, null)));
    }

    /** A guest who logs in brings their cart along: the guest cart merges into the buyer's once. */
    @POST
    @Path("/merge")
    @RolesAllowed("buyer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CartView> merge(
            @Valid @NotNull(message = "a body with guestToken is required") MergeRequest body,
            @Context HttpServerRequest request) {
        return callers.buyer(request).flatMap(c -> carts.merge(c.cart(), c.ip(), body.guestToken()));
    }

    /** Runs a write; a guest token we do not know (expired, or never ours) gets a fresh cart, never that name. */
    private Uni<RestResponse<CartChange>> write(
            HttpServerRequest request, Function<CartCaller.Resolved, Uni<RestResponse<CartChange>>> action) {
        return callers.forWrite(request)
                .flatMap(c -> action.apply(c)
                        .onFailure(CartService.NoSuchCart.class)
                        .recoverWithUni(() -> callers.reissue(c).flatMap(r -> action.apply(r))));
    }

    private static <T> RestResponse<T> respond(CartCaller.Resolved caller, int status, T body) {
        RestResponse.ResponseBuilder<T> r =
                RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(status), body);
        if (caller.cart() != null && caller.cart().guest()) {
            r.header(CartCaller.TOKEN_HEADER, caller.cart().id());
        }
        return r.build();
    }
}
