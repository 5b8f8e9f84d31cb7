package dev.bazaar.cart;

import static dev.bazaar.cart.CartTestSupport.add;
import static dev.bazaar.cart.CartTestSupport.as;
import static dev.bazaar.cart.CartTestSupport.awaitCached;
import static dev.bazaar.cart.CartTestSupport.cart;
import static dev.bazaar.cart.CartTestSupport.guest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.cart.Catalog.Product;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roles, bad input, the cart limits, concurrent adds and rate limits. */
@QuarkusTest
class CartGuardsTest {

    @Inject
    RedisDataSource redis;

    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/cart/items")
    URI itemsUrl;

    Product tee;

    @BeforeAll
    static void catalog() throws Exception {
        CatalogStub.start();
    }

    @BeforeEach
    void givenAProduct() {
        redis.key().del("cart:rl:ip:127.0.0.1", "limit:guest-carts:127.0.0.1");
        tee = Product.random("Organic Cotton Tee", 2400);
        Catalog.publish(tee, 500, 1);
        awaitCached(redis, tee.variantId(), v -> true);
    }

    @Test
    void sellersAndAdminsHaveNoCart() {
        for (String user : List.of("bob", "admin")) {
            cart(as(user)).statusCode(403).contentType(startsWith("application/problem+json"));
            add(as(user), tee.variantId(), 1).statusCode(403);
            as(user).when().delete("/api/v1/cart").then().statusCode(403);
        }
    }

    @Test
    void aBadBearerTokenIsUnauthorizedNotAGuest() {
        given().auth()
                .oauth2("not.a.token")
                .when()
                .get("/api/v1/cart")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        add(given().auth().oauth2("not.a.token"), tee.variantId(), 1).statusCode(401);
    }

