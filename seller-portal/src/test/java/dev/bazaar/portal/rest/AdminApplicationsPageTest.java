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
 * The admins' queue of applications to sell (#27): the catalog's PENDING list with the admin's token, approve, or
 * reject with a reason; administrators only.
 */
@QuarkusTest
class AdminApplicationsPageTest {

    static final String QUEUE = "/api/v1/admin/seller-applications";
    static final String APPROVE = QUEUE + "/" + ApplyPageTest.APPLICATION_ID + "/approve";
    static final String REJECT = QUEUE + "/" + ApplyPageTest.APPLICATION_ID + "/reject";

    static void waiting() {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                QUEUE,
                200,
                "{\"items\":[" + ApplyPageTest.application("PENDING", null) + "],\"page\":0,\"size\":50,\"total\":3}");
    }

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void anAdministratorSeesThePendingApplicationsWithTheirDecisions() {
        waiting();
        String id = ApplyPageTest.APPLICATION_ID;
        SignedIn.as("admin")
                .get("/admin/applications")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<a href=\"/admin/applications\">Applications</a>"),
                        containsString("<section class=\"card review\" id=\"application-" + id + "\">"),
                        containsString("<strong>Alice&#39;s Jams</strong> (FR) · applicant <strong>alice</strong> · "
                                + "alice@example.com"),
                        containsString("action=\"/admin/applications/" + id + "/approve\""),
                        containsString("<input id=\"application-reason-" + id + "\" name=\"reason\" maxlength=\"500\" "
                                + "required>"),
                        containsString("<p id=\"applications-more\">2 more waiting")));
        ServiceStubs.Seen asked = ServiceStubs.seen(CATALOG, "GET", QUEUE);
        assertThat(asked.query()).isEqualTo("status=PENDING&page=0&size=50");
        assertThat(asked.authorization()).startsWith("Bearer ey");
    }

    @Test
    void anAdministratorApprovesOrRejectsWithAReasonAndIsBackAtTheQueue() {
        waiting();
        ServiceStubs.answer(CATALOG, "POST", APPROVE, 200, ApplyPageTest.application("APPROVED", null));
        SignedIn.form("admin", "/admin/applications")
                .post("/admin/applications/" + ApplyPageTest.APPLICATION_ID + "/approve")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/applications"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", APPROVE).authorization()).startsWith("Bearer ey");

        ServiceStubs.answer(CATALOG, "POST", REJECT, 200, ApplyPageTest.application("REJECTED", "No"));
        SignedIn.form("admin", "/admin/applications")
                .formParam("reason", " Tell us what you sell ")
                .post("/admin/applications/" + ApplyPageTest.APPLICATION_ID + "/reject")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/applications"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", REJECT).body())
                .isEqualTo("{\"reason\":\"Tell us what you sell\"}");
    }

    @Test
    void aRejectionWithoutAReasonIsAskedAgainAndAnUnavailableIdentityProviderShowsWhy() {
        waiting();
        SignedIn.form("admin", "/admin/applications")
                .formParam("reason", " ")
                .post("/admin/applications/" + ApplyPageTest.APPLICATION_ID + "/reject")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"error\" role=\"alert\">A reason is required to reject.</p>"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", REJECT)).isNull();

        ServiceStubs.answer(
                CATALOG,
                "POST",
                APPROVE,
                503,
                Fixtures.problem(
                        503,
                        "The identity provider could not grant the seller role; the application is still PENDING."));
        SignedIn.form("admin", "/admin/applications")
                .post("/admin/applications/" + ApplyPageTest.APPLICATION_ID + "/approve")
                .then()
                .statusCode(502)
                .body(containsString("the application is still PENDING."));
        SignedIn.form("admin", "/admin/applications")
                .post("/admin/applications/not-an-id/approve")
                .then()
                .statusCode(404)
                .body(containsString("No such application."));
    }

    @Test
    void withTheCatalogDownTheQueueSaysSo() {
        ServiceStubs.down(CATALOG, "GET", QUEUE);
        SignedIn.as("admin")
                .get("/admin/applications")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("id=\"applications-unavailable\""),
                        not(containsString("No applications waiting."))));
    }

    @Test
    void aSellerOrABuyerMayNotDecide() {
        for (String user : new String[] {"bob", "alice"}) {
            SignedIn.as(user)
                    .get("/admin/applications")
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
        }
        ApplyPageTest.mine();
        for (String decision : new String[] {"approve", "reject"}) {
            SignedIn.form("alice", "/apply")
                    .formParam("reason", "x")
                    .post("/admin/applications/" + ApplyPageTest.APPLICATION_ID + "/" + decision)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
        }
        assertThat(ServiceStubs.seen(CATALOG, "GET", QUEUE)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "POST", APPROVE)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "POST", REJECT)).isNull();
    }
}
