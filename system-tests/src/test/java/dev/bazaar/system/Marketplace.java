package dev.bazaar.system;

import static io.restassured.RestAssured.given;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What users do, through the public API of the running platform: sellers open shops and list products, the admin
 * approves them, buyers fill carts, quote and confirm. Returns ids; asserts only that each step was accepted.
 */
final class Marketplace {

    record Listing(String shopId, String productId, String variantId) {}

    /** The seeded "Kitchen & dining" category (deterministic id from the catalog's migration). */
    static final String KITCHEN = "7f4bfff1-8528-536e-91c5-f51f3f3f7bf2";

    private final java.util.function.Function<Service, String> urls;
    private final Platform platform;

    Marketplace(Platform platform) {
        this.urls = platform::url;
        this.platform = platform;
    }

    /** The user-facing calls only, against any running platform (the demo's); no database access. */
    Marketplace(java.util.function.Function<Service, String> urls) {
        this.urls = urls;
        this.platform = null;
    }

    String url(Service s, String path) {
        return urls.apply(s) + path;
    }

    /**
     * Removes every shop (and, by cascade, their products and stock) from the test catalog: sellers have one shop
     * each, and the module tests and earlier runs leave theirs behind.
     */
    void freshCatalog() {
        try (Connection db = DriverManager.getConnection(
                        platform.jdbcUrl(Service.CATALOG),
                        dev.bazaar.devstack.External.pgUser(),
                        dev.bazaar.devstack.External.pgPassword());
                var st = db.createStatement()) {
            st.execute("TRUNCATE shop CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the test catalog's shops", e);
        }
    }

    /** A new shop of the seller's, approved by the admin. */
    String approvedShop(String seller, String name) {
        String shopId = given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        name,
                        "slug",
                        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
                                + UUID.randomUUID().toString().substring(0, 8),
                        "country",
                        "US"))
                .when()
                .post(url(Service.CATALOG, "/api/v1/seller/shop"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post(url(Service.CATALOG, "/api/v1/admin/shops/" + shopId + "/approve"))
                .then()
                .statusCode(200);
        return shopId;
    }

    /** An approved, active product with one variant of {@code stock} units at {@code priceCents}. */
    Listing listing(String seller, String shopId, String title, long priceCents, int stock, int weightGrams) {
        String category = KITCHEN;
        Response created = given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        title,
                        "categoryId",
                        category,
                        "variants",
                        List.of(Map.of(
                                "sku",
                                title.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-") + "-"
                                        + UUID.randomUUID().toString().substring(0, 6),
                                "price",
                                Map.of("amount", priceCents, "currency", "USD"),
                                "stock",
                                stock,
                                "weightGrams",
                                weightGrams))))
                .when()
                .post(url(Service.CATALOG, "/api/v1/seller/products"));
        created.then().statusCode(201);
        String productId = created.path("id");
        given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .when()
                .post(url(Service.CATALOG, "/api/v1/seller/products/" + productId + "/submit"))
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post(url(Service.CATALOG, "/api/v1/admin/products/" + productId + "/approve"))
                .then()
                .statusCode(200);
        return new Listing(shopId, productId, created.path("variants[0].id"));
    }

    /** What the catalog shows as available of the listing's variant. */
    int available(String seller, Listing l) {
        return given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .when()
                .get(url(Service.CATALOG, "/api/v1/seller/products/" + l.productId()))
                .then()
                .statusCode(200)
                .extract()
                .path("variants[0].available");
    }

    /** Empties the buyer's cart and fills it with {@code quantities} (variant id → quantity). */
    void cart(String buyer, Map<String, Integer> quantities) {
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .delete(url(Service.CART, "/api/v1/cart"))
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 204));
        quantities.forEach((variant, qty) -> given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .contentType("application/json")
                .body(Map.of("variantId", variant, "quantity", qty))
                .when()
                .post(url(Service.CART, "/api/v1/cart/items"))
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201)));
    }

    int cartLines(String buyer) {
        List<?> items = given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(url(Service.CART, "/api/v1/cart"))
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return items == null ? 0 : items.size();
    }

    /** A quote of the buyer's cart, shipping to New York; answers the checkout id. */
    Response quote(String buyer) {
        return given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .contentType("application/json")
                .body(Map.of(
                        "shippingAddress",
                        Map.of(
                                "name",
                                "Test Buyer",
                                "line1",
                                "1 Main St",
                                "city",
                                "New York",
                                "region",
                                "NY",
                                "postalCode",
                                "10001",
                                "country",
                                "US")))
                .when()
                .post(url(Service.CHECKOUT, "/api/v1/checkouts"));
    }

    Response confirm(String buyer, String checkoutId, String key, String paymentMethod) {
        return given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(Map.of("paymentMethod", paymentMethod))
                .when()
                .post(url(Service.CHECKOUT, "/api/v1/checkouts/" + checkoutId + "/confirm"));
    }

    /**
     * Confirms as the API tells a client to: replaying the same key while the answer is 202 (a replay answers the
     * saga's current status), and after Retry-After while it is 503 checkout-busy (admission control started
     * nothing; its limit follows the platform's step times, which earlier fault tests slow down).
     */
    Response confirmToEnd(String buyer, String checkoutId, String key, String paymentMethod) {
        Response r = confirm(buyer, checkoutId, key, paymentMethod);
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((r.statusCode() == 202 || r.statusCode() == 503) && System.nanoTime() < until) {
            if (r.statusCode() == 503) {
                String after = r.getHeader("Retry-After");
                try {
                    Thread.sleep(1000L * Math.min(10, after == null ? 1 : Long.parseLong(after)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return r;
                }
            }
            r = confirm(buyer, checkoutId, key, paymentMethod);
        }
        return r;
    }

    Response checkout(String buyer, String checkoutId) {
        return given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(url(Service.CHECKOUT, "/api/v1/checkouts/" + checkoutId));
    }

    /**
     * Waits for a released checkout to complete and its payment to be captured (30 s each); the order is the buyer's.
     * Returns the order's id.
     */
    String completedAndCaptured(String buyer, String checkoutId, String paymentId) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "COMPLETED".equals(checkout(buyer, checkoutId).path("status")));
        String orderId = checkout(buyer, checkoutId).path("orderId");
        given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .when()
                .get(url(Service.ORDER, "/api/v1/orders/" + orderId))
                .then()
                .statusCode(200);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "CAPTURED"
                        .equals(given().auth()
                                .oauth2(KeycloakTokens.user(buyer))
                                .when()
                                .get(url(Service.PAYMENT, "/api/v1/payments/" + paymentId))
                                .then()
                                .extract()
                                .path("status")));
        return orderId;
    }
}
