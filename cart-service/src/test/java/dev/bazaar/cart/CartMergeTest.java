package dev.bazaar.cart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CartMergeTest {

    @Inject
    RedisDataSource redis;

    HashCommands<String, String, String> hashes;
    String aliceSubject;
    String guestToken;
    String shared = UUID.randomUUID().toString();
    String guestOnly = UUID.randomUUID().toString();
    String buyerOnly = UUID.randomUUID().toString();

    @org.junit.jupiter.api.BeforeAll
    static void catalog() throws Exception {
        CatalogStub.start();
    }

    @BeforeEach
    void givenAGuestCartAndAliceCartSharingOneVariant() {
        redis.key().del("cart:rl:ip:127.0.0.1");
        hashes = redis.hash(String.class, String.class, String.class);
        aliceSubject = KeycloakTokens.subject(KeycloakTokens.user("alice"));
        guestToken = UUID.randomUUID().toString().replace("-", "");
        redis.key().del(CartKeys.buyer(aliceSubject));
        hashes.hset(
                CartKeys.guest(guestToken),
                Map.of(
                        shared, line(60, "2026-01-01T00:00:01Z"),
                        guestOnly, line(2, "2026-01-01T00:00:02Z")));
        hashes.hset(
                CartKeys.buyer(aliceSubject),
                Map.of(
                        shared, line(50, "2026-01-01T00:00:00Z"),
                        buyerOnly, line(1, "2026-01-01T00:00:03Z")));
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        given().contentType("application/json")
                .body(Map.of("guestToken", guestToken))
                .when()
                .post("/api/v1/cart/merge")
                .then()
                .statusCode(401);
        assertThat(redis.key().exists(CartKeys.guest(guestToken))).isTrue();
    }

    @Test
    void sellerIsForbidden() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("guestToken", guestToken))
                .when()
                .post("/api/v1/cart/merge")
                .then()
                .statusCode(403);
        assertThat(redis.key().exists(CartKeys.guest(guestToken))).isTrue();
    }

    @Test
    void mergeAddsQuantitiesCappedAt99AndDeletesTheGuestCart() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .contentType("application/json")
                .body(Map.of("guestToken", guestToken))
                .when()
                .post("/api/v1/cart/merge")
                .then()
                .statusCode(200)
                .body("id", equalTo(aliceSubject))
                .body("items.size()", equalTo(3))
                .body("items.find { it.variantId == '" + shared + "' }.quantity", equalTo(99))
                .body("items.find { it.variantId == '" + guestOnly + "' }.quantity", equalTo(2))
                .body("items.find { it.variantId == '" + buyerOnly + "' }.quantity", equalTo(1))
                .body("itemCount", equalTo(102));

        assertThat(redis.key().exists(CartKeys.guest(guestToken))).isFalse();
        assertThat(redis.key().ttl(CartKeys.buyer(aliceSubject))).isGreaterThan(29L * 24 * 3600);
    }

    @Test
    void aReplayedMergeChangesNothing() {
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(KeycloakTokens.user("alice"))
                    .contentType("application/json")
                    .body(Map.of("guestToken", guestToken))
                    .when()
                    .post("/api/v1/cart/merge")
                    .then()
                    .statusCode(200)
                    .body("items.find { it.variantId == '" + shared + "' }.quantity", equalTo(99))
                    .body("itemCount", equalTo(102));
        }
    }

    @Test
    void aMalformedGuestTokenIsRejectedAndChangesNothing() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .contentType("application/json")
                .body(Map.of("guestToken", "../cart:buyer:someone"))
                .when()
                .post("/api/v1/cart/merge")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("guestToken"));
        assertThat(hashes.hget(CartKeys.buyer(aliceSubject), shared)).contains("\"quantity\":50");
    }

    /** A stored line with its product snapshot (the catalog is not asked for these random variants). */
    private static String line(int quantity, String addedAt) {
        return "{\"quantity\":" + quantity + ",\"addedAt\":\"" + addedAt + "\",\"price\":1000,\"currency\":\"USD\","
                + "\"productId\":\"" + UUID.randomUUID() + "\",\"shopId\":\"" + UUID.randomUUID()
                + "\",\"title\":\"Item\"}";
    }
}
