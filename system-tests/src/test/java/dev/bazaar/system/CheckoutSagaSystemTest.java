package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The checkout saga across the five packaged services on the real devstack: a buyer's cart of two sellers' goods
 * becomes a paid order with stock sold and money split; a declined card, a replayed confirm and a payment service
 * that hangs are each answered and undone as the contract says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutSagaSystemTest {

    static Platform platform;
    static Marketplace market;
    static Listing mug;
    static Listing rug;

    @BeforeAll
    static void aMarketplaceWithTwoSellers() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        mug = market.listing("bob", market.approvedShop("bob", "Bob Kitchen"), "Stoneware mug", 1_250, 50, 400);
        rug = market.listing("sam", market.approvedShop("sam", "Sam Rugs"), "Wool rug", 15_900, 20, 3_000);
    }

    @Test
    @Order(1)
    void aCartOfTwoSellersBecomesOnePaidOrderWithStockSoldAndTheCartCleared() {
        String buyer = "load021";
        int mugs = market.available("bob", mug);
        int rugs = market.available("sam", rug);
        market.cart(buyer, Map.of(mug.variantId(), 2, rug.variantId(), 1));

        Response quote = market.quote(buyer);
        quote.then().statusCode(201);
        String checkout = quote.path("id");
        int total = quote.path("quote.total.amount");
        assertThat((Integer) quote.path("quote.subtotal.amount")).isEqualTo(2 * 1_250 + 15_900);
        assertThat(quote.jsonPath().getList("quote.groups")).hasSize(2);

        Response confirmed = market.confirmToEnd(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa");
        confirmed.then().statusCode(200).body("status", equalTo("COMPLETED"));
        String orderId = confirmed.path("orderId");

        // the order exists at once (read from its event store) and becomes PAID when payment's capture event lands
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                .then()
                .statusCode(200)
                .body("total.amount", equalTo(total));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "PAID"
                        .equals(given().auth()
                                .oauth2(KeycloakTokens.user(buyer))
                                .when()
                                .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                                .then()
                                .extract()
                                .path("status")));

        String paymentId = market.checkout(buyer, checkout)
                .then()
                .statusCode(200)
                .extract()
                .path("paymentId");
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/payments/" + paymentId))
                .then()
                .statusCode(200)
                .body("status", equalTo("CAPTURED"))
                .body("amount.amount", equalTo(total))
                .body("splits.size()", equalTo(2));

        assertThat(market.available("bob", mug)).as("sold, not just held").isEqualTo(mugs - 2);
        assertThat(market.available("sam", rug)).isEqualTo(rugs - 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> market.cartLines(buyer) == 0);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/admin/ledger/trial-balance"))
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    @Order(2)
    void aDeclinedCardAnswers402ReleasesTheStockAndPlacesNoOrder() {
        String buyer = "load022";
        int mugs = market.available("bob", mug);
        market.cart(buyer, Map.of(mug.variantId(), 3));
        String checkout = market.quote(buyer).then().statusCode(201).extract().path("id");

        market.confirmToEnd(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_chargeDeclined")
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bazaar.dev/problems/payment-declined"));

        Response failed = market.checkout(buyer, checkout);
        failed.then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failure.reason", equalTo("PAYMENT_DECLINED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> market.available("bob", mug) == mugs);
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/orders/" + failed.path("orderId")))
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/payments/" + failed.path("paymentId")))
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"));
        assertThat(market.cartLines(buyer))
                .as("a failed checkout leaves the cart as it was")
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void aReplayedConfirmGetsTheSameAnswerAndNoSecondSaga() {
        String buyer = "load023";
        int mugs = market.available("bob", mug);
        market.cart(buyer, Map.of(mug.variantId(), 1));
        String checkout = market.quote(buyer).then().statusCode(201).extract().path("id");
        String key = "k-" + UUID.randomUUID();

        String orderId = market.confirmToEnd(buyer, checkout, key, "pm_card_visa")
                .then()
                .statusCode(200)
                .extract()
                .path("orderId");
        market.confirm(buyer, checkout, key, "pm_card_visa")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("orderId", equalTo(orderId));
        market.confirm(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                .then()
                .statusCode(200)
                .body("orderId", equalTo(orderId));
        market.confirm(buyer, checkout, key, "pm_card_mastercard")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://bazaar.dev/problems/idempotency-key-reused"));
        assertThat(market.available("bob", mug)).as("one saga: one unit sold").isEqualTo(mugs - 1);
    }

    @Test
    @Order(4)
    void aPaymentServiceThatHangsTimesOutIsCompensatedAndItsLateAuthorizationVoided() {
        String buyer = "load024";
        int mugs = market.available("bob", mug);
        market.cart(buyer, Map.of(mug.variantId(), 2));
        String checkout = market.quote(buyer).then().statusCode(201).extract().path("id");

        platform.freeze(Service.PAYMENT);
        try {
            market.confirm(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                    .then()
                    .statusCode(202);
            // the authorize step times out (4 s in the test profile): void (a tombstone) and release
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            "FAILED".equals(market.checkout(buyer, checkout).path("status")));
            market.checkout(buyer, checkout)
                    .then()
                    .body("failure.reason", equalTo("TIMEOUT"))
                    .body("failure.step", equalTo("AUTHORIZING"));
            await().atMost(Duration.ofSeconds(20)).until(() -> market.available("bob", mug) == mugs);
        } finally {
            platform.thaw(Service.PAYMENT);
        }
        // payment wakes up, authorizes the queued command, then voids it: nothing stays held on the card
        String paymentId = market.checkout(buyer, checkout).path("paymentId");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
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
        assertThat(market.available("bob", mug)).isEqualTo(mugs);
    }

    /** Waits until the buyer's checkout waits for the buyer to authenticate; answers its status. */
    private Response awaitingBuyerAction(String buyer, String checkout) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "AWAITING_BUYER_ACTION"
                        .equals(market.checkout(buyer, checkout).path("status")));
        return market.checkout(buyer, checkout);
    }

    @Test
    @Order(5)
    void aCardThatAsksTheBuyerToAuthenticateBecomesAnOrderOnceTheChallengeIsPassed() {
        String buyer = "load025";
        int mugs = market.available("bob", mug);
        market.cart(buyer, Map.of(mug.variantId(), 1));
        String checkout = market.quote(buyer).then().statusCode(201).extract().path("id");
        String key = "k-" + UUID.randomUUID();

        market.confirm(buyer, checkout, key, "pm_card_authenticationRequired")
                .then()
                .statusCode(202);
        Response waiting = awaitingBuyerAction(buyer, checkout);
        String secret = waiting.path("payment.clientSecret");
        String challenge = waiting.path("payment.nextAction.redirectUrl");
        assertThat(secret).as("the client secret for the buyer's app").isNotBlank();
        assertThat(challenge)
                .as("the sandbox's stand-in for the bank's page")
                .startsWith(market.url(Service.PAYMENT, "/api/v1/payments/sandbox/challenges/"));
        // another buyer sees nothing of it, and cannot pass the challenge for them
        given().auth()
                .oauth2(KeycloakTokens.user("load026"))
                .when()
                .get(market.url(Service.CHECKOUT, "/api/v1/checkouts/" + checkout))
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("load026"))
                .contentType("application/json")
                .body(Map.of("clientSecret", secret, "outcome", "complete"))
                .when()
                .post(challenge)
                .then()
                .statusCode(404);

        // the buyer passes it: the saga carries on to the end
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .contentType("application/json")
                .body(Map.of("clientSecret", secret, "outcome", "complete"))
                .when()
                .post(challenge)
                .then()
                .statusCode(200);
        String orderId = market.confirmToEnd(buyer, checkout, key, "pm_card_authenticationRequired")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .extract()
                .path("orderId");
        assertThat(market.checkout(buyer, checkout).<Object>path("payment"))
                .as("the secret is gone")
                .isNull();
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(
                        Service.PAYMENT,
                        "/api/v1/payments/" + market.checkout(buyer, checkout).path("paymentId")))
                .then()
                .statusCode(200)
                .body("status", equalTo("CAPTURED"));
        assertThat(market.available("bob", mug)).as("one unit sold").isEqualTo(mugs - 1);
    }

    @Test
    @Order(6)
    void aChallengeTheBuyerAbandonsTimesOutReleasesTheStockAndCancelsThePayment() {
        String buyer = "load027";
        int mugs = market.available("bob", mug);
        market.cart(buyer, Map.of(mug.variantId(), 2));
        String checkout = market.quote(buyer).then().statusCode(201).extract().path("id");

        market.confirm(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_authenticationRequired")
                .then()
                .statusCode(202);
        Response waiting = awaitingBuyerAction(buyer, checkout);
        String secret = waiting.path("payment.clientSecret");
        String challenge = waiting.path("payment.nextAction.redirectUrl");
        // the buyer never comes back: the window (8 s in the test profile) runs out
        await().atMost(Duration.ofSeconds(40))
                .until(() -> "FAILED".equals(market.checkout(buyer, checkout).path("status")));
        market.checkout(buyer, checkout)
                .then()
                .body("failure.reason", equalTo("TIMEOUT"))
                .body("failure.step", equalTo("AWAITING_BUYER_ACTION"));
        await().atMost(Duration.ofSeconds(20)).until(() -> market.available("bob", mug) == mugs);
        String paymentId = market.checkout(buyer, checkout).path("paymentId");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "VOIDED"
                        .equals(given().auth()
                                .oauth2(KeycloakTokens.user(buyer))
                                .when()
                                .get(market.url(Service.PAYMENT, "/api/v1/payments/" + paymentId))
                                .then()
                                .extract()
                                .path("status")));
        // passing the challenge afterwards authorizes nothing
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .contentType("application/json")
                .body(Map.of("clientSecret", secret, "outcome", "complete"))
                .when()
                .post(challenge)
                .then()
                .statusCode(409);
        assertThat(market.available("bob", mug)).isEqualTo(mugs);
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(
                        Service.ORDER,
                        "/api/v1/orders/" + market.checkout(buyer, checkout).path("orderId")))
                .then()
                .statusCode(404);
    }
}
