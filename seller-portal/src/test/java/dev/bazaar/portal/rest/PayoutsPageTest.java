package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.PAYMENT;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Balance, the payout account and what the provider still needs, the schedule, payout history. */
@QuarkusTest
class PayoutsPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void balanceAccountRequirementsAndHistoryAreShown() {
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, Fixtures.PAYOUTS);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payout-account", 200, Fixtures.ACCOUNT);
        SignedIn.as("bob")
                .get("/payouts")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<dt>Pending</dt><dd>$42.00</dd>"),
                        containsString("<dt>Paid out</dt><dd>$500.00</dd>"),
                        not(containsString("id=\"in-transit\"")),
                        containsString(
                                "Account <code>acct_sandbox_123</code> — waiting for verification; payouts are paused."),
                        containsString("<li>external_account</li>"),
                        containsString("id=\"continue-onboarding\""),
                        containsString("<tr><td>2026-11-20</td><td>$300.00</td><td>PAID</td></tr>")));
    }

    @Test
    void withoutAnAccountTheSellerIsOfferedToOpenOne() {
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, "[]");
        SignedIn.as("bob")
                .get("/payouts")
                .then()
                .statusCode(200)
                .body(allOf(containsString("action=\"/payouts/account\""), containsString("No payouts yet.")));
    }

    @Test
    void anAdministratorIsNotASeller() {
        SignedIn.as("admin")
                .get("/payouts")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
    }
}
