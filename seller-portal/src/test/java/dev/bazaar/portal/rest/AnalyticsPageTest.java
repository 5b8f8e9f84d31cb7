package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
import static dev.bazaar.portal.ServiceStubs.Service.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #27's analytics pages: the figures, the charts' data, top products, the commission tier and the CSV with the
 * same numbers; the range goes to the order service as typed and its refusal is explained; roles are kept apart.
 */
@QuarkusTest
class AnalyticsPageTest {

    static final String ANSWER = """
            {"from":"2026-11-01","to":"2026-11-02","interval":"day","currency":"USD","series":[{"key":"SHOP",
             "points":[
              {"period":"2026-11-01","gmv":125050,"orders":3,"items":5,"averageOrderValue":41683,"commission":10004,
               "takeRateBps":800,"refunds":0,"refundCount":0,"returnedItems":0,"returnRateBps":0,"payouts":0},
              {"period":"2026-11-02","gmv":0,"orders":0,"items":0,"averageOrderValue":0,"commission":0,
               "takeRateBps":0,"refunds":2500,"refundCount":1,"returnedItems":1,"returnRateBps":0,"payouts":90000}],
             "totals":{"gmv":125050,"orders":3,"items":5,"averageOrderValue":41683,"commission":10004,
               "takeRateBps":800,"refunds":2500,"refundCount":1,"returnedItems":1,"returnRateBps":2000,
               "payouts":90000}}]}""".replace("SHOP", "9b3f6c1e-0000-4000-8000-000000000001");

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/analytics", 200, ANSWER);
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/analytics/top-products", 200, """
                {"from":"2026-11-01","to":"2026-11-02","currency":"USD","products":[
                 {"productId":"p1","title":"Stoneware mug <glazed>","units":4,"gmv":9600}]}""");
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/commission", 200, """
                {"shopId":"s","trailing30DayGmvMinor":850000,"currency":"USD","categories":[
                 {"categoryId":"c1","name":"Mugs","path":"Home / Mugs","rateBps":800,"tier":0,
                  "nextAboveMinor":1000000,"nextRateBps":700,"toNextMinor":150001}]}""");
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts/next", 200, NEXT_PAYOUT);
    }

    static final String NEXT_PAYOUT = """
            {"shopId":"s","date":"2026-12-08T05:00:00Z","amount":{"amount":1999,"currency":"USD"},"willPay":true,
             "blockedBy":null,"schedule":"WEEKLY","lastPaid":"2026-12-01T06:00:00Z","asOf":"2026-12-05T00:00:00Z"}""";

    @Test
    void theNextPayoutShowsItsDateAndAmountOrWhyNoneIsPaid() {
        SignedIn.as("bob")
                .get("/analytics")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<strong id=\"next-payout-amount\">$19.99</strong>"),
                        containsString("<strong id=\"next-payout-date\">2026-12-08</strong>"),
                        containsString("(paid WEEKLY)"),
                        containsString("Still pending (not yet released): $42.00")));
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts/next", 200, """
                {"shopId":"s","date":null,"amount":{"amount":1999,"currency":"USD"},"willPay":false,
                 "blockedBy":"no-payout-account","schedule":null,"lastPaid":null}""");
        SignedIn.as("bob")
                .get("/analytics")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("open a payout account first"),
                        not(containsString("next-payout-date")),
                        not(containsString("next-payout-amount"))));
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts/next", 200, """
                {"shopId":"s","date":"2026-12-05T00:00:00Z","amount":{"amount":0,"currency":"USD"},"willPay":false,
                 "blockedBy":"requirements-due","schedule":"DAILY","lastPaid":null}""");
        SignedIn.as("bob")
                .get("/analytics")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("the payment provider needs more information"),
                        containsString("<strong id=\"next-payout-date\">2026-12-05</strong>")));
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts/next", 503, "");
        SignedIn.as("bob")
                .get("/analytics")
                .then()
                .statusCode(200)
                .body(containsString("The next payout is unavailable right now."));
    }

    @Test
    void aSellerSeesTotalsChartsTopProductsAndTheNextTier() {
        SignedIn.as("bob")
                .get("/analytics?from=2026-11-01&to=2026-11-02&interval=day")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<dd id=\"total-gmv\">$1,250.50</dd>"),
                        containsString("<dd id=\"total-orders\">3</dd>"),
                        containsString("$100.04 (8.00 %)"),
                        containsString("1 (20.00 %)"),
                        containsString("\"periods\":[\"2026-11-01\",\"2026-11-02\"]"),
                        containsString("\"gmv\":[125050,0]"),
                        containsString("\"payouts\":[0,90000]"),
                        containsString("/webjars/echarts/5.3.1/dist/echarts.min.js"),
                        containsString("<td>Stoneware mug &lt;glazed&gt;</td><td>4</td><td>$96.00</td>"),
                        containsString("<strong>$8,500.00</strong>"),
                        containsString("7.00 % above $10,000.00 — $1,500.01 to go"),
                        containsString("href=\"/analytics/csv?from=2026-11-01&amp;to=2026-11-02&amp;interval=day\"")));
        assertThat(ServiceStubs.seen(ORDER, "GET", "/api/v1/seller/analytics").query())
                .contains("from=2026-11-01", "to=2026-11-02", "interval=day");
    }

    @Test
    void theCsvCarriesTheSameNumbersAsTheAnswer() {
        String csv = SignedIn.as("bob")
                .get("/analytics/csv?from=2026-11-01&to=2026-11-02")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("bazaar-shop-analytics-2026-11-01-2026-11-02.csv"))
                .extract()
                .asString();
        assertThat(csv.split("\r\n"))
                .containsExactly(
                        "series,period,currency,gmv_minor,orders,items,average_order_value_minor,commission_minor,"
                                + "take_rate_bps,refunds_minor,refund_count,returned_items,return_rate_bps,payouts_minor",
                        "9b3f6c1e-0000-4000-8000-000000000001,2026-11-01,USD,125050,3,5,41683,10004,800,0,0,0,0,0",
                        "9b3f6c1e-0000-4000-8000-000000000001,2026-11-02,USD,0,0,0,0,0,0,2500,1,1,0,90000");
    }

    @Test
    void aRangeTheOrderServiceRefusesIsExplainedWithoutCharts() {
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/analytics", 400, """
                {"type":"https://bazaar.dev/problems/validation","title":"Invalid request","status":400,
                 "detail":"from: must be on or before 'to', at most 366 days before it",
                 "violations":[{"field":"from","message":"must be on or before 'to', at most 366 days before it"}]}""");
        SignedIn.as("bob")
                .get("/analytics?from=2026-12-01&to=2026-11-01")
                .then()
                .statusCode(400)
                .body(allOf(containsString("from: must be on or before"), not(containsString("analytics-data"))));
        SignedIn.as("bob")
                .get("/analytics/csv?from=2026-12-01&to=2026-11-01")
                .then()
                .statusCode(400)
                .body(containsString("must be on or before"));
    }

    @Test
    void adminsSeeThePlatformAndSellersDoNot() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                "/api/v1/admin/analytics",
                200,
                ANSWER.replace("9b3f6c1e-0000-4000-8000-000000000001", "all"));
        SignedIn.as("admin")
                .get("/admin/analytics?groupBy=category")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<dd id=\"total-gmv\">$1,250.50</dd>"),
                        containsString("By category"),
                        containsString("<td><code>all</code></td><td>$1,250.50</td><td>3</td>")));
        SignedIn.as("bob").get("/admin/analytics").then().statusCode(403);
        SignedIn.as("bob").get("/admin/analytics/csv").then().statusCode(403);
        SignedIn.as("admin").get("/analytics").then().statusCode(403);
    }
}
