package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin console's fraud pages: the review queue with allow and block, the rules' decisions with their reasons, the
 * blocklist and the disputes; for administrators only.
 */
@QuarkusTest
class AdminFraudPageTest {

    static final String PAYMENT_ID = "7b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final String ENTRY_ID = "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b";
    static final String REVIEWS = "/api/v1/admin/fraud/reviews";
    static final String DECISIONS = "/api/v1/admin/fraud/decisions";
    static final String ALLOW = REVIEWS + "/" + PAYMENT_ID + "/allow";
    static final String BLOCK = REVIEWS + "/" + PAYMENT_ID + "/block";
    static final String BLOCKLIST = "/api/v1/admin/fraud/blocklist";
    static final String DISPUTES = "/api/v1/admin/disputes";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    static void aHeldPaymentAndItsDecision() {
        ServiceStubs.answer(PAYMENT, "GET", REVIEWS, 200, """
                [{"paymentId":"%s","orderId":"%s","buyer":"buyer-sub-9","amountMinor":61500,"paymentMethod":"card",
                  "reasons":["amount 61500 is at least the review threshold","new buyer"],
                  "heldAt":"2026-12-05T10:00:00Z","decideBy":"2026-12-12T10:00:00Z"}]""".formatted(PAYMENT_ID, Fixtures.ORDER_ID));
        ServiceStubs.answer(PAYMENT, "GET", DECISIONS, 200, """
                [{"id":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","paymentId":"%s","buyer":"buyer-sub-9","amountMinor":61500,
                  "outcome":"REVIEW","reasons":["amount 61500 is at least the review threshold"],
                  "createdAt":"2026-12-05T10:00:00Z"},
                 {"id":"5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","paymentId":"%s","buyer":"buyer-sub-3","amountMinor":900,
                  "outcome":"REVIEW","reasons":["velocity"],"createdAt":"2026-12-04T10:00:00Z",
                  "reviewedOutcome":"BLOCK","reviewedBy":"admin-sub","reviewedAt":"2026-12-04T11:00:00Z",
                  "reviewNote":"stolen card"}]""".formatted(PAYMENT_ID, Fixtures.ORDER_ID));
    }