    @Test
    void aTamperedCopyOfAnAcceptedTokenIsStillRefused() {
        String token = KeycloakTokens.user("alice");
        cart(given().auth().oauth2(token)).statusCode(200); // verified once, now remembered
        String[] parts = token.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace("\"alice\"", "\"carol\"")
                        .getBytes());
        cart(given().auth().oauth2(parts[0] + "." + otherClaims + "." + parts[2]))
                .statusCode(401);
        String badSignature =
                parts[2].substring(0, parts[2].length() - 4) + (parts[2].endsWith("AAAA") ? "BBBB" : "AAAA");
        cart(given().auth().oauth2(parts[0] + "." + parts[1] + "." + badSignature))
                .statusCode(401);
        cart(given().auth().oauth2(token)).statusCode(200);
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndChangesNothing() {
        String token = add(guest(null), tee.variantId(), 1).extract().header("X-Cart-Token");
        for (int quantity : new int[] {0, 100, -1}) {
            add(guest(token), tee.variantId(), quantity)
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("violations.field", hasItem("quantity"));
        }
        guest(token)
                .contentType("application/json")
                .body(Map.of("variantId", "not-a-uuid", "quantity", 1))
                .when()
                .post("/api/v1/cart/items")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("variantId"));
        guest(token)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/cart/items")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("variantId"));
        guest(token)
                .contentType("application/json")
                .body(Map.of("quantity", 1))
                .when()
                .patch("/api/v1/cart/items/not-a-uuid")
                .then()
                .statusCode(404);
        guest(token)
                .contentType("application/json")
                .body(Map.of("quantity", 100))
                .when()
                .patch("/api/v1/cart/items/" + tee.variantId())
                .then()
                .statusCode(400);
        guest(token)
                .contentType("application/json")
                .body("x".repeat(2 * 1024 * 1024))
                .when()
                .post("/api/v1/cart/items")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(413));
        cart(guest(token)).body("items", hasSize(1)).body("items[0].quantity", equalTo(1));
    }

    @Test
    void aLineHoldsAtMost99AndACartAtMost100Lines() {
        String token =
                add(guest(null), tee.variantId(), 99).statusCode(200).extract().header("X-Cart-Token");
        add(guest(token), tee.variantId(), 1)
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/quantity-limit"));
        cart(guest(token)).body("items[0].quantity", equalTo(99));

        String full = "cart:guest:" + token;
        for (int i = 0; i < 99; i++) {
            redis.hash(String.class)
                    .hset(
                            full,
                            java.util.UUID.randomUUID().toString(),
                            "{\"quantity\":1,\"addedAt\":\"2026-01-01T00:00:00Z\"}");
        }
        Product another = Product.random("Linen Shirt", 4500);
        Catalog.publish(another, 5, 1);
        awaitCached(redis, another.variantId(), v -> true);
        add(guest(token), another.variantId(), 1)
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/cart-full"));
        assertThat(redis.hash(String.class).hlen(full)).isEqualTo(100);
    }

    @Test
    void fiftyConcurrentAddsOfOneLoseNoIncrement() {
        String token = KeycloakTokens.user("load001");
        String buyer = KeycloakTokens.subject(token);
        redis.key().del("cart:buyer:" + buyer, "cart:rl:user:b:" + buyer);
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"variantId\":\"" + tee.variantId() + "\",\"quantity\":1}";
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(itemsUrl)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode))
                .containsOnly(200)
                .hasSize(50);
        cart(as("load001")).body("items[0].quantity", equalTo(50)).body("itemCount", equalTo(50));
    }

    @Test
    void writesOverTheLimitGet429WithRetryAfterAndChangeNothing() {
        String token = add(guest(null), tee.variantId(), 1).extract().header("X-Cart-Token");
        for (int i = 1; i < 120; i++) { // the limit is 120 writes per minute per cart owner; the first add counted
            guest(token)
                    .when()
                    .delete("/api/v1/cart/items/" + java.util.UUID.randomUUID())
                    .then()
                    .statusCode(204);
        }
        add(guest(token), tee.variantId(), 1)
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        cart(guest(token)).statusCode(200).body("items[0].quantity", equalTo(1)); // reads are not limited
        // another cart owner behind the same address is not affected by this one's limit
        add(guest(null), tee.variantId(), 1).statusCode(200);
        // a client cannot dodge the limit by claiming another address: we trust no proxy here
        guest(token)
                .header("X-Forwarded-For", "203.0.113.9")
                .contentType("application/json")
                .body(Map.of("variantId", tee.variantId().toString(), "quantity", 1))
                .when()
                .post("/api/v1/cart/items")
                .then()
                .statusCode(429);
    }

    @Test
    void newGuestCartsFromOneAddressAreCappedApartFromWrites() {
        String existing = add(guest(null), tee.variantId(), 1).extract().header("X-Cart-Token");
        // as if this address had already opened its 300 carts this hour (the counter the limiter keeps in Redis)
        redis.value(String.class).setex("limit:guest-carts:127.0.0.1", 3600, "300");
        try {
            add(guest(null), tee.variantId(), 1)
                    .statusCode(429)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                    .body("detail", org.hamcrest.Matchers.containsString("new guest carts"))
                    .header("X-Cart-Token", org.hamcrest.Matchers.nullValue());
            // rotating X-Forwarded-For does not help: no proxy is trusted here, the peer is the client
            guest(null)
                    .header("X-Forwarded-For", "198.51.100." + (int) (Math.random() * 250))
                    .contentType("application/json")
                    .body(Map.of("variantId", tee.variantId().toString(), "quantity", 1))
                    .when()
                    .post("/api/v1/cart/items")
                    .then()
                    .statusCode(429);
            // carts that exist go on working, and buyers have their own carts
            add(guest(existing), tee.variantId(), 1).statusCode(200);
            cart(guest(existing)).body("items[0].quantity", equalTo(2));
            add(as("alice"), tee.variantId(), 1).statusCode(200);
        } finally {
            redis.key().del("limit:guest-carts:127.0.0.1");
        }
    }

    @Test
    void corsExposesTheCartTokenToBrowsers() {
        given().header("Origin", "http://localhost:8086")
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/api/v1/cart/items")
                .then()
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:8086"));
        add(guest(null).header("Origin", "http://localhost:8086"), tee.variantId(), 1)
                .statusCode(200)
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-Cart-Token"));
    }
}
