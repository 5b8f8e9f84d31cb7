package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.service.Payouts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/v1/seller/payouts/next: what the payout run would pay the seller, when, and why nothing if so. */
@QuarkusTest
class NextPayoutTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    Payouts payouts;

    @Inject
    PaymentFixtures fx;

    static JsonPath next(String token) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/payouts/next")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void onlyASellerWithAShopAsksAndOnlyForTheirOwn() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/seller/payouts/next")
                .then()
                .statusCode(403);
        // sam has no shop here (other tests of this database may have given sam one)
        pool.preparedQuery("DELETE FROM shop WHERE owner_subject = $1")
                .execute(Tuple.of(KeycloakTokens.subject(KeycloakTokens.user("sam"))))
                .await()
                .atMost(WAIT);
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/payouts/next")
                .then()
                .statusCode(404)
                .contentType(equalTo("application/problem+json"));
        given().when().get("/api/v1/seller/payouts/next").then().statusCode(401);
    }

    @Test
    void theNextPayoutFollowsTheAccountTheBalanceAndTheLastPaidPayout() {
        String bob = KeycloakTokens.subject(KeycloakTokens.user("bob"));
        UUID shop = UUID.randomUUID();
        fx.shop(shop, bob);
        pool.preparedQuery("DELETE FROM shop WHERE owner_subject = $1 AND id <> $2")
                .execute(Tuple.of(bob, shop))
                .await()
                .atMost(WAIT);
        String token = KeycloakTokens.user("bob");

        JsonPath none = next(token);
        assertThat(none.getString("shopId")).isEqualTo(shop.toString());
        assertThat(none.getBoolean("willPay")).isFalse();
        assertThat(none.getString("blockedBy")).isEqualTo("no-payout-account");
        assertThat(none.getString("date")).isNull();

        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("country", "US"))
                .when()
                .post("/api/v1/seller/payout-account")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("interval", "WEEKLY"))
                .when()
                .put("/api/v1/seller/payout-schedule")
                .then()
                .statusCode(200);
        // the service's own clock (other tests may have moved the adjustable clock on)
        Instant before = clock.instant();
        JsonPath empty = next(token);
        assertThat(empty.getString("blockedBy")).isEqualTo("nothing-available");
        assertThat(empty.getLong("amount.amount")).isZero();
        assertThat(empty.getString("lastPaid")).isNull();
        // never paid: due at the next run
        assertThat(Instant.parse(empty.getString("date"))).isBetween(before.minusSeconds(5), clock.instant());

        // an order delivered eight days ago is past the holding period: the next run pays the seller's share
        UUID order = fx.capturedOrder(shop, UUID.randomUUID()).order();
        fx.delivered(order, shop, Instant.now().minus(Duration.ofDays(8)));
        JsonPath due = next(token);
        assertThat(due.getBoolean("willPay")).isTrue();
        assertThat(due.getString("blockedBy")).isNull();
        assertThat(due.getLong("amount.amount")).isEqualTo(10_000 + 500 - 1_000);
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/balance")
                .then()
                .statusCode(200)
                .body("available.amount", equalTo(9_500));

        // the run pays exactly that; the next one is a week after it (less the hour a run may come early)
        payouts.run(Instant.now()).await().atMost(WAIT);
        assertThat(fx.count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shop))
                .isEqualTo(9_500);
        JsonPath after = next(token);
        Instant lastPaid = Instant.parse(after.getString("lastPaid"));
        assertThat(after.getString("blockedBy")).isEqualTo("nothing-available");
        assertThat(after.getLong("amount.amount")).isZero();
        assertThat(Instant.parse(after.getString("date")))
                .isEqualTo(lastPaid.plus(Duration.ofDays(7)).minusSeconds(3600));
    }
}
