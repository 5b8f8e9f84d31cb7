package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.devstack.testing.KeycloakUsers;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.OrderProjections;
import dev.bazaar.order.persistence.SellerOrderViews;
import dev.bazaar.order.service.Orders;
import dev.bazaar.order.service.Projector;
import dev.bazaar.order.service.SellerOrders;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sellers fulfil their own part of an order and see nothing of another shop's: the detail with the address (read from
 * checkout's address book, stubbed here at its real path and shape), the packing slip, every action's answer, and the
 * paged, filtered list and dashboard over more than a page of orders.
 */
@QuarkusTest
class SellerFulfilmentTest {

    static Vertx vertx;
    static final AtomicInteger CHECKOUT_STATUS = new AtomicInteger(200);
    static final AtomicReference<String> CHECKOUT_QUERY = new AtomicReference<>();
    static final AtomicReference<String> CHECKOUT_AUTH = new AtomicReference<>();

    @Inject
    Pool pool;

    @Inject
    Orders orders;

    @Inject
    OrderProjections projections;

    @Inject
    Projector projector;

    @Inject
    SellerOrders sellerOrders;

    @Inject
    SellerOrderViews sellerViews;

    @Inject
    dev.bazaar.order.persistence.SellerShopViews shopViews;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();
    final UUID mug = UUID.randomUUID();
    final UUID rug = UUID.randomUUID();
    final UUID address = UUID.randomUUID();

    @BeforeAll
    static void checkoutAddressBook() throws Exception {
        vertx = Vertx.vertx();
        HttpServer checkout = vertx.createHttpServer().requestHandler(req -> {
            CHECKOUT_QUERY.set(req.query());
            CHECKOUT_AUTH.set(req.getHeader("Authorization"));
            String id = req.path().substring(req.path().lastIndexOf('/') + 1);
            req.response()
                    .setStatusCode(CHECKOUT_STATUS.get())
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("id", id)
                            .put("name", "Alice <Liddell>")
                            .put("line1", "1 Rabbit Hole")
                            .putNull("line2")
                            .put("city", "Oxford")
                            .put("region", "OXF")
                            .put("postalCode", "OX1 1AA")
                            .put("country", "GB")
                            .encode());
        });
        checkout.listen(18584).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void reset() {
        CHECKOUT_STATUS.set(200);
        CHECKOUT_QUERY.set(null);
    }

    void owns(UUID shop, String user) {
        OrderFlowTest.send(OrderFlowTest.env(
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
        pool.preparedQuery("UPDATE shop SET updated_at = clock_timestamp() + interval '1 day', "
                        + "event_at = clock_timestamp() WHERE id = $1")
                .execute(Tuple.of(shop))
                .await()
                .indefinitely();
    }

    /** A paid two-seller order: A sells 3 mugs ($12.50, $5 shipping), B a rug ($159, free shipping). */
    UUID paidOrder() {
        return paidOrder("buyer-" + UUID.randomUUID());
    }

    UUID paidOrder(String buyer) {
        UUID order = UUID.randomUUID();
        OrderGroup a = OrderGroup.of(
                shopA,
                List.of(OrderLine.of(
                        mug, UUID.randomUUID(), "Mug", "MUG-A", 3, Money.usd(1_250), 1_000, Money.usd(375))),
                Money.usd(500),
                Money.usd(300));
        OrderGroup b = OrderGroup.of(
                shopB,
                List.of(OrderLine.of(
                        rug, UUID.randomUUID(), "Rug", "RUG-B", 1, Money.usd(15_900), 800, Money.usd(1_272))),
                Money.usd(0),
                Money.usd(1_272));
        var placed = new OrderEvent.OrderPlaced(
                order,
                UUID.randomUUID(),
                buyer,
                address,
                UUID.randomUUID(),
                List.of(a, b),
                a.total().plus(b.total()),
                Instant.now());
        orders.execute(order, null, o -> o.place(placed), Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));
        orders.execute(order, null, o -> o.pay(UUID.randomUUID(), o.total()), Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));
        return order;
    }

    @Test
    void aSellerSeesAndChangesOnlyTheirOwnPart() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        UUID order = paidOrder();
        String bob = KeycloakTokens.user("bob");
        String sam = KeycloakTokens.user("sam");

