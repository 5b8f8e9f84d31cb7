package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The order service's analytics (its pre-aggregated read model: a seller's own shop, or the platform for admins), with
 * the signed-in user's own access token. Each call times out after 5 s.
 */
@RegisterRestClient(configKey = "order")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AnalyticsClient {

    /** One period's figures, money in minor units (USD); ratios in basis points. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Point(
            String period,
            long gmv,
            long orders,
            long items,
            long averageOrderValue,
            long commission,
            long takeRateBps,
            long refunds,
            long refundCount,
            long returnedItems,
            long returnRateBps,
            long payouts) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Totals(
            long gmv,
            long orders,
            long items,
            long averageOrderValue,
            long commission,
            long takeRateBps,
            long refunds,
            long refundCount,
            long returnedItems,
            long returnRateBps,
            long payouts) {}

    /** {@code key}: "all", a shop id or a category id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Series(String key, List<Point> points, Totals totals) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String from, String to, String interval, String currency, List<Series> series) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TopProduct(String productId, String title, long units, long gmv) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TopProducts(String from, String to, String currency, List<TopProduct> products) {}

    @GET
    @Path("seller/analytics")
    Uni<Answer> seller(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("interval") String interval);

    @GET
    @Path("seller/analytics/top-products")
    Uni<TopProducts> topProducts(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") int limit);

    /** {@code groupBy}: none, shop (the top {@code limit} shops by GMV) or category. */
    @GET
    @Path("admin/analytics")
    Uni<Answer> platform(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("interval") String interval,
            @QueryParam("groupBy") String groupBy,
            @QueryParam("limit") Integer limit);
}
