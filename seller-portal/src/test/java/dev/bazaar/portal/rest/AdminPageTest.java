package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
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
 * The review queues: shops awaiting approval, products awaiting review and returns no seller decided in time, for
 * administrators only.
 */
@QuarkusTest
class AdminPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void anAdministratorSeesBothQueuesWithTheirDecisions() {
        ServiceStubs.answer(
                CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page(Fixtures.shop("PENDING_APPROVAL")));
        ServiceStubs.answer(
                CATALOG, "GET", "/api/v1/admin/products", 200, Fixtures.page(Fixtures.product("PENDING_REVIEW")));
        SignedIn.as("admin")
                .get("/admin")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<p><strong>Bob&#39;s Mugs</strong> (bobs-mugs, US) — Hand-thrown mugs</p>"),
                        containsString("action=\"/admin/shops/" + Fixtures.SHOP_ID + "/approve\""),
                        containsString("<p><strong>Stoneware mug</strong> — 1 variant(s)</p>"),
                        containsString("action=\"/admin/products/" + Fixtures.PRODUCT_ID + "/reject\"")));
        assertThat(ServiceStubs.seen(CATALOG, "GET", "/api/v1/admin/shops").authorization())
                .startsWith("Bearer ey");
    }

    @Test
    void emptyQueuesSaySo() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page());
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/products", 200, Fixtures.page());
        ServiceStubs.answer(ORDER, "GET", QUEUE, 200, Fixtures.groups(0, 50, 0));
        SignedIn.as("admin")
                .get("/admin")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("No shops waiting."),
                        containsString("No products waiting."),
                        containsString("No returns waiting."),
                        not(containsString("id=\"returns-more\""))));
    }

    static final String QUEUE = "/api/v1/admin/returns";
    static final String R_OTHER = "beef0000-5678-4abc-8def-000000000009";
    static final String APPROVE = QUEUE + "/" + Fixtures.RETURN_ID + "/approve";
    static final String REJECT = QUEUE + "/" + Fixtures.RETURN_ID + "/reject";

    /** Empty review queues and the first page of 50 returns waiting out of 57. */
    static void returnsWaiting() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page());
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/products", 200, Fixtures.page());
        ServiceStubs.answer(
                ORDER,
                "GET",
                QUEUE,
                200,
                Fixtures.groups(
                        0,
                        50,
                        57,
                        Fixtures.escalated(Fixtures.RETURN_ID, "NOT_AS_DESCRIBED", "Blue, not \"green\""),
                        Fixtures.escalated(R_OTHER, "NO_LONGER_NEEDED", null)));
    }

    @Test
    void anAdministratorSeesTheReturnsNobodyDecidedWithTheirDecisions() {
        returnsWaiting();
        SignedIn.as("admin")
                .get("/admin")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h2>Returns waiting for a decision</h2>"),
                        containsString("<div class=\"review\" id=\"admin-return-" + Fixtures.RETURN_ID + "\">"),
                        containsString(
                                "<p>Return <code title=\"" + Fixtures.RETURN_ID + "\">beef0000</code> of order <code "
                                        + "title=\"" + Fixtures.ORDER_ID + "\">c0ffee00</code> · shop <code title=\""
                                        + Fixtures.SHOP_ID
                                        + "\">5d0c8f3e</code> · requested 2026-12-03 · escalated 2026-12-06</p>"),
                        containsString("Reason: <strong>Not as described</strong> · the buyer wrote: <q>Blue, not "
                                + "&quot;green&quot;</q>"),
                        containsString(
                                "<li>1 × variant <code title=\"" + Fixtures.VARIANT_ID + "\">0b1c2d3e</code></li>"),
                        containsString("<li>2 × variant <code title=\"" + Fixtures.VASE_ID + "\">1c2d3e4f</code></li>"),
                        containsString("action=\"/admin/returns/" + Fixtures.RETURN_ID + "/approve\" class=\"inline\" "
                                + "id=\"admin-return-approve-" + Fixtures.RETURN_ID + "\""),
                        containsString("action=\"/admin/returns/" + Fixtures.RETURN_ID + "/reject\" class=\"inline\" "
                                + "id=\"admin-return-reject-" + Fixtures.RETURN_ID + "\""),
                        containsString("<input id=\"return-reason-" + Fixtures.RETURN_ID
                                + "\" name=\"reason\" maxlength=\"500\" " + "required>"),
                        containsString("<div class=\"review\" id=\"admin-return-" + R_OTHER + "\">"),
                        containsString("Reason: <strong>No longer needed</strong></p>"),
                        containsString("<p id=\"returns-more\">55 more waiting"),
                        not(containsString("No returns waiting."))));
        ServiceStubs.Seen asked = ServiceStubs.seen(ORDER, "GET", QUEUE);
        assertThat(asked.query()).isEqualTo("page=0&size=50");
        assertThat(asked.authorization()).startsWith("Bearer ey");
    }

    @Test
    void anAdministratorApprovesOrRejectsAReturnAndBackToTheQueues() {
        returnsWaiting();
        ServiceStubs.answer(ORDER, "POST", APPROVE, 200, "{}");
        SignedIn.form("admin", "/admin")
                .post("/admin/returns/" + Fixtures.RETURN_ID + "/approve")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin"));
        assertThat(ServiceStubs.seen(ORDER, "POST", APPROVE).authorization()).startsWith("Bearer ey");

        ServiceStubs.answer(ORDER, "POST", REJECT, 200, "{}");
        SignedIn.form("admin", "/admin")
                .formParam("reason", " Worn, not faulty ")
                .post("/admin/returns/" + Fixtures.RETURN_ID + "/reject")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin"));
        assertThat(ServiceStubs.seen(ORDER, "POST", REJECT).body()).isEqualTo("{\"reason\":\"Worn, not faulty\"}");
    }

    @Test
    void aRejectionWithoutAReasonIsAskedAgainWithoutAskingTheOrderService() {
        returnsWaiting();
        SignedIn.form("admin", "/admin")
                .formParam("reason", "   ")
                .post("/admin/returns/" + Fixtures.RETURN_ID + "/reject")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">A reason is required to reject.</p>"),
                        containsString("id=\"admin-return-" + Fixtures.RETURN_ID + "\"")));
        assertThat(ServiceStubs.seen(ORDER, "POST", REJECT)).isNull();
    }

    @Test
    void aDecisionTheOrderServiceRefusesShowsItsReasonOnThePage() {
        returnsWaiting();
        ServiceStubs.answer(ORDER, "POST", APPROVE, 409, Fixtures.problem(409, "This return was already rejected."));
        SignedIn.form("admin", "/admin")
                .post("/admin/returns/" + Fixtures.RETURN_ID + "/approve")
                .then()
                .statusCode(409)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">This return was already rejected.</p>"),
                        containsString("<h2>Returns waiting for a decision</h2>")));
        ServiceStubs.answer(
                ORDER,
                "POST",
                REJECT,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"reason\",\"message\":\"is at most 500 characters\"}]}");
        SignedIn.form("admin", "/admin")
                .formParam("reason", "x".repeat(501))
                .post("/admin/returns/" + Fixtures.RETURN_ID + "/reject")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"error\" role=\"alert\">reason: is at most 500 characters</p>"));
    }

    @Test
    void aReturnTheOrderServiceDoesNotKnowOrAWrongIdIsNotFound() {
        returnsWaiting();
        ServiceStubs.answer(ORDER, "POST", APPROVE, 404, Fixtures.problem(404, "No return."));
        SignedIn.form("admin", "/admin")
                .post("/admin/returns/" + Fixtures.RETURN_ID + "/approve")
                .then()
                .statusCode(404)
                .body(allOf(containsString("Not found"), containsString("No such return waiting for a decision.")));
        for (String decision : new String[] {"approve", "reject"}) {
            SignedIn.form("admin", "/admin")
                    .formParam("reason", "Worn")
                    .post("/admin/returns/not-an-id/" + decision)
                    .then()
                    .statusCode(404)
                    .body(containsString("No such return waiting for a decision."));
        }
        assertThat(ServiceStubs.seen(ORDER, "POST", REJECT)).isNull();
    }

    @Test
    void aReturnsQueueTheOrderServiceCannotGiveIsSaidSoAndTheOtherQueuesStay() {
        ServiceStubs.answer(
                CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page(Fixtures.shop("PENDING_APPROVAL")));
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/products", 200, Fixtures.page());
        ServiceStubs.answer(ORDER, "GET", QUEUE, 503, Fixtures.problem(503, "Orders are not available right now."));
        SignedIn.as("admin")
                .get("/admin")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString(
                                "<p class=\"error\" id=\"returns-unavailable\">The returns could not be loaded: Orders "
                                        + "are not available right now.</p>"),
                        not(containsString("No returns waiting.")),
                        containsString("action=\"/admin/shops/" + Fixtures.SHOP_ID + "/approve\"")));
    }

    @Test
    void aSellerIsNotAnAdministrator() {
        SignedIn.as("bob")
                .get("/admin")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for administrators."));
    }

    @Test
    void aSellerMayNotDecideAnEscalatedReturn() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                OrderPageTest.DETAIL,
                200,
                Fixtures.detail("DELIVERED", "Stoneware mug", Fixtures.ADDRESS, "[]"));
        for (String decision : new String[] {"approve", "reject"}) {
            SignedIn.form("bob", OrderPageTest.PAGE)
                    .formParam("reason", "Worn")
                    .post("/admin/returns/" + Fixtures.RETURN_ID + "/" + decision)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
        }
        assertThat(ServiceStubs.seen(ORDER, "POST", APPROVE)).isNull();
        assertThat(ServiceStubs.seen(ORDER, "POST", REJECT)).isNull();
    }
}
