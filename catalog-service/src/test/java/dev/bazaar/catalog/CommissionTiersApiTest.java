package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Volume-tier commission end to end in catalog: schedules set by admins, shop sales from order.events, the variant
 * lookup (what checkout freezes into order lines) and the seller's page answering the resolved rate.
 */
@QuarkusTest
class CommissionTiersApiTest {

    static final String HEADPHONES = "36481361-7de4-51b2-a93b-62746c53d8b3"; // fixed rate 600

    @Inject
    Pool pool;

    String variantId;
    String shopId;

    @BeforeEach
    void givenBobsHeadphonesAndNoSchedulesOrSales() {
        pool.query("TRUNCATE commission_schedule, shop_sale").execute().await().indefinitely();
        variantId = CatalogFixtures.freshShopWithProduct(
                        pool, "headphones", "Studio headphones", 12900, 350, CatalogFixtures.stock("HP-1", 8))
                .get(0);
        shopId = lookup().extract().path("items[0].shopId");
    }

    @AfterEach
    void removeTestCategories() {
        pool.query("DELETE FROM category WHERE slug LIKE 'zz-%' AND parent_id IS NOT NULL")
                .execute()
                .await()
                .indefinitely();
        pool.query("DELETE FROM category WHERE slug LIKE 'zz-%'")
                .execute()
                .await()
                .indefinitely();
    }

    @Test
    void theLookupAnswersTheTierTheShopsPaidTrailingSalesReach() {
        lookup().body("items[0].commissionRateBps", equalTo(600)); // no schedule: the category's fixed rate
        addSchedule(Map.of("baseRateBps", 800, "tiers", List.of(tier(1_000_000, 700), tier(5_000_000, 600))))
                .statusCode(201)
                .body("inForce", equalTo(true));
        lookup().body("items[0].commissionRateBps", equalTo(800));

        UUID first = UUID.randomUUID();
        var placed = placed(first, 1_000_000);
        publish(placed, placed); // delivered twice: counted once
        awaitSale(first, false);
        lookup().body("items[0].commissionRateBps", equalTo(800)); // placed, not paid: not counted
        publish(paid(first));
        awaitSale(first, true);
        // exactly $10,000 is not above $10,000
        lookup().body("items[0].commissionRateBps", equalTo(800));
        sellerPage().body("trailing30DayGmvMinor", equalTo(1_000_000));

        UUID second = UUID.randomUUID();
        publish(placed(second, 1), paid(second));
        awaitSale(second, true);
        lookup().body("items[0].commissionRateBps", equalTo(700));
        sellerPage()
                .body("trailing30DayGmvMinor", equalTo(1_000_001))
                .body("categories.find { it.categoryId == '" + HEADPHONES + "' }.rateBps", equalTo(700))
                .body("categories.find { it.categoryId == '" + HEADPHONES + "' }.tier", equalTo(1))
                .body("categories.find { it.categoryId == '" + HEADPHONES + "' }.nextAboveMinor", equalTo(5_000_000))
                .body("categories.find { it.categoryId == '" + HEADPHONES + "' }.nextRateBps", equalTo(600))
                .body("categories.find { it.categoryId == '" + HEADPHONES + "' }.toNextMinor", equalTo(4_000_000))
                // a category without a schedule: its fixed rate, no tiers
                .body("categories.find { it.slug == 'books' }.rateBps", equalTo(800))
                .body("categories.find { it.slug == 'books' }.nextAboveMinor", nullValue());

        publish(Envelope.of(
                new OrderEvent.GroupCancelled(
                        second,
                        UUID.fromString(shopId),
                        "out of stock",
                        GroupRefund.of(
                                UUID.randomUUID(),
                                UUID.fromString(shopId),
                                Money.usd(1),
                                Money.usd(0),
                                Money.usd(0),
                                Money.usd(0)),
                        List.of()),
                3,
                now(),
                null,
                null));
        await().atMost(Duration.ofSeconds(20)).until(() -> cancelled(second));
        lookup().body("items[0].commissionRateBps", equalTo(800));
        assertThat(processed(placed.id())).isEqualTo(1);
    }