    @Test
    void theQueueShowsWhoPaysHowMuchWhyAndByWhenThenTheDecisions() {
        aHeldPaymentAndItsDecision();
        SignedIn.as("admin")
                .get("/admin/fraud")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<code title=\"buyer-sub-9\">buyer-sub-9</code>"),
                        containsString("<td>$615.00</td>"),
                        containsString(
                                "<td class=\"reasons\">amount 61500 is at least the review threshold; new buyer</td>"),
                        containsString("<td>2026-12-12T10:00:00Z</td>"),
                        containsString("action=\"/admin/fraud/reviews/" + PAYMENT_ID + "/allow\""),
                        containsString("action=\"/admin/fraud/reviews/" + PAYMENT_ID + "/block\""),
                        containsString("<a href=\"/admin/orders/" + Fixtures.ORDER_ID + "\">order</a>"),
                        containsString("<td>BLOCK by admin-sub: stolen card</td>"),
                        containsString("<td>velocity</td>"),
                        containsString("<td>waiting</td>")));
        assertThat(ServiceStubs.seen(PAYMENT, "GET", DECISIONS).query()).isEqualTo("limit=50");
        assertThat(ServiceStubs.seen(PAYMENT, "GET", REVIEWS).authorization()).startsWith("Bearer ey");
        SignedIn.as("admin")
                .queryParam("outcome", "BLOCK")
                .get("/admin/fraud")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"BLOCK\" selected>"));
        assertThat(ServiceStubs.seen(PAYMENT, "GET", DECISIONS).query()).isEqualTo("outcome=BLOCK&limit=50");
        SignedIn.as("admin")
                .queryParam("outcome", "DROP TABLE")
                .get("/admin/fraud")
                .then()
                .statusCode(200);
        assertThat(ServiceStubs.seen(PAYMENT, "GET", DECISIONS).query()).isEqualTo("limit=50");
    }

    @Test
    void theQueueSaysSoWhenThePaymentServiceIsDown() {
        ServiceStubs.down(PAYMENT, "GET", REVIEWS);
        ServiceStubs.answer(PAYMENT, "GET", DECISIONS, 200, "[]");
        SignedIn.as("admin")
                .get("/admin/fraud")
                .then()
                .statusCode(200)
                .body(allOf(containsString("id=\"reviews-unavailable\""), containsString("No decisions.")));
    }

    @Test
    void anAdminAllowsAHeldPaymentAndIsSentBackToTheQueue() {
        aHeldPaymentAndItsDecision();
        ServiceStubs.answer(PAYMENT, "POST", ALLOW, 200, """
                {"paymentId":"%s","outcome":"ALLOW","decidedBy":"admin-sub","decidedAt":"2026-12-05T10:05:00Z",
                 "status":"AUTHORIZED"}""".formatted(PAYMENT_ID));
        SignedIn.form("admin", "/admin/fraud")
                .post("/admin/fraud/reviews/" + PAYMENT_ID + "/allow")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/fraud?decided=ALLOW"));
        ServiceStubs.Seen sent = ServiceStubs.seen(PAYMENT, "POST", ALLOW);
        assertThat(sent.body()).isEqualTo("{\"note\":null}");
        assertThat(sent.authorization()).startsWith("Bearer ey");
        SignedIn.as("admin")
                .queryParam("decided", "ALLOW")
                .get("/admin/fraud")
                .then()
                .statusCode(200)
                .body(containsString("<p class=\"notice\" role=\"status\" id=\"fraud-notice\">Allowed: the checkout "
                        + "goes on.</p>"));
    }

    @Test
    void aBlockNeedsANoteAndIsSentWithIt() {
        aHeldPaymentAndItsDecision();
        SignedIn.form("admin", "/admin/fraud")
                .formParam("note", "  ")
                .post("/admin/fraud/reviews/" + PAYMENT_ID + "/block")
                .then()
                .statusCode(400)
                .body(containsString(
                        "<p class=\"error\" role=\"alert\">A note is required to block a payment: say " + "why.</p>"));
        assertThat(ServiceStubs.seen(PAYMENT, "POST", BLOCK)).isNull();
        ServiceStubs.answer(PAYMENT, "POST", BLOCK, 200, """
                {"paymentId":"%s","outcome":"BLOCK","decidedBy":"admin-sub","status":"VOIDED"}""".formatted(PAYMENT_ID));
        SignedIn.form("admin", "/admin/fraud")
                .formParam("note", " Card reported stolen ")
                .post("/admin/fraud/reviews/" + PAYMENT_ID + "/block")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/fraud?decided=BLOCK"));
        assertThat(ServiceStubs.seen(PAYMENT, "POST", BLOCK).body()).isEqualTo("{\"note\":\"Card reported stolen\"}");
    }

    @Test
    void aReviewDecidedAlreadyShowsTheServicesReason() {
        aHeldPaymentAndItsDecision();
        ServiceStubs.answer(
                PAYMENT,
                "POST",
                ALLOW,
                409,
                Fixtures.problem(409, "This payment's review was decided already: BLOCK."));
        SignedIn.form("admin", "/admin/fraud")
                .post("/admin/fraud/reviews/" + PAYMENT_ID + "/allow")
                .then()
                .statusCode(409)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">This payment&#39;s "
                                + "review was decided already: BLOCK.</p>"),
                        containsString("id=\"review-queue\"")));
        ServiceStubs.answer(PAYMENT, "POST", ALLOW, 404, Fixtures.problem(404, "No such payment."));
        SignedIn.form("admin", "/admin/fraud")
                .post("/admin/fraud/reviews/" + PAYMENT_ID + "/allow")
                .then()
                .statusCode(404);
        SignedIn.form("admin", "/admin/fraud")
                .post("/admin/fraud/reviews/not-a-payment/allow")
                .then()
                .statusCode(404);
    }

    @Test
    void theBlocklistIsListedAddedToAndRemovedFrom() {
        ServiceStubs.answer(PAYMENT, "GET", BLOCKLIST, 200, """
                [{"id":"%s","kind":"COUNTRY","value":"KP","reason":"Sanctions","createdBy":"admin-sub",
                  "createdAt":"2026-12-01T09:00:00Z"}]""".formatted(ENTRY_ID));
        SignedIn.as("admin")
                .get("/admin/fraud/blocklist")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td>COUNTRY</td><td><code>KP</code></td><td>Sanctions</td><td>admin-sub</td>"
                                + "<td>2026-12-01</td>"),
                        containsString("action=\"/admin/fraud/blocklist/" + ENTRY_ID + "/remove\"")));
        ServiceStubs.answer(PAYMENT, "POST", BLOCKLIST, 201, """
                {"id":"%s","kind":"COUNTRY","value":"RU","reason":"Chargebacks","createdBy":"admin-sub"}""".formatted(ENTRY_ID));
        SignedIn.form("admin", "/admin/fraud/blocklist")
                .formParam("kind", "COUNTRY")
                .formParam("value", " ru ")
                .formParam("reason", " Chargebacks ")
                .post("/admin/fraud/blocklist")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/fraud/blocklist?added=1"));
        assertThat(ServiceStubs.seen(PAYMENT, "POST", BLOCKLIST).body())
                .isEqualTo("{\"kind\":\"COUNTRY\",\"value\":\"RU\",\"reason\":\"Chargebacks\"}");
        ServiceStubs.answer(PAYMENT, "POST", BLOCKLIST, 409, Fixtures.problem(409, "RU is listed already."));
        SignedIn.form("admin", "/admin/fraud/blocklist")
                .formParam("kind", "COUNTRY")
                .formParam("value", "RU")
                .formParam("reason", "again")
                .post("/admin/fraud/blocklist")
                .then()
                .statusCode(409)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">RU is listed already.</p>"),
                        containsString("value=\"again\"")));
        ServiceStubs.answer(PAYMENT, "DELETE", BLOCKLIST + "/" + ENTRY_ID, 204, "");
        SignedIn.form("admin", "/admin/fraud/blocklist")
                .post("/admin/fraud/blocklist/" + ENTRY_ID + "/remove")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/fraud/blocklist?removed=1"));
        assertThat(ServiceStubs.seen(PAYMENT, "DELETE", BLOCKLIST + "/" + ENTRY_ID))
                .isNotNull();
        ServiceStubs.answer(PAYMENT, "DELETE", BLOCKLIST + "/" + ENTRY_ID, 404, Fixtures.problem(404, "No such."));
        SignedIn.form("admin", "/admin/fraud/blocklist")
                .post("/admin/fraud/blocklist/" + ENTRY_ID + "/remove")
                .then()
                .statusCode(404);
    }

    @Test
    void aBadBlocklistEntryIsAskedAgainWithoutThePaymentService() {
        ServiceStubs.answer(PAYMENT, "GET", BLOCKLIST, 200, "[]");
        add("EMAIL", "x@example.com", "spam")
                .then()
                .statusCode(400)
                .body(containsString("Choose what to block: a buyer, a payment method or a country."));
        add("COUNTRY", "USA", "spam")
                .then()
                .statusCode(400)
                .body(containsString("A country is its two-letter ISO code, like US."));
        add("BUYER", " ", "spam")
                .then()
                .statusCode(400)
                .body(containsString("The value is required, at most 200 characters."));
        add("BUYER", "buyer-sub-9", "  ")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("A reason is required, at most 500 characters."),
                        containsString("value=\"buyer-sub-9\""),
                        containsString("<option value=\"BUYER\" selected>")));
        assertThat(ServiceStubs.seen(PAYMENT, "POST", BLOCKLIST)).isNull();
    }

    @Test
    void disputesAreListedByStatus() {
        ServiceStubs.answer(PAYMENT, "GET", DISPUTES, 200, """
                [{"id":"dp_123","paymentId":"%s","amountMinor":2700,"reason":"fraudulent","status":"lost",
                  "outcome":"lost","withdrawnMinor":2700,"reinstatedMinor":0,"feeMinor":1500,
                  "createdAt":"2026-12-01T09:00:00Z","closedAt":"2026-12-03T09:00:00Z"}]""".formatted(PAYMENT_ID));
        SignedIn.as("admin")
                .queryParam("status", "lost")
                .get("/admin/disputes")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td><code>dp_123</code></td>"),
                        containsString("<td>$27.00</td>"),
                        containsString("<td>lost (lost)</td>"),
                        containsString("<td>$27.00 / $0.00 / $15.00</td>"),
                        containsString("<option value=\"lost\" selected>")));
        assertThat(ServiceStubs.seen(PAYMENT, "GET", DISPUTES).query()).isEqualTo("status=lost");
        SignedIn.as("admin")
                .queryParam("status", "nonsense")
                .get("/admin/disputes")
                .then()
                .statusCode(200)
                .body(not(containsString("selected>")));
        assertThat(ServiceStubs.seen(PAYMENT, "GET", DISPUTES).query()).isNull();
        SignedIn.as("admin").get("/admin/disputes").then().statusCode(200).body(containsString("dp_123"));
    }

    @Test
    void aSellerOrABuyerMayNotUseTheFraudPages() {
        for (String page : new String[] {"/admin/fraud", "/admin/fraud/blocklist", "/admin/disputes"}) {
            SignedIn.as("bob")
                    .get(page)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
            SignedIn.as("alice").get(page).then().statusCode(403);
        }
        aHeldPaymentAndItsDecision();
        ServiceStubs.answer(PAYMENT, "GET", BLOCKLIST, 200, "[]");
        for (String user : new String[] {"bob", "alice"}) {
            SignedIn.form(user, "admin", "/admin/fraud")
                    .post("/admin/fraud/reviews/" + PAYMENT_ID + "/allow")
                    .then()
                    .statusCode(403);
            SignedIn.form(user, "admin", "/admin/fraud")
                    .formParam("note", "mine")
                    .post("/admin/fraud/reviews/" + PAYMENT_ID + "/block")
                    .then()
                    .statusCode(403);
            SignedIn.form(user, "admin", "/admin/fraud/blocklist")
                    .formParam("kind", "BUYER")
                    .formParam("value", "x")
                    .formParam("reason", "y")
                    .post("/admin/fraud/blocklist")
                    .then()
                    .statusCode(403);
            SignedIn.form(user, "admin", "/admin/fraud/blocklist")
                    .post("/admin/fraud/blocklist/" + ENTRY_ID + "/remove")
                    .then()
                    .statusCode(403);
        }
        assertThat(ServiceStubs.seen(PAYMENT, "POST", ALLOW)).isNull();
        assertThat(ServiceStubs.seen(PAYMENT, "POST", BLOCK)).isNull();
        assertThat(ServiceStubs.seen(PAYMENT, "POST", BLOCKLIST)).isNull();
        assertThat(ServiceStubs.seen(PAYMENT, "DELETE", BLOCKLIST + "/" + ENTRY_ID))
                .isNull();
        assertThat(ServiceStubs.seen(PAYMENT, "GET", DISPUTES)).isNull();
    }

    private static io.restassured.response.Response add(String kind, String value, String reason) {
        return SignedIn.form("admin", "/admin/fraud/blocklist")
                .formParam("kind", kind)
                .formParam("value", value)
                .formParam("reason", reason)
                .post("/admin/fraud/blocklist");
    }
}
