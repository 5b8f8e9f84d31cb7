package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
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

/** The landing page: a seller's dashboard, onboarding for a seller without a shop, the queues for an admin. */
@QuarkusTest
class DashboardPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aSellerWithAnApprovedShopSeesItsFiguresAndBalanceCalledWithTheirOwnToken() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("APPROVED"));
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders/summary", 200, Fixtures.SUMMARY);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, Fixtures.PAYOUTS);
        SignedIn.as("bob")
                .get("/")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h1>Bob&#39;s Mugs</h1>"),
                        containsString("<p class=\"figure\" id=\"sales-today\">$25.00</p>"),
                        containsString("<p class=\"figure\" id=\"sales-month\">$1234.50</p>"),
                        containsString("<p class=\"muted\" id=\"orders-month\">12 order(s)</p>"),
                        containsString("<p class=\"figure\" id=\"to-ship\">3</p>"),
                        containsString("<p class=\"figure\" id=\"returns-waiting\">1</p>"),
                        containsString("<dd id=\"available\">$19.99</dd>"),
                        containsString("last one 2026-11-20"),
                        containsString("aria-label=\"Signed in as\">bob</span>")));
        for (var call : new Object[][] {
            {CATALOG, "/api/v1/seller/shop"},
            {ORDER, "/api/v1/seller/orders/summary"},
            {PAYMENT, "/api/v1/seller/balance"}
        }) {
            assertThat(ServiceStubs.seen((ServiceStubs.Service) call[0], "GET", (String) call[1])
                            .authorization())
                    .as("%s is called with the user's own access token", call[0])
                    .startsWith("Bearer ey");
        }
        assertThat(ServiceStubs.seen(ORDER, "GET", "/api/v1/seller/orders"))
                .as("the figures are the order service's, not a sum over a page of the list")
                .isNull();
    }

    @Test
    void aBalanceThePaymentServiceCannotGiveIsSaidSoAndTheRestStillShows() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("APPROVED"));
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders/summary", 200, Fixtures.SUMMARY);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 503, Fixtures.problem(503, "down"));
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, "[]");
        SignedIn.as("bob")
                .get("/")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("Your balance is not available right now."),
                        containsString("after your first delivered sales clear the holding period"),
                        containsString("id=\"sales-today\">$25.00</p>")));
    }

    @Test
    void figuresTheOrderServiceCannotGiveAreSaidSoAndTheRestStillShows() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("APPROVED"));
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders/summary", 503, Fixtures.problem(503, "down"));
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, "[]");
        SignedIn.as("bob")
                .get("/")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<p id=\"figures-unavailable\">Your sales figures are not available right now."),
                        not(containsString("id=\"sales-today\"")),
                        containsString("<dd id=\"available\">$19.99</dd>")));
    }

    @Test
    void aSellerWithoutAShopIsSentToOnboardingAndAPendingShopShowsItsStatus() {
        SignedIn.as("bob").get("/").then().statusCode(303).header("Location", endsWith("/onboarding"));
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("PENDING_APPROVAL"));
        SignedIn.as("bob")
                .get("/")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<strong id=\"shop-status\">PENDING_APPROVAL</strong>"),
                        containsString("An administrator reviews new shops")));
    }

    @Test
    void aServiceTooSlowToAnswerGivesTheErrorPageWithAReference() {
        ServiceStubs.answerLate(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("APPROVED"), 6_000);
        SignedIn.as("bob")
                .get("/")
                .then()
                .statusCode(500)
                .body(allOf(containsString("Something went wrong"), containsString("Reference: <code>")));
    }

    @Test
    void anAdministratorGoesToTheQueuesAndABuyerToApplyToSell() {
        SignedIn.as("admin").get("/").then().statusCode(303).header("Location", endsWith("/admin"));
        SignedIn.as("alice").get("/").then().statusCode(303).header("Location", endsWith("/apply"));
    }

    void approvedShop() {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                "/api/v1/seller/shop",
                200,
                Fixtures.shop("APPROVED").replace("\"version\":1", "\"version\":1,\"returnWindowDays\":14"));
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders/summary", 200, Fixtures.SUMMARY);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, Fixtures.PAYOUTS);
    }

    @Test
    void aSellerSetsTheShopsReturnWindowWithTheirOwnToken() {
        approvedShop();
        SignedIn.as("bob")
                .get("/")
                .then()
                .statusCode(200)
                .body(
                        allOf(
                                containsString("<p id=\"return-window\">14 days after delivery."),
                                containsString(
                                        "name=\"returnWindowDays\" type=\"number\" min=\"0\" max=\"90\" required value=\"14\"")));
        ServiceStubs.answer(CATALOG, "PUT", "/api/v1/seller/shop/policy", 200, Fixtures.shop("APPROVED"));
        SignedIn.form("bob", "/")
                .formParam("returnWindowDays", " 7 ")
                .post("/shop/policy")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/"));
        var seen = ServiceStubs.seen(CATALOG, "PUT", "/api/v1/seller/shop/policy");
        assertThat(seen.body()).isEqualTo("{\"returnWindowDays\":7}");
        assertThat(seen.authorization()).startsWith("Bearer ey");
    }

    @Test
    void theCatalogsRefusalOfAWindowComesBackOnTheDashboardAsTyped() {
        approvedShop();
        ServiceStubs.answer(
                CATALOG,
                "PUT",
                "/api/v1/seller/shop/policy",
                400,
                "{\"status\":400,\"detail\":"
                        + "\"Invalid\",\"violations\":[{\"field\":\"returnWindowDays\",\"message\":\"is 0 to 90 days\"}]}");
        SignedIn.form("bob", "/")
                .formParam("returnWindowDays", "120")
                .post("/shop/policy")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("id=\"policy-error\">Return window: is 0 to 90 days</p>"),
                        containsString("required value=\"120\"")));
        SignedIn.form("bob", "/")
                .formParam("returnWindowDays", "two weeks")
                .post("/shop/policy")
                .then()
                .statusCode(400);
        assertThat(ServiceStubs.seen(CATALOG, "PUT", "/api/v1/seller/shop/policy")
                        .body())
                .as("not a number: the catalog is asked with none and says what is wrong")
                .isEqualTo("{\"returnWindowDays\":null}");
    }

    @Test
    void onlySellersSetAReturnPolicy() {
        approvedShop();
        ServiceStubs.answer(
                CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page(Fixtures.shop("PENDING_APPROVAL")));
        SignedIn.form("admin", "/admin")
                .formParam("returnWindowDays", "7")
                .post("/shop/policy")
                .then()
                .statusCode(403);
        assertThat(ServiceStubs.seen(CATALOG, "PUT", "/api/v1/seller/shop/policy"))
                .isNull();
    }
}
