package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AnalyticsClient;
import dev.bazaar.portal.client.AnalyticsClient.Answer;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.AnalyticsCharts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The platform's analytics for admins: the same charts and totals as a seller's, the range's top 20 shops or its
 * categories, and the breakdown as CSV ({@code /admin/analytics/csv}).
 */
@Path("/admin/analytics")
@Produces(MediaType.TEXT_HTML)
public class AdminAnalyticsResource {

    static final Set<String> GROUPS = Set.of("shop", "category");

    private final AnalyticsClient analytics;
    private final Viewer viewer;
    private final AnalyticsCharts charts;

    public AdminAnalyticsResource(@RestClient AnalyticsClient analytics, Viewer viewer, AnalyticsCharts charts) {
        this.analytics = analytics;
        this.viewer = viewer;
        this.charts = charts;
    }

    @GET
    public Uni<Response> platform(
            @RestQuery String from, @RestQuery String to, @RestQuery String interval, @RestQuery String groupBy) {
        viewer.requireAdmin();
        String group = GROUPS.contains(groupBy) ? groupBy : "shop";
        AnalyticsResource.Range range = new AnalyticsResource.Range(
                AnalyticsResource.blank(from), AnalyticsResource.blank(to), AnalyticsResource.blank(interval), group);
        return Uni.combine()
                .all()
                .unis(
                        Reply.of(analytics.platform(range.from(), range.to(), range.interval(), "none", null)),
                        Reply.orUnavailable(
                                analytics.platform(range.from(), range.to(), range.interval(), group, 20),
                                "The breakdown is unavailable right now."))
                .asTuple()
                .map(t -> {
                    Reply<Answer> figures = t.getItem1();
                    Answer answer = figures.orElse(null);
                    Answer grouped = t.getItem2().orElse(null);
                    return Pages.html(
                            figures.ok() ? 200 : figures.pageStatus(),
                            Templates.adminAnalytics(
                                    viewer.view(),
                                    range,
                                    answer,
                                    answer == null
                                            ? null
                                            : AnalyticsResource.first(answer).totals(),
                                    charts.data(answer),
                                    grouped == null ? List.of() : grouped.series(),
                                    figures.ok() ? null : figures.explain()));
                });
    }

    /** The breakdown ({@code groupBy} shop: the top 100 shops; category; none: the platform) as CSV. */
    @GET
    @Path("csv")
    @Produces("text/csv")
    public Uni<Response> csv(
            @RestQuery String from, @RestQuery String to, @RestQuery String interval, @RestQuery String groupBy) {
        viewer.requireAdmin();
        String group = GROUPS.contains(groupBy) ? groupBy : "none";
        return AnalyticsResource.csv(
                analytics.platform(
                        AnalyticsResource.blank(from),
                        AnalyticsResource.blank(to),
                        AnalyticsResource.blank(interval),
                        group,
                        100),
                "platform");
    }
}
