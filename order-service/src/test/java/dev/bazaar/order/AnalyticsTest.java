package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.service.Orders;
import dev.bazaar.order.service.Projector;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The analytics read model against the real stack: events in, numbers out (per shop, category and platform, by day,
 * week and month), top products, payouts; redelivered events and payouts counted once; a rebuild yields the same
 * numbers; other roles and other sellers refused; bad input a 400 problem.
 */
@QuarkusTest
class AnalyticsTest {

    @Inject
    Pool pool;

    @Inject
    Orders orders;

    @Inject
    Projector projector;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();
    final UUID category = UUID.randomUUID();
    final UUID mug = UUID.randomUUID();
    final UUID mugProduct = UUID.randomUUID();
    final UUID lampProduct = UUID.randomUUID();
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    /** The day the order is placed: in the past year, a day other tests (placing "now") do not use. */
    final LocalDate placed = today.minusDays(ThreadLocalRandom.current().nextInt(40, 300));

    void owns(UUID shop, String user) {
        OrderFlowTest.send(OrderFlowTest.env(
                new dev.bazaar.contracts.messaging.ShopEvent.ShopApproved(
                        shop, KeycloakTokens.subject(KeycloakTokens.user(user)), "s-" + shop, "Shop", "US"),
                1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool.preparedQuery("SELECT count(*) FROM shop WHERE id = $1")
                                .execute(Tuple.of(shop))
                                .await()
                                .indefinitely()
                                .iterator()
                                .next()
                                .getLong(0)
                        == 1);
        pool.preparedQuery("UPDATE shop SET updated_at = clock_timestamp() + interval '1 day', "
                        + "event_at = clock_timestamp() WHERE id = $1")
                .execute(Tuple.of(shop))
                .await()
                .indefinitely();
    }

    void run(UUID order, Function<Order, List<OrderEvent>> decide) {
        orders.execute(order, null, decide, Orders.After.NOTHING).await().atMost(Duration.ofSeconds(10));
    }

    static JsonPath get(String user, String path, Map<String, ?> query) {
        return given().auth()
                .oauth2(KeycloakTokens.user(user))
                .queryParams(query)
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static long total(JsonPath answer, String key, String field) {
        return answer.getLong("series.find { it.key == '" + key + "' }.totals." + field);
    }

    @Test
    void eventsInNumbersOutCountedOnceAndRebuiltAlike() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        UUID order = UUID.randomUUID();
        OrderGroup a = OrderGroup.of(
                shopA,
                List.of(
                        OrderLine.of(
                                mug, mugProduct, "Mug", "MUG", 3, Money.usd(1_250), 1_000, Money.usd(375), category),
                        OrderLine.of(
                                UUID.randomUUID(),
                                lampProduct,
                                "Lamp",
                                "LAMP",
                                1,
                                Money.usd(2_000),
                                1_000,
                                Money.usd(200))),
                Money.usd(500),
                Money.usd(300));
        OrderGroup b = OrderGroup.of(
                shopB,
                List.of(OrderLine.of(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "Rug",
                        "RUG",
                        1,
                        Money.usd(15_900),
                        800,
                        Money.usd(1_272),
                        category)),
                Money.usd(0),
                Money.usd(0));
        Instant at = placed.atTime(10, 0).toInstant(ZoneOffset.UTC);
        String buyer = KeycloakTokens.subject(KeycloakTokens.user("load003"));
        Map<String, String> day = Map.of("from", placed.toString(), "to", placed.toString());
        long platformGmvBefore = total(get("admin", "/api/v1/admin/analytics", day), "all", "gmv");
        long platformOrdersBefore = total(get("admin", "/api/v1/admin/analytics", day), "all", "orders");

        run(
                order,
                o -> o.place(new OrderEvent.OrderPlaced(
                        order,
                        UUID.randomUUID(),
                        buyer,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        List.of(a, b),
                        a.total().plus(b.total()),
                        at)));
        run(order, o -> o.pay(UUID.randomUUID(), o.total()));
        // paid: both groups count on the day the order was placed
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(total(
                                get(
                                        "admin",
                                        "/api/v1/admin/analytics",
                                        Map.of(
                                                "from",
                                                placed.toString(),
                                                "to",
                                                placed.toString(),
                                                "categoryId",
                                                category.toString())),
                                category.toString(),
                                "gmv"))
                        .isEqualTo(3_750 + 15_900));
        JsonPath platform = get("admin", "/api/v1/admin/analytics", day);
        assertThat(total(platform, "all", "gmv") - platformGmvBefore).isEqualTo(5_750 + 15_900);
        assertThat(total(platform, "all", "orders") - platformOrdersBefore).isEqualTo(1);

        // shop B cancels its part: its GMV leaves the day it was placed, the category's with it
        run(order, o -> o.sellerCancel(shopB, "out of stock"));
        run(order, o -> o.ship(shopA, "UPS", "1Z1", Instant.now()));
        run(order, o -> o.deliver(shopA, Instant.now()));
        UUID returnId = UUID.randomUUID();
        UUID refundId = UUID.randomUUID();
        run(
                order,
                o -> o.requestReturn(
                        returnId,
                        shopA,
                        List.of(new StockLine(mug, 1)),
                        "chipped",
                        Instant.now(),
                        Duration.ofDays(30)));
        run(order, o -> o.approveReturn(returnId, refundId));
        run(order, o -> o.refundIssued(refundId, shopA, Money.usd(1_250)));
        UUID payout = UUID.randomUUID();
        var paid = OrderFlowTest.env(new PaymentEvent.PayoutPaid(shopA, payout, Money.usd(4_000)), 1);
        OrderFlowTest.send(paid);

        Map<String, String> year = Map.of("from", placed.toString(), "to", today.toString(), "interval", "month");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath mine = get("bob", "/api/v1/seller/analytics", year);
            assertThat(mine.getString("series[0].key")).isEqualTo(shopA.toString());
            assertThat(total(mine, shopA.toString(), "payouts")).isEqualTo(4_000);
            assertThat(total(mine, shopA.toString(), "refunds")).isEqualTo(1_250);
            assertThat(total(mine, shopA.toString(), "returnedItems")).isEqualTo(1);
        });
        JsonPath mine = get("bob", "/api/v1/seller/analytics", year);
        assertThat(mine.getString("interval")).isEqualTo("month");
        assertThat(mine.getString("currency")).isEqualTo("USD");
        assertThat(mine.getList("series[0].points"))
                .hasSize((int) java.time.temporal.ChronoUnit.MONTHS.between(
                                placed.withDayOfMonth(1), today.withDayOfMonth(1))
                        + 1);
        assertThat(mine.getString("series[0].points[0].period"))
                .isEqualTo(placed.toString().substring(0, 7));
        assertThat(mine.getLong("series[0].points[0].gmv")).isEqualTo(5_750);
        assertThat(total(mine, shopA.toString(), "gmv")).isEqualTo(5_750);
        assertThat(total(mine, shopA.toString(), "orders")).isEqualTo(1);
        assertThat(total(mine, shopA.toString(), "items")).isEqualTo(4);
        assertThat(total(mine, shopA.toString(), "commission")).isEqualTo(575);
        assertThat(total(mine, shopA.toString(), "averageOrderValue")).isEqualTo(5_750);
        assertThat(total(mine, shopA.toString(), "takeRateBps")).isEqualTo(1_000);
        assertThat(total(mine, shopA.toString(), "refundCount")).isEqualTo(1);
        assertThat(total(mine, shopA.toString(), "returnRateBps")).isEqualTo(2_500);

        // by day and by ISO week: every period of the range, zeros where nothing happened
        JsonPath days = get(
                "bob",
                "/api/v1/seller/analytics",
                Map.of(
                        "from",
                        placed.minusDays(1).toString(),
                        "to",
                        placed.plusDays(1).toString()));
        assertThat(days.getList("series[0].points.period"))
                .containsExactly(
                        placed.minusDays(1).toString(),
                        placed.toString(),
                        placed.plusDays(1).toString());
        assertThat(days.getList("series[0].points.gmv", Long.class)).containsExactly(0L, 5_750L, 0L);
        JsonPath weeks = get(
                "bob",
                "/api/v1/seller/analytics",
                Map.of("from", placed.toString(), "to", placed.toString(), "interval", "week"));
        assertThat(weeks.getString("series[0].points[0].period"))
                .isEqualTo(placed.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .toString());

        // per category (the lamp has none: uncategorised), per shop, and one category
        JsonPath cats = get(
                "admin",
                "/api/v1/admin/analytics",
                Map.of("from", placed.toString(), "to", placed.toString(), "groupBy", "category", "limit", 100));
        assertThat(total(cats, category.toString(), "gmv")).isEqualTo(3_750);
        assertThat(total(cats, category.toString(), "items")).isEqualTo(3);
        assertThat(total(cats, category.toString(), "orders")).isEqualTo(1);
        JsonPath shops = get(
                "admin",
                "/api/v1/admin/analytics",
                Map.of("from", placed.toString(), "to", placed.toString(), "groupBy", "shop", "limit", 100));
        assertThat(total(shops, shopA.toString(), "gmv")).isEqualTo(5_750);
        assertThat(shops.getList("series.key")).doesNotContain(shopB.toString());
        JsonPath top = get(
                "bob",
                "/api/v1/seller/analytics/top-products",
                Map.of("from", placed.toString(), "to", placed.toString()));
        assertThat(top.getList("products.productId")).containsExactly(mugProduct.toString(), lampProduct.toString());
        assertThat(top.getList("products.units", Long.class)).containsExactly(3L, 1L);
        assertThat(top.getString("products[0].title")).isEqualTo("Mug");

        // redelivered: an old and the latest event of the order projected again, the payout announced again
        long seq =
                orders.load(order, null).await().atMost(Duration.ofSeconds(5)).version();
        projector.project(order, 2).await().atMost(Duration.ofSeconds(10));
        projector.project(order, seq).await().atMost(Duration.ofSeconds(10));
        OrderFlowTest.send(paid);
        OrderFlowTest.send(OrderFlowTest.env(new PaymentEvent.PayoutPaid(shopA, UUID.randomUUID(), Money.usd(1)), 1));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                total(get("bob", "/api/v1/seller/analytics", year), shopA.toString(), "payouts"))
                        .isEqualTo(4_001));
        assertThat(get("bob", "/api/v1/seller/analytics", year).getMap("series[0].totals"))
                .isEqualTo(withPayouts(mine.getMap("series[0].totals"), 4_001));

        // a rebuild recomputes the same numbers from the event store and the kept payouts
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/projections/rebuild")
                .then()
                .statusCode(200);
        assertThat(get("bob", "/api/v1/seller/analytics", year).getMap("series[0].totals"))
                .isEqualTo(withPayouts(mine.getMap("series[0].totals"), 4_001));
        assertThat(total(
                        get(
                                "admin",
                                "/api/v1/admin/analytics",
                                Map.of(
                                        "from",
                                        placed.toString(),
                                        "to",
                                        placed.toString(),
                                        "categoryId",
                                        category.toString())),
                        category.toString(),
                        "gmv"))
                .isEqualTo(3_750);

        // another seller sees their own shop only, whatever they ask
        JsonPath sams = get(
                "sam",
                "/api/v1/seller/analytics",
                Map.of("from", placed.toString(), "to", placed.toString(), "shopId", shopA.toString()));
        assertThat(sams.getList("series.key")).containsExactly(shopB.toString());
        assertThat(sams.getLong("series[0].totals.gmv")).isZero();
    }

    static Map<String, Object> withPayouts(Map<String, Object> totals, long payouts) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(totals);
        m.put("payouts", (int) payouts);
        return m;
    }

    @Test
    void eachRoleSeesOnlyItsOwnAnalytics() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/admin/analytics")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/admin/analytics")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/seller/analytics")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/seller/analytics/top-products")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/admin/analytics").then().statusCode(401);
        given().when().get("/api/v1/seller/analytics").then().statusCode(401);
    }

    @Test
    void badInputIsAProblem() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (Map<String, String> q : List.of(
                Map.of("from", "2026-11-25", "to", "2026-11-24"),
                Map.of("from", "2025-01-01", "to", "2026-01-02"),
                Map.of("interval", "hour"),
                Map.of("groupBy", "buyer"),
                Map.of("limit", "0"),
                Map.of("limit", "101"),
                Map.of("shopId", "x"),
                Map.of("from", "24/11/2026"),
                Map.of("groupBy", "shop", "shopId", UUID.randomUUID().toString()),
                Map.of(
                        "shopId",
                        UUID.randomUUID().toString(),
                        "categoryId",
                        UUID.randomUUID().toString()))) {
            given().auth()
                    .oauth2(KeycloakTokens.user("admin"))
                    .queryParams(q)
                    .when()
                    .get("/api/v1/admin/analytics")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .queryParams(Map.of("from", today, "to", "2020-01-01"))
                .when()
                .get("/api/v1/seller/analytics")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .queryParams(Map.of("interval", "year"))
                .when()
                .get("/api/v1/seller/analytics")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .queryParams(Map.of("limit", "1000"))
                .when()
                .get("/api/v1/seller/analytics/top-products")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        // 366 days, both included, is allowed
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParams(Map.of("from", "2024-01-01", "to", "2024-12-31", "interval", "month"))
                .when()
                .get("/api/v1/admin/analytics")
                .then()
                .statusCode(200)
                .body("series[0].points.size()", equalTo(12));
    }
}
