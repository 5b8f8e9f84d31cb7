package dev.bazaar.system;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sellers keep their catalogue up to date while buyers shop (#26), on the packaged platform: what a seller changes
 * reaches the carts that hold it, through catalog.product-events and the cart's product cache.
 */
class CatalogueMaintenanceSystemTest {

    static final String BUYER = "load131";

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

        given().auth().oauth2(KeycloakTokens.user("bob")).contentType("application/json")
                .body(Map.of("price", Map.of("amount", 3_500, "currency", "USD"),
                        "compareAtPrice", Map.of("amount", 3_900, "currency", "USD")))
                .when().patch(market.url(Service.CATALOG, "/api/v1/seller/variants/" + teapot.variantId()))
                .then().statusCode(200);
        long changed = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> cart().getInt("items[0].unitPrice.amount") == 3_500);
        System.out.printf("[catalogue] the new price reached the cart after %.2f s%n",
                (System.nanoTime() - changed) / 1e9);
        JsonPath after = cart();
        assertThat(after.getInt("items[0].lineTotal.amount")).isEqualTo(2 * 3_500);
        assertThat(after.getInt("subtotal.amount")).isEqualTo(2 * 3_500);
        List<Map<String, Object>> warnings = after.getList("warnings");
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w).containsEntry("variantId", teapot.variantId()).containsEntry("code", "PRICE_CHANGED");
            assertThat((String) w.get("detail")).contains("3900", "3500");
        });
    }

    private static JsonPath cart() {
        return given().auth().oauth2(KeycloakTokens.user(BUYER))
                .when().get(market.url(Service.CART, "/api/v1/cart"))
                .then().statusCode(200).extract().jsonPath();
    }
}
