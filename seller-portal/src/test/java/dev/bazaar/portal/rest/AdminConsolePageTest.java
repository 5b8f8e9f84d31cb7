package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static dev.bazaar.portal.ServiceStubs.Service.NOTIFICATION;
import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
import static dev.bazaar.portal.ServiceStubs.Service.PAYMENT;
import static dev.bazaar.portal.ServiceStubs.Service.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin console: order lookup, an order with its payment, history and time travel, refunds from the page, the
 * dead-letter queues, shops and the refund queue; for administrators only.
 */
@QuarkusTest
class AdminConsolePageTest {

    static final String PAYMENT_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String HISTORY = "/api/v1/orders/" + Fixtures.ORDER_ID + "/history";
    static final String PAYMENT_PATH = "/api/v1/payments/" + PAYMENT_ID;
    static final String REFUND = "/api/v1/admin/payments/" + PAYMENT_ID + "/refunds";
    static final String SEARCH = "/api/v1/admin/orders";
    static final String DLQ = "/api/v1/admin/dead-letters";
    static final String REFUND_ID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    static final String STATE = """
            {"id":"%s","status":"PAID","total":{"amount":2700,"currency":"USD"},
             "refunded":{"amount":0,"currency":"USD"},"placedAt":"2026-12-01T10:00:00Z","paymentId":"%s","version":3,
             "groups":[{"shopId":"%s","status":"PAID","subtotal":{"amount":2500,"currency":"USD"},
               "shipping":{"amount":200,"currency":"USD"},"tax":{"amount":0,"currency":"USD"},
               "total":{"amount":2700,"currency":"USD"},
               "lines":[{"variantId":"%s","title":"Stoneware mug","sku":"MUG-BLUE","quantity":2,
                 "unitPrice":{"amount":1250,"currency":"USD"},"lineTotal":{"amount":2500,"currency":"USD"},
                 "commission":{"amount":200,"currency":"USD"}}]}],
             "returns":[]}""".formatted(Fixtures.ORDER_ID, PAYMENT_ID, Fixtures.SHOP_ID, Fixtures.VARIANT_ID);

    static final String HISTORY_JSON = """
            {"orderId":"%s","asOf":null,"events":[
              {"seq":1,"type":"OrderPlaced","recordedAt":"2026-12-01T10:00:00Z"},
              {"seq":2,"type":"OrderPaid","recordedAt":"2026-12-01T10:00:05.123Z"}],
             "state":%s}""".formatted(Fixtures.ORDER_ID, STATE);

    static final String PAYMENT_JSON = """
            {"id":"%s","orderId":"%s","status":"CAPTURED","amount":{"amount":2700,"currency":"USD"},
             "captured":{"amount":2700,"currency":"USD"},"refunded":{"amount":500,"currency":"USD"},
             "refundable":{"amount":2200,"currency":"USD"},"paymentMethod":"card","createdAt":"2026-12-01T10:00:01Z",
             "splits":[{"shopId":"%s","goods":{"amount":2500,"currency":"USD"},"shipping":{"amount":200,"currency":"USD"},
               "tax":{"amount":0,"currency":"USD"},"commission":{"amount":200,"currency":"USD"},
               "refunded":{"amount":500,"currency":"USD"},"refundable":{"amount":2200,"currency":"USD"}}],
             "refunds":[{"id":"%s","paymentId":"%s","orderId":"%s","shopId":"%s","amount":{"amount":500,"currency":"USD"},
               "status":"SUCCEEDED","source":"ADMIN","reason":"Chipped handle","attempts":1,
               "createdAt":"2026-12-02T09:00:00Z"}]}""".formatted(
                    PAYMENT_ID,
                    Fixtures.ORDER_ID,
                    Fixtures.SHOP_ID,
                    REFUND_ID,
                    PAYMENT_ID,
                    Fixtures.ORDER_ID,
                    Fixtures.SHOP_ID);

    static void anOrderWithItsPayment() {
        ServiceStubs.answer(ORDER, "GET", HISTORY, 200, HISTORY_JSON);
        ServiceStubs.answer(PAYMENT, "GET", PAYMENT_PATH, 200, PAYMENT_JSON);
    }