    @Test
    void aScheduleAppliesFromItsEffectiveInstantAndSalesLeaveTheWindowAfterThirtyDays() {
        Instant clock = adminClock();
        String from = clock.plus(Duration.ofHours(1)).toString();
        String future = addSchedule(Map.of("effectiveFrom", from, "baseRateBps", 900, "tiers", List.of(tier(100, 500))))
                .statusCode(201)
                .body("inForce", equalTo(false))
                .extract()
                .path("id");
        UUID order = UUID.randomUUID();
        publish(placed(order, 101), paid(order));
        awaitSale(order, true);
        lookup().body("items[0].commissionRateBps", equalTo(600)); // not yet in force
        adminCommission().body("schedules", hasSize(1)).body("schedules[0].inForce", equalTo(false));

        advanceClock("PT2H");
        lookup().body("items[0].commissionRateBps", equalTo(500));
        adminCommission().body("schedules[0].inForce", equalTo(true));
        // in force: kept, orders were quoted on it
        deleteSchedule(future).statusCode(409).body("type", org.hamcrest.Matchers.containsString("schedule-in-force"));

        advanceClock("P31D"); // the sale is older than 30 days
        lookup().body("items[0].commissionRateBps", equalTo(900));
    }

    @Test
    void aScheduleNotYetInForceCanBeWithdrawn() {
        String from = adminClock().plus(Duration.ofDays(1)).toString();
        String id = addSchedule(Map.of("effectiveFrom", from, "baseRateBps", 900))
                .statusCode(201)
                .extract()
                .path("id");
        addSchedule(Map.of("effectiveFrom", from, "baseRateBps", 700)).statusCode(409);
        deleteSchedule(id).statusCode(204);
        deleteSchedule(id).statusCode(404);
        adminCommission().body("fixedRateBps", equalTo(600)).body("schedules", hasSize(0));
    }

