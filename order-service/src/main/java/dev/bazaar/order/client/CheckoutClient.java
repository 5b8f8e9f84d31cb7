package dev.bazaar.order.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Checkout's address book (role {@code service}, the services' client-credentials token): the shipping address a buyer
 * entered, read by id for one order and shop on behalf of a named reader — checkout logs every such read (ADR 0017).
 */
@RegisterRestClient(configKey = "checkout")
@OidcClientFilter
@Path("/api/v1/internal/shipping-addresses")
@Produces(MediaType.APPLICATION_JSON)
public interface CheckoutClient {

    record ShippingAddress(
            UUID id,
            String name,
            String line1,
            String line2,
            String city,
            String region,
            String postalCode,
            String country) {}

    @GET
    @Path("{id}")
    @Timeout(value = 3, unit = ChronoUnit.SECONDS) // MicroProfile Config:
    // dev.bazaar.order.client.CheckoutClient/address/Timeout/value
    Uni<ShippingAddress> address(
            @PathParam("id") UUID id,
            @QueryParam("orderId") UUID orderId,
            @QueryParam("shopId") UUID shopId,
            @QueryParam("reader") String reader);
}
