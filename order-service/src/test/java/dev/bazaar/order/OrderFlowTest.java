package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.order.persistence.EventStore;
import dev.bazaar.order.service.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An order's life through commands, payment events and the buyer's and sellers' API, against the real stack. */
@QuarkusTest
class OrderFlowTest {

    @Inject
    Pool pool;

    @Inject
    Orders orders;

    @Inject
    EventStore store;

    @Inject
    dev.bazaar.order.service.OrderCompletion completion;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();
    final UUID mug = UUID.randomUUID();
    final UUID rug = UUID.randomUUID();

    static void send(Envelope<? extends Message> e) {
        KafkaTopics.send(e.topic().topicName(), e.key(), MessageCodec.encodeToString(e));
    }

    static Envelope<Message> env(Message m, long version) {
        return Envelope.of(m, version, Instant.now(), null, null);
    }

    OrderCommand.PlaceOrder place(UUID saga, UUID order, String buyer) {
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
        // quoted with euro shown: the estimate travels to OrderPlaced for the buyer's confirmation
        return new OrderCommand.PlaceOrder(
                saga,
                order,
                UUID.randomUUID(),
                buyer,
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of(a, b),
                a.total().plus(b.total()),
                Money.of(19_482, "EUR"));
    }

    void owns(UUID shop, String user) {
        send(env(
                new ShopEvent.ShopApproved(
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
        // one shop per seller, the newest: other tests' (and other modules') shops of this user may still arrive
        // from the shared topic, so this one is made the newest by a margin
        pool.preparedQuery("UPDATE shop SET updated_at = clock_timestamp() + interval '1 day', "
                        + "event_at = clock_timestamp() WHERE id = $1")
                .execute(Tuple.of(shop))
                .await()
                .indefinitely();
    }

    String status(UUID order, String as) {
        return given().auth()
                .oauth2(KeycloakTokens.user(as))
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    @Test
    void placeCaptureShipDeliverReturnAndRefund() {
        String alice = KeycloakTokens.subject(KeycloakTokens.user("load002")); // a buyer no other test lists
        UUID saga = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        owns(shopA, "bob");
        owns(shopB, "sam");
        var command = env(place(saga, order, alice), 0);
        send(command);
        send(command); // replayed: placed once, answered twice
        List<String> replies = KafkaTopics.await(Topic.ORDER_REPLIES.topicName(), saga.toString()::equals, 2);
        assertThat(replies)
                .hasSize(2)
                .allSatisfy(r -> assertThat(((MessageCodec.Decoded.Ok) MessageCodec.decode(Topic.ORDER_REPLIES, r))
                                .envelope()
                                .payload())
                        .isInstanceOf(OrderReply.OrderPlaced.class));
        assertThat(status(order, "load002")).isEqualTo("PLACED");
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(200);

        String bob = KeycloakTokens.user("bob");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z1"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(409)
                .body("detail", equalTo("This group is not paid yet."));

        send(env(
                new PaymentEvent.PaymentCaptured(order, UUID.randomUUID(), Money.usd(3_750 + 800 + 15_900 + 1_272)),
                0));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> status(order, "load002").equals("PAID"));
        Instant paidAt = Instant.now();

        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", " "))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("trackingNumber"));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z999"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("status", equalTo("SHIPPED"));
        assertThat(status(order, "load002")).isEqualTo("PARTIALLY_SHIPPED");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z999"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/seller/orders/" + UUID.randomUUID() + "/delivered")
                .then()
                .statusCode(404);

        String sam = KeycloakTokens.user("sam");
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of("carrier", "DHL", "trackingNumber", "JD1"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("status", equalTo("SHIPPED"));
        assertThat(status(order, "load002")).isEqualTo("SHIPPED");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/seller/orders/" + order + "/delivered")
                .then()
                .statusCode(200);
        // a bare POST (no body, no content type) is how most clients mark delivery
        given().auth()
                .oauth2(sam)
                .when()
                .post("/api/v1/seller/orders/" + order + "/delivered")
                .then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"));
        assertThat(status(order, "load002")).isEqualTo("DELIVERED");

        String aliceToken = KeycloakTokens.user("load002");
        given().auth()
                .oauth2(aliceToken)
                .contentType("application/json")
                .body(Map.of("items", List.of(Map.of("variantId", mug.toString(), "quantity", 4)), "reason", "x"))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(aliceToken)
                .contentType("application/json")
                .body(Map.of(
                        "items", List.of(Map.of("variantId", UUID.randomUUID().toString(), "quantity", 1))))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(400);
        String returnId = given().auth()
                .oauth2(aliceToken)
                .contentType("application/json")
                .body(Map.of("items", List.of(Map.of("variantId", mug.toString(), "quantity", 1)), "reason", "chipped"))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(201)
                .body("order.status", equalTo("RETURN_REQUESTED"))
                .extract()
                .path("returnId");
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/approve")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"));

        List<OrderEvent> published =
                KafkaTopics.await(Topic.ORDER_EVENTS.topicName(), order.toString()::equals, 9).stream()
                        .map(j -> (OrderEvent) ((MessageCodec.Decoded.Ok) MessageCodec.decode(Topic.ORDER_EVENTS, j))
                                .envelope()
                                .payload())
                        .toList();
        assertThat(published)
                .extracting(OrderEvent::type)
                .containsExactly(
                        "OrderPlaced",
                        "OrderPaid",
                        "ShipmentDispatched",
                        "ShipmentDispatched",
                        "GroupDelivered",
                        "GroupDelivered",
                        "ReturnRequested",
                        "ReturnApproved");
        OrderEvent.OrderPlaced placed = (OrderEvent.OrderPlaced) published.get(0);
        assertThat(placed.total()).isEqualTo(Money.usd(3_750 + 800 + 15_900 + 1_272));
        assertThat(placed.displayEstimate()).as("the quote's display estimate").isEqualTo(Money.of(19_482, "EUR"));
        OrderEvent.ReturnApproved approved = (OrderEvent.ReturnApproved) published.get(7);
        var refund = approved.refunds().get(0);
        assertThat(refund.goods()).isEqualTo(Money.usd(1_250));
        assertThat(refund.shipping().plus(refund.tax())).isEqualTo(Money.usd(166 + 100));

        send(env(
                new PaymentEvent.RefundSucceeded(order, UUID.randomUUID(), refund.refundId(), shopA, refund.amount()),
                0));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> status(order, "load002").equals("PARTIALLY_REFUNDED"));

        // the past is still there
        given().auth()
                .oauth2(aliceToken)
                .queryParam("asOf", paidAt.toString())
                .when()
                .get("/api/v1/orders/" + order + "/history")
                .then()
                .statusCode(200)
                .body("state.status", equalTo("PAID"))
                .body("events.size()", equalTo(2));
        given().auth()
                .oauth2(aliceToken)
                .queryParam("asOf", "yesterday")
                .when()
                .get("/api/v1/orders/" + order + "/history")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(aliceToken)
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/orders/" + order + "/cancel")
                .then()
                .statusCode(409);

        // 30 days after the last delivery the order is final
        completion.runOnce(Instant.now().plus(Duration.ofDays(29))).await().atMost(Duration.ofSeconds(10));
        given().auth()
                .oauth2(aliceToken)
                .when()
                .get("/api/v1/orders/" + order + "/history")
                .then()
                .body("events.type", org.hamcrest.Matchers.not(hasItem("OrderCompleted")));
        completion.runOnce(Instant.now().plus(Duration.ofDays(31))).await().atMost(Duration.ofSeconds(10));
        given().auth()
                .oauth2(aliceToken)
                .when()
                .get("/api/v1/orders/" + order + "/history")
                .then()
                .body("events.type", hasItem("OrderCompleted"));
    }

