package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
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
 * "Apply to sell" (#27): a signed-in buyer is sent here instead of being refused, applies with the form (the catalog
 * checks it, with the buyer's own token), then sees the application's status or the reason it was rejected.
 */
@QuarkusTest
class ApplyPageTest {

    static final String MINE = "/api/v1/seller-applications/mine";
    static final String APPLY = "/api/v1/seller-applications";
    static final String APPLICATION_ID = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

    static String application(String status, String reason) {
        return "{\"id\":\"" + APPLICATION_ID + "\",\"applicant\":\"x\",\"applicantName\":\"alice\","
                + "\"shopName\":\"Alice's Jams\",\"country\":\"FR\",\"contactEmail\":\"alice@example.com\","
                + "\"contactPhone\":null,\"message\":\"Jam\",\"status\":\"" + status + "\",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + ",\"decidedBy\":null,\"decidedAt\":null,"
                + "\"createdAt\":\"2026-12-05T10:00:00Z\"}";
    }

    static void mine(String... applications) {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                MINE,
                200,
                "{\"items\":[" + String.join(",", applications) + "],\"page\":0,\"size\":1,\"total\":"
                        + applications.length + "}");
    }

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aBuyerIsSentToApplyInsteadOfBeingRefusedAndGetsTheForm() {
        mine();
        SignedIn.as("alice").get("/").then().statusCode(303).header("Location", endsWith("/apply"));
        SignedIn.as("alice")
                .get("/apply")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<a href=\"/apply\">Apply to sell</a>"),
                        containsString("<form method=\"post\" action=\"/apply\" id=\"apply-form\">"),
                        containsString("name=\"csrf-token\""),
                        containsString("value=\"US\""),
                        not(containsString("id=\"application-status\""))));
        assertThat(ServiceStubs.seen(CATALOG, "GET", MINE).authorization()).startsWith("Bearer ey");
    }

    @Test
    void applyingSendsTheFormToTheCatalogAndShowsThePendingApplication() {
        mine();
        ServiceStubs.answer(CATALOG, "POST", APPLY, 201, application("PENDING", null));
        SignedIn.form("alice", "/apply")
                .formParam("shopName", " Alice's Jams ")
                .formParam("country", " fr ")
                .formParam("contactEmail", "alice@example.com")
                .formParam("contactPhone", " ")
                .formParam("message", "Jam")
                .post("/apply")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/apply"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", APPLY).body())
                .isEqualTo(
                        "{\"shopName\":\"Alice's Jams\","
                                + "\"country\":\"FR\",\"contactEmail\":\"alice@example.com\",\"contactPhone\":null,\"message\":\"Jam\"}");

        mine(application("PENDING", null));
        SignedIn.as("alice")
                .get("/apply")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h2>Your application: Alice&#39;s Jams</h2>"),
                        containsString("<strong id=\"application-status\">PENDING</strong>"),
                        not(containsString("id=\"apply-form\""))));
    }

    @Test
    void aRejectedApplicationShowsItsReasonAndTheFormAgain() {
        mine(application("REJECTED", "Tell us what you sell"));
        SignedIn.as("alice")
                .get("/apply")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<strong id=\"application-status\">REJECTED</strong>"),
                        containsString("<strong id=\"application-reason\">Tell us what you sell</strong>"),
                        containsString("id=\"apply-form\"")));
    }

    @Test
    void theCatalogsRefusalsComeBackNextToTheFieldsWithTheFormRefilled() {
        mine();
        ServiceStubs.answer(
                CATALOG,
                "POST",
                APPLY,
                400,
                "{\"status\":400,\"detail\":\"Invalid\","
                        + "\"violations\":[{\"field\":\"contactEmail\",\"message\":\"is an email address\"}]}");
        SignedIn.form("alice", "/apply")
                .formParam("shopName", "Jams")
                .formParam("country", "FR")
                .formParam("contactEmail", "nope")
                .post("/apply")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" id=\"contactEmail-error\">is an email address</p>"),
                        containsString("value=\"Jams\""),
                        containsString("value=\"nope\"")));

        ServiceStubs.answer(CATALOG, "POST", APPLY, 409, Fixtures.problem(409, "You already have an application."));
        SignedIn.form("alice", "/apply")
                .formParam("shopName", "Jams")
                .formParam("country", "FR")
                .formParam("contactEmail", "a@example.com")
                .post("/apply")
                .then()
                .statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\" id=\"apply-error\">You already have an "
                        + "application.</p>"));
    }

    @Test
    void aSellerHasNothingToApplyFor() {
        SignedIn.as("bob").get("/apply").then().statusCode(303).header("Location", endsWith("/"));
        assertThat(ServiceStubs.seen(CATALOG, "GET", MINE)).isNull();
    }
}
