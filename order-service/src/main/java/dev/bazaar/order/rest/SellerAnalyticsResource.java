package dev.bazaar.order.rest;

import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.order.domain.AnalyticsRange;
import dev.bazaar.order.domain.OrderAnalytics;
import dev.bazaar.order.service.Analytics;
import dev.bazaar.order.service.Shops;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A seller's analytics of their own shop (the shop is the caller's, never a parameter): figures per day, ISO week or
 * month over at most 366 days, and the products that sold most. From the pre-aggregated read model.
 */
@Path("/api/v1/seller/analytics")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerAnalyticsResource {

    private final Analytics analytics;
    private final Shops shops;
    private final CurrentUser user;
    private final Clock clock;

    public SellerAnalyticsResource(Analytics analytics, Shops shops, CurrentUser user, Clock clock) {
        this.analytics = analytics;
        this.shops = shops;
        this.user = user;
        this.clock = clock;
    }

    @GET
    public Uni<AnalyticsViews.Answer> analytics(
            @QueryParam("from") @Size(max = 30, message = "is at most 30 characters") String from,
            @QueryParam("to") @Size(max = 30, message = "is at most 30 characters") String to,
            @QueryParam("interval") @Size(max = 10, message = "is at most 10 characters") String interval) {
        AnalyticsRange range = AnalyticsViews.range(from, to, interval, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        return shops.ownedBy(user.subject())
                .flatMap(shop -> analytics.series(range, Analytics.GroupBy.NONE, OrderAnalytics.shop(shop), 1))
                .map(s -> AnalyticsViews.answer(range, s));
    }

    /** The shop's products with the most GMV in the months the range touches (kept per month). */
    @GET
    @Path("top-products")
    public Uni<AnalyticsViews.TopProducts> topProducts(
            @QueryParam("from") @Size(max = 30, message = "is at most 30 characters") String from,
            @QueryParam("to") @Size(max = 30, message = "is at most 30 characters") String to,
            @QueryParam("limit") Integer limit) {
        AnalyticsRange range = AnalyticsViews.range(from, to, null, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        int top = AnalyticsViews.limit(limit, 10, 100);
        return shops.ownedBy(user.subject())
                .flatMap(shop -> analytics.topProducts(shop, range.from(), range.to(), top))
                .map(p -> new AnalyticsViews.TopProducts(
                        range.from().toString(), range.to().toString(), "USD", p));
    }
}
