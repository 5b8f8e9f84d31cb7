package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.service.OrderCompletion;
import dev.bazaar.order.service.Orders;
import dev.bazaar.order.service.Shops;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Return windows per shop (#23): a shop's policy reaches this service on catalog.shop-events, an order is placed under
 * the windows its shops had then (later changes do not touch it), a return and the completion job each go by their
 * group's own window, and buyers and sellers are shown it.
 */
@QuarkusTest
class ReturnWindowTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    Orders orders;

    @Inject
    Shops shops;

    @Inject
    OrderCompletion completion;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();
    final UUID mug = UUID.randomUUID();
    final UUID rug = UUID.randomUUID();

    /** The user's shop, approved (version 1) and made their newest, as OrderFlowTest's owns does. */
    void owns(UUID shop, String user) {
        OrderFlowTest.send(
                OrderFlowTest.env(new ShopEvent.ShopApproved(shop, subject(user), "s-" + shop, "Shop", "US"), 1));
        await().atMost(WAIT).until(() -> row(shop) != null);
        pool.preparedQuery("UPDATE shop SET updated_at = clock_timestamp() + interval '1 day', "
                        + "event_at = clock_timestamp() WHERE id = $1")
                .execute(Tuple.of(shop))
                .await()
                .indefinitely();
    }

    static String subject(String user) {
        return KeycloakTokens.subject(KeycloakTokens.user(user));
    }

    /** The replica's row of the shop (null: not heard of). */
    Row row(UUID shop) {
        Iterator<Row> rows = pool.preparedQuery("SELECT status, return_window_days FROM shop WHERE id = $1")
                .execute(Tuple.of(shop))
                .await()
                .atMost(WAIT)
                .iterator();
        return rows.hasNext() ? rows.next() : null;
    }

    Integer replicaWindow(UUID shop) {
        Row r = row(shop);
        return r == null ? null : r.getInteger("return_window_days");
    }

    List<OrderGroup> groups() {
        OrderGroup a = OrderGroup.of(
                shopA,
                List.of(OrderLine.of(mug, UUID.randomUUID(), "Mug", "MUG", 3, Money.usd(1_250), 1_000, Money.usd(375))),
                Money.usd(500),
                Money.usd(300));
        OrderGroup b = OrderGroup.of(
                shopB,
                List.of(OrderLine.of(
                        rug, UUID.randomUUID(), "Rug", "RUG", 1, Money.usd(15_900), 800, Money.usd(1_272))),
                Money.usd(0),
                Money.usd(1_272));
        return List.of(a, b);
    }

    static Money total(List<OrderGroup> groups) {
        return groups.stream().map(OrderGroup::total).reduce(Money::plus).orElseThrow();
    }

    void run(UUID order, Function<Order, List<OrderEvent>> decide) {
        orders.execute(order, null, decide, Orders.After.NOTHING).await().atMost(WAIT);
    }

    /** Pays, ships and delivers both groups of a placed order: delivered at {@code deliveredAt}. */
    void paidShippedDelivered(UUID order, Instant deliveredAt) {
        run(order, o -> o.pay(UUID.randomUUID(), o.total()));
        run(order, o -> o.ship(shopA, "UPS", "1Z", deliveredAt.minus(Duration.ofDays(1))));
        run(order, o -> o.ship(shopB, "DHL", "JD", deliveredAt.minus(Duration.ofDays(1))));
        run(order, o -> o.deliver(shopA, deliveredAt));
        run(order, o -> o.deliver(shopB, deliveredAt));
    }

    List<String> eventTypes(UUID order) {
        return orders.history(order, null).await().atMost(WAIT).stream()
                .map(s -> s.event().type())
                .toList();
    }

    @Test
    void anOrderKeepsTheWindowsItsShopsHadWhenItWasPlaced() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        OrderFlowTest.send(OrderFlowTest.env(new ShopEvent.ShopPolicyChanged(shopA, subject("bob"), 7), 2));
        await().atMost(WAIT).until(() -> Integer.valueOf(7).equals(replicaWindow(shopA)));
        assertThat(row(shopA).getString("status"))
                .as("a policy leaves the status as it was")
                .isEqualTo("APPROVED");
        assertThat(replicaWindow(shopB)).as("sam never set one").isNull();

        UUID saga = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        List<OrderGroup> groups = groups();
        OrderFlowTest.send(OrderFlowTest.env(
                new OrderCommand.PlaceOrder(
                        saga,
                        order,
                        UUID.randomUUID(),
                        subject("load005"),
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        groups,
                        total(groups)),
                0));
        KafkaTopics.await(Topic.ORDER_REPLIES.topicName(), saga.toString()::equals, 1);
        OrderEvent.OrderPlaced placed = (OrderEvent.OrderPlaced)
                orders.history(order, null).await().atMost(WAIT).getFirst().event();
        assertThat(placed.returnWindowDays()).isEqualTo(Map.of(shopA, 7, shopB, 30));

        // bob is more generous from now on: this order was bought under 7 days and keeps them
        OrderFlowTest.send(OrderFlowTest.env(new ShopEvent.ShopPolicyChanged(shopA, subject("bob"), 60), 3));
        await().atMost(WAIT).until(() -> Integer.valueOf(60).equals(replicaWindow(shopA)));

        Instant deliveredAt = Instant.now().minus(Duration.ofDays(8)).minus(Duration.ofHours(1));
        paidShippedDelivered(order, deliveredAt);

        String buyer = KeycloakTokens.user("load005");
        JsonPath view = given().auth()
                .oauth2(buyer)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(view.getInt("groups.find { it.shopId == '" + shopA + "' }.returnWindowDays"))
                .isEqualTo(7);
        assertThat(Instant.parse(view.getString("groups.find { it.shopId == '" + shopA + "' }.returnableUntil")))
                .isEqualTo(deliveredAt.plus(Duration.ofDays(7)));
        assertThat(view.getInt("groups.find { it.shopId == '" + shopB + "' }.returnWindowDays"))
                .isEqualTo(30);

        // day 8 after delivery: bob's group is past its 7 days, sam's within its 30
        List<String> before = eventTypes(order);
        given().auth()
                .oauth2(buyer)
                .contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("variantId", mug.toString(), "quantity", 1)), "reason", "DAMAGED"))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", endsWith("illegal-order-transition"))
                .body("detail", containsString("return window closed"));
        assertThat(eventTypes(order)).as("a refused return appends nothing").isEqualTo(before);
        given().auth()
                .oauth2(buyer)
                .contentType("application/json")
                .body(Map.of(
                        "lines",
                        List.of(Map.of("variantId", rug.toString(), "quantity", 1)),
                        "reason",
                        "NOT_AS_DESCRIBED"))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(201);

        // each seller sees the window their part was sold under
        JsonPath bobs = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(bobs.getInt("returnWindowDays")).isEqualTo(7);
        assertThat(Instant.parse(bobs.getString("returnableUntil"))).isEqualTo(deliveredAt.plus(Duration.ofDays(7)));
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .body("returnWindowDays", org.hamcrest.Matchers.equalTo(30));
    }

    @Test
    void statusAndPolicyEachMoveForwardByTheirOwnVersion() {
        UUID shop = UUID.randomUUID();
        String owner = "owner-" + shop;
        Instant now = Instant.now();
        shops.record(new ShopEvent.ShopPolicyChanged(shop, owner, 14), 5, now)
                .await()
                .atMost(WAIT);
        assertThat(row(shop).getString("status"))
                .as("not approved until catalog says")
                .isEqualTo("PENDING_APPROVAL");
        // approved before the policy changed, but heard of after it: the approval still counts, the policy stays
        shops.record(new ShopEvent.ShopApproved(shop, owner, "s", "S", "US"), 4, now)
                .await()
                .atMost(WAIT);
        assertThat(row(shop).getString("status")).isEqualTo("APPROVED");
        assertThat(replicaWindow(shop)).isEqualTo(14);
        // an older policy, delivered again, changes nothing
        shops.record(new ShopEvent.ShopPolicyChanged(shop, owner, 60), 3, now)
                .await()
                .atMost(WAIT);
        assertThat(replicaWindow(shop)).isEqualTo(14);
        shops.record(new ShopEvent.ShopSuspended(shop, owner, "chargebacks"), 6, now)
                .await()
                .atMost(WAIT);
        assertThat(row(shop).getString("status")).isEqualTo("SUSPENDED");
        assertThat(replicaWindow(shop)).isEqualTo(14);

        UUID unknown = UUID.randomUUID();
        assertThat(shops.returnWindowDays(List.of(shop, unknown)).await().atMost(WAIT))
                .isEqualTo(Map.of(shop, 14, unknown, 30));
    }

    /** A one-time far past, so that few other rows of the shared due list come before this test's. */
    static final Instant LONG_AGO = Instant.parse("1991-03-01T00:00:00Z");

    UUID placedAndDelivered(Map<UUID, Integer> windows, Instant deliveredAt) {
        UUID order = UUID.randomUUID();
        List<OrderGroup> groups = groups();
        run(
                order,
                o -> o.place(new OrderEvent.OrderPlaced(
                        order,
                        UUID.randomUUID(),
                        "buyer-" + order,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        groups,
                        total(groups),
                        deliveredAt.minus(Duration.ofDays(3)),
                        windows)));
        paidShippedDelivered(order, deliveredAt);
        return order;
    }

    boolean completed(UUID order) {
        return eventTypes(order).contains("OrderCompleted");
    }

    Instant dueAt(UUID order) {
        Iterator<Row> rows = pool.preparedQuery("SELECT due_at FROM order_completion_due WHERE order_id = $1")
                .execute(Tuple.of(order))
                .await()
                .atMost(WAIT)
                .iterator();
        assertThat(rows.hasNext()).as("order %s is on the due list", order).isTrue();
        var at = rows.next().getOffsetDateTime("due_at");
        return at == null ? null : at.toInstant();
    }

    @Test
    void theCompletionJobClosesAnOrderOnceEachGroupsOwnWindowHasPassed() {
        Instant t = LONG_AGO.plusSeconds(
                java.util.concurrent.ThreadLocalRandom.current().nextInt(86_400));
        UUID mixed = placedAndDelivered(Map.of(shopA, 7, shopB, 45), t);
        UUID short0 = placedAndDelivered(Map.of(shopA, 0, shopB, 5), t);
        UUID legacy = placedAndDelivered(null, t); // placed before shops had their own windows
        assertThat(dueAt(mixed)).isEqualTo(t.plus(Duration.ofDays(45)));
        assertThat(dueAt(short0)).isEqualTo(t.plus(Duration.ofDays(5)));
        assertThat(dueAt(legacy))
                .as("set by the job, from the configured window")
                .isNull();

        completion.runOnce(t.plus(Duration.ofDays(5)).minusSeconds(1)).await().atMost(Duration.ofMinutes(2));
        assertThat(dueAt(legacy)).isEqualTo(t.plus(Duration.ofDays(30)));
        assertThat(List.of(mixed, short0, legacy)).noneMatch(this::completed);

        completion.runOnce(t.plus(Duration.ofDays(5))).await().atMost(Duration.ofMinutes(2));
        assertThat(completed(short0)).isTrue();
        assertThat(List.of(mixed, legacy)).noneMatch(this::completed);

        completion.runOnce(t.plus(Duration.ofDays(30))).await().atMost(Duration.ofMinutes(2));
        assertThat(completed(legacy)).isTrue();
        assertThat(completed(mixed)).as("B's 45 days are not over").isFalse();

        completion.runOnce(t.plus(Duration.ofDays(45))).await().atMost(Duration.ofMinutes(2));
        assertThat(completed(mixed)).isTrue();
        assertThat(pool.preparedQuery("SELECT count(*) FROM order_completion_due WHERE order_id = ANY($1)")
                        .execute(Tuple.of(new UUID[] {mixed, short0, legacy}))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0))
                .as("completed orders leave the due list")
                .isZero();
    }
}
