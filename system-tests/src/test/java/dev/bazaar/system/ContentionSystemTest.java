package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twenty buyers confirm at once for five units: exactly five orders, the rest refused, nothing charged for them. */
class ContentionSystemTest {

    static Platform platform;
    static Marketplace market;
    static Listing print;

    @BeforeAll
    static void aLimitedEdition() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        print = market.listing("bob", market.approvedShop("bob", "Bob Prints"), "Limited print", 7_500, 5, 200);
    }

    @Test
    void twentyBuyersForFiveUnitsMakeExactlyFiveOrders() throws Exception {
        List<String> buyers = new ArrayList<>();
        List<String> checkouts = new ArrayList<>();
        for (int i = 31; i <= 50; i++) {
            String buyer = String.format("load%03d", i);
            buyers.add(buyer);
            market.cart(buyer, Map.of(print.variantId(), 1));
            // every quote sees five available: the race is decided by the reservation, not the quote
            checkouts.add(market.quote(buyer).then().statusCode(201).extract().path("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < buyers.size(); i++) {
            String buyer = buyers.get(i);
            String checkout = checkouts.get(i);
            answers.add(CompletableFuture.supplyAsync(
                    () -> market.confirmToEnd(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa"), pool));
        }
        List<Response> done = answers.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(done).filteredOn(r -> r.statusCode() == 200).as("orders").hasSize(5);
        assertThat(done)
                .filteredOn(r -> r.statusCode() == 409)
                .as("refused")
                .hasSize(15)
                .allSatisfy(
                        r -> assertThat(r.<String>path("type")).isEqualTo("https://bazaar.dev/problems/out-of-stock"));
        assertThat(market.available("bob", print)).isZero();

        for (int i = 0; i < buyers.size(); i++) {
            Response view = market.checkout(buyers.get(i), checkouts.get(i));
            String paymentId = view.path("paymentId");
            Response payment = given().auth()
                    .oauth2(KeycloakTokens.user(buyers.get(i)))
                    .when()
                    .get(market.url(Service.PAYMENT, "/api/v1/payments/" + paymentId));
            if ("COMPLETED".equals(view.path("status"))) {
                payment.then().statusCode(200);
                assertThat(payment.<String>path("status")).isEqualTo("CAPTURED");
            } else {
                assertThat(view.<String>path("failure.reason")).isEqualTo("OUT_OF_STOCK");
                assertThat(payment.statusCode())
                        .as("a loser was never charged: no payment exists")
                        .isEqualTo(404);
            }
        }
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/admin/ledger/trial-balance"))
                .then()
                .statusCode(200)
                .body("balanced", org.hamcrest.Matchers.equalTo(true));
    }
}