    @Test
    void concurrentCommandsOnOneOrderLoseNoEvent() {
        UUID order = UUID.randomUUID();
        orders.execute(
                        order,
                        null,
                        o -> o.place(new OrderEvent.OrderPlaced(
                                order,
                                UUID.randomUUID(),
                                "buyer",
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                place(UUID.randomUUID(), order, "buyer").groups(),
                                Money.usd(3_750 + 800 + 15_900 + 1_272),
                                Instant.now())),
                        Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));
        List<io.smallrye.mutiny.Uni<dev.bazaar.order.domain.Order>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(orders.execute(
                    order, null, o -> o.refundIssued(UUID.randomUUID(), shopA, Money.usd(10)), Orders.After.NOTHING));
        }
        io.smallrye.mutiny.Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(30));
        var rows = pool.preparedQuery("SELECT seq FROM order_event WHERE order_id = $1 ORDER BY seq")
                .execute(Tuple.of(order))
                .await()
                .atMost(Duration.ofSeconds(5));
        List<Long> seqs = new ArrayList<>();
        rows.forEach(r -> seqs.add(r.getLong(0)));
        assertThat(seqs).hasSize(13).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);

        // a writer that decided on version 5 cannot append after others moved on: the store refuses, nothing lost
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.withTransaction(tx -> store.append(
                                tx,
                                order,
                                5,
                                List.of(new OrderEvent.RefundIssued(order, UUID.randomUUID(), shopA, Money.usd(1)))))
                        .await()
                        .atMost(Duration.ofSeconds(5)))
                .isInstanceOf(EventStore.Conflict.class);
        assertThat(pool.preparedQuery("SELECT count(*) FROM order_event WHERE order_id = $1")
                        .execute(Tuple.of(order))
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .iterator()
                        .next()
                        .getLong(0))
                .isEqualTo(13);
    }

    @Inject
    dev.bazaar.order.persistence.OrderProjections projections;

    @Inject
    dev.bazaar.order.service.Projector projector;

    List<org.bson.Document> viewsOf(UUID order) {
        String g = projector.active().await().atMost(Duration.ofSeconds(5));
        List<org.bson.Document> docs = new ArrayList<>();
        for (String name : List.of(
                dev.bazaar.order.persistence.OrderProjections.BUYER,
                dev.bazaar.order.persistence.OrderProjections.SELLER,
                dev.bazaar.order.persistence.OrderProjections.FACTS)) {
            projections.all(name, g).await().atMost(Duration.ofSeconds(5)).stream()
                    .filter(d -> d.getString("_id").contains(order.toString()))
                    .forEach(docs::add);
        }
        return docs;
    }

    @Test
    void readModelsFollowTheStoreIgnoreReplaysAndRebuildIdentically() {
        UUID order = UUID.randomUUID();
        owns(shopA, "bob");
        String buyer = KeycloakTokens.subject(KeycloakTokens.user("load003"));
        var placed = new OrderEvent.OrderPlaced(
                order,
                UUID.randomUUID(),
                buyer,
                UUID.randomUUID(),
                UUID.randomUUID(),
                place(UUID.randomUUID(), order, buyer).groups(),
                Money.usd(3_750 + 800 + 15_900 + 1_272),
                Instant.now());
        orders.execute(order, null, o -> o.place(placed), Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));
        orders.execute(order, null, o -> o.pay(UUID.randomUUID(), o.total()), Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));
        orders.execute(order, null, o -> o.ship(shopA, "UPS", "1Z7", Instant.now()), Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));

        String bob = KeycloakTokens.user("bob");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(bob)
                        .when()
                        .get("/api/v1/seller/orders?status=SHIPPED")
                        .then()
                        .statusCode(200)
                        .body("items.find { it.orderId == '" + order + "' }.trackingNumber", equalTo("1Z7")));
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders?status=LOST")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(KeycloakTokens.user("load003"))
                .when()
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .body("items.find { it.orderId == '" + order + "' }.status", equalTo("PARTIALLY_SHIPPED"));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("from", today)
                .queryParam("to", today)
                .when()
                .get("/api/v1/admin/stats/daily-sales")
                .then()
                .statusCode(200)
                .body("days.find { it.day == '" + today + "' }.orders", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/admin/stats/daily-sales")
                .then()
                .statusCode(403);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(viewsOf(order))
                        .hasSize(5)
                        .allSatisfy(d -> assertThat(d.get("seq", Number.class).longValue())
                                .isEqualTo(3)));
        List<org.bson.Document> live = viewsOf(order);

        // an old event delivered again (as Kafka may) leaves every view as it is
        var replay = Envelope.of(placed, 1, Instant.now(), null, null);
        send(replay);
        projector.project(order, 1).await().atMost(Duration.ofSeconds(10));
        assertThat(viewsOf(order)).isEqualTo(live);

        // a rebuild from the store yields the same views in a new generation, and readers switch to it
        String before = projector.active().await().atMost(Duration.ofSeconds(5));
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/projections/rebuild")
                .then()
                .statusCode(200)
                .body("orders", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        assertThat(projector.active().await().atMost(Duration.ofSeconds(5))).isNotEqualTo(before);
        assertThat(viewsOf(order)).isEqualTo(live);
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(200)
                .body("items.find { it.orderId == '" + order + "' }.status", equalTo("SHIPPED"));
    }
}
