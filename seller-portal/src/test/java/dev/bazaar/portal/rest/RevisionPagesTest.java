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
 * Changes to a live product wait for review (#26): the seller sees them on the product's page (waiting, or refused with
 * the reason) and can withdraw them; the admins' queue shows each change field by field, the category by its path,
 * with approve and reject. Only administrators decide.
 */
@QuarkusTest
class RevisionPagesTest {

    static final String REVISION = "/api/v1/seller/products/" + Fixtures.PRODUCT_ID + "/revision";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/categories", 200, Fixtures.CATEGORIES);
    }

    static String revision(String status, String reason) {
        return """
                {"productId":"%s","shopId":"%s","status":"%s","submittedAt":"2026-12-05T10:00:00Z","decidedAt":null,
                 "reason":%s,"changed":["title","categoryId"],
                 "live":{"title":"Stoneware mug","description":"","categoryId":"22222222-2222-4222-8222-222222222222",
                   "brand":null,"tags":[],"attributes":{},"media":[]},
                 "proposed":{"title":"Glazed <b>mug</b>","description":"","categoryId":"11111111-1111-4111-8111-111111111111",
                   "brand":null,"tags":[],"attributes":{},"media":[]}}""".formatted(
                        Fixtures.PRODUCT_ID, Fixtures.SHOP_ID, status, reason == null ? "null" : Fixtures.json(reason));
    }

    @Test
    void theSellerSeesTheChangesWaitingAndWithdrawsThem() {
        ServiceStubs.answer(
                CATALOG, "GET", "/api/v1/seller/products/" + Fixtures.PRODUCT_ID, 200, Fixtures.product("ACTIVE"));
        ServiceStubs.answer(CATALOG, "GET", REVISION, 200, revision("PENDING", null));
        String page = "/products/" + Fixtures.PRODUCT_ID;
        SignedIn.as("bob")
                .get(page)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h2>Changes waiting for review</h2>"),
                        containsString("<tr class=\"change-title\"><th scope=\"row\">Title</th><td>Stoneware mug</td>"
                                + "<td>Glazed &lt;b&gt;mug&lt;/b&gt;</td></tr>"),
                        containsString(
                                "<tr class=\"change-categoryId\"><th scope=\"row\">Category</th><td>home › mugs</td>"
                                        + "<td>home</td></tr>"),
                        containsString("changes to its details wait for an admin's review")));

        ServiceStubs.answer(CATALOG, "DELETE", REVISION, 204, "");
        SignedIn.form("bob", page)
                .post(page + "/revision/withdraw")
                .then()
                .statusCode(303)
                .header("Location", endsWith(page));
        assertThat(ServiceStubs.seen(CATALOG, "DELETE", REVISION).authorization())
                .startsWith("Bearer ey");
    }

    @Test
    void aRefusedRevisionShowsTheReasonAndNoRevisionShowsNothing() {
        ServiceStubs.answer(
                CATALOG, "GET", "/api/v1/seller/products/" + Fixtures.PRODUCT_ID, 200, Fixtures.product("ACTIVE"));
        ServiceStubs.answer(CATALOG, "GET", REVISION, 200, revision("REJECTED", "A mug is not a book."));
        SignedIn.as("bob")
                .get("/products/" + Fixtures.PRODUCT_ID)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h2>Changes not approved</h2>"),
                        containsString("The reviewer's reason: A mug is not a book.")));

        ServiceStubs.answer(CATALOG, "GET", REVISION, 404, Fixtures.problem(404, "No changes waiting."));
        SignedIn.as("bob")
                .get("/products/" + Fixtures.PRODUCT_ID)
                .then()
                .statusCode(200)
                .body(not(containsString("id=\"revision\"")));
    }

    @Test
    void anAdministratorSeesEachChangeAndApprovesOrRejects() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page());
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/products", 200, Fixtures.page());
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/revisions", 200, Fixtures.page(revision("PENDING", null)));
        SignedIn.as("admin")
                .get("/admin")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<div class=\"review\" id=\"revision-" + Fixtures.PRODUCT_ID + "\">"),
                        containsString("<td><del>home › mugs</del></td><td><ins>home</ins></td>"),
                        containsString(
                                "<td><del>Stoneware mug</del></td><td><ins>Glazed &lt;b&gt;mug&lt;/b&gt;</ins></td>"),
                        containsString("action=\"/admin/revisions/" + Fixtures.PRODUCT_ID + "/approve\""),
                        containsString("action=\"/admin/revisions/" + Fixtures.PRODUCT_ID + "/reject\"")));
        assertThat(ServiceStubs.seen(CATALOG, "GET", "/api/v1/admin/revisions").query())
                .isEqualTo("status=PENDING&size=50");

        String approve = "/api/v1/admin/revisions/" + Fixtures.PRODUCT_ID + "/approve";
        ServiceStubs.answer(CATALOG, "POST", approve, 200, Fixtures.product("ACTIVE"));
        SignedIn.form("admin", "/admin")
                .post("/admin/revisions/" + Fixtures.PRODUCT_ID + "/approve")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", approve).authorization()).startsWith("Bearer ey");

        String reject = "/api/v1/admin/revisions/" + Fixtures.PRODUCT_ID + "/reject";
        ServiceStubs.answer(CATALOG, "POST", reject, 200, revision("REJECTED", "No."));
        SignedIn.form("admin", "/admin")
                .formParam("reason", "Keep it under Mugs.")
                .post("/admin/revisions/" + Fixtures.PRODUCT_ID + "/reject")
                .then()
                .statusCode(303);
        assertThat(ServiceStubs.seen(CATALOG, "POST", reject).body()).contains("Keep it under Mugs.");
    }

    @Test
    void aSellerCannotDecideOnChanges() {
        SignedIn.form("bob", "/products/new")
                .post("/admin/revisions/" + Fixtures.PRODUCT_ID + "/approve")
                .then()
                .statusCode(403);
        assertThat(ServiceStubs.seen(CATALOG, "POST", "/api/v1/admin/revisions/" + Fixtures.PRODUCT_ID + "/approve"))
                .isNull();
    }
}
