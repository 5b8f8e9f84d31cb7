package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * A service killed outright in the middle of a saga (and the Kafka broker restarted under one): the checkout ends
 * COMPLETED or FAILED — never both, never charged twice, never charged for nothing — with stock to match.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSystemTest {

    static Platform platform;
    static Marketplace market;
    static Listing lamp;

    @BeforeAll
    static void aProduct() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        lamp = market.listing("bob", market.approvedShop("bob", "Bob Lamps"), "Brass lamp", 8_900, 30, 1_500);
    }

    @Test
    @Order(1)
    void paymentKilledWhileAuthorizing() {
        crash("load061", Service.PAYMENT, "AUTHORIZING");
    }

    @Test
    @Order(2)
    void orderKilledWhilePlacing() {
        crash("load062", Service.ORDER, "PLACING");
    }

    @Test
    @Order(3)
    void kafkaRestartedMidSaga() {
        String buyer = "load063";
        sagasFlow();
        int before = market.available("bob", lamp);
        String checkout = quoted(buyer);
        market.confirm(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa");
        Duration restart = platform.restartKafka();
        System.out.printf("[crash] kafka restarted in %.1f s%n", restart.toNanos() / 1e9);
        assertOneOutcome(buyer, checkout, before);
    }

    /** Freezes {@code victim} so the saga waits at {@code step}, kills it there, restarts it, checks the outcome. */
    private void crash(String buyer, Service victim, String step) {
        sagasFlow();
        int before = market.available("bob", lamp);
        String checkout = quoted(buyer);
        platform.freeze(victim);
        Duration restart;
        try {
            market.confirm(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                    .then()
                    .statusCode(202);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> step.equals(market.checkout(buyer, checkout).path("status")));
        } finally {
            platform.kill(victim);
            restart = platform.restart(victim);
        }
        System.out.printf("[crash] %s killed at %s, back in %.1f s%n", victim.id(), step, restart.toNanos() / 1e9);
        assertOneOutcome(buyer, checkout, before);
    }

    /**
     * Waits until a checkout completes again end to end (after a restart, the new instance's consumers must first
     * be given their partitions), so each crash starts from a working platform.
     */
    private void sagasFlow() {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    // a new buyer each time: payment's velocity rule blocks a sixth payment of one buyer within 10
                    // minutes
                    String buyer = String.format("load%03d", canaries++);
                    String checkout = quoted(buyer);
                    return market.confirmToEnd(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                                    .statusCode()
                            == 200;
                });
    }

    static int canaries = 64;

    private String quoted(String buyer) {
        market.cart(buyer, Map.of(lamp.variantId(), 2));
        return market.quote(buyer).then().statusCode(201).extract().path("id");
    }

    private void assertOneOutcome(String buyer, String checkout, int stockBefore) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String s = market.checkout(buyer, checkout).path("status");
                    return "COMPLETED".equals(s) || "FAILED".equals(s);
                });
        Response view = market.checkout(buyer, checkout);
        String status = view.path("status");
        String orderId = view.path("orderId");
        String paymentId = view.path("paymentId");
        int total = view.path("quote.total.amount");
        System.out.printf(
                "[crash] checkout %s ended %s %s%n",
                checkout,
                status,
                "FAILED".equals(status) ? view.path("failure.reason") + " at " + view.path("failure.step") : "");
        if ("COMPLETED".equals(status)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "PAID".equals(order(buyer, orderId).path("status")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "CAPTURED".equals(payment(buyer, paymentId).path("status")));
            assertThat(payment(buyer, paymentId).<Integer>path("captured.amount"))
                    .as("charged once")
                    .isEqualTo(total);
            assertThat(market.available("bob", lamp)).isEqualTo(stockBefore - 2);
        } else {
            // whatever payment had done is undone: nothing authorized stays held, nothing captured stays kept
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Response p = payment(buyer, paymentId);
                        return p.statusCode() == 404
                                || "VOIDED".equals(p.path("status"))
                                || "DECLINED".equals(p.path("status"))
                                || ("CAPTURED".equals(p.path("status"))
                                        && p.<Integer>path("refunded.amount")
                                                .equals(p.<Integer>path("captured.amount")));
                    });
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Response o = order(buyer, orderId);
                return o.statusCode() == 404 || "CANCELLED".equals(o.path("status"));
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> market.available("bob", lamp) == stockBefore);
        }
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/admin/ledger/trial-balance"))
                .then()
                .statusCode(200)
                .body("balanced", org.hamcrest.Matchers.equalTo(true));
    }

    private Response order(String buyer, String orderId) {
        return given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId));
    }

    private Response payment(String buyer, String paymentId) {
        return given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/payments/" + paymentId));
    }
}
