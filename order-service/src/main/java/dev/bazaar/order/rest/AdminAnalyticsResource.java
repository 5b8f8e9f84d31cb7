package dev.bazaar.order.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.domain.AnalyticsRange;
import dev.bazaar.order.domain.OrderAnalytics;
import dev.bazaar.order.service.Analytics;
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
import java.util.UUID;

/**
 * Admins: the platform's analytics over a range of days (at most 366), by day, ISO week or month; for the platform,
 * one shop ({@code shopId}) or one category ({@code categoryId}), or the top {@code limit} shops or categories by GMV
 * ({@code groupBy}). Answered from the pre-aggregated read model, never by scanning orders.
 */
@Path("/api/v1/admin/analytics")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminAnalyticsResource {

    private final Analytics analytics;
    private final Clock clock;

    public AdminAnalyticsResource(Analytics analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    @GET
    public Uni<AnalyticsViews.Answer> analytics(
            @QueryParam("from") @Size(max = 30, message = "is at most 30 characters") String from,
            @QueryParam("to") @Size(max = 30, message = "is at most 30 characters") String to,
            @QueryParam("interval") @Size(max = 10, message = "is at most 10 characters") String interval,
            @QueryParam("groupBy") @Size(max = 10, message = "is at most 10 characters") String groupBy,
            @QueryParam("shopId") @Size(max = 40, message = "is at most 40 characters") String shopId,
            @QueryParam("categoryId") @Size(max = 40, message = "is at most 40 characters") String categoryId,
            @QueryParam("limit") Integer limit) {
        AnalyticsRange range = AnalyticsViews.range(from, to, interval, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        Analytics.GroupBy by = AnalyticsViews.groupBy(groupBy);
        UUID shop = AnalyticsViews.uuid("shopId", shopId);
        UUID category = AnalyticsViews.uuid("categoryId", categoryId);
        int top = AnalyticsViews.limit(limit, 20, 100);
        if ((shop != null || category != null) && by != Analytics.GroupBy.NONE) {
            throw new ProblemException.Invalid(
                    shop != null ? "shopId" : "categoryId", "filters only the ungrouped series (groupBy none)");
        }
        if (shop != null && category != null) {
            throw new ProblemException.Invalid("categoryId", "cannot be combined with shopId");
        }
        String scope = shop != null
                ? OrderAnalytics.shop(shop)
                : category != null ? OrderAnalytics.category(category) : OrderAnalytics.PLATFORM;
        return analytics.series(range, by, scope, top).map(s -> AnalyticsViews.answer(range, s));
    }
}
