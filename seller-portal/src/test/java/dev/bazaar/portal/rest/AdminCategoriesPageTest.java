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

/** Categories and their commission in the admin console: the tree, changes, schedules; admins only. */
@QuarkusTest
class AdminCategoriesPageTest {

    static final String HOME = "a1000000-0000-4000-8000-000000000001";
    static final String MUGS = "a1000000-0000-4000-8000-000000000002";
    static final String SCHEDULE_OLD = "b2000000-0000-4000-8000-000000000001";
    static final String SCHEDULE_NEXT = "b2000000-0000-4000-8000-000000000002";
    static final String TREE = """
            [{"id":"%s","slug":"home","name":"Home","path":"home","children":[
              {"id":"%s","slug":"mugs","name":"Mugs","path":"home/mugs","children":[]}]}]""".formatted(HOME, MUGS);
    static final String ADMIN = "/api/v1/admin/categories";
    static final String MUGS_COMMISSION = ADMIN + "/" + MUGS + "/commission";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/categories", 200, TREE);
        ServiceStubs.answer(CATALOG, "GET", ADMIN + "/" + HOME + "/commission", 200, """
                {"categoryId":"%s","fixedRateBps":1000,"asOf":"2026-12-05T10:00:00Z","schedules":[]}""".formatted(HOME));
        ServiceStubs.answer(CATALOG, "GET", MUGS_COMMISSION, 200, """
                {"categoryId":"%s","fixedRateBps":900,"asOf":"2026-12-05T10:00:00Z","schedules":[
                  {"id":"%s","effectiveFrom":"2026-11-01T00:00:00Z","baseRateBps":800,
                   "tiers":[{"aboveMinor":1000000,"rateBps":700},{"aboveMinor":5000000,"rateBps":600}],"inForce":true},
                  {"id":"%s","effectiveFrom":"2027-01-01T00:00:00Z","baseRateBps":750,"tiers":[],"inForce":false}]}""".formatted(MUGS, SCHEDULE_OLD, SCHEDULE_NEXT));
    }

    @Test
    void theTreeWithEachCategorysRate() {
        SignedIn.as("admin")
                .get("/admin/categories")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td><a href=\"/admin/categories/" + HOME + "\">Home</a></td>"),
                        containsString("<td>— <a href=\"/admin/categories/" + MUGS + "\">Mugs</a></td>"),
                        containsString("<td>10.00 %</td>"),
                        containsString(
                                "schedule from 2026-11-01: 8.00 % → 7.00 % above $10,000.00 → 6.00 % above $50,000.00"),
                        containsString("<td>the fixed rate</td>"),
                        containsString("<option value=\"" + MUGS + "\">— Mugs</option>")));
    }

    @Test
    void aCategoryIsAddedWithItsRateInBasisPoints() {
        ServiceStubs.answer(CATALOG, "POST", ADMIN, 201, """
                {"id":"%s","slug":"cups","name":"Cups","path":"home/cups","commissionRateBps":825}""".formatted(MUGS));
        SignedIn.form("admin", "/admin/categories")
                .formParam("parentId", HOME)
                .formParam("slug", "cups")
                .formParam("name", " Cups ")
                .formParam("rate", "8.25")
                .post("/admin/categories")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/categories?done=created"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", ADMIN).body())
                .isEqualTo("{\"parentId\":\"" + HOME
                        + "\",\"slug\":\"cups\",\"name\":\"Cups\",\"commissionRateBps\":825}");
        SignedIn.as("admin")
                .queryParam("done", "created")
                .get("/admin/categories")
                .then()
                .body(containsString("Category added."));
    }

    @Test
    void aRateWithAFractionOfABasisPointIsAskedAgainWithoutTheCatalog() {
        SignedIn.form("admin", "/admin/categories")
                .formParam("slug", "cups")
                .formParam("name", "Cups")
                .formParam("rate", "8.125")
                .post("/admin/categories")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("must be a whole number of basis points: at most two decimals (7.25 %)"),
                        containsString("value=\"cups\"")));
        assertThat(ServiceStubs.seen(CATALOG, "POST", ADMIN)).isNull();
    }

    @Test
    void aTakenSlugShowsTheCatalogsReason() {
        ServiceStubs.answer(CATALOG, "POST", ADMIN, 409, Fixtures.problem(409, "The slug cups is taken."));
        SignedIn.form("admin", "/admin/categories")
                .formParam("slug", "cups")
                .formParam("name", "Cups")
                .formParam("rate", "8")
                .post("/admin/categories")
                .then()
                .statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\">The slug cups is taken.</p>"));
    }

    @Test
    void aCategoryShowsItsSchedulesWithTheOneInForceAndWithdrawForAFutureOne() {
        SignedIn.as("admin")
                .get("/admin/categories/" + MUGS)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h1>Mugs</h1>"),
                        containsString("Fixed rate <strong id=\"fixed-rate\">9.00 %</strong>."),
                        containsString("<tr id=\"schedule-" + SCHEDULE_OLD + "\" class=\"in-force\">"),
                        containsString("above $10,000.00 → 7.00 %; above $50,000.00 → 6.00 %"),
                        containsString("<strong>in force</strong>"),
                        containsString(
                                "action=\"/admin/categories/" + MUGS + "/schedules/" + SCHEDULE_NEXT + "/withdraw\""),
                        not(containsString("/schedules/" + SCHEDULE_OLD + "/withdraw")),
                        containsString("none (a flat rate)"),
                        not(containsString("<option value=\"" + MUGS + "\""))));
    }

    @Test
    void aScheduleIsAddedInCentsAndBasisPoints() {
        ServiceStubs.answer(CATALOG, "POST", MUGS_COMMISSION, 201, """
                {"id":"%s","effectiveFrom":"2027-01-01T00:00:00Z","baseRateBps":800,"tiers":[],"inForce":false}""".formatted(SCHEDULE_NEXT));
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .formParam("effectiveFrom", "2027-01-01T00:00")
                .formParam("baseRate", "8")
                .formParam("tier1Above", "10,000")
                .formParam("tier1Rate", "7")
                .formParam("tier2Above", "50000.01")
                .formParam("tier2Rate", "6.5")
                .formParam("tier3Above", "")
                .formParam("tier3Rate", "")
                .post("/admin/categories/" + MUGS + "/schedules")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/categories/" + MUGS + "?done=added"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", MUGS_COMMISSION).body())
                .isEqualTo(
                        "{\"effectiveFrom\":\"2027-01-01T00:00:00Z\",\"baseRateBps\":800,\"tiers\":[{\"aboveMinor\":1000000,"
                                + "\"rateBps\":700},{\"aboveMinor\":5000001,\"rateBps\":650}]}");
    }

    @Test
    void aFractionOfACentIsRefusedAndTheCatalogsRefusalShown() {
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .formParam("baseRate", "8")
                .formParam("tier1Above", "10000.005")
                .formParam("tier1Rate", "7")
                .post("/admin/categories/" + MUGS + "/schedules")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("tier 1 above: must be whole cents: at most two decimals"),
                        containsString("value=\"10000.005\"")));
        assertThat(ServiceStubs.seen(CATALOG, "POST", MUGS_COMMISSION)).isNull();

        ServiceStubs.answer(
                CATALOG,
                "POST",
                MUGS_COMMISSION,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"tiers[1].rateBps\",\"message\":\"rates never go up\"}]}");
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .formParam("baseRate", "8")
                .formParam("tier1Above", "100")
                .formParam("tier1Rate", "7")
                .formParam("tier2Above", "200")
                .formParam("tier2Rate", "9")
                .post("/admin/categories/" + MUGS + "/schedules")
                .then()
                .statusCode(400)
                .body(containsString("<p class=\"error\" role=\"alert\">tiers[1].rateBps: rates never go up</p>"));
    }

    @Test
    void aScheduleInForceIsNotWithdrawnAndSaysWhy() {
        String one = MUGS_COMMISSION + "/" + SCHEDULE_NEXT;
        ServiceStubs.answer(CATALOG, "DELETE", one, 204, "");
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .post("/admin/categories/" + MUGS + "/schedules/" + SCHEDULE_NEXT + "/withdraw")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/categories/" + MUGS + "?done=withdrawn"));
        assertThat(ServiceStubs.seen(CATALOG, "DELETE", one)).isNotNull();
        ServiceStubs.answer(
                CATALOG,
                "DELETE",
                one,
                409,
                Fixtures.problem(409, "This schedule is in force: add a later one instead."));
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .post("/admin/categories/" + MUGS + "/schedules/" + SCHEDULE_NEXT + "/withdraw")
                .then()
                .statusCode(409)
                .body(containsString(
                        "<p class=\"error\" role=\"alert\">This schedule is in force: add a later one instead.</p>"));
    }

    @Test
    void aCategoryIsRenamedMovedOrGivenANewRateAndBlankFieldsStay() {
        ServiceStubs.answer(CATALOG, "PATCH", ADMIN + "/" + MUGS, 200, """
                {"id":"%s","slug":"mugs","name":"Cups & mugs","path":"home/mugs","commissionRateBps":850}""".formatted(MUGS));
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .formParam("name", "Cups & mugs")
                .formParam("rate", "8.5")
                .formParam("parentId", "")
                .post("/admin/categories/" + MUGS)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/categories/" + MUGS + "?done=changed"));
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", ADMIN + "/" + MUGS).body())
                .isEqualTo("{\"name\":\"Cups & mugs\",\"commissionRateBps\":850}");

        ServiceStubs.answer(
                CATALOG,
                "PATCH",
                ADMIN + "/" + MUGS,
                409,
                Fixtures.problem(409, "This category lists products: it cannot move."));
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .formParam("parentId", HOME)
                .post("/admin/categories/" + MUGS)
                .then()
                .statusCode(409)
                .body(containsString("This category lists products: it cannot move."));
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", ADMIN + "/" + MUGS).body())
                .isEqualTo("{\"parentId\":\"" + HOME + "\"}");
        SignedIn.form("admin", "/admin/categories/" + MUGS)
                .post("/admin/categories/" + MUGS)
                .then()
                .statusCode(400)
                .body(containsString("Nothing to change"));
    }

    @Test
    void anUnknownCategoryIsNotFound() {
        SignedIn.as("admin")
                .get("/admin/categories/" + "c3000000-0000-4000-8000-000000000009")
                .then()
                .statusCode(404);
        SignedIn.as("admin").get("/admin/categories/not-an-id").then().statusCode(404);
    }

    @Test
    void aSellerOrABuyerMayNotKeepCategories() {
        for (String page : new String[] {"/admin/categories", "/admin/categories/" + MUGS}) {
            SignedIn.as("bob")
                    .get(page)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
            SignedIn.as("alice").get(page).then().statusCode(403);
        }
        for (String user : new String[] {"bob", "alice"}) {
            SignedIn.form(user, "admin", "/admin/categories")
                    .formParam("slug", "x")
                    .formParam("name", "X")
                    .formParam("rate", "1")
                    .post("/admin/categories")
                    .then()
                    .statusCode(403);
            SignedIn.form(user, "admin", "/admin/categories")
                    .formParam("name", "X")
                    .post("/admin/categories/" + MUGS)
                    .then()
                    .statusCode(403);
            SignedIn.form(user, "admin", "/admin/categories")
                    .formParam("baseRate", "1")
                    .post("/admin/categories/" + MUGS + "/schedules")
                    .then()
                    .statusCode(403);
            SignedIn.form(user, "admin", "/admin/categories")
                    .post("/admin/categories/" + MUGS + "/schedules/" + SCHEDULE_NEXT + "/withdraw")
                    .then()
                    .statusCode(403);
        }
        assertThat(ServiceStubs.seen(CATALOG, "POST", ADMIN)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", ADMIN + "/" + MUGS)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "POST", MUGS_COMMISSION)).isNull();
        assertThat(ServiceStubs.seen(CATALOG, "DELETE", MUGS_COMMISSION + "/" + SCHEDULE_NEXT))
                .isNull();
    }
}
