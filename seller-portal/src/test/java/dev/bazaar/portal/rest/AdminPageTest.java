package dev.bazaar.portal.rest;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** The review queues: shops awaiting approval and products awaiting review, for administrators only. */
@QuarkusTest
class AdminPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void anAdministratorSeesBothQueuesWithTheirDecisions() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page(Fixtures.shop("PENDING_APPROVAL")));
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/products", 200,
                Fixtures.page(Fixtures.product("PENDING_REVIEW")));
        SignedIn.as("admin").get("/admin").then().statusCode(200).body(allOf(
                containsString("<p><strong>Bob&#39;s Mugs</strong> (bobs-mugs, US) — Hand-thrown mugs</p>"),
                containsString("action=\"/admin/shops/" + Fixtures.SHOP_ID + "/approve\""),
                containsString("<p><strong>Stoneware mug</strong> — 1 variant(s)</p>"),
                containsString("action=\"/admin/products/" + Fixtures.PRODUCT_ID + "/reject\"")));
        assertThat(ServiceStubs.seen(CATALOG, "GET", "/api/v1/admin/shops").authorization()).startsWith("Bearer ey");
    }

    @Test
    void emptyQueuesSaySo() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page());
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/products", 200, Fixtures.page());
        SignedIn.as("admin").get("/admin").then().statusCode(200).body(allOf(containsString("No shops waiting."),
                containsString("No products waiting.")));
    }

    @Test
    void aSellerIsNotAnAdministrator() {
        SignedIn.as("bob").get("/admin").then().statusCode(403)
                .body(containsString("This part of the portal is for administrators."));
    }
}