    @Test
    void anAdministratorSearchesOrdersAndPagesOn() {
        ServiceStubs.answer(ORDER, "GET", SEARCH, 200, """
                {"items":[{"orderId":"%s","buyerSubject":"buyer-sub-1","status":"PAID","placedAt":"2026-12-01T10:00:00Z",
                  "total":{"amount":2700,"currency":"USD"},"itemCount":2,"shops":[{"shopId":"%s","status":"SHIPPED"}]}],
                 "nextCursor":"abc_1"}""".formatted(Fixtures.ORDER_ID, Fixtures.SHOP_ID));
        SignedIn.as("admin")
                .queryParam("shopId", Fixtures.SHOP_ID)
                .queryParam("from", "2026-12-01")
                .get("/admin/orders")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<a href=\"/admin/orders/" + Fixtures.ORDER_ID + "\"><code title=\""
                                + Fixtures.ORDER_ID + "\">c0ffee00</code></a>"),
                        containsString("<code title=\"buyer-sub-1\">buyer-sub-1</code>"),
                        containsString("<td>$27.00</td>"),
                        containsString("5d0c8f3e</code> (SHIPPED)"),
                        containsString("value=\"" + Fixtures.SHOP_ID + "\""),
                        containsString("href=\"/admin/orders?shopId=" + Fixtures.SHOP_ID
                                + "&amp;from=2026-12-01&amp;cursor=abc_1\" id=\"orders-more\"")));
        ServiceStubs.Seen asked = ServiceStubs.seen(ORDER, "GET", SEARCH);
        assertThat(asked.query()).isEqualTo("shopId=" + Fixtures.SHOP_ID + "&from=2026-12-01&limit=20");
        assertThat(asked.authorization()).startsWith("Bearer ey");
    }

    @Test
    void aSearchTheOrderServiceRefusesShowsWhy() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                SEARCH,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"from\",\"message\":\"must be a date like 2026-11-24\"}]}");
        SignedIn.as("admin")
                .queryParam("from", "yesterday")
                .get("/admin/orders")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">from: must be a date like 2026-11-24</p>"),
                        containsString("value=\"yesterday\""),
                        not(containsString("id=\"orders-found\""))));
    }

    @Test
    void anOrderShowsItsGroupsPaymentHistoryAndARefundFormWithAFreshKey() {
        anOrderWithItsPayment();
        Response page = SignedIn.as("admin").get("/admin/orders/" + Fixtures.ORDER_ID);
        page.then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td>Stoneware mug</td><td>MUG-BLUE</td><td>2</td><td>$12.50</td><td>$25.00</td>"
                                + "<td>$2.00</td>"),
                        containsString("action=\"/admin/orders/" + Fixtures.ORDER_ID + "/refunds\""),
                        containsString("<input type=\"hidden\" name=\"shopId\" value=\"" + Fixtures.SHOP_ID + "\">"),
                        containsString("refunded <span id=\"payment-refunded\">$5.00</span> · still refundable $22.00"),
                        containsString("<td>$5.00</td><td>SUCCEEDED</td><td>Chipped handle</td>"),
                        containsString("<td>OrderPaid</td>"),
                        containsString(
                                "href=\"/admin/orders/" + Fixtures.ORDER_ID + "?asOf=2026-12-01T10:00:05.123Z#as-of\""),
                        not(containsString("id=\"as-of\""))));
        String first = key(page);
        String second = key(SignedIn.as("admin").get("/admin/orders/" + Fixtures.ORDER_ID));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void timeTravelShowsTheOrderAsItStoodThen() {
        anOrderWithItsPayment();
        SignedIn.as("admin")
                .queryParam("asOf", "2026-12-01T10:00:00Z")
                .get("/admin/orders/" + Fixtures.ORDER_ID)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h2>As it stood at 2026-12-01T10:00:00Z</h2>"),
                        containsString("Status <strong id=\"as-of-status\">PAID</strong>")));
        assertThat(ServiceStubs.seen(ORDER, "GET", HISTORY).query()).isEqualTo("asOf=2026-12-01T10%3A00%3A00Z");
    }

    @Test
    void aRefundIsSentWithTheFormsKeyAndBackToTheOrder() {
        anOrderWithItsPayment();
        ServiceStubs.answer(PAYMENT, "POST", REFUND, 201, """
                {"id":"%s","status":"SUCCEEDED","amount":{"amount":1250,"currency":"USD"}}""".formatted(REFUND_ID));
        SignedIn.form("admin", "/admin/orders/" + Fixtures.ORDER_ID)
                .formParam("shopId", Fixtures.SHOP_ID)
                .formParam("amount", "12.50")
                .formParam("reason", " Late delivery ")
                .formParam("key", "0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b")
                .post("/admin/orders/" + Fixtures.ORDER_ID + "/refunds")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/orders/" + Fixtures.ORDER_ID + "?refund=SUCCEEDED#payment"));
        ServiceStubs.Seen sent = ServiceStubs.seen(PAYMENT, "POST", REFUND);
        assertThat(sent.body())
                .isEqualTo("{\"shopId\":\"" + Fixtures.SHOP_ID
                        + "\",\"amount\":{\"amount\":1250,\"currency\":\"USD\"},\"reason\":\"Late delivery\"}");
        assertThat(sent.authorization()).startsWith("Bearer ey");
        SignedIn.as("admin")
                .queryParam("refund", "SUCCEEDED")
                .get("/admin/orders/" + Fixtures.ORDER_ID)
                .then()
                .statusCode(200)
                .body(containsString("<p class=\"notice\" role=\"status\" id=\"refund-notice\">" + "Refunded.</p>"));
    }

    @Test
    void aRefundTheProviderRefusesOrThePaymentServiceRefusesShowsWhy() {
        anOrderWithItsPayment();
        ServiceStubs.answer(PAYMENT, "POST", REFUND, 402, Fixtures.problem(402, "card_declined"));
        refund("12.50")
                .then()
                .statusCode(402)
                .body(containsString("<p class=\"error\" role=\"alert\">The payment "
                        + "provider refused the refund: card_declined It waits in the refund queue.</p>"));
        ServiceStubs.answer(
                PAYMENT,
                "POST",
                REFUND,
                409,
                Fixtures.problem(409, "At most 2200 (minor units) of this seller&#39;s part is still refundable."));
        refund("99.00").then().statusCode(409).body(containsString("At most 2200 (minor units)"));
    }

    @Test
    void aBadAmountOrNoReasonIsAskedAgainWithoutThePaymentService() {
        anOrderWithItsPayment();
        refund("-3")
                .then()
                .statusCode(400)
                .body(
                        containsString(
                                "<p class=\"error\" role=\"alert\">The amount must be a positive number of dollars, like 12.50.</p>"));
        refund("ten").then().statusCode(400);
        SignedIn.form("admin", "/admin/orders/" + Fixtures.ORDER_ID)
                .formParam("shopId", Fixtures.SHOP_ID)
                .formParam("amount", "1.00")
                .formParam("reason", "  ")
                .formParam("key", "0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b")
                .post("/admin/orders/" + Fixtures.ORDER_ID + "/refunds")
                .then()
                .statusCode(400)
                .body(containsString("A reason is required to refund."));
        assertThat(ServiceStubs.seen(PAYMENT, "POST", REFUND)).isNull();
    }

    @Test
    void anOrderTheOrderServiceDoesNotKnowIsNotFound() {
        ServiceStubs.answer(ORDER, "GET", HISTORY, 404, Fixtures.problem(404, "No such order."));
        SignedIn.as("admin")
                .get("/admin/orders/" + Fixtures.ORDER_ID)
                .then()
                .statusCode(404)
                .body(containsString("No such order."));
        SignedIn.as("admin").get("/admin/orders/not-an-id").then().statusCode(404);
    }

    @Test
    void theDeadLettersOfEveryServiceWithReplay() {
        ServiceStubs.answer(ORDER, "GET", DLQ, 200, """
                [{"topic":"payment.events.order-service.dlq","depth":2,"letters":[{"topic":"payment.events.order-service.dlq",
                  "partition":0,"offset":7,"key":"k1","originalTopic":"payment.events","originalOffset":41,
                  "reason":"order not found","at":"2026-12-01T10:00:00Z","value":"{}"}]}]""");
        ServiceStubs.answer(CATALOG, "GET", DLQ, 200, "[]");
        ServiceStubs.answer(PAYMENT, "GET", DLQ, 200, "[]");
        ServiceStubs.answer(REVIEW, "GET", DLQ, 200, "[]");
        ServiceStubs.answer(ServiceStubs.Service.CHECKOUT, "GET", DLQ, 200, "[]");
        ServiceStubs.answer(ServiceStubs.Service.CART, "GET", DLQ, 200, "[]");
        ServiceStubs.down(NOTIFICATION, "GET", DLQ);
        SignedIn.as("admin")
                .get("/admin/dead-letters")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<p><strong>payment.events.order-service.dlq</strong> · 2 waiting</p>"),
                        containsString(
                                "from payment.events (offset 41), key <code>k1</code>, 2026-12-01: order not found"),
                        containsString("action=\"/admin/dead-letters/order/payment.events.order-service.dlq/replay\""),
                        containsString("<section class=\"card\" id=\"dlq-catalog\">"),
                        containsString("<section class=\"card\" id=\"dlq-checkout\">"),
                        containsString("<section class=\"card\" id=\"dlq-cart\">"),
                        containsString("The dead letters could not be loaded: The service did not answer.")));
        ServiceStubs.answer(
                ORDER,
                "POST",
                DLQ + "/payment.events.order-service.dlq/replay",
                200,
                "{\"topic\":\"payment.events.order-service.dlq\",\"replayed\":2}");
        SignedIn.form("admin", "/admin/dead-letters")
                .post("/admin/dead-letters/order/payment.events.order-service.dlq/replay")
                .then()
                .statusCode(303)
                .header("Location", containsString("/admin/dead-letters?replayed=2+letter"));
        ServiceStubs.answer(
                ORDER,
                "POST",
                DLQ + "/payment.events.order-service.dlq/replay",
                409,
                Fixtures.problem(409, "Replayed 0 letter(s), then stopped at offset 7: order not found."));
        SignedIn.form("admin", "/admin/dead-letters")
                .post("/admin/dead-letters/order/payment.events.order-service.dlq/replay")
                .then()
                .statusCode(409)
                .body(containsString("order: Replayed 0 letter(s), then stopped at offset 7: order not found."));
        SignedIn.form("admin", "/admin/dead-letters")
                .post("/admin/dead-letters/nosuch/x/replay")
                .then()
                .statusCode(404);
    }

    @Test
    void shopsAreSuspendedWithAReasonAndReinstated() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page(Fixtures.shop("APPROVED")));
        SignedIn.as("admin")
                .get("/admin/shops")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("action=\"/admin/shops/" + Fixtures.SHOP_ID + "/suspend\""),
                        not(containsString("/reinstate\""))));
        assertThat(ServiceStubs.seen(CATALOG, "GET", "/api/v1/admin/shops").query())
                .isEqualTo("status=APPROVED&page=0&size=50");
        ServiceStubs.answer(
                CATALOG,
                "POST",
                "/api/v1/admin/shops/" + Fixtures.SHOP_ID + "/suspend",
                200,
                Fixtures.shop("SUSPENDED"));
        SignedIn.form("admin", "/admin/shops")
                .formParam("reason", " Counterfeits ")
                .post("/admin/shops/" + Fixtures.SHOP_ID + "/suspend")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/shops?status=APPROVED"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", "/api/v1/admin/shops/" + Fixtures.SHOP_ID + "/suspend")
                        .body())
                .isEqualTo("{\"reason\":\"Counterfeits\"}");
        SignedIn.form("admin", "/admin/shops")
                .formParam("reason", " ")
                .post("/admin/shops/" + Fixtures.SHOP_ID + "/suspend")
                .then()
                .statusCode(400)
                .body(containsString("A reason is required to suspend a shop."));

        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page(Fixtures.shop("SUSPENDED")));
        SignedIn.as("admin")
                .queryParam("status", "SUSPENDED")
                .get("/admin/shops")
                .then()
                .statusCode(200)
                .body(containsString("action=\"/admin/shops/" + Fixtures.SHOP_ID + "/reinstate\""));
        ServiceStubs.answer(
                CATALOG,
                "POST",
                "/api/v1/admin/shops/" + Fixtures.SHOP_ID + "/approve",
                409,
                Fixtures.problem(409, "This shop is not suspended."));
        SignedIn.form("admin", "/admin/shops")
                .post("/admin/shops/" + Fixtures.SHOP_ID + "/reinstate")
                .then()
                .statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\">This shop is not suspended.</p>"));
    }

    @Test
    void theRefundQueueWithRetry() {
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/admin/refunds", 200, """
                [{"id":"%s","paymentId":"%s","orderId":"%s","shopId":"%s","amount":{"amount":700,"currency":"USD"},
                  "status":"FAILED","source":"ADMIN","reason":"Goodwill","failureReason":"expired_card","attempts":3,
                  "createdAt":"2026-12-02T09:00:00Z"}]""".formatted(
                        REFUND_ID, PAYMENT_ID, Fixtures.ORDER_ID, Fixtures.SHOP_ID));
        SignedIn.as("admin")
                .get("/admin/refunds")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td>Goodwill — expired_card</td>"),
                        containsString("action=\"/admin/refunds/" + REFUND_ID + "/retry\"")));
        assertThat(ServiceStubs.seen(PAYMENT, "GET", "/api/v1/admin/refunds").query())
                .isEqualTo("status=FAILED");
        ServiceStubs.answer(
                PAYMENT,
                "POST",
                "/api/v1/admin/refunds/" + REFUND_ID + "/retry",
                200,
                "{\"id\":\"" + REFUND_ID + "\",\"status\":\"SUCCEEDED\"}");
        SignedIn.form("admin", "/admin/refunds")
                .post("/admin/refunds/" + REFUND_ID + "/retry")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/refunds?retried=SUCCEEDED"));
    }

    @Test
    void aSellerOrABuyerMayNotUseTheConsole() {
        for (String page : new String[] {
            "/admin/orders",
            "/admin/orders/" + Fixtures.ORDER_ID,
            "/admin/dead-letters",
            "/admin/shops",
            "/admin/refunds"
        }) {
            SignedIn.as("bob")
                    .get(page)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
            SignedIn.as("alice").get(page).then().statusCode(403);
        }
        anOrderWithItsPayment();
        SignedIn.form("bob", "admin", "/admin/orders/" + Fixtures.ORDER_ID)
                .formParam("shopId", Fixtures.SHOP_ID)
                .formParam("amount", "1.00")
                .formParam("reason", "mine")
                .formParam("key", "0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b")
                .post("/admin/orders/" + Fixtures.ORDER_ID + "/refunds")
                .then()
                .statusCode(403);
        SignedIn.form("bob", "admin", "/admin/orders/" + Fixtures.ORDER_ID)
                .post("/admin/dead-letters/order/x/replay")
                .then()
                .statusCode(403);
        SignedIn.form("bob", "admin", "/admin/orders/" + Fixtures.ORDER_ID)
                .formParam("reason", "x")
                .post("/admin/shops/" + Fixtures.SHOP_ID + "/suspend")
                .then()
                .statusCode(403);
        assertThat(ServiceStubs.seen(PAYMENT, "POST", REFUND)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "POST", "/api/v1/admin/shops/" + Fixtures.SHOP_ID + "/suspend"))
                .isNull();
        assertThat(ServiceStubs.seen(ORDER, "GET", SEARCH)).isNull();
    }

    private static Response refund(String amount) {
        return SignedIn.form("admin", "/admin/orders/" + Fixtures.ORDER_ID)
                .formParam("shopId", Fixtures.SHOP_ID)
                .formParam("amount", amount)
                .formParam("reason", "Goodwill")
                .formParam("key", "0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b")
                .post("/admin/orders/" + Fixtures.ORDER_ID + "/refunds");
    }

    private static String key(Response page) {
        Matcher m = Pattern.compile("name=\"key\" value=\"([0-9a-f-]{36})\"").matcher(page.asString());
        assertThat(m.find()).as("a refund form with its key").isTrue();
        return m.group(1);
    }
}
