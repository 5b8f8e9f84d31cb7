package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A payment held for a fraud review across the packaged services (ADR 0026): a checkout over the review band ($500 in
 * the test profile) waits in AWAITING_REVIEW with the card authorized at the sandbox; an admin's allow lets it
 * complete (order placed, payment captured, stock sold); an admin's block fails it as blocked, the stock released and
 * the authorization cancelled at the sandbox.
 */
class FraudReviewSystemTest {

    static Platform platform;
    static Marketplace market;
    static Listing rug;

    @BeforeAll
    static void aSellerOfExpensiveRugs() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog(); // sam opens a shop: a seller has one, and an earlier class may have left sam's
        rug = market.listing("sam", market.approvedShop("sam", "Sam Rugs"), "Silk rug", 16_500, 40, 3_000);
    }

    /** Four rugs (over $500, under the new-account limit of $1,000) confirmed: the checkout's id, once held. */
    String heldCheckout(String buyer) {
        market.cart(buyer, Map.of(rug.variantId(), 4));
        Response quote = market.quote(buyer);
        quote.then().statusCode(201);
        assertThat((Integer) quote.path("quote.total.amount")).isBetween(50_001, 100_000);
        String checkout = quote.path("id");
        market.confirm(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                .then()
                .statusCode(202)
                .body("status", org.hamcrest.Matchers.oneOf("RESERVING", "AUTHORIZING", "AWAITING_REVIEW"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "AWAITING_REVIEW"
                        .equals(market.checkout(buyer, checkout).path("status")));
        String paymentId = market.checkout(buyer, checkout).path("paymentId");
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/payments/" + paymentId))
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_REVIEW"));
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/admin/fraud/reviews"))
                .then()
                .statusCode(200)
                .body("paymentId", hasItem(paymentId));
        return checkout;
    }

    Response decide(String paymentId, String decision, Map<String, String> body) {
        return given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(body)
                .when()
                .post(market.url(Service.PAYMENT, "/api/v1/admin/fraud/reviews/" + paymentId + "/" + decision));
    }

    @Test
    void anAdminAllowsAHeldPaymentAndTheCheckoutCompletesWithTheOrderPlacedAndThePaymentCaptured() {
        String buyer = "load028";
        int rugs = market.available("sam", rug);
        String checkout = heldCheckout(buyer);
        String paymentId = market.checkout(buyer, checkout).path("paymentId");
        // a buyer cannot decide their own review
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post(market.url(Service.PAYMENT, "/api/v1/admin/fraud/reviews/" + paymentId + "/allow"))
                .then()
                .statusCode(403);

        decide(paymentId, "allow", Map.of("note", "regular customer")).then().statusCode(200);
        market.completedAndCaptured(buyer, checkout, paymentId);
        assertThat(market.available("sam", rug)).as("sold").isEqualTo(rugs - 4);
    }

    @Test
    void anAdminBlocksAHeldPaymentAndTheCheckoutFailsWithTheStockBackAndTheAuthorizationVoided() {
        String buyer = "load029";
        int rugs = market.available("sam", rug);
        String checkout = heldCheckout(buyer);
        String paymentId = market.checkout(buyer, checkout).path("paymentId");

        decide(paymentId, "block", Map.of("note", "shipping address on a reshipper list"))
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(market.checkout(buyer, checkout).path("status")));
        market.checkout(buyer, checkout)
                .then()
                .body("failure.reason", equalTo("PAYMENT_BLOCKED"))
                .body("failure.step", equalTo("AWAITING_REVIEW"));
        await().atMost(Duration.ofSeconds(20)).until(() -> market.available("sam", rug) == rugs);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "VOIDED"
                        .equals(given().auth()
                                .oauth2(KeycloakTokens.user(buyer))
                                .when()
                                .get(market.url(Service.PAYMENT, "/api/v1/payments/" + paymentId))
                                .then()
                                .extract()
                                .path("status")));
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(
                        Service.ORDER,
                        "/api/v1/orders/" + market.checkout(buyer, checkout).path("orderId")))
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("outcome", "REVIEW")
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/admin/fraud/decisions"))
                .then()
                .statusCode(200)
                .body("find { it.paymentId == '" + paymentId + "' }.reviewedOutcome", equalTo("BLOCK"));
    }
}
