package dev.bazaar.cart.client;

import dev.bazaar.contracts.money.Money;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog's internal variant lookup (role {@code service}), called with a client-credentials token of
 * {@code bazaar-services} that the OIDC client filter obtains and refreshes.
 */
@RegisterRestClient(configKey = "catalog")
@OidcClientFilter
@Path("/api/v1/internal/variants/lookup")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    record LookupRequest(List<UUID> variantIds) {}

    record VariantInfo(
            UUID variantId,
            UUID productId,
            UUID shopId,
            String title,
            Money price,
            int available,
            boolean sellable,
            long productVersion) {}

    record LookupResponse(List<VariantInfo> items) {}

    @POST
    Uni<LookupResponse> lookup(LookupRequest request);
}