        String detail = given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .body("shopId", equalTo(shopA.toString()))
                .body("status", equalTo("PAID"))
                .body("lines.sku", contains("MUG-A"))
                .body("lines[0].quantity", equalTo(3))
                .body("lines[0].unitPrice.amount", equalTo(1_250))
                .body("shipping.method", equalTo("standard"))
                .body("shipping.price.amount", equalTo(500))
                .body("subtotal.amount", equalTo(3_750))
                .body("commission.amount", equalTo(375))
                .body("net.amount", equalTo(3_750 + 500 - 375))
                .body("needsAction", equalTo(true))
                .body("addressAvailable", equalTo(true))
                .body("shippingAddress.name", equalTo("Alice <Liddell>"))
                .body("shippingAddress.postalCode", equalTo("OX1 1AA"))
                .extract()
                .asString();
        assertThat(detail).doesNotContain("RUG-B", "Rug", shopB.toString(), "15900", "paymentId", "1272");
        // the read names the order, the shop and who read it, with the services' token
        assertThat(CHECKOUT_QUERY.get())
                .contains("orderId=" + order, "shopId=" + shopA, "reader=" + KeycloakTokens.subject(bob));
        assertThat(CHECKOUT_AUTH.get()).startsWith("Bearer ");

        given().auth()
                .oauth2(sam)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .body("lines.sku", contains("RUG-B"))
                .body("net.amount", equalTo(15_900 - 1_272));

        // every action answers with the seller's own part only
        String shipped = given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z 42"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("status", equalTo("SHIPPED"))
                .body("shipments[0].carrier", equalTo("UPS"))
                .body("shipments[0].trackingUrl", equalTo("https://www.ups.com/track?tracknum=1Z+42"))
                .body("shippingAddress", nullValue())
                .extract()
                .asString();
        assertThat(shipped).doesNotContain("RUG-B", shopB.toString(), "paymentId", "PARTIALLY_SHIPPED");
        String cancelled = given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of("reason", "no stock"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .extract()
                .asString();
        assertThat(cancelled).doesNotContain("MUG-A", "1Z 42", shopA.toString());
        String delivered = given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/orders/" + order + "/delivered")
                .then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .extract()
                .asString();
        assertThat(delivered).doesNotContain("RUG-B", shopB.toString());

        // another seller, a buyer, nobody
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(403);
        given().when().get("/api/v1/seller/orders/" + order).then().statusCode(401);
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/not-a-uuid")
                .then()
                .statusCode(404);
    }

