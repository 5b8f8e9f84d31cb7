package dev.bazaar.checkout.client;

import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.money.Money;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The catalog's internal variant lookup (role {@code service}): current price, stock, weight and commission rate, and
 * the title, SKU and options ({@code [{name, value}]}, in the catalog's order; absent from an older catalog: none) the
 * order line keeps.
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
            String sku,
            List<OptionValue> options,
            Money price,
            int available,
            int weightGrams,
            UUID categoryId,
            int commissionRateBps,
            boolean sellable) {}

    record LookupResponse(List<VariantInfo> items) {}

    @POST
    @Timeout(value = 3, unit = ChronoUnit.SECONDS) // MicroProfile Config:
    // dev.bazaar.checkout.client.CatalogClient/lookup/Timeout/value
    Uni<LookupResponse> lookup(LookupRequest request);
}
