package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.catalog.persistence.ProductDocuments;
import dev.bazaar.catalog.service.InventoryReservations;
import dev.bazaar.catalog.service.InventoryReservations.Outcome;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sellers keep variants up to date after the product was made (#26): add, change, deactivate, activate — in their own
 * shop only, with bad input refused whole, and a live product's changes told to search and carts through the outbox.
 */
@QuarkusTest
class SellerVariantsTest {

    @Inject
    Pool pool;

    @Inject
    InventoryReservations reservations;

    @Inject
    ProductDocuments documents;

    String sneakers;
    String bobShop;

    @BeforeEach
    void givenBobAndSamHaveShops() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        pool.query("TRUNCATE reservation CASCADE").execute().await().indefinitely();
        sneakers = pool.query("SELECT id FROM category WHERE path = 'fashion/shoes/sneakers'")
                .execute()
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        for (String seller : List.of("bob", "sam")) {
            String shop = given().auth()
                    .oauth2(KeycloakTokens.user(seller))
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            seller + "'s shop",
                            "slug",
                            seller + "-" + UUID.randomUUID().toString().substring(0, 8),
                            "country",
                            "US"))
                    .when()
                    .post("/api/v1/seller/shop")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            if (seller.equals("bob")) {
                bobShop = shop;
            }
        }
    }

    @Test
    void aSellerAddsChangesDeactivatesAndReactivatesAVariant() {
        String id = draft("Canvas runner", variant("RUN-40", 5000, 3));
        String bob = KeycloakTokens.user("bob");

        String added = given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "sku",
                        "RUN-41",
                        "options",
                        Map.of("size", "41"),
                        "price",
                        usd(5200),
                        "compareAtPrice",
                        usd(6000),
                        "stock",
                        7,
                        "weightGrams",
                        820))
                .when()
                .post("/api/v1/seller/products/" + id + "/variants")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/seller/products/" + id))
                .body("variants.sku", contains("RUN-40", "RUN-41"))
                .body("variants[1].price.amount", equalTo(5200))
                .body("variants[1].compareAtPrice.amount", equalTo(6000))
                .body("variants[1].available", equalTo(7))
                .body("variants[1].active", equalTo(true))
                .extract()
                .path("variants[1].id");

        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "sku",
                        "RUN-41W",
                        "options",
                        Map.of("size", "41", "width", "wide"),
                        "price",
                        usd(4900),
                        "weightGrams",
                        830))
                .when()
                .patch("/api/v1/seller/variants/" + added)
                .then()
                .statusCode(200)
                .body("variants[1].sku", equalTo("RUN-41W"))
                .body("variants[1].options.width", equalTo("wide"))
                .body("variants[1].price.amount", equalTo(4900))
                .body("variants[1].compareAtPrice.amount", equalTo(6000))
                .body("variants[1].weightGrams", equalTo(830))
                .body("variants[1].available", equalTo(7));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("removeCompareAtPrice", true))
                .when()
                .patch("/api/v1/seller/variants/" + added)
                .then()
                .statusCode(200)
                .body("variants[1].compareAtPrice", equalTo(null));

        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/variants/" + added + "/deactivate")
                .then()
                .statusCode(200)
                .body("variants[1].active", equalTo(false));
        // asking again changes nothing
        long version = version(id);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/variants/" + added + "/deactivate")
                .then()
                .statusCode(200)
                .body("variants[1].active", equalTo(false))
                .body("version", equalTo((int) version));
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/variants/" + added + "/activate")
                .then()
                .statusCode(200)
                .body("variants[1].active", equalTo(true));

        Row row = variantRow(added);
        assertThat(row.getString("sku")).isEqualTo("RUN-41W");
        assertThat(row.getLong("price_minor")).isEqualTo(4900);
        assertThat(row.getLong("compare_at_minor")).isNull();
        assertThat(row.getInteger("position")).isEqualTo(1);
        assertThat(row.getBoolean("active")).isTrue();
        assertThat(row.getInteger("on_hand")).isEqualTo(7);
        // a draft is nobody else's business yet
        assertThat(outbox(id, 0)).isEmpty();
    }

    @Test
    void onALiveProductAPriceChangeIsAPriceChangedAndOtherChangesAProductUpdatedWithTheNewVersion() {
        String id = live("Court sneaker", variant("CT-40", 7000, 5), variant("CT-41", 7000, 5));
        List<String> variants = variantIds(id);
        String bob = KeycloakTokens.user("bob");
        long mark = outboxMark();

        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("price", usd(6500), "compareAtPrice", usd(7000)))
                .when()
                .patch("/api/v1/seller/variants/" + variants.get(0))
                .then()
                .statusCode(200);
        List<Envelope<?>> events = outbox(id, mark);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.aggregateVersion()).isEqualTo(version(id));
            assertThat(e.payload())
                    .isEqualTo(new ProductEvent.PriceChanged(
                            UUID.fromString(id), UUID.fromString(variants.get(0)), Money.usd(6500), Money.usd(7000)));
        });

        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("options", Map.of("size", "40.5")))
                .when()
                .patch("/api/v1/seller/variants/" + variants.get(0))
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/variants/" + variants.get(1) + "/deactivate")
                .then()
                .statusCode(200);
        events = outbox(id, mark);
        assertThat(events).hasSize(3);
        assertThat(events.get(1).payload())
                .isInstanceOfSatisfying(
                        ProductEvent.ProductUpdated.class,
                        u -> assertThat(u.variants())
                                .filteredOn(v -> v.variantId().toString().equals(variants.get(0)))
                                .singleElement()
                                .satisfies(v -> {
                                    assertThat(v.options()).containsEntry("size", "40.5");
                                    assertThat(v.price()).isEqualTo(Money.usd(6500));
                                }));
        // the deactivated variant is left out of what the product offers
        assertThat(events.get(2).payload())
                .isInstanceOfSatisfying(
                        ProductEvent.ProductUpdated.class,
                        u -> assertThat(u.variants())
                                .extracting(v -> v.variantId().toString())
                                .containsExactly(variants.get(0)));
        assertThat(events.get(2).aggregateVersion())
                .isEqualTo(version(id))
                .isGreaterThan(events.get(1).aggregateVersion());

        // a new variant and a reactivation list the variants on sale again
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/variants/" + variants.get(1) + "/activate")
                .then()
                .statusCode(200);
        assertThat(outbox(id, mark).getLast().payload())
                .isInstanceOfSatisfying(
                        ProductEvent.ProductUpdated.class,
                        u -> assertThat(u.variants()).hasSize(2));

        // the relay publishes the price change on catalog.product-events
        assertThat(published(id))
                .anySatisfy(e -> assertThat(e.payload()).isInstanceOf(ProductEvent.PriceChanged.class));
    }

    @Test
    void aDeactivatedVariantIsNotShownNotSearchedNotReservedAndNotSellableToCarts() {
        String id = live("Trail runner", variant("TRL-40", 9000, 10), variant("TRL-41", 4000, 10));
        List<String> variants = variantIds(id);
        String cheap = variants.get(1);
        String bob = KeycloakTokens.user("bob");
        assertThat(documents
                        .of(UUID.fromString(id))
                        .await()
                        .indefinitely()
                        .orElseThrow()
                        .document()
                        .getLong("price"))
                .isEqualTo(4000);

        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/variants/" + cheap + "/deactivate")
                .then()
                .statusCode(200);

        given().when()
                .get("/api/v1/products/" + id)
                .then()
                .statusCode(200)
                .body("variants.id", contains(variants.get(0)))
                .body("variants.id", not(hasItem(cheap)));
        assertThat(documents
                        .of(UUID.fromString(id))
                        .await()
                        .indefinitely()
                        .orElseThrow()
                        .document()
                        .getLong("price"))
                .as("search shows the price of what is on sale")
                .isEqualTo(9000);
        lookup(variants)
                .body("items.find { it.variantId == '" + cheap + "' }.sellable", equalTo(false))
                .body("items.find { it.variantId == '" + variants.get(0) + "' }.sellable", equalTo(true));
        UUID saga = UUID.randomUUID();
        assertThat(reservations
                        .reserve(
                                saga,
                                UUID.randomUUID(),
                                List.of(new StockLine(UUID.fromString(cheap), 1)),
                                Instant.now().plusSeconds(600),
                                null)
                        .await()
                        .indefinitely())
                .isEqualTo(Outcome.REJECTED);
        assertThat(variantRow(cheap).getInteger("reserved")).isZero();

        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/variants/" + cheap + "/activate")
                .then()
                .statusCode(200);
        lookup(variants).body("items.find { it.variantId == '" + cheap + "' }.sellable", equalTo(true));
        assertThat(reservations
                        .reserve(
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                List.of(new StockLine(UUID.fromString(cheap), 1)),
                                Instant.now().plusSeconds(600),
                                null)
                        .await()
                        .indefinitely())
                .isEqualTo(Outcome.RESERVED);
        given().when().get("/api/v1/products/" + id).then().statusCode(200).body("variants.id", hasItem(cheap));
    }

    @Test
    void anotherSellersVariantIsNotFoundAndOnlySellersMayChangeVariants() {
        String id = live("Bob's boot", variant("BOOT-1", 12000, 2), variant("BOOT-2", 12000, 2));
        String variantId = variantIds(id).getFirst();
        long version = version(id);
        long mark = outboxMark();
        // sam is a seller, but of another shop: bob's product does not exist for him; alice is a buyer
        for (var caller : Map.of("sam", 404, "alice", 403).entrySet()) {
            String token = KeycloakTokens.user(caller.getKey());
            int expected = caller.getValue();
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(variant("SAM-1", 100, 1))
                    .when()
                    .post("/api/v1/seller/products/" + id + "/variants")
                    .then()
                    .statusCode(expected);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("price", usd(1)))
                    .when()
                    .patch("/api/v1/seller/variants/" + variantId)
                    .then()
                    .statusCode(expected);
            given().auth()
                    .oauth2(token)
                    .when()
                    .post("/api/v1/seller/variants/" + variantId + "/deactivate")
                    .then()
                    .statusCode(expected);
            given().auth()
                    .oauth2(token)
                    .when()
                    .post("/api/v1/seller/variants/" + variantId + "/activate")
                    .then()
                    .statusCode(expected);
        }
        given().contentType("application/json")
                .body(Map.of("price", usd(1)))
                .when()
                .patch("/api/v1/seller/variants/" + variantId)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(Map.of("price", usd(1)))
                .when()
                .patch("/api/v1/seller/variants/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));

        assertThat(version(id)).isEqualTo(version);
        assertThat(variantRow(variantId).getLong("price_minor")).isEqualTo(12000);
        assertThat(variantRow(variantId).getBoolean("active")).isTrue();
        assertThat(count("SELECT count(*) FROM variant")).isEqualTo(2);
        assertThat(outbox(id, mark)).isEmpty();
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String id = live("Slip-on", variant("SLIP-40", 3000, 4));
        draft("Loafer", variant("LOAF-40", 3000, 4));
        String variantId = variantIds(id).getFirst();
        String bob = KeycloakTokens.user("bob");
        long version = version(id);
        long mark = outboxMark();

        // adding
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(variant("NEG-1", -1, 1))
                                .when()
                                .post("/api/v1/seller/products/" + id + "/variants"),
                        400)
                .body("violations.field", hasItem("price.amount"));
        Map<String, Object> below = new HashMap<>(variant("LOW-1", 3000, 1));
        below.put("compareAtPrice", usd(2999));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(below)
                                .when()
                                .post("/api/v1/seller/products/" + id + "/variants"),
                        400)
                .body("violations.field", contains("compareAtPrice"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(variant("LOAF-40", 3000, 1))
                                .when()
                                .post("/api/v1/seller/products/" + id + "/variants"),
                        409)
                .body("type", equalTo("https://bazaar.dev/problems/duplicate-sku"));
        Map<String, Object> unknownCurrency = new HashMap<>(variant("CUR-1", 3000, 1));
        unknownCurrency.put("price", Map.of("amount", 3000, "currency", "XYZ"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(unknownCurrency)
                                .when()
                                .post("/api/v1/seller/products/" + id + "/variants"),
                        400)
                .body("violations.field", hasItem("price.currency"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .when()
                                .post("/api/v1/seller/products/" + id + "/variants"),
                        400)
                .body("violations.field", hasItem("body"));

        // changing
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(Map.of("price", usd(-5)))
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", hasItem("price.amount"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(Map.of("compareAtPrice", usd(100)))
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", contains("compareAtPrice"));
        // a fraction of a cent is refused, not cut to 19 (money is integer minor units)
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body("{\"price\": {\"amount\": 19.99, \"currency\": \"USD\"}}")
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", contains("price.amount"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(Map.of(
                                        "price",
                                        usd(3000),
                                        "compareAtPrice",
                                        Map.of("amount", 4000, "currency", "EUR")))
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", hasItem("compareAtPrice.currency"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(Map.of("sku", "LOAF-40"))
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        409)
                .body("type", equalTo("https://bazaar.dev/problems/duplicate-sku"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(Map.of("sku", "  "))
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", hasItem("sku"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(Map.of())
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", contains("body"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", contains("body"));
        problem(
                        given().auth()
                                .oauth2(bob)
                                .contentType("application/json")
                                .body(Map.of("removeCompareAtPrice", true, "compareAtPrice", usd(5000)))
                                .when()
                                .patch("/api/v1/seller/variants/" + variantId),
                        400)
                .body("violations.field", contains("removeCompareAtPrice"));
        // the last variant on sale stays: archive the product instead
        problem(given().auth().oauth2(bob).when().post("/api/v1/seller/variants/" + variantId + "/deactivate"), 409)
                .body("type", equalTo("https://bazaar.dev/problems/last-active-variant"));

        assertThat(version(id)).isEqualTo(version);
        Row row = variantRow(variantId);
        assertThat(row.getString("sku")).isEqualTo("SLIP-40");
        assertThat(row.getLong("price_minor")).isEqualTo(3000);
        assertThat(row.getLong("compare_at_minor")).isNull();
        assertThat(row.getBoolean("active")).isTrue();
        assertThat(count("SELECT count(*) FROM variant")).isEqualTo(2);
        assertThat(outbox(id, mark)).isEmpty();

        // a SKU is unique within a shop, not across shops
        String samsProduct = given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(product("Sam's slip-on", variant("SAM-40", 3000, 1)))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(variant("SLIP-40", 3000, 1))
                .when()
                .post("/api/v1/seller/products/" + samsProduct + "/variants")
                .then()
                .statusCode(201);
    }

    // --- data made through the sellers' and admins' own API ---

    private String draft(String title, Map<String, Object> variant) {
        return given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(product(title, variant))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @SafeVarargs
    private String live(String title, Map<String, Object>... variants) {
        String admin = KeycloakTokens.user("admin");
        given().auth().oauth2(admin).when().post("/api/v1/admin/shops/" + bobShop + "/approve");
        String id = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(product(title, variants))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/seller/products/" + id + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/products/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        return id;
    }

    @SafeVarargs
    private Map<String, Object> product(String title, Map<String, Object>... variants) {
        return Map.of("title", title, "categoryId", sneakers, "variants", List.of(variants));
    }

    private static Map<String, Object> variant(String sku, long cents, int stock) {
        return Map.of(
                "sku",
                sku,
                "options",
                Map.of("size", sku.substring(sku.length() - 2)),
                "price",
                usd(cents),
                "stock",
                stock,
                "weightGrams",
                800);
    }

    private static Map<String, Object> usd(long cents) {
        return Map.of("amount", cents, "currency", "USD");
    }

    private static ValidatableResponse problem(io.restassured.response.Response r, int status) {
        return r.then().statusCode(status).contentType(startsWith("application/problem+json"));
    }

    private List<String> variantIds(String productId) {
        return given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/products/" + productId)
                .then()
                .statusCode(200)
                .extract()
                .path("variants.id");
    }

    private long version(String productId) {
        return pool.preparedQuery("SELECT version FROM product WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(productId)))
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private ValidatableResponse lookup(List<String> variantIds) {
        return given().auth()
                .oauth2(KeycloakTokens.service())
                .contentType("application/json")
                .body(Map.of("variantIds", variantIds))
                .when()
                .post("/api/v1/internal/variants/lookup")
                .then()
                .statusCode(200);
    }

    private Row variantRow(String variantId) {
        return pool.preparedQuery("SELECT v.*, i.on_hand, i.reserved FROM variant v JOIN inventory i "
                        + "ON i.variant_id = v.id WHERE v.id = $1")
                .execute(Tuple.of(UUID.fromString(variantId)))
                .await()
                .indefinitely()
                .iterator()
                .next();
    }

    private long count(String sql) {
        return pool.query(sql)
                .execute()
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    /** The outbox's last row id now: what a step writes comes after it. */
    private long outboxMark() {
        return count("SELECT coalesce(max(id), 0) FROM kit_outbox");
    }

    /** The product's events in the outbox written after {@code mark}, oldest first. */
    private List<Envelope<?>> outbox(String productId, long mark) {
        return pool.preparedQuery("SELECT payload FROM kit_outbox WHERE message_key = $1 AND topic = $2 AND id > $3 "
                        + "ORDER BY id")
                .execute(Tuple.of(productId, Topic.PRODUCT_EVENTS.topicName(), mark))
                .map(rows -> {
                    List<Envelope<?>> out = new ArrayList<>();
                    rows.forEach(r -> out.add(decode(r.getString(0))));
                    return out;
                })
                .await()
                .indefinitely();
    }

    private static Envelope<?> decode(String json) {
        return ((MessageCodec.Decoded.Ok) MessageCodec.decode(Topic.PRODUCT_EVENTS, json)).envelope();
    }

    /** What reached catalog.product-events for the product within 30 s (at least one PriceChanged expected). */
    private static List<Envelope<?>> published(String productId) {
        List<Envelope<?>> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaTopics.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "catalog-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName())))) {
            consumer.subscribe(List.of(Topic.PRODUCT_EVENTS.topicName()));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)
                    && values.stream().noneMatch(e -> e.payload() instanceof ProductEvent.PriceChanged)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (productId.equals(r.key())) {
                        values.add(decode(r.value()));
                    }
                });
            }
        }
        return values;
    }
}
