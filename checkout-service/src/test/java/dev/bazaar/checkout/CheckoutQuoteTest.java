package dev.bazaar.checkout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quotes against real PostgreSQL and Keycloak, with the cart and the catalog played by small servers in their real
 * response shapes (the packaged services meet in system-tests). The cart must be read with the buyer's own token and
 * the catalog with a service token.
 */
@QuarkusTest
class CheckoutQuoteTest {

    static final UUID SHOP_A = UUID.randomUUID();
    static final UUID SHOP_B = UUID.randomUUID();
    static final UUID MUG = UUID.randomUUID();
    static final UUID RUG = UUID.randomUUID();
    static final AtomicReference<JsonArray> CART = new AtomicReference<>(new JsonArray());
    static final AtomicReference<String> CART_AUTH = new AtomicReference<>();
    static final AtomicReference<String> CATALOG_AUTH = new AtomicReference<>();
    static final AtomicReference<Integer> CART_STATUS = new AtomicReference<>(200);
    static final Map<UUID, JsonObject> VARIANTS = new java.util.concurrent.ConcurrentHashMap<>();
    static Vertx vertx;

    @Inject
    Pool pool;

    @BeforeAll
    static void stubs() throws Exception {
        vertx = Vertx.vertx();
        HttpServer cart = vertx.createHttpServer().requestHandler(req -> {
            CART_AUTH.set(req.getHeader("Authorization"));
            req.response()
                    .setStatusCode(CART_STATUS.get())
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("id", "cart")
                            .put("items", CART.get())
                            .encode());
        });
        HttpServer catalog = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    CATALOG_AUTH.set(req.getHeader("Authorization"));
                    JsonArray items = new JsonArray();
                    body.toJsonObject().getJsonArray("variantIds").forEach(id -> {
                        JsonObject v = VARIANTS.get(UUID.fromString((String) id));
                        if (v != null) {
                            items.add(v);
                        }
                    });
                    req.response()
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("items", items).encode());
                }));
        cart.listen(18582).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        catalog.listen(18583).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    static JsonObject variant(
            UUID id, UUID shop, String title, long cents, int available, int grams, int bps, boolean sellable) {
        return new JsonObject()
                .put("variantId", id.toString())
                .put("productId", UUID.randomUUID().toString())
                .put("shopId", shop.toString())
                .put("title", title)
                .put("sku", title.toUpperCase(Locale.ROOT))
                .put("price", new JsonObject().put("amount", cents).put("currency", "USD"))
                .put("available", available)
                .put("weightGrams", grams)
                .put("categoryId", UUID.randomUUID().toString())
                .put("commissionRateBps", bps)
                .put("sellable", sellable)
                .put("productVersion", 1);
    }

    @BeforeEach
    void aCartWithTwoSellers() {
        CART_STATUS.set(200);
        CART.set(new JsonArray()
                .add(new JsonObject().put("variantId", MUG.toString()).put("quantity", 3))
                .add(new JsonObject().put("variantId", RUG.toString()).put("quantity", 1)));
        VARIANTS.put(MUG, variant(MUG, SHOP_A, "Mug", 1_250, 40, 400, 1_000, true));
        VARIANTS.put(RUG, variant(RUG, SHOP_B, "Rug", 15_900, 3, 4_000, 800, true));
    }

    static Map<String, Object> body(String country, String region, String display) {
        Map<String, Object> address = new java.util.HashMap<>(Map.of(
                "name",
                "Ada Buyer",
                "line1",
                "1 Main St",
                "city",
                "Albany",
                "postalCode",
                "12207",
                "country",
                country));
        if (region != null) {
            address.put("region", region);
        }
        Map<String, Object> body = new java.util.HashMap<>(Map.of("shippingAddress", address));
        if (display != null) {
            body.put("displayCurrency", display);
        }
        return body;
    }

    @Test
    void aQuoteGroupsTheCartBySellerWithShippingTaxAndUsdTotals() {
        String alice = KeycloakTokens.user("alice");
        String id = given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("US", "NY", "EUR"))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/checkouts/"))
                .body("status", equalTo("QUOTED"))
                .body("quote.groups.size()", equalTo(2))
                .body("quote.subtotal.amount", equalTo(3_750 + 15_900))
                // A's parcel (1.2 kg) ships for $4.99 + $3.00; B's goods pass $75: free. NY taxes shipping too:
                // 4 % of 45.49 and 4 % of 159.00
                .body("quote.shipping.amount", equalTo(799))
                .body("quote.tax.amount", equalTo(182 + 636))
                .body("quote.total.amount", equalTo(3_750 + 15_900 + 799 + 818))
                .body("quote", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("commission")))
                .body("quote.groups[0].lines[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("commission")))
                .body("quote.total.currency", equalTo("USD"))
                .body("quote.displayTotal.estimate", equalTo(true))
                .body("quote.displayTotal.amount.currency", equalTo("EUR"))
                .extract()
                .path("id");
        given().auth()
                .oauth2(alice)
                .when()
                .get("/api/v1/checkouts/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("QUOTED"));
        assertThat(CART_AUTH.get()).isEqualTo("Bearer " + alice);
        String service = CATALOG_AUTH.get().substring("Bearer ".length());
        assertThat(KeycloakTokens.claims(service).get("azp").asText()).isEqualTo("bazaar-services");
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/checkouts/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void aQuotedLineShowsItsVariantsOptionsInTheCatalogsOrderAndKeepsThemStored() {
        // colour before size: the order a jsonb object would not keep (it puts shorter keys first)
        VARIANTS.put(
                MUG,
                variant(MUG, SHOP_A, "Mug", 1_250, 40, 400, 1_000, true)
                        .put(
                                "options",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("name", "colour")
                                                .put("value", "blue"))
                                        .add(new JsonObject()
                                                .put("name", "size")
                                                .put("value", "M"))));
        String alice = KeycloakTokens.user("alice");
        String id = given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("US", "NY", null))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(201)
                .body("quote.groups[0].lines[0].options.name", contains("colour", "size"))
                .body("quote.groups[0].lines[0].options.value", contains("blue", "M"))
                // a variant the catalog answers without options (an older catalog too) has none
                .body("quote.groups[1].lines[0].options", hasSize(0))
                .extract()
                .path("id");
        // read back from the stored quote (jsonb), still in order
        given().auth()
                .oauth2(alice)
                .when()
                .get("/api/v1/checkouts/" + id)
                .then()
                .statusCode(200)
                .body("quote.groups[0].lines[0].options.name", contains("colour", "size"))
                .body("quote.groups[0].lines[0].options.value", contains("blue", "M"));
    }

    @Test
    void badInputIsRefusedAndNothingIsQuoted() {
        String alice = KeycloakTokens.user("alice");
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("shippingAddress"));
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("USA", "NY", null))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("shippingAddress.country"));
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("US", null, null))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("shippingAddress.region"));
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("US", "NY", "XYZ"))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("displayCurrency"));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(body("US", "NY", null))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOverLongAddressFieldIsRefusedNamingItAndNothingIsQuoted() {
        String alice = KeycloakTokens.user("alice");
        String line1 = "1 Main St ".repeat(1_000);
        Map<String, Object> tooLong = body("US", "NY", null);
        ((Map<String, Object>) tooLong.get("shippingAddress")).put("line1", line1);
        CART_AUTH.set(null);
        CATALOG_AUTH.set(null);

        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(tooLong)
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/validation"))
                // the field as the client sent it: its whole path in the body
                .body("violations.field", contains("shippingAddress.line1"))
                .body("violations.message", contains("is at most 200 characters"));
        assertThat(CART_AUTH.get()).as("the cart was never read").isNull();
        assertThat(CATALOG_AUTH.get()).as("the catalog was never asked").isNull();
        assertThat(pool.preparedQuery("SELECT count(*) FROM shipping_address WHERE line1 = $1")
                        .execute(Tuple.of(line1))
                        .map(r -> r.iterator().next().getLong(0))
                        .await()
                        .indefinitely())
                .as("no address stored")
                .isZero();

        // the limit itself is allowed
        Map<String, Object> atTheLimit = body("US", "NY", null);
        ((Map<String, Object>) atTheLimit.get("shippingAddress")).put("line1", "x".repeat(200));
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(atTheLimit)
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(201)
                .body("status", equalTo("QUOTED"));
    }

    @Test
    void anEmptyOrUnbuyableCartOrAnUnreachableCartIsAClearRefusal() {
        String alice = KeycloakTokens.user("alice");
        VARIANTS.put(RUG, variant(RUG, SHOP_B, "Rug", 15_900, 0, 4_000, 800, true));
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("US", "NY", null))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString(RUG + ": only 0 left"));
        CART.set(new JsonArray());
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("US", "NY", null))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/cart-empty"));
        CART_STATUS.set(503);
        given().auth()
                .oauth2(alice)
                .contentType("application/json")
                .body(body("US", "NY", null))
                .when()
                .post("/api/v1/checkouts")
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"));
    }
}
