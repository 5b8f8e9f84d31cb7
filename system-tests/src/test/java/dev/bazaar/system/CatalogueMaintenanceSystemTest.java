package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sellers keep their catalogue up to date while buyers shop (#26), on the packaged platform: what a seller changes
 * reaches the carts that hold it, through catalog.product-events and the cart's product cache; changes to a live
 * product's content wait for an admin (search keeps the approved version, checkout the approved category's
 * commission); a take-down leaves search within 5 s and a restore brings the product back.
 */
class CatalogueMaintenanceSystemTest {

    static final String BUYER = "load131";
    /** The seeded "Books" category: 800 bps, below Kitchen's (deterministic id from the catalog's migration). */
    static final String BOOKS = "14ec570f-4aed-5951-8c21-9db46d1ccd18";
    /**
     * Words only this run's titles have, so a search finds exactly them: random, each with its own first letter (search
     * is fuzzy, but never on the first letter).
     */
    static final String KETTLE = word("k");

    static final String HAMMERED = word("h");
    static final String PAN = word("p");

    static Platform platform;
    static Marketplace market;
    static Listing teapot;

    @BeforeAll
    static void aLiveProduct() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        teapot = market.listing("bob", market.approvedShop("bob", "Bob Teapots"), "Cast iron teapot", 3_900, 25, 1_200);
    }

    @Test
    void aSellersPriceChangeReachesTheBuyersCartWithAWarningWithinFiveSeconds() {
        market.cart(BUYER, Map.of(teapot.variantId(), 2));
        JsonPath before = cart();
        assertThat(before.getInt("items[0].unitPrice.amount")).isEqualTo(3_900);
        assertThat(before.getList("warnings")).isEmpty();

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of(
                        "price",
                        Map.of("amount", 3_500, "currency", "USD"),
                        "compareAtPrice",
                        Map.of("amount", 3_900, "currency", "USD")))
                .when()
                .patch(market.url(Service.CATALOG, "/api/v1/seller/variants/" + teapot.variantId()))
                .then()
                .statusCode(200);
        long changed = System.nanoTime();

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> cart().getInt("items[0].unitPrice.amount") == 3_500);
        System.out.printf(
                "[catalogue] the new price reached the cart after %.2f s%n", (System.nanoTime() - changed) / 1e9);
        JsonPath after = cart();
        assertThat(after.getInt("items[0].lineTotal.amount")).isEqualTo(2 * 3_500);
        assertThat(after.getInt("subtotal.amount")).isEqualTo(2 * 3_500);
        List<Map<String, Object>> warnings = after.getList("warnings");
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w).containsEntry("variantId", teapot.variantId()).containsEntry("code", "PRICE_CHANGED");
            assertThat((String) w.get("detail")).contains("3900", "3500");
        });
    }

    @Test
    void aLiveProductsNewTitleAndCategoryWaitForAnAdminAndTheApprovedOnesStaySearchable() {
        Listing kettle = market.listing("bob", teapot.shopId(), "Copper kettle " + KETTLE, 5_900, 10, 900);
        await().atMost(Duration.ofSeconds(15)).until(() -> found(KETTLE) == 1);
        int commission = commissionOf(kettle);

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("title", "Hammered copper kettle " + HAMMERED, "categoryId", BOOKS))
                .when()
                .patch(market.url(Service.CATALOG, "/api/v1/seller/products/" + kettle.productId()))
                .then()
                .statusCode(202);
        // held: the page, search and checkout's commission stay as approved
        assertThat(given().when()
                        .get(market.url(Service.CATALOG, "/api/v1/products/" + kettle.productId()))
                        .then()
                        .extract()
                        .<String>path("title"))
                .isEqualTo("Copper kettle " + KETTLE);
        assertThat(commissionOf(kettle))
                .as("a seller cannot pick a cheaper category by themselves")
                .isEqualTo(commission);
        assertThat(found(HAMMERED)).isZero();

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post(market.url(Service.CATALOG, "/api/v1/admin/revisions/" + kettle.productId() + "/approve"))
                .then()
                .statusCode(200);
        long approved = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> found(HAMMERED) == 1);
        System.out.printf(
                "[catalogue] the approved title was found in search after %.2f s%n",
                (System.nanoTime() - approved) / 1e9);
        assertThat(commissionOf(kettle))
                .as("books' rate, now that an admin moved it")
                .isEqualTo(800);
    }

    @Test
    void aTakeDownLeavesSearchWithinFiveSecondsAndARestoreBringsItBack() {
        Listing pan = market.listing("bob", teapot.shopId(), "Carbon steel pan " + PAN, 4_500, 10, 1_500);
        await().atMost(Duration.ofSeconds(15)).until(() -> found(PAN) == 1);

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("reason", "A trademark complaint names this listing."))
                .when()
                .post(market.url(Service.CATALOG, "/api/v1/admin/products/" + pan.productId() + "/take-down"))
                .then()
                .statusCode(200);
        long down = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> found(PAN) == 0);
        System.out.printf(
                "[catalogue] the taken-down pan left search after %.2f s%n", (System.nanoTime() - down) / 1e9);
        given().when()
                .get(market.url(Service.CATALOG, "/api/v1/products/" + pan.productId()))
                .then()
                .statusCode(404);

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post(market.url(Service.CATALOG, "/api/v1/admin/products/" + pan.productId() + "/restore"))
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> found(PAN) == 1);
    }

    private static String word(String first) {
        return first + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static int found(String q) {
        return given().when()
                .get(market.url(Service.CATALOG, "/api/v1/products?q=" + q))
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static int commissionOf(Listing l) {
        return given().auth()
                .oauth2(KeycloakTokens.service())
                .contentType("application/json")
                .body(Map.of("variantIds", List.of(l.variantId())))
                .when()
                .post(market.url(Service.CATALOG, "/api/v1/internal/variants/lookup"))
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].commissionRateBps");
    }

    private static JsonPath cart() {
        return given().auth()
                .oauth2(KeycloakTokens.user(BUYER))
                .when()
                .get(market.url(Service.CART, "/api/v1/cart"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
