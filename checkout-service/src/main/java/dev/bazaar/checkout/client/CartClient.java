package dev.bazaar.checkout.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The buyer's cart, read with the buyer's own bearer token (propagated: the cart is theirs, not the service's). */
@RegisterRestClient(configKey = "cart")
@Path("/api/v1/cart")
@Produces(MediaType.APPLICATION_JSON)
public interface CartClient {

    record CartItem(UUID variantId, int quantity) {}

    record Cart(String id, List<CartItem> items) {}

    @GET
    @Timeout(
            value = 3,
            unit = ChronoUnit.SECONDS) // MicroProfile Config: dev.bazaar.checkout.client.CartClient/cart/Timeout/value
    Uni<Cart> cart(@HeaderParam("Authorization") String bearer);
}
