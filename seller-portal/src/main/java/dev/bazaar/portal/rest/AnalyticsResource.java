package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AnalyticsClient;
import dev.bazaar.portal.client.AnalyticsClient.Answer;
import dev.bazaar.portal.client.AnalyticsClient.Series;
import dev.bazaar.portal.client.CommissionClient;
import dev.bazaar.portal.client.PaymentClient;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.AnalyticsCharts;
import dev.bazaar.portal.service.AnalyticsCsv;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A seller's analytics as charts (ECharts, served by the portal itself from its web jar) and as CSV with the same
 * numbers ({@code /analytics/csv}): sales, orders, returns, payouts over time, top products, the commission tier and how
 * far the next is, the next payout's date and amount (as the payment service's payout run would make it) or why none
 * would be paid. The range and interval go to the order service as typed; what it
 * refuses comes back as its own explanation. The platform's are {@link AdminAnalyticsResource}.
 */
@Path("/analytics")
@Produces(MediaType.TEXT_HTML)
public class AnalyticsResource {

    private final AnalyticsClient analytics;
    private final CommissionClient commission;
    private final PaymentClient payments;
    private final Viewer viewer;
    private final AnalyticsCharts charts;

    public AnalyticsResource(
            @RestClient AnalyticsClient analytics,
            @RestClient CommissionClient commission,
            @RestClient PaymentClient payments,
            Viewer viewer,
            AnalyticsCharts charts) {
        this.analytics = analytics;
        this.commission = commission;
        this.payments = payments;
        this.viewer = viewer;
        this.charts = charts;
    }

    /** The filter as typed, for the form and the CSV link. */
    public record Range(String from, String to, String interval, String groupBy) {
        public String query() {
            return "from=" + enc(from) + "&to=" + enc(to) + "&interval=" + enc(interval)
                    + (groupBy == null ? "" : "&groupBy=" + enc(groupBy));
        }

        private static String enc(String v) {
            return v == null ? "" : java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @GET
    public Uni<Response> seller(@RestQuery String from, @RestQuery String to, @RestQuery String interval) {
        viewer.requireSeller();
        Range range = new Range(blank(from), blank(to), blank(interval), null);
        return Uni.combine()
                .all()
                .unis(
                        Reply.of(analytics.seller(range.from(), range.to(), range.interval())),
                        Reply.orUnavailable(
                                analytics.topProducts(range.from(), range.to(), 10),
                                "Top products are unavailable right now."),
                        Reply.orUnavailable(commission.mine(), "Commission tiers are unavailable right now."),
                        Reply.orUnavailable(payments.balance(), "The balance is unavailable right now."),
                        Reply.orUnavailable(payments.nextPayout(), "The next payout is unavailable right now."))
                .asTuple()
                .map(t -> {
                    Reply<Answer> figures = t.getItem1();
                    Answer answer = figures.orElse(null);
                    return Pages.html(
                            figures.ok() ? 200 : figures.pageStatus(),
                            Templates.analytics(
                                    viewer.view(),
                                    range,
                                    answer,
                                    answer == null ? null : first(answer).totals(),
                                    charts.data(answer),
                                    t.getItem2().orElse(null),
                                    t.getItem3().orElse(null),
                                    t.getItem4().orElse(null),
                                    t.getItem5().orElse(null),
                                    figures.ok() ? null : figures.explain()));
                });
    }

    @GET
    @Path("csv")
    @Produces("text/csv")
    public Uni<Response> sellerCsv(@RestQuery String from, @RestQuery String to, @RestQuery String interval) {
        viewer.requireSeller();
        return csv(analytics.seller(blank(from), blank(to), blank(interval)), "shop");
    }

    static Uni<Response> csv(Uni<Answer> call, String name) {
        return Reply.of(call).map(r -> {
            if (!r.ok()) {
                return Response.status(r.pageStatus())
                        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                        .entity(r.explain() + "\n")
                        .build();
            }
            Answer a = r.body();
            return Response.ok(AnalyticsCsv.of(a), new MediaType("text", "csv", "UTF-8"))
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"bazaar-" + name + "-analytics-" + a.from() + "-" + a.to()
                                    + ".csv\"")
                    .build();
        });
    }

    static Series first(Answer answer) {
        return answer.series().getFirst();
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
