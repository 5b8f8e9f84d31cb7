package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.order.domain.CarrierSignature;
import dev.bazaar.order.domain.GroupStatus;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.service.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Carriers confirm delivery through their signed tracking events ({@code POST /api/v1/carriers/{carrier}/events}),
 * against the real store: the bundled {@code test} carrier with the test profile's secret, parcels shipped through the
 * aggregate (the lookup by tracking number is written with ShipmentDispatched), and every refusal changing nothing.
 */
@QuarkusTest
class CarrierWebhookTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SECRET = "carrier_test_test_secret";

    @Inject
    Pool pool;

    @Inject
    Orders orders;

    final UUID shop = UUID.randomUUID();
    final UUID mug = UUID.randomUUID();

    /** A paid one-group order of 3 mugs. */
    UUID paidOrder() {
        UUID order = UUID.randomUUID();
        OrderGroup g = OrderGroup.of(
                shop,
                List.of(OrderLine.of(mug, UUID.randomUUID(), "Mug", "MUG", 3, Money.usd(1_250), 1_000, Money.usd(375))),
                Money.usd(500),
                Money.usd(300));
        run(
                order,
                o -> o.place(new OrderEvent.OrderPlaced(
                        order,
                        UUID.randomUUID(),
                        "buyer-" + order,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        List.of(g),
                        g.total(),
                        Instant.now())));
        run(order, o -> o.pay(UUID.randomUUID(), g.total()));
        return order;
    }

    /** Ships {@code quantity} mugs (null: all that is left) with {@code carrier}; answers the tracking number. */
    String ship(UUID order, String carrier, Integer quantity) {
        String tracking = "tt " + UUID.randomUUID().toString().substring(0, 13);
        run(
                order,
                o -> o.ship(
                        shop,
                        carrier,
                        tracking,
                        quantity == null ? null : List.of(new StockLine(mug, quantity)),
                        Instant.now()));
        return tracking;
    }

    void run(UUID order, Function<Order, List<OrderEvent>> decide) {
        orders.execute(order, null, decide, Orders.After.NOTHING).await().atMost(WAIT);
    }

    Order load(UUID order) {
        return orders.load(order, null).await().atMost(WAIT);
    }

    long events(UUID order) {
        return pool.preparedQuery("SELECT count(*) FROM order_event WHERE order_id = $1")
                .execute(Tuple.of(order))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    static String event(String id, String trackingNumber, String status) {
        return new JsonObject()
                .put("id", id)
                .put("trackingNumber", trackingNumber)
                .put("status", status)
                .put(
                        "occurredAt",
                        Instant.now()
                                .minusSeconds(600)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString())
                .put("location", "front porch")
                .encode();
    }

    static ValidatableResponse post(String carrier, String body, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header(CarrierSignature.HEADER, signature);
        }
        return request.when().post("/api/v1/carriers/" + carrier + "/events").then();
    }

    static ValidatableResponse signed(String body) {
        return post(
                "test",
                body,
                CarrierSignature.sign(
                        body.getBytes(StandardCharsets.UTF_8),
                        SECRET,
                        Instant.now().getEpochSecond()));
    }

    @Test
    void aSignedDeliveredForTheOnlyParcelDeliversTheGroupOnce() {
        UUID order = paidOrder();
        String tracking = ship(order, "Test", null); // as a seller types it; the carrier sends it upper-case, joined
        String body = event(
                "evt-" + UUID.randomUUID(), tracking.toUpperCase(Locale.ROOT).replace(" ", ""), "DELIVERED");
        signed(body).statusCode(200).body("result", equalTo("GROUP_DELIVERED"));

        Order o = load(order);
        Order.Group g = o.groups().getFirst();
        assertThat(g.status()).isEqualTo(GroupStatus.DELIVERED);
        assertThat(g.shipments().getFirst().deliveredAt())
                .isEqualTo(g.deliveredAt())
                .isNotNull();
        long after = events(order);
        // downstream as for any GroupDelivered: the completion job's list has the order, the event went out
        assertThat(pool.preparedQuery("SELECT count(*) FROM order_completion_due WHERE order_id = $1")
                        .execute(Tuple.of(order))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0))
                .isEqualTo(1);
        assertThat(pool.preparedQuery("SELECT count(*) FROM order_delivery_due WHERE order_id = $1")
                        .execute(Tuple.of(order))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0))
                .isZero();

        // the carrier delivers the same event again (a retry), or says DELIVERED again: nothing is appended
        signed(body).statusCode(200).body("result", equalTo("UNCHANGED"));
        signed(event("evt-" + UUID.randomUUID(), tracking, "DELIVERED"))
                .statusCode(200)
                .body("result", equalTo("UNCHANGED"));
        assertThat(events(order)).isEqualTo(after);

        // the order's page shows the parcel delivered by its carrier
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(200)
                .body("groups[0].status", equalTo("DELIVERED"))
                .body("groups[0].shipments[0].deliveredAt", notNullValue());
    }

    @Test
    void aGroupInTwoParcelsIsDeliveredOnlyAfterBoth() {
        UUID order = paidOrder();
        String first = ship(order, "test", 2);
        String second = ship(order, "test", null);

        signed(event("evt-" + UUID.randomUUID(), second, "DELIVERED"))
                .statusCode(200)
                .body("result", equalTo("PARCEL_DELIVERED"));
        Order.Group g = load(order).groups().getFirst();
        assertThat(g.status()).isEqualTo(GroupStatus.SHIPPED);
        assertThat(g.shipments())
                .extracting(Order.Shipment::deliveredAt)
                .first()
                .isNull();

        signed(event("evt-" + UUID.randomUUID(), first, "IN_TRANSIT"))
                .statusCode(202)
                .body("result", equalTo("STATUS_IGNORED"));
        assertThat(load(order).groups().getFirst().status()).isEqualTo(GroupStatus.SHIPPED);

        signed(event("evt-" + UUID.randomUUID(), first, "delivered"))
                .statusCode(200)
                .body("result", equalTo("GROUP_DELIVERED"));
        assertThat(load(order).groups().getFirst().status()).isEqualTo(GroupStatus.DELIVERED);
        assertThat(pool
                        .preparedQuery("SELECT type FROM order_event WHERE order_id = $1 ORDER BY seq")
                        .execute(Tuple.of(order))
                        .await()
                        .atMost(WAIT)
                        .stream()
                        .map(r -> r.getString(0))
                        .toList())
                .containsExactly(
                        "OrderPlaced",
                        "OrderPaid",
                        "ShipmentDispatched",
                        "ShipmentDispatched",
                        "ShipmentDelivered",
                        "ShipmentDelivered",
                        "GroupDelivered");
    }

    @Test
    void aBadMissingOrStaleSignatureOrAnUnknownCarrierIsRefusedAndChangesNothing() {
        UUID order = paidOrder();
        String tracking = ship(order, "test", null);
        String body = event("evt-" + UUID.randomUUID(), tracking, "DELIVERED");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        long before = events(order);

        post("test", body, CarrierSignature.sign(bytes, "not_the_secret", now))
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/invalid-signature"));
        post("test", body, null)
                .statusCode(401)
                .body("detail", startsWith("the Bazaar-Carrier-Signature header is " + "missing"));
        post("test", body, "sha256=abc").statusCode(401);
        post("test", body, CarrierSignature.sign(bytes, SECRET, now - 600))
                .statusCode(401)
                .body("detail", containsString("timestamp"));
        post("test", body.replace("DELIVERED", "DELIVERED "), CarrierSignature.sign(bytes, SECRET, now))
                .statusCode(401);
        // a bearer token is no credential here: only the carrier's signature is
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/carriers/test/events")
                .then()
                .statusCode(401);
        // a carrier not configured here, even with a signature of the test carrier's secret
        post("ups", body, CarrierSignature.sign(bytes, SECRET, now))
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));

        assertThat(events(order)).isEqualTo(before);
        assertThat(load(order).groups().getFirst().status()).isEqualTo(GroupStatus.SHIPPED);
    }

    @Test
    void aMalformedEventIsRefusedAndChangesNothing() {
        UUID order = paidOrder();
        String tracking = ship(order, "test", null);
        long before = events(order);

        signed("not json")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("body"));
        signed("null").statusCode(400);
        signed(new JsonObject()
                        .put("id", "evt-1")
                        .put("status", "DELIVERED")
                        .put("occurredAt", Instant.now().toString())
                        .encode())
                .statusCode(400)
                .body("violations.field", hasItem("trackingNumber"));
        signed(new JsonObject()
                        .put("id", "evt-1")
                        .put("trackingNumber", tracking)
                        .put("status", "DELIVERED")
                        .put("occurredAt", "yesterday")
                        .encode())
                .statusCode(400)
                .body("violations.field", hasItem("occurredAt"));
        signed(new JsonObject()
                        .put("id", "x".repeat(201))
                        .put("trackingNumber", tracking)
                        .put("status", "DELIVERED")
                        .put("occurredAt", Instant.now().toString())
                        .encode())
                .statusCode(400)
                .body("violations.field", hasItem("id"));

        assertThat(events(order)).isEqualTo(before);
        assertThat(load(order).groups().getFirst().status()).isEqualTo(GroupStatus.SHIPPED);
    }

    @Test
    void anUnknownTrackingNumberOrAnotherCarriersParcelIsAcknowledgedAndIgnored() {
        signed(event("evt-" + UUID.randomUUID(), "NOPE" + UUID.randomUUID(), "DELIVERED"))
                .statusCode(202)
                .body("result", equalTo("UNKNOWN_TRACKING_NUMBER"));

        // the same tracking number shipped with another carrier: not the test carrier's parcel to deliver
        UUID order = paidOrder();
        String tracking = ship(order, "UPS", null);
        long before = events(order);
        signed(event("evt-" + UUID.randomUUID(), tracking, "DELIVERED"))
                .statusCode(202)
                .body("result", equalTo("UNKNOWN_TRACKING_NUMBER"));
        assertThat(events(order)).isEqualTo(before);
        assertThat(load(order).groups().getFirst().status()).isEqualTo(GroupStatus.SHIPPED);
    }
}
