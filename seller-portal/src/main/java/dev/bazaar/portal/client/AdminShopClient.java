package dev.bazaar.portal.client;

import dev.bazaar.portal.client.CatalogClient.Page;
import dev.bazaar.portal.client.CatalogClient.Reason;
import dev.bazaar.portal.client.CatalogClient.Shop;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog's shops as administrators manage them: by status, suspend (with the reason the seller is told) and
 * reinstate (a suspended shop approved again). The signed-in admin's own token; each call times out after 5 s
 * ({@code dev.bazaar.portal.client.AdminShopClient/Timeout/value}, in ms).
 */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/admin/shops")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AdminShopClient {

    /** A page of shops in {@code status}: PENDING_APPROVAL, APPROVED, REJECTED or SUSPENDED. */
    @GET
    Uni<Page<Shop>> shops(
            @QueryParam("status") String status, @QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("{id}/suspend")
    Uni<Shop> suspend(@PathParam("id") String shopId, Reason reason);

    /** A suspended shop back to approved (the catalog's approve). */
    @POST
    @Path("{id}/approve")
    Uni<Shop> reinstate(@PathParam("id") String shopId);
}