    @Test
    void aBadScheduleIsRefusedAndChangesNothing() {
        addSchedule(Map.of("effectiveFrom", adminClock().minusSeconds(60).toString(), "baseRateBps", 800))
                .statusCode(400)
                .body("violations.field", hasItem("effectiveFrom"));
        addSchedule(Map.of("effectiveFrom", "tomorrow", "baseRateBps", 800))
                .statusCode(400)
                .body("violations.field", hasItem("effectiveFrom"));
        addSchedule(Map.of("baseRateBps", 800, "tiers", List.of(tier(2000, 700), tier(1000, 600))))
                .statusCode(400)
                .body("violations.field", hasItem("tiers[1].aboveMinor"));
        addSchedule(Map.of("baseRateBps", 800, "tiers", List.of(tier(1000, 900))))
                .statusCode(400)
                .body("violations.field", hasItem("tiers[0].rateBps"));
        addSchedule(Map.of("baseRateBps", 10_001)).statusCode(400).body("violations.field", hasItem("baseRateBps"));
        addSchedule(Map.of("tiers", List.of())).statusCode(400).body("violations.field", hasItem("baseRateBps"));
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("baseRateBps", 800))
                .when()
                .post("/api/v1/admin/categories/" + UUID.randomUUID() + "/commission")
                .then()
                .statusCode(404);
        adminCommission().body("schedules", hasSize(0));
        lookup().body("items[0].commissionRateBps", equalTo(600));
    }

    @Test
    void onlyAdminsManageCommissionAndOnlySellersSeeTheirOwn() {
        for (String who : List.of("bob", "alice")) {
            String token = KeycloakTokens.user(who);
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/v1/admin/categories/" + HEADPHONES + "/commission")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("baseRateBps", 100))
                    .when()
                    .post("/api/v1/admin/categories/" + HEADPHONES + "/commission")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .when()
                    .delete("/api/v1/admin/categories/" + HEADPHONES + "/commission/" + UUID.randomUUID())
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("slug", "zz-nope", "name", "Nope", "commissionRateBps", 100))
                    .when()
                    .post("/api/v1/admin/categories")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("commissionRateBps", 1))
                    .when()
                    .patch("/api/v1/admin/categories/" + HEADPHONES)
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/seller/commission")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/seller/commission")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/seller/commission").then().statusCode(401);
        // another seller sees their own shop only: sam has none (bob's is not shown to him)
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/commission")
                .then()
                .statusCode(404);
        adminCommission().body("fixedRateBps", equalTo(600)).body("schedules", hasSize(0));
    }

    @Test
    void aSellerWithoutAShopHasNoCommissionPage() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        sellerPage(404);
    }

    @Test
    void adminsAddRenameRerateAndMoveCategories() {
        String admin = KeycloakTokens.user("admin");
        String electronics = "868c6062-cd47-5d6a-a6c9-630bc7b2e4a5";
        String parent = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("parentId", electronics, "slug", "zz-drones", "name", "Drones", "commissionRateBps", 700))
                .when()
                .post("/api/v1/admin/categories")
                .then()
                .statusCode(201)
                .body("path", equalTo("electronics/zz-drones"))
                .extract()
                .path("id");
        String child = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("parentId", parent, "slug", "zz-fpv", "name", "FPV", "commissionRateBps", 650))
                .when()
                .post("/api/v1/admin/categories")
                .then()
                .statusCode(201)
                .body("path", equalTo("electronics/zz-drones/zz-fpv"))
                .extract()
                .path("id");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("slug", "zz-drones", "name", "Again", "commissionRateBps", 700))
                .when()
                .post("/api/v1/admin/categories")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("slug", "Not A Slug", "name", "Bad", "commissionRateBps", 700))
                .when()
                .post("/api/v1/admin/categories")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("slug"));

        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("name", "Drones & UAVs", "commissionRateBps", 550))
                .when()
                .patch("/api/v1/admin/categories/" + parent)
                .then()
                .statusCode(200)
                .body("name", equalTo("Drones & UAVs"))
                .body("commissionRateBps", equalTo(550));
        // under its own child: refused, nothing moved
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("parentId", child))
                .when()
                .patch("/api/v1/admin/categories/" + parent)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("parentId"));
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("commissionRateBps", 10_001))
                .when()
                .patch("/api/v1/admin/categories/" + parent)
                .then()
                .statusCode(400);
        // moving the subtree under toys rewrites every path in it
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("parentId", "1e57baf2-d516-572b-9007-913060ce2bc1"))
                .when()
                .patch("/api/v1/admin/categories/" + parent)
                .then()
                .statusCode(200)
                .body("path", equalTo("toys/zz-drones"))
                .body("commissionRateBps", equalTo(550));
        assertThat(path(child)).isEqualTo("toys/zz-drones/zz-fpv");
        // a category with products stays where it is (search entries carry its path)
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("parentId", parent))
                .when()
                .patch("/api/v1/admin/categories/" + HEADPHONES)
                .then()
                .statusCode(409);
        assertThat(path(HEADPHONES)).isEqualTo("electronics/audio/headphones");
        // the new fixed rate is what a category without a schedule quotes
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("commissionRateBps", 650))
                .when()
                .patch("/api/v1/admin/categories/" + HEADPHONES)
                .then()
                .statusCode(200);
        try {
            lookup().body("items[0].commissionRateBps", equalTo(650));
        } finally {
            pool.query("UPDATE category SET commission_rate_bps = 600 WHERE id = '" + HEADPHONES + "'")
                    .execute()
                    .await()
                    .indefinitely();
        }
    }

    // --- helpers

    private io.restassured.response.ValidatableResponse lookup() {
        return given().auth()
                .oauth2(KeycloakTokens.service())
                .contentType("application/json")
                .body(Map.of("variantIds", List.of(variantId)))
                .when()
                .post("/api/v1/internal/variants/lookup")
                .then()
                .statusCode(200);
    }

    private io.restassured.response.ValidatableResponse sellerPage() {
        return sellerPage(200);
    }

    private io.restassured.response.ValidatableResponse sellerPage(int status) {
        return given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/commission")
                .then()
                .statusCode(status);
    }

    private io.restassured.response.ValidatableResponse addSchedule(Map<String, Object> body) {
        return given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/categories/" + HEADPHONES + "/commission")
                .then();
    }

    private io.restassured.response.ValidatableResponse deleteSchedule(String id) {
        return given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .delete("/api/v1/admin/categories/" + HEADPHONES + "/commission/" + id)
                .then();
    }

    private io.restassured.response.ValidatableResponse adminCommission() {
        return given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/categories/" + HEADPHONES + "/commission")
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> tier(long above, int rate) {
        return Map.of("aboveMinor", above, "rateBps", rate);
    }

    private Instant adminClock() {
        return Instant.parse(given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/clock")
                .then()
                .statusCode(200)
                .extract()
                .path("now"));
    }

    private void advanceClock(String by) {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("advanceBy", by))
                .when()
                .post("/api/v1/admin/clock")
                .then()
                .statusCode(200);
    }

    /** The platform clock's now (tests may have moved it forward): the orders placed here are placed "now". */
    private Instant now() {
        return adminClock();
    }

    private Envelope<OrderEvent.OrderPlaced> placed(UUID order, long goods) {
        Money unit = Money.usd(goods);
        OrderLine line = OrderLine.of(
                UUID.fromString(variantId),
                UUID.randomUUID(),
                "Studio headphones",
                "HP-1",
                1,
                unit,
                800,
                Money.usd(goods * 8 / 100));
        OrderGroup group = OrderGroup.of(UUID.fromString(shopId), List.of(line), Money.usd(0), Money.usd(0));
        return Envelope.of(
                new OrderEvent.OrderPlaced(
                        order,
                        UUID.randomUUID(),
                        "alice",
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        List.of(group),
                        group.total(),
                        now()),
                1,
                now(),
                null,
                null);
    }

    private Envelope<OrderEvent.OrderPaid> paid(UUID order) {
        return Envelope.of(new OrderEvent.OrderPaid(order, UUID.randomUUID(), Money.usd(1)), 2, now(), null, null);
    }

    private static void publish(Envelope<?>... events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTopics.client(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())))) {
            for (Envelope<?> e : events) {
                // in order, each acknowledged before the next (same key, same partition)
                producer.send(new ProducerRecord<>(
                                Topic.ORDER_EVENTS.topicName(), e.key(), MessageCodec.encodeToString(e)))
                        .get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot publish to order.events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitSale(UUID order, boolean paid) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool.preparedQuery("SELECT paid FROM shop_sale WHERE order_id = $1")
                        .execute(Tuple.of(order))
                        .map(r -> r.rowCount() == 1 && r.iterator().next().getBoolean(0) == paid)
                        .await()
                        .indefinitely());
    }

    private boolean cancelled(UUID order) {
        return pool.preparedQuery("SELECT cancelled FROM shop_sale WHERE order_id = $1")
                .execute(Tuple.of(order))
                .map(r -> r.rowCount() == 1 && r.iterator().next().getBoolean(0))
                .await()
                .indefinitely();
    }

    private String path(String categoryId) {
        return pool.preparedQuery("SELECT path FROM category WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(categoryId)))
                .map(r -> r.iterator().next().getString(0))
                .await()
                .indefinitely();
    }

    private long processed(UUID messageId) {
        return pool.preparedQuery("SELECT count(*) FROM kit_processed_message WHERE message_id = $1 AND consumer = $2")
                .execute(Tuple.of(messageId, "catalog.shop-sales"))
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }
}
