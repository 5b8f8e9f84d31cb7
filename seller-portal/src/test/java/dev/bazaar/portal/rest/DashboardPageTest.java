package dev.bazaar.portal.rest;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
import static dev.bazaar.portal.ServiceStubs.Service.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

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
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders", 200, "{\"items\":["
                + Fixtures.group("PAID", Instant.now(), 2_500) + ","
                + Fixtures.group("SHIPPED", Instant.now().minus(3, ChronoUnit.DAYS), 10_000) + "]}");
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, Fixtures.PAYOUTS);
        SignedIn.as("bob").get("/").then().statusCode(200).body(allOf(containsString("<h1>Bob&#39;s Mugs</h1>"),
                containsString("<p class=\"figure\" id=\"sales-today\">$25.00</p>"),
                containsString("<p class=\"figure\" id=\"sales-month\">$125.00</p>"),
                containsString("<p class=\"figure\" id=\"to-ship\">1</p>"),
                containsString("<p class=\"figure\" id=\"returns-waiting\">2</p>"),
                containsString("<dd id=\"available\">$19.99</dd>"), containsString("last one 2026-11-20"),
                containsString("aria-label=\"Signed in as\">bob</span>")));
        for (var call : new Object[][] {{CATALOG, "/api/v1/seller/shop"}, {ORDER, "/api/v1/seller/orders"},
                {PAYMENT, "/api/v1/seller/balance"}}) {
            assertThat(ServiceStubs.seen((ServiceStubs.Service) call[0], "GET", (String) call[1]).authorization())
                    .as("%s is called with the user's own access token", call[0]).startsWith("Bearer ey");
        }
    }

    @Test
    void aBalanceThePaymentServiceCannotGiveIsSaidSoAndTheRestStillShows() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("APPROVED"));
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders", 200, "{\"items\":[]}");
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 503, Fixtures.problem(503, "down"));
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, "[]");
        SignedIn.as("bob").get("/").then().statusCode(200).body(allOf(
                containsString("Your balance is not available right now."),
                containsString("after your first delivered sales clear the holding period"),
                containsString("id=\"sales-today\">$0.00</p>")));
    }

    @Test
    void aSellerWithoutAShopIsSentToOnboardingAndAPendingShopShowsItsStatus() {
        SignedIn.as("bob").get("/").then().statusCode(303).header("Location", endsWith("/onboarding"));
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("PENDING_APPROVAL"));
        SignedIn.as("bob").get("/").then().statusCode(200).body(allOf(
                containsString("<strong id=\"shop-status\">PENDING_APPROVAL</strong>"),
                containsString("An administrator reviews new shops")));
    }

    @Test
    void aServiceTooSlowToAnswerGivesTheErrorPageWithAReference() {
        ServiceStubs.answerLate(CATALOG, "GET", "/api/v1/seller/shop", 200, Fixtures.shop("APPROVED"), 6_000);
        SignedIn.as("bob").get("/").then().statusCode(500).body(allOf(containsString("Something went wrong"),
                containsString("Reference: <code>")));
    }

    @Test
    void anAdministratorGoesToTheQueuesAndABuyerIsPolitelyRefused() {
        SignedIn.as("admin").get("/").then().statusCode(303).header("Location", endsWith("/admin"));
        SignedIn.as("alice").get("/").then().statusCode(403).body(allOf(containsString("Not for you"),
                containsString("your account is neither")));
    }
}