    @Test
    void thePackingSlipHasWhatGoesInTheParcelAndWhereNoPrices() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        UUID order = paidOrder();
        String bob = KeycloakTokens.user("bob");
        String slip = given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + order + "/packing-slip")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("MUG-A"), containsString("OX1 1AA"), containsString("Alice &lt;Liddell&gt;"))
                .extract()
                .asString();
        assertThat(slip).doesNotContain("RUG-B", "$", "12.50", "1250", "<Liddell>");
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/orders/" + order + "/packing-slip")
                .then()
                .statusCode(200)
                .body(containsString("RUG-B"), not(containsString("MUG-A")));

        // the address book down: the seller still gets the order and the slip, told the address is missing
        CHECKOUT_STATUS.set(503);
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .body("addressAvailable", equalTo(false))
                .body("shippingAddress", nullValue())
                .body("lines.sku", contains("MUG-A"));
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + order + "/packing-slip")
                .then()
                .statusCode(200)
                .body(containsString("could not be read"));
    }

    @Test
    void theDetailTheSlipAndTheBuyersOrderShowEachLinesOptionsInTheCatalogsOrder() {
        owns(shopA, "bob");
        String buyerToken = KeycloakTokens.user("load004");
        UUID order = UUID.randomUUID();
        UUID coaster = UUID.randomUUID();
        // colour before size: kept through the event store's jsonb, which would re-sort a JSON object's keys
        List<OptionValue> options = List.of(new OptionValue("colour", "blue"), new OptionValue("size", "M"));
        OrderGroup a = OrderGroup.of(
                shopA,
                List.of(
                        OrderLine.of(mug, UUID.randomUUID(), "Mug", "MUG-A", 3, Money.usd(1_250), 1_000, Money.usd(375))
                                .withOptions(options),
                        OrderLine.of(
                                coaster,
                                UUID.randomUUID(),
                                "Coaster",
                                "COASTER-A",
                                1,
                                Money.usd(400),
                                1_000,
                                Money.usd(40))),
                Money.usd(500),
                Money.usd(300));
        var placed = new OrderEvent.OrderPlaced(
                order,
                UUID.randomUUID(),
                KeycloakTokens.subject(buyerToken),
                address,
                UUID.randomUUID(),
                List.of(a),
                a.total(),
                Instant.now());
        orders.execute(order, null, o -> o.place(placed), Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));
        orders.execute(order, null, o -> o.pay(UUID.randomUUID(), o.total()), Orders.After.NOTHING)
                .await()
                .atMost(Duration.ofSeconds(10));
        String bob = KeycloakTokens.user("bob");

        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .body("lines.title", contains("Mug", "Coaster"))
                .body("lines.sku", contains("MUG-A", "COASTER-A"))
                .body("lines[0].options.name", contains("colour", "size"))
                .body("lines[0].options.value", contains("blue", "M"))
                .body("lines[0].quantity", equalTo(3))
                .body("lines[0].unitPrice.amount", equalTo(1_250))
                .body("lines[1].options", hasSize(0));
        String slip = given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + order + "/packing-slip")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .extract()
                .asString();
        assertThat(slip)
                .contains(
                        "<td>MUG-A</td><td>Mug <span class=\"options\">Colour: blue · Size: M</span></td>"
                                + "<td class=\"qty\">3</td>",
                        "<td>COASTER-A</td><td>Coaster</td><td class=\"qty\">1</td>");
        // every action's answer is the same part, options included
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z-OPT"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("lines[0].options.name", contains("colour", "size"));

        // the buyer's order shows them too
        given().auth()
                .oauth2(buyerToken)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(200)
                .body("groups[0].lines[0].options.name", contains("colour", "size"))
                .body("groups[0].lines[0].options.value", contains("blue", "M"))
                .body("groups[0].lines[1].options", hasSize(0));
    }

    @Inject
    dev.bazaar.order.service.DeliveryConfirmation deliveries;

    @Test
    void aGroupShipsInParcelsAndTheBuyerOrTheClockConfirmsDelivery() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        String buyerToken = KeycloakTokens.user("load004");
        UUID order = paidOrder(KeycloakTokens.subject(buyerToken));
        String bob = KeycloakTokens.user("bob");

        // two of the three mugs, then the last one
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "carrier",
                        "UPS",
                        "trackingNumber",
                        "1Z-A1",
                        "lines",
                        List.of(Map.of("variantId", mug.toString(), "quantity", 2))))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIALLY_SHIPPED"))
                .body("lines[0].shippedQuantity", equalTo(2))
                .body("needsAction", equalTo(true));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "carrier",
                        "UPS",
                        "trackingNumber",
                        "1Z-A2",
                        "lines",
                        List.of(Map.of("variantId", mug.toString(), "quantity", 2))))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("lines"));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "carrier",
                        "UPS",
                        "trackingNumber",
                        "1Z-A2",
                        "lines",
                        List.of(Map.of("variantId", mug.toString(), "quantity", 0))))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(buyerToken)
                .when()
                .post("/api/v1/orders/" + order + "/groups/" + shopA + "/delivered")
                .then()
                .statusCode(409)
                .body("detail", equalTo("Part of this group has not shipped yet."));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "FedEx", "trackingNumber", "7777"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("status", equalTo("SHIPPED"))
                .body("shipments.size()", equalTo(2))
                .body("shipments[1].lines[0].quantity", equalTo(1))
                .body("shipments[1].trackingUrl", equalTo("https://www.fedex.com/fedextrack/?trknbr=7777"));

        // the buyer follows both parcels, and confirms the delivery; another buyer cannot
        given().auth()
                .oauth2(buyerToken)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .statusCode(200)
                .body(
                        "groups.find { it.shopId == '" + shopA + "' }.shipments.trackingNumber",
                        contains("1Z-A1", "7777"));
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .post("/api/v1/orders/" + order + "/groups/" + shopA + "/delivered")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/orders/" + order + "/groups/" + shopA + "/delivered")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(buyerToken)
                .when()
                .post("/api/v1/orders/" + order + "/groups/" + shopA + "/delivered")
                .then()
                .statusCode(200)
                .body("groups.find { it.shopId == '" + shopA + "' }.status", equalTo("DELIVERED"));

        // sam ships and nobody confirms: 14 days on, the platform delivers it (once)
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(Map.of("carrier", "DHL", "trackingNumber", "JD9"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200);
        deliveries.runOnce(Instant.now().plus(Duration.ofDays(13))).await().atMost(Duration.ofSeconds(20));
        given().auth()
                .oauth2(buyerToken)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .body("groups.find { it.shopId == '" + shopB + "' }.status", equalTo("SHIPPED"));
        assertThat(deliveries
                        .runOnce(Instant.now().plus(Duration.ofDays(15)))
                        .await()
                        .atMost(Duration.ofSeconds(20)))
                .isGreaterThanOrEqualTo(1);
        given().auth()
                .oauth2(buyerToken)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .body("groups.find { it.shopId == '" + shopB + "' }.status", equalTo("DELIVERED"))
                .body("status", equalTo("DELIVERED"));
        assertThat(pool.preparedQuery("SELECT count(*) FROM order_delivery_due WHERE order_id = $1")
                        .execute(Tuple.of(order))
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .iterator()
                        .next()
                        .getLong(0))
                .as("nothing left to deliver")
                .isZero();
    }

    @Inject
    dev.bazaar.order.service.ReturnEscalation escalation;

    /** The return in the admins' queue, looked for on every page (the shared test database may hold many). */
    static Map<String, Object> queued(String admin, String returnId) {
        for (int page = 0; ; page++) {
            var json = given().auth()
                    .oauth2(admin)
                    .queryParam("size", 100)
                    .queryParam("page", page)
                    .when()
                    .get("/api/v1/admin/returns")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = json.getList("items");
            for (Map<String, Object> item : items) {
                if (returnId.equals(item.get("returnId"))) {
                    return item;
                }
            }
            if (items.isEmpty() || (long) (page + 1) * 100 >= json.getLong("total")) {
                return null;
            }
        }
    }

    @Test
    void aReturnNobodyDecidesGoesToTheAdminsWhoDecideIt() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        String buyerToken = KeycloakTokens.user("load004");
        UUID order = paidOrder(KeycloakTokens.subject(buyerToken));
        String bob = KeycloakTokens.user("bob");
        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z-R"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/orders/" + order + "/delivered")
                .then()
                .statusCode(200);

        // bad requests change nothing
        given().auth()
                .oauth2(buyerToken)
                .contentType("application/json")
                .body(Map.of("lines", List.of(Map.of("variantId", mug.toString(), "quantity", 1))))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("reason"));
        given().auth()
                .oauth2(buyerToken)
                .contentType("application/json")
                .body(Map.of("reason", "DAMAGED"))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("lines"));
        given().auth()
                .oauth2(buyerToken)
                .contentType("application/json")
                .body(Map.of(
                        "lines",
                        List.of(Map.of("variantId", mug.toString(), "quantity", 1)),
                        "reason",
                        "DAMAGED",
                        "comment",
                        "x".repeat(1001)))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(400);
        String returnId = given().auth()
                .oauth2(buyerToken)
                .contentType("application/json")
                .body(Map.of(
                        "lines",
                        List.of(Map.of("variantId", mug.toString(), "quantity", 1)),
                        "reason",
                        "DAMAGED",
                        "comment",
                        "the handle came off"))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(201)
                .extract()
                .path("returnId");
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .body("returns[0].reasonCode", equalTo("DAMAGED"))
                .body("returns[0].comment", equalTo("the handle came off"));

        // the seller does not answer: not yet after 2 days, escalated after 4
        escalation.runOnce(Instant.now().plus(Duration.ofDays(2))).await().atMost(Duration.ofSeconds(20));
        assertThat(queued(admin, returnId)).isNull();
        escalation.runOnce(Instant.now().plus(Duration.ofDays(4))).await().atMost(Duration.ofSeconds(20));
        Map<String, Object> waiting = queued(admin, returnId);
        assertThat(waiting)
                .isNotNull()
                .containsEntry("reasonCode", "DAMAGED")
                .containsEntry("comment", "the handle came off")
                .containsEntry("shopId", shopA.toString());
        given().auth()
                .oauth2(buyerToken)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .body("returns[0].status", equalTo("ESCALATED"))
                .body("status", equalTo("RETURN_REQUESTED"));
        given().auth().oauth2(bob).when().get("/api/v1/admin/returns").then().statusCode(403);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/admin/returns/" + returnId + "/approve")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/returns/" + UUID.randomUUID() + "/approve")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/admin/returns/escalation")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(buyerToken)
                .when()
                .post("/api/v1/admin/returns/escalation")
                .then()
                .statusCode(403);
        // on demand: whatever was due (earlier runs' returns, in a shared database) joins the queue once
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/returns/escalation")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/returns/escalation")
                .then()
                .statusCode(200)
                .body("escalated", equalTo(0));

        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/returns/" + returnId + "/approve")
                .then()
                .statusCode(200)
                .body("returns[0].status", equalTo("APPROVED"));
        assertThat(queued(admin, returnId)).as("decided: off the queue").isNull();
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("reason", "late"))
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/reject")
                .then()
                .statusCode(409);
    }

    @Test
    void aSellerMayAskForTheItemsBackAndRefundWhenTheyArrive() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        String buyerToken = KeycloakTokens.user("load005");
        UUID order = paidOrder(KeycloakTokens.subject(buyerToken));
        String bob = KeycloakTokens.user("bob");
        String sam = KeycloakTokens.user("sam");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z-B"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/orders/" + order + "/delivered")
                .then()
                .statusCode(200);
        String returnId = given().auth()
                .oauth2(buyerToken)
                .contentType("application/json")
                .body(Map.of(
                        "lines",
                        List.of(Map.of("variantId", mug.toString(), "quantity", 2)),
                        "reason",
                        "NOT_AS_DESCRIBED",
                        "comment",
                        "blue, not green"))
                .when()
                .post("/api/v1/orders/" + order + "/returns")
                .then()
                .statusCode(201)
                .extract()
                .path("returnId");

        // bad input, another shop, the wrong order of steps: refused, nothing changes
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("instructions", " "))
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/authorize")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("instructions"));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/authorize")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of("instructions", "to me"))
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/authorize")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(buyerToken)
                .contentType("application/json")
                .body(Map.of("instructions", "x"))
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/authorize")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/received")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(buyerToken)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .body("returns[0].status", equalTo("REQUESTED"))
                .body("refunded.amount", equalTo(0));

        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("instructions", "Post them to 1 Quay St, Leith; the label is in the box."))
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/authorize")
                .then()
                .statusCode(200)
                .body("returns[0].status", equalTo("AWAITING_ITEMS"))
                .body(
                        "returns[0].returnInstructions",
                        equalTo("Post them to 1 Quay St, Leith; the label is in the box."))
                .body("needsAction", equalTo(true))
                .body("refunded.amount", equalTo(0));
        given().auth()
                .oauth2(buyerToken)
                .when()
                .get("/api/v1/orders/" + order)
                .then()
                .body("returns[0].status", equalTo("AWAITING_ITEMS"))
                .body("returns[0].returnInstructions", containsString("1 Quay St"));
        escalation.runOnce(Instant.now().plus(Duration.ofDays(10))).await().atMost(Duration.ofSeconds(20));
        assertThat(queued(KeycloakTokens.user("admin"), returnId))
                .as("answered: never escalated")
                .isNull();

        given().auth()
                .oauth2(sam)
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/received")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/received")
                .then()
                .statusCode(200)
                .body("returns[0].status", equalTo("APPROVED"));
        List<String> types = new ArrayList<>();
        pool.preparedQuery("SELECT type FROM order_event WHERE order_id = $1 ORDER BY seq")
                .execute(Tuple.of(order))
                .await()
                .atMost(Duration.ofSeconds(10))
                .forEach(r -> types.add(r.getString("type")));
        assertThat(types)
                .containsSubsequence("ReturnRequested", "ReturnAuthorized", "ReturnApproved")
                .filteredOn(t -> t.startsWith("Return"))
                .hasSize(3);
        Order.Return done = orders.load(order, null)
                .await()
                .atMost(Duration.ofSeconds(10))
                .returns()
                .getFirst();
        assertThat(done.status()).isEqualTo("APPROVED");
        assertThat(done.lines()).containsExactly(new dev.bazaar.contracts.messaging.Lines.StockLine(mug, 2));
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/returns/" + returnId + "/received")
                .then()
                .statusCode(409);
    }

    /**
     * The list's pages and the dashboard answered from the shop documents (ADR 0033) are those of the query over every
     * group, to the byte: shops larger than the head, filters, later pages, and groups on both sides of the instant the
     * dashboard's 30 days begin.
     */
    @Test
    void theShopDocumentsAnswerAsTheQueryOverEveryGroup() {
        UUID shop = UUID.randomUUID();
        Instant now = Instant.now();
        projected(shop, 90, "PAID", now);
        projected(shop, 20, "SHIPPED", now.minus(Duration.ofDays(30)).plus(Duration.ofMinutes(10)));
        projected(shop, 5, "PLACED", now);
        // and groups projected event by event inside the head: each later event writes the group in its place
        // (head.<i>), from the head this replica kept, not the whole head
        projected(shop, 12, "SHIPPED", now.minusSeconds(30), true);
        String s = shop.toString();
        // this shop's groups were all projected with its documents; a test store that already held groups from before
        // them is not marked complete at start, so mark it here — and check the shop documents are what is read
        String generation = projector.active().await().atMost(Duration.ofSeconds(5));
        shopViews.markComplete(generation).await().atMost(Duration.ofSeconds(5));
        assertThat(shopViews.listing(generation, s).await().atMost(Duration.ofSeconds(5)))
                .as("the shop's document answers (the fast path), not the query")
                .isPresent();
        List<SellerOrderViews.Filter> filters = List.of(
                new SellerOrderViews.Filter(null, null, null, false),
                new SellerOrderViews.Filter(null, null, null, true),
                new SellerOrderViews.Filter("SHIPPED", null, null, false),
                new SellerOrderViews.Filter("PAID", null, null, false),
                new SellerOrderViews.Filter("PAID", null, null, true),
                new SellerOrderViews.Filter(
                        null, now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(29)), false));
        for (SellerOrderViews.Filter f : filters) {
            for (PageRequest page : List.of(
                    new PageRequest(0, 20), new PageRequest(0, 100), new PageRequest(1, 50), new PageRequest(5, 20))) {
                String fast = Json.encode(sellerOrders.list(s, f, page).await().atMost(Duration.ofSeconds(10)));
                String query =
                        Json.encode(sellerViews.forShop(s, f, page).await().atMost(Duration.ofSeconds(10)));
                assertThat(fast)
                        .as(f + " page " + page.page() + " of " + page.size())
                        .isEqualTo(query);
            }
        }
        Instant at = Instant.now();
        assertThat(sellerOrders.summary(s, at).await().atMost(Duration.ofSeconds(10)))
                .isEqualTo(sellerViews
                        .summary(s, at.truncatedTo(ChronoUnit.DAYS), at.minus(Duration.ofDays(30)))
                        .await()
                        .atMost(Duration.ofSeconds(10)));
    }

    /**
     * Two replicas each keep the head they last wrote (ADR 0033): a replica whose kept head another replica has since
     * changed loses its compare-and-set, reads the store and writes again — nothing of the other's is lost — and a
     * repeated event writes nothing.
     */
    @Test
    void aReplicaWhoseKeptHeadIsStaleReadsTheStoreAgain() {
        String generation = projector.active().await().atMost(Duration.ofSeconds(5));
        var other = new dev.bazaar.order.persistence.SellerShopViews(
                sellerViews, io.vertx.mutiny.core.Vertx.newInstance(vertx));
        String shop = UUID.randomUUID().toString();
        Instant now = Instant.now();
        dev.bazaar.order.persistence.SellerOrderView older = group(shop, "a", now.minusSeconds(60), 1, "PLACED");
        dev.bazaar.order.persistence.SellerOrderView newer = group(shop, "b", now, 1, "PLACED");
        shopViews.apply(generation, false, null, older).await().atMost(Duration.ofSeconds(5));
        other.apply(generation, false, null, newer).await().atMost(Duration.ofSeconds(5));
        assertThat(head(generation, shop)).containsExactly("b:1:PLACED", "a:1:PLACED");
        // this replica still keeps [a] at version 1: its in-place write of a's next version must not land on that
        shopViews
                .apply(generation, false, null, group(shop, "a", now.minusSeconds(60), 2, "PAID"))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(head(generation, shop)).containsExactly("b:1:PLACED", "a:2:PAID");
        other.apply(generation, false, null, group(shop, "b", now, 2, "PAID"))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(head(generation, shop)).containsExactly("b:2:PAID", "a:2:PAID");
        long version = shopDocument(generation, shop).hv;
        assertThat(version).isEqualTo(4);
        // a repeated or older event changes nothing, from a kept head or a stale one
        shopViews
                .apply(generation, false, null, group(shop, "a", now.minusSeconds(60), 2, "PAID"))
                .await()
                .atMost(Duration.ofSeconds(5));
        other.apply(generation, false, null, group(shop, "a", now.minusSeconds(60), 1, "PLACED"))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(head(generation, shop)).containsExactly("b:2:PAID", "a:2:PAID");
        assertThat(shopDocument(generation, shop).hv).isEqualTo(version);
    }

    static dev.bazaar.order.persistence.SellerOrderView group(
            String shop, String order, Instant placedAt, long seq, String status) {
        var g = new dev.bazaar.order.persistence.SellerOrderView();
        g.id = order + ":" + shop;
        g.orderId = order;
        g.shopId = shop;
        g.seq = seq;
        g.status = status;
        g.placedAt = placedAt;
        g.itemCount = 1;
        return g;
    }

    /** The shop's document in generation {@code generation}, as the store holds it. */
    dev.bazaar.order.persistence.SellerShopView shopDocument(String generation, String shop) {
        return shopViews
                .in(generation)
                .find(com.mongodb.client.model.Filters.eq("_id", shop))
                .collect()
                .first()
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    /** The shop's head in the store, each group as {@code order:seq:status}, newest first. */
    List<String> head(String generation, String shop) {
        return shopDocument(generation, shop).head.stream()
                .map(g -> g.orderId + ":" + g.seq + ":" + g.status)
                .toList();
    }

    /** Orders for {@code shop} projected as they would be, {@code n} of them, placed one minute apart from now. */
    List<UUID> projected(UUID shop, int n, String status) {
        return projected(shop, n, status, null);
    }

    /** The same, placed one minute apart from {@code newest} (null: now, read for each). */
    List<UUID> projected(UUID shop, int n, String status, Instant newest) {
        return projected(shop, n, status, newest, false);
    }

    /**
     * The same; {@code stepwise}: each order projected after each of its events (placed, then paid, then shipped), as
     * the live projection sees them, rather than once as it ends.
     */
    List<UUID> projected(UUID shop, int n, String status, Instant newest, boolean stepwise) {
        String generation = projector.active().await().atMost(Duration.ofSeconds(5));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID order = UUID.randomUUID();
            OrderGroup g = OrderGroup.of(
                    shop,
                    List.of(OrderLine.of(
                            mug, UUID.randomUUID(), "Mug", "MUG-A", 1, Money.usd(1_000), 1_000, Money.usd(100))),
                    Money.usd(0),
                    Money.usd(0));
            List<OrderEvent> events = new ArrayList<>(List.of(new OrderEvent.OrderPlaced(
                    order,
                    UUID.randomUUID(),
                    "buyer",
                    address,
                    UUID.randomUUID(),
                    List.of(g),
                    g.total(),
                    (newest == null ? Instant.now() : newest).minus(Duration.ofMinutes(i)))));
            if (!status.equals("PLACED")) {
                events.add(new OrderEvent.OrderPaid(order, UUID.randomUUID(), g.total()));
            }
            if (status.equals("SHIPPED")) {
                events.add(new OrderEvent.ShipmentDispatched(
                        order,
                        shop,
                        "UPS",
                        "1Z" + i,
                        Instant.now(),
                        UUID.randomUUID(),
                        List.of(new dev.bazaar.contracts.messaging.Lines.StockLine(mug, 1))));
            }
            for (int k = stepwise ? 1 : events.size(); k <= events.size(); k++) {
                projections
                        .project(Order.replay(events.subList(0, k)), generation)
                        .await()
                        .atMost(Duration.ofSeconds(5));
            }
            ids.add(order);
        }
        return ids;
    }

    @Test
    void theListPagesAndFiltersAndTheDashboardCountsEveryOrder() {
        UUID shop = UUID.randomUUID();
        owns(shop, "bob");
        String bob = KeycloakTokens.user("bob");
        projected(shop, 110, "PAID");
        projected(shop, 15, "SHIPPED");
        projected(shop, 5, "PLACED");

        given().auth()
                .oauth2(bob)
                .queryParam("size", 50)
                .queryParam("page", 2)
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(200)
                .body("total", equalTo(130))
                .body("page", equalTo(2))
                .body("items.size()", equalTo(30));
        given().auth()
                .oauth2(bob)
                .queryParam("status", "SHIPPED")
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(200)
                .body("total", equalTo(15))
                .body("items.size()", equalTo(15))
                .body("items.status", not(hasItem("PAID")));
        given().auth()
                .oauth2(bob)
                .queryParam("needsAction", true)
                .queryParam("size", 100)
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(200)
                .body("total", equalTo(110))
                .body("items.needsAction", not(hasItem(false)));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        given().auth()
                .oauth2(bob)
                .queryParam("from", tomorrow)
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(bob)
                .queryParam("to", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString())
                .queryParam("from", LocalDate.now(ZoneOffset.UTC).minusDays(3).toString())
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(200);

        // bad input: a clear problem, and nothing else
        given().auth()
                .oauth2(bob)
                .queryParam("from", "yesterday")
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("from"));
        given().auth()
                .oauth2(bob)
                .queryParam("from", tomorrow)
                .queryParam("to", today)
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("from"));
        given().auth()
                .oauth2(bob)
                .queryParam("size", 101)
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(bob)
                .queryParam("status", "LOST")
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(400);

        // the dashboard sums every group of the shop, not a capped page: 110 + 15 sold at $10, 110 to ship
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/orders/summary")
                .then()
                .statusCode(200)
                .body("toShip", equalTo(110))
                .body("returnsToDecide", equalTo(0))
                .body("ordersLast30Days", equalTo(125))
                .body("salesLast30Days.amount", equalTo(125_000))
                .body("salesLast30Days.currency", equalTo("USD"));
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/seller/orders/summary")
                .then()
                .statusCode(403);
    }

    /** Sends the shop's policy with its staff list (as catalog does on an invitation) and waits for the replica. */
    void staff(UUID shop, String owner, long version, List<String> subjects) {
        OrderFlowTest.send(OrderFlowTest.env(
                new ShopEvent.ShopPolicyChanged(shop, KeycloakTokens.subject(KeycloakTokens.user(owner)), 30, subjects),
                version));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool.preparedQuery("SELECT count(*) FROM shop WHERE id = $1 AND policy_version = $2")
                                .execute(Tuple.of(shop, version))
                                .await()
                                .indefinitely()
                                .iterator()
                                .next()
                                .getLong(0)
                        == 1);
    }

    boolean fulfils(String token, UUID order) {
        return given().auth()
                        .oauth2(token)
                        .when()
                        .get("/api/v1/seller/orders/" + order)
                        .then()
                        .extract()
                        .statusCode()
                == 200;
    }

    @Test
    void aShopsStaffFulfilItsOrdersButNotAnotherShopsNorItsAnalyticsUntilRemoved() {
        owns(shopA, "bob");
        owns(shopB, "sam");
        UUID order = paidOrder();
        List<UUID> listed = projected(shopA, 2, "PAID");
        KeycloakUsers.User clerk = KeycloakUsers.seller("ord-staff-");
        String token = clerk.token();
        // a seller role alone is nothing here: no shop, no staff
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));

        staff(shopA, "bob", 2, List.of(clerk.subject()));
        String list = given().auth()
                .oauth2(token)
                .queryParam("size", 100)
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(list).contains(listed.get(0).toString(), listed.get(1).toString());
        String detail = given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(200)
                .body("shopId", equalTo(shopA.toString()))
                .body("lines.sku", contains("MUG-A"))
                .extract()
                .asString();
        assertThat(detail).doesNotContain("RUG-B", shopB.toString());
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/orders/" + order + "/packing-slip")
                .then()
                .statusCode(200)
                .body(containsString("MUG-A"))
                .body(not(containsString("RUG-B")));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z STAFF"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(200)
                .body("status", equalTo("SHIPPED"))
                .body("shipments[0].carrier", equalTo("UPS"));
        given().auth()
                .oauth2(token)
                .when()
                .post("/api/v1/seller/orders/" + order + "/delivered")
                .then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"));
        // the shop's analytics are its owner's; bad input is refused as for the owner
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/analytics")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(token)
                .queryParam("status", "LOST")
                .when()
                .get("/api/v1/seller/orders")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        // another shop's staff list does not name them: shop B's part stays B's
        staff(shopB, "sam", 2, List.of());
        assertThat(given().auth()
                        .oauth2(KeycloakTokens.user("sam"))
                        .when()
                        .get("/api/v1/seller/orders/" + order)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain("MUG-A");

        // a policy change that says nothing of staff keeps them; an older list changes nothing
        OrderFlowTest.send(OrderFlowTest.env(
                new ShopEvent.ShopPolicyChanged(shopA, KeycloakTokens.subject(KeycloakTokens.user("bob")), 14), 3));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pool.preparedQuery("SELECT count(*) FROM shop WHERE id = $1 AND policy_version = 3")
                                .execute(Tuple.of(shopA))
                                .await()
                                .indefinitely()
                                .iterator()
                                .next()
                                .getLong(0)
                        == 1);
        assertThat(fulfils(token, order)).isTrue();

        // removed: the rights end when the event reaches the replica, and a late older list does not bring them back
        staff(shopA, "bob", 4, List.of());
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/orders/" + order)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z AGAIN"))
                .when()
                .post("/api/v1/seller/orders/" + order + "/shipments")
                .then()
                .statusCode(404);
        OrderFlowTest.send(OrderFlowTest.env(
                new ShopEvent.ShopPolicyChanged(
                        shopA, KeycloakTokens.subject(KeycloakTokens.user("bob")), 30, List.of(clerk.subject())),
                2));
        staff(shopA, "bob", 5, List.of());
        assertThat(fulfils(token, order)).isFalse();
        // the owner keeps every right
        assertThat(fulfils(KeycloakTokens.user("bob"), order)).isTrue();
    }
}
