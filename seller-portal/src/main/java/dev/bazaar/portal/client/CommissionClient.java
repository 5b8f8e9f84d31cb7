package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The catalog's answer to "what commission does my shop pay now, and how far is the next tier". */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/seller/commission")
@Produces(MediaType.APPLICATION_JSON)
public interface CommissionClient {

    /** A category's rate for the shop now: tier 0 is the base rate; the next tier's threshold and what is left. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CategoryRate(
            String categoryId,
            String name,
            String path,
            long rateBps,
            int tier,
            Long nextAboveMinor,
            Long nextRateBps,
            Long toNextMinor) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SellerCommission(
            String shopId, long trailing30DayGmvMinor, String currency, List<CategoryRate> categories) {}

    @GET
    Uni<SellerCommission> mine();
}
