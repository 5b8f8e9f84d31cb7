package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volume-tier commission across the packaged services (#27): the rate catalog resolves at quote time is frozen into
 * the order line; a tier change never alters a placed order, and a seller whose paid sales cross a threshold gets the
 * lower rate on the next quote, not on the order that crossed it.
 */
class CommissionTiersSystemTest {

    static Platform platform;
    static Marketplace market;
    static Listing lamp;

    @BeforeAll
    static void bobSellsLampsInKitchenWithoutSchedules() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        clearCommission();
        // $300 a lamp (small enough for the fraud rules' new-account limit): one order is below the $500 threshold,
        // two are above it
        lamp = market.listing("bob", market.approvedShop("bob", "Bob Lamps"), "Brass lamp", 30_000, 20, 2_000);
    }

    /** The other suites quote Kitchen at its fixed rate: no schedule is left behind. */
    @AfterAll
    static void clearCommission() {
        try (Connection db = DriverManager.getConnection(
                        platform.jdbcUrl(Service.CATALOG),
                        dev.bazaar.devstack.External.pgUser(),
                        dev.bazaar.devstack.External.pgPassword());
                var st = db.createStatement()) {
            st.execute("TRUNCATE commission_schedule, shop_sale");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the test catalog's commission schedules", e);
        }
    }

    @Test
    void ordersKeepTheirOwnRatesAndTheTierCrossedAppliesFromTheNextQuote() {
        // 8 %, 7 % above $500
        schedule(Map.of("baseRateBps", 800, "tiers", List.of(Map.of("aboveMinor", 50_000, "rateBps", 700))));
        String first = buyOneLamp("load031");
        awaitTrailingGmv(30_000);

        // the admins change the tiers: 9 %, 6.5 % above $500 — from now on
        schedule(Map.of("baseRateBps", 900, "tiers", List.of(Map.of("aboveMinor", 50_000, "rateBps", 650))));
        String second = buyOneLamp("load032"); // quoted at $300 trailing: 9 %; crosses $500 once paid
        awaitTrailingGmv(60_000);

        String third = buyOneLamp("load033"); // the next quote: the lower tier
        assertThat(rate("load031", first)).as("placed before the tier change").isEqualTo(800);
        assertThat(rate("load032", second))
                .as("the order that crossed the threshold")
                .isEqualTo(900);
        assertThat(rate("load033", third)).as("the next quote after crossing").isEqualTo(650);
        // the seller's frozen commission follows the line's rate: 6.5 % and 8 % of $300
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/seller/orders/" + third))
                .then()
                .statusCode(200)
                .body("lines[0].commission.amount", equalTo(1_950));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/seller/orders/" + first))
                .then()
                .statusCode(200)
                .body("lines[0].commission.amount", equalTo(2_400));
    }

    private static void schedule(Map<String, Object> body) {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(body)
                .when()
                .post(market.url(Service.CATALOG, "/api/v1/admin/categories/" + Marketplace.KITCHEN + "/commission"))
                .then()
                .statusCode(201)
                .body("inForce", equalTo(true));
    }

    /** The buyer's one-lamp order, paid; answers its id. */
    private static String buyOneLamp(String buyer) {
        market.cart(buyer, Map.of(lamp.variantId(), 1));
        String checkout = market.quote(buyer).then().statusCode(201).extract().path("id");
        Response confirmed = market.confirmToEnd(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa");
        confirmed.then().statusCode(200).body("status", equalTo("COMPLETED"));
        String orderId = confirmed.path("orderId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "PAID"
                        .equals(given().auth()
                                .oauth2(KeycloakTokens.user(buyer))
                                .when()
                                .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                                .then()
                                .extract()
                                .path("status")));
        return orderId;
    }

    /** The rate frozen in the order's (only) line, read back through the order API. */
    private static int rate(String buyer, String orderId) {
        return given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                .then()
                .statusCode(200)
                .extract()
                .path("groups[0].lines[0].commissionRateBps");
    }

    /** Catalog has counted bob's paid orders (order.events) up to {@code minor}. */
    private static void awaitTrailingGmv(long minor) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ((Number) given().auth()
                                        .oauth2(KeycloakTokens.user("bob"))
                                        .when()
                                        .get(market.url(Service.CATALOG, "/api/v1/seller/commission"))
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .path("trailing30DayGmvMinor"))
                                .longValue()
                        == minor);
    }
}
