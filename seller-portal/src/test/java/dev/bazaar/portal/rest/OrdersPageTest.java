package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shop's order groups: a page at a time, filtered in a GET form whose values survive paging, each row linking to
 * its order's page.
 */
@QuarkusTest
class OrdersPageTest {

    static final String LIST = "/api/v1/seller/orders";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aPageOfGroupsLinksEachOrderAndSaysWhereItIsAmongAll() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                LIST,
                200,
                Fixtures.groups(0, 20, 45, Fixtures.group("PAID", Instant.parse("2026-12-01T09:30:00Z"), 4_500)));
        SignedIn.as("bob")
                .get("/orders")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<tr id=\"order-" + Fixtures.ORDER_ID + "\" class=\"needs-action\">"),
                        containsString("<td><a href=\"/orders/" + Fixtures.ORDER_ID + "\">c0ffee00</a>"),
                        containsString("<td>2026-12-01</td>"),
                        containsString("<td class=\"group-status\">PAID</td>"),
                        containsString("<td>$45.00</td>"),
                        containsString("<span id=\"page-of\">Page 1 of 3</span>"),
                        containsString("<span id=\"order-total\">45 order(s)</span>"),
                        containsString("<a href=\"/orders?page=1\" rel=\"next\" id=\"next-page\">Next</a>"),
                        not(containsString("id=\"previous-page\"")),
                        not(containsString("action=\"/orders/" + Fixtures.ORDER_ID + "/ship\""))));
        assertThat(ServiceStubs.seen(ORDER, "GET", LIST).query())
                .as("no filter: only the page is asked for")
                .isEqualTo("page=0&size=20");
    }

    @Test
    void theFiltersReachTheOrderServiceAndSurvivePaging() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                LIST,
                200,
                Fixtures.groups(1, 20, 45, Fixtures.group("PAID", Instant.parse("2026-11-15T09:30:00Z"), 4_500)));
        SignedIn.as("bob")
                .queryParam("status", "PAID")
                .queryParam("from", "2026-11-01")
                .queryParam("to", "2026-12-01")
                .queryParam("needsAction", "true")
                .queryParam("page", "1")
                .get("/orders")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<option value=\"PAID\" selected>PAID</option>"),
                        containsString("<input id=\"from\" name=\"from\" type=\"date\" value=\"2026-11-01\">"),
                        containsString("<input id=\"to\" name=\"to\" type=\"date\" value=\"2026-12-01\">"),
                        containsString("name=\"needsAction\" value=\"true\" checked>"),
                        containsString("<span id=\"page-of\">Page 2 of 3</span>"),
                        containsString("<a href=\"/orders?status=PAID&amp;from=2026-11-01&amp;to=2026-12-01"
                                + "&amp;needsAction=true\" rel=\"prev\" id=\"previous-page\">Previous</a>"),
                        containsString("<a href=\"/orders?status=PAID&amp;from=2026-11-01&amp;to=2026-12-01"
                                + "&amp;needsAction=true&amp;page=2\" rel=\"next\" id=\"next-page\">Next</a>")));
        assertThat(ServiceStubs.seen(ORDER, "GET", LIST).query().split("&"))
                .containsExactlyInAnyOrder(
                        "status=PAID", "from=2026-11-01", "to=2026-12-01", "needsAction=true", "page=1", "size=20");
    }

    @Test
    void partlyShippedGroupsCanBeListedOnTheirOwn() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                LIST,
                200,
                Fixtures.groups(
                        0, 20, 1, Fixtures.group("PARTIALLY_SHIPPED", Instant.parse("2026-12-01T09:30:00Z"), 4_500)));
        SignedIn.as("bob")
                .queryParam("status", "partially_shipped")
                .get("/orders")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<option value=\"PARTIALLY_SHIPPED\" selected>Partly shipped</option>"),
                        containsString("<option value=\"PAID\" >PAID</option>"),
                        containsString("<td class=\"group-status\">Partly shipped</td>")));
        assertThat(ServiceStubs.seen(ORDER, "GET", LIST).query().split("&"))
                .containsExactlyInAnyOrder("status=PARTIALLY_SHIPPED", "page=0", "size=20");
    }

    @Test
    void filtersThatCannotBeRightAreSaidOnThePageWithoutAskingTheService() {
        SignedIn.as("bob")
                .queryParam("from", "2026-12-02")
                .queryParam("to", "2026-12-01")
                .get("/orders")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">The start date "
                                + "2026-12-02 is after the end date 2026-12-01.</p>"),
                        containsString("value=\"2026-12-02\""),
                        containsString("No orders match these filters.")));
        SignedIn.as("bob")
                .queryParam("from", "12/01/2026")
                .queryParam("status", "LOST")
                .queryParam("page", "-3")
                .get("/orders")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("Status must be one of PLACED, PAID, PARTIALLY_SHIPPED, SHIPPED, DELIVERED, "
                                + "CANCELLED."),
                        containsString("The start date must be a date written yyyy-MM-dd (e.g. 2026-12-01), not "
                                + "12/01/2026."),
                        containsString("The page must be a whole number from 0.")));
        assertThat(ServiceStubs.seen(ORDER, "GET", LIST))
                .as("the order service is not asked")
                .isNull();
    }

    @Test
    void aFilterTheOrderServiceRefusesShowsItsReason() {
        ServiceStubs.answer(ORDER, "GET", LIST, 400, Fixtures.problem(400, "The range may span at most a year."));
        SignedIn.as("bob")
                .queryParam("from", "2020-01-01")
                .queryParam("to", "2026-12-01")
                .get("/orders")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">The range may span at most a year.</p>"),
                        containsString("value=\"2020-01-01\""),
                        not(containsString("id=\"page-of\""))));
        ServiceStubs.answer(
                ORDER,
                "GET",
                LIST,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"to\",\"message\":\"must not be in the future\"}]}");
        SignedIn.as("bob")
                .queryParam("to", "2099-01-01")
                .get("/orders")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"error\" role=\"alert\">to: must not be in the future</p>"));
    }

    @Test
    void anOrderServiceThatFailsIsSaidSo() {
        ServiceStubs.answer(ORDER, "GET", LIST, 503, Fixtures.problem(503, "Orders are not available right now."));
        SignedIn.as("bob")
                .get("/orders")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">Orders are not available right now.</p>"),
                        containsString("No orders yet.")));
    }

    @Test
    void aScriptInATitleOrAFilterIsShownAsText() {
        SignedIn.as("bob")
                .queryParam("from", "<script>alert(1)</script>")
                .get("/orders")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        not(containsString("<script>alert(1)"))));
    }

    @Test
    void aBuyerOrAnAdministratorIsNotASeller() {
        SignedIn.as("alice")
                .get("/orders")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
        SignedIn.as("admin")
                .get("/orders")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
        assertThat(ServiceStubs.seen(ORDER, "GET", LIST)).isNull();
    }
}
