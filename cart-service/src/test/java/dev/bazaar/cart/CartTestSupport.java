package dev.bazaar.cart;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Small helpers over the cart's REST API for tests. */
public final class CartTestSupport {

    private CartTestSupport() {}

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakTokens.user(user));
    }

    public static RequestSpecification guest(String token) {
        RequestSpecification spec = given();
        return token == null ? spec : spec.header("X-Cart-Token", token);
    }

    public static ValidatableResponse add(RequestSpecification who, UUID variant, int quantity) {
        return who.contentType("application/json")
                .body(Map.of("variantId", variant.toString(), "quantity", quantity))
                .when()
                .post("/api/v1/cart/items")
                .then();
    }

    public static ValidatableResponse cart(RequestSpecification who) {
        return who.when().get("/api/v1/cart").then();
    }

    /** Waits until the cart's product cache has the product (the consumer has read the event). */
    public static void awaitCached(
            io.quarkus.redis.datasource.RedisDataSource redis,
            UUID variant,
            java.util.function.Predicate<String> ready) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    String v = redis.value(String.class).get("cart:variant:" + variant);
                    return v != null && ready.test(v);
                });
    }
}
