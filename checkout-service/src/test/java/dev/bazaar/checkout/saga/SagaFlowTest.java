package dev.bazaar.checkout.saga;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.checkout.domain.quote.BundledTaxRates;
import dev.bazaar.checkout.domain.quote.Destination;
import dev.bazaar.checkout.domain.quote.Quoting;
import dev.bazaar.checkout.domain.quote.TableShippingRates;
import dev.bazaar.checkout.persistence.SagaNotifications;
import dev.bazaar.contracts.messaging.CheckoutEvent;
import dev.bazaar.contracts.messaging.InventoryCommand;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The saga against real PostgreSQL, Kafka and Keycloak, with inventory, payment and order played by
 * {@link Participants} over Kafka so every reply order can be forced: the happy path, each failure and its
 * compensations, a timeout, late and duplicate replies, replays of the confirm, and a saga left running by another
 * replica.
 */
@QuarkusTest
class SagaFlowTest {

    static final String BUYER = "load011";
    static final UUID SHOP_A = UUID.randomUUID();
    static final UUID SHOP_B = UUID.randomUUID();
    static final UUID MUG = UUID.randomUUID();
    static final UUID RUG = UUID.randomUUID();
    static Participants participants;

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @Inject
    CheckoutConfig config;

    @Inject
    SagaNotifications notifications;

    @BeforeAll
    static void start() {
        participants = new Participants();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        participants.close();
    }

    /** Every command succeeds, like healthy services. */
    static List<Message> succeed(Message command) {
        return switch (command) {
            case InventoryCommand.ReserveStock r ->
                List.of(new InventoryReply.StockReserved(r.sagaId(), r.reservationId(), r.expiresAt()));
            case InventoryCommand.CommitReservation c ->
                List.of(new InventoryReply.ReservationCommitted(c.sagaId(), c.reservationId()));
            case InventoryCommand.ReleaseReservation r ->
                List.of(new InventoryReply.ReservationReleased(r.sagaId(), r.reservationId()));
            case PaymentCommand.AuthorizePayment a ->
                List.of(new PaymentReply.PaymentAuthorized(
                        a.sagaId(), a.paymentId(), a.orderId(), a.amount(), "pi_test_" + a.paymentId()));
            case PaymentCommand.CapturePayment c ->
                List.of(new PaymentReply.PaymentCaptured(c.sagaId(), c.paymentId(), c.orderId(), c.amount()));
            case PaymentCommand.VoidPayment v ->
                List.of(new PaymentReply.PaymentVoided(v.sagaId(), v.paymentId(), v.orderId()));
            case OrderCommand.PlaceOrder p -> List.of(new OrderReply.OrderPlaced(p.sagaId(), p.orderId()));
            case OrderCommand.CancelOrder c -> List.of(new OrderReply.OrderCancelled(c.sagaId(), c.orderId()));
            default -> throw new IllegalStateException("not a command: " + command);
        };
    }

    /** Like {@link #succeed} except for the commands {@code override} answers (null: fall through). */
    static Function<Message, List<Message>> except(Function<Message, List<Message>> override) {
        return m -> {
            List<Message> r = override.apply(m);
            return r != null ? r : succeed(m);
        };
    }

    UUID quoted() {
        return quotedFor(BUYER);
    }

    UUID quotedFor(String buyer) {
        return quotedFor(pool, buyer);
    }

    /** A QUOTED checkout of {@code buyer} (two shops, a mug and a rug), as the quote endpoint would store it. */
    static UUID quotedFor(Pool pool, String buyer) {
        return quotedFor(pool, buyer, null, null);
    }

    /** The same, with totals also shown in {@code display} at {@code rate} (units per USD), or USD only (null). */
    static UUID quotedFor(Pool pool, String buyer, Currency display, BigDecimal rate) {
        Quoting quoting =
                new Quoting(new TableShippingRates("US", TableShippingRates.DEFAULT, Map.of()), BundledTaxRates.load());
        Quoting.Quote q = quoting.quote(
                List.of(
                        new Quoting.PricedLine(
                                MUG, UUID.randomUUID(), SHOP_A, "Mug", "MUG-1", 2, Money.usd(1_250), 400, 1_200),
                        new Quoting.PricedLine(
                                RUG, UUID.randomUUID(), SHOP_B, "Rug", "RUG-1", 1, Money.usd(15_900), 3_000, 800)),
                new Destination("US", "NY"),
                display,
                rate,
                LocalDate.parse("2026-11-23"));
        UUID id = UUID.randomUUID();
        UUID address = UUID.randomUUID();
        String subject = KeycloakTokens.subject(KeycloakTokens.user(buyer));
        try {
            String json = MessageCodec.json().writeValueAsString(q);
            pool.withTransaction(tx -> tx.preparedQuery("""
                    INSERT INTO shipping_address (id, name, line1, city, region, postal_code, country)
                    VALUES ($1, 'Test Buyer', '1 Main St', 'New York', 'NY', '10001', 'US')""")
                            .execute(Tuple.of(address))
                            .flatMap(x -> tx.preparedQuery("""
                            INSERT INTO checkout_session (id, buyer_subject, status, shipping_address_id, quote,
                                                          total_minor)
                            VALUES ($1, $2, 'QUOTED', $3, $4::text::jsonb, $5)""")
                                    .execute(Tuple.of(
                                            id,
                                            subject,
                                            address,
                                            json,
                                            q.total().amount()))))
                    .await()
                    .indefinitely();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    static Response confirm(UUID checkout, String key, String paymentMethod) {
        return given().auth()
                .oauth2(KeycloakTokens.user(BUYER))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(Map.of("paymentMethod", paymentMethod))
                .when()
                .post("/api/v1/checkouts/" + checkout + "/confirm");
    }

    /**
     * Confirms and, while the answer is 202 (Kafka consumers may still be joining their groups when a test starts),
     * replays the same key: a replay answers the saga's current status.
     */
    static Response confirmToEnd(UUID checkout, String key, String paymentMethod) {
        Response r = confirm(checkout, key, paymentMethod);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (r.statusCode() == 202 && System.nanoTime() < until) {
            r = confirm(checkout, key, paymentMethod);
        }
        return r;
    }

    Row row(UUID id) {
        return pool.preparedQuery("SELECT * FROM checkout_session WHERE id = $1")
                .execute(Tuple.of(id))
                .await()
                .indefinitely()
                .iterator()
                .next();
    }

    List<String> stepLog(UUID id) {
        List<String> steps = new ArrayList<>();
        pool.preparedQuery(
                        "SELECT from_status, to_status, cause FROM saga_step WHERE checkout_id = $1 ORDER BY version")
                .execute(Tuple.of(id))
                .await()
                .indefinitely()
                .forEach(r -> steps.add(
                        r.getString("from_status") + ">" + r.getString("to_status") + " on " + r.getString("cause")));
        return steps;
    }

    @Test
    void aConfirmWaitsForItsSagaAndAnswersTheEndWithoutAReplay() {
        // once the consumers have joined (a first saga to the end), a saga that ends within the confirm wait is
        // answered by the confirm itself: the wait follows the saga's notifications, not a 202 to poll
        UUID warm = quoted();
        participants.script(warm, SagaFlowTest::succeed);
        confirmToEnd(warm, "warm-" + warm, "pm_card_visa").then().statusCode(200);
        // a saga whose five round trips take longer than the 2 s wait on a loaded machine is answered 202 rightly; a
        // 202 is wrong only if the saga had ended before the answer (the wait missed its end). Up to three sagas: each
        // 202 must be one that was still running, and one of them must end inside the wait and be answered 200.
        for (int attempt = 1; ; attempt++) {
            UUID checkout = quoted();
            participants.script(checkout, SagaFlowTest::succeed);
            Response r = confirm(checkout, "wait-" + checkout, "pm_card_visa");
            OffsetDateTime answered = OffsetDateTime.now(ZoneOffset.UTC);
            if (r.statusCode() == 200) {
                r.then().body("status", equalTo("COMPLETED")).body("orderId", org.hamcrest.Matchers.notNullValue());
                return;
            }
            r.then().statusCode(202);
            OffsetDateTime finished = row(checkout).getOffsetDateTime("finished_at");
            assertThat(finished == null || finished.isAfter(answered.minus(Duration.ofMillis(300))))
                    .as("saga %s finished at %s but its confirm answered 202 at %s", checkout, finished, answered)
                    .isTrue();
            assertThat(attempt)
                    .as("none of three sagas ended inside the confirm's 2 s wait")
                    .isLessThan(3);
        }
    }

    @Test
    void theHappyPathAnswers200WithTheOrderAndPublishesTheQuotedLines() {
        UUID checkout = quoted();
        participants.script(checkout, SagaFlowTest::succeed);

        Response r = confirmToEnd(checkout, "happy-" + checkout, "pm_card_visa");
        r.then().statusCode(200).body("status", equalTo("COMPLETED")).body("checkoutId", equalTo(checkout.toString()));
        String orderId = r.path("orderId");

        assertThat(participants.types(checkout))
                .containsExactly(
                        "ReserveStock", "AuthorizePayment", "PlaceOrder", "CommitReservation", "CapturePayment");
        var reserve = (InventoryCommand.ReserveStock)
                participants.received(checkout).get(0).payload();
        assertThat(reserve.lines()).containsExactlyInAnyOrder(new StockLine(MUG, 2), new StockLine(RUG, 1));
        var authorize = (PaymentCommand.AuthorizePayment)
                participants.received(checkout).get(1).payload();
        Row row = row(checkout);
        assertThat(authorize.amount().amount())
                .as("the charge is the quoted total")
                .isEqualTo(row.getLong("total_minor"));
        assertThat(authorize.orderId().toString()).isEqualTo(orderId);
        assertThat(authorize.shippingCountry()).isEqualTo("US");
        assertThat(authorize.splits()).hasSize(2);
        var place =
                (OrderCommand.PlaceOrder) participants.received(checkout).get(2).payload();
        assertThat(place.orderId()).isEqualTo(authorize.orderId());
        assertThat(place.paymentId()).isEqualTo(authorize.paymentId());
        assertThat(place.total()).isEqualTo(authorize.amount());
        assertThat(place.displayEstimate())
                .as("no display currency was asked for")
                .isNull();

        assertThat(stepLog(checkout))
                .containsExactly(
                        "QUOTED>RESERVING on Confirm",
                        "RESERVING>AUTHORIZING on StockReserved",
                        "AUTHORIZING>PLACING on PaymentAuthorized",
                        "PLACING>COMMITTING on OrderPlaced",
                        "COMMITTING>CAPTURING on ReservationCommitted",
                        "CAPTURING>COMPLETED on PaymentCaptured");
        assertThat(row.getValue("step_deadline")).isNull();

        List<String> events = KafkaTopics.await(Topic.CHECKOUT_EVENTS.topicName(), checkout.toString()::equals, 1);
        assertThat(events).hasSize(1);
        var completed = (CheckoutEvent.CheckoutCompleted)
                ((MessageCodec.Decoded.Ok) MessageCodec.decode(Topic.CHECKOUT_EVENTS, events.get(0))).payload();
        assertThat(completed.orderId().toString()).isEqualTo(orderId);
        assertThat(completed.lines()).containsExactlyInAnyOrder(new StockLine(MUG, 2), new StockLine(RUG, 1));

        given().auth()
                .oauth2(KeycloakTokens.user(BUYER))
                .when()
                .get("/api/v1/checkouts/" + checkout)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("orderId", equalTo(orderId))
                .body("quote.total.amount", equalTo((int)
                        row.getLong("total_minor").longValue()));
    }

    @Test
    void aQuoteShownInADisplayCurrencyTellsOrderItsEstimateOfTheTotal() {
        UUID checkout = quotedFor(pool, BUYER, Currency.getInstance("EUR"), new BigDecimal("0.92"));
        participants.script(checkout, SagaFlowTest::succeed);
        confirmToEnd(checkout, "estimate-" + checkout, "pm_card_visa").then().statusCode(200);

        var place =
                (OrderCommand.PlaceOrder) participants.received(checkout).get(2).payload();
        long charged = row(checkout).getLong("total_minor");
        assertThat(place.total()).isEqualTo(Money.usd(charged));
        // as the quote showed it: the charged total converted at the quote's rate, in euro cents
        assertThat(place.displayEstimate())
                .isEqualTo(Money.usd(charged).convert(Currency.getInstance("EUR"), new BigDecimal("0.92")));
        assertThat(place.displayEstimate().currencyCode()).isEqualTo("EUR");
    }

    @Test
    void aReplayedConfirmGetsTheSameAnswerAndNeverASecondSaga() {
        UUID checkout = quoted();
        participants.script(checkout, SagaFlowTest::succeed);
        String key = "replay-" + checkout;
        String orderId = confirmToEnd(checkout, key, "pm_card_visa")
                .then()
                .statusCode(200)
                .extract()
                .path("orderId");

        confirm(checkout, key, "pm_card_visa")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("orderId", equalTo(orderId));
        confirm(checkout, key, "pm_card_mastercard")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://bazaar.dev/problems/idempotency-key-reused"));
        confirm(checkout, "another-" + checkout, "pm_card_mastercard")
                .then()
                .statusCode(200)
                .body("orderId", equalTo(orderId));
        assertThat(participants.types(checkout))
                .as("one saga per checkout, whatever the key")
                .containsExactly(
                        "ReserveStock", "AuthorizePayment", "PlaceOrder", "CommitReservation", "CapturePayment");
    }

    @Test
    void concurrentConfirmsWithDifferentKeysStartOneSaga() {
        UUID checkout = quoted();
        participants.script(checkout, SagaFlowTest::succeed);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "race-" + i + "-" + checkout;
            calls.add(CompletableFuture.supplyAsync(() -> confirm(checkout, key, "pm_card_visa")));
        }
        List<String> orders = calls.stream()
                .map(CompletableFuture::join)
                .map(r -> {
                    assertThat(r.statusCode()).isIn(200, 202);
                    return (String) r.path("orderId");
                })
                .distinct()
                .toList();
        assertThat(orders).hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COMPLETED".equals(row(checkout).getString("status")));
        assertThat(participants.types(checkout).stream().filter("ReserveStock"::equals))
                .hasSize(1);
    }

    @Test
    void aDeclinedPaymentAnswers402ReleasesTheStockAndPlacesNoOrder() {
        UUID checkout = quoted();
        participants.script(
                checkout,
                except(m -> m instanceof PaymentCommand.AuthorizePayment a
                        ? List.of(new PaymentReply.PaymentDeclined(
                                a.sagaId(),
                                a.paymentId(),
                                a.orderId(),
                                PaymentReply.DeclineReason.DECLINED,
                                "Your card was declined."))
                        : null));

        confirmToEnd(checkout, "declined-" + checkout, "pm_card_chargeDeclined")
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bazaar.dev/problems/payment-declined"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).size() >= 3);
        assertThat(participants.types(checkout))
                .containsExactly("ReserveStock", "AuthorizePayment", "ReleaseReservation");
        Row row = row(checkout);
        assertThat(row.getString("failure_reason")).isEqualTo("PAYMENT_DECLINED");
        List<String> events = KafkaTopics.await(Topic.CHECKOUT_EVENTS.topicName(), checkout.toString()::equals, 1);
        assertThat(events).singleElement().satisfies(e -> assertThat(e).contains("CheckoutFailed"));
    }

    @Test
    void runningOutOfStockAnswers409NamingTheLines() {
        UUID checkout = quoted();
        participants.script(
                checkout,
                except(m -> m instanceof InventoryCommand.ReserveStock r
                        ? List.of(new InventoryReply.StockRejected(
                                r.sagaId(), r.reservationId(), List.of(new Shortage(RUG, 1, 0))))
                        : null));
        confirmToEnd(checkout, "oos-" + checkout, "pm_card_visa")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/out-of-stock"))
                .body("violations.field", hasItem("lines[" + RUG + "]"));
        assertThat(participants.types(checkout))
                .as("nothing was held, nothing to undo")
                .containsExactly("ReserveStock");
    }

    @Test
    void aPaymentTimeoutIsCompensatedAndALateAuthorizationIsVoidedToo() {
        UUID checkout = quoted();
        participants.script(checkout, except(m -> m instanceof PaymentCommand.AuthorizePayment ? List.of() : null));

        Response first = confirm(checkout, "slow-" + checkout, "pm_card_visa");
        first.then()
                .statusCode(202)
                .body("status", org.hamcrest.Matchers.oneOf("RESERVING", "AUTHORIZING"))
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/checkouts/" + checkout));
        // the authorize step times out (4 s in tests): void (a tombstone for a late authorize) and release
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "FAILED".equals(row(checkout).getString("status")));
        Row row = row(checkout);
        assertThat(row.getString("failure_reason")).isEqualTo("TIMEOUT");
        assertThat(row.getString("failure_step")).isEqualTo("AUTHORIZING");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).size() >= 4);
        assertThat(participants.types(checkout))
                .containsExactlyInAnyOrder("ReserveStock", "AuthorizePayment", "VoidPayment", "ReleaseReservation");
        // the replay of the key that got 202 answers the current status
        confirm(checkout, "slow-" + checkout, "pm_card_visa")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/checkout-failed"));

        // the payment service finally answers: the late success is compensated, the failure stands
        var authorize = (PaymentCommand.AuthorizePayment)
                participants.received(checkout).get(1).payload();
        Participants.reply(
                new PaymentReply.PaymentAuthorized(
                        checkout, authorize.paymentId(), authorize.orderId(), authorize.amount(), "pi_late"),
                participants.received(checkout).get(1).envelope().id());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).size() >= 5);
        assertThat(participants.types(checkout).get(4)).isEqualTo("VoidPayment");
        assertThat(row(checkout).getString("status")).isEqualTo("FAILED");
        assertThat(stepLog(checkout)).last().isEqualTo("FAILED>FAILED on PaymentAuthorized");
    }

    @Test
    void aCaptureFailureCancelsTheOrderVoidsAndReleases() {
        UUID checkout = quoted();
        participants.script(
                checkout,
                except(m -> m instanceof PaymentCommand.CapturePayment c
                        ? List.of(new PaymentReply.PaymentCaptureFailed(
                                c.sagaId(), c.paymentId(), c.orderId(), "authorization expired"))
                        : null));
        confirmToEnd(checkout, "capture-" + checkout, "pm_card_visa")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/checkout-failed"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).size() >= 8);
        assertThat(participants.types(checkout).subList(0, 5))
                .containsExactly(
                        "ReserveStock", "AuthorizePayment", "PlaceOrder", "CommitReservation", "CapturePayment");
        assertThat(participants.types(checkout).subList(5, 8))
                .as("compensations go to three topics, in any order")
                .containsExactlyInAnyOrder("CancelOrder", "VoidPayment", "ReleaseReservation");
    }

    @Test
    void aSagaLeftRunningByAnotherReplicaIsCarriedOnHere() {
        // as if a replica that has since died had confirmed and sent AuthorizePayment: only the database knows
        UUID checkout = quoted();
        UUID order = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        pool.preparedQuery("""
                UPDATE checkout_session SET status = 'AUTHORIZING', version = 2, payment_method = 'pm_card_visa',
                    order_id = $2, payment_id = $3, reservation_id = $4, confirmed_at = now(),
                    step_started_at = now(), step_deadline = now() + interval '1 minute'
                WHERE id = $1""")
                .execute(Tuple.of(checkout, order, payment, UUID.randomUUID()))
                .await()
                .indefinitely();
        participants.script(checkout, SagaFlowTest::succeed);
        Participants.reply(
                new PaymentReply.PaymentAuthorized(checkout, payment, order, Money.usd(1), "pi_x"), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "COMPLETED".equals(row(checkout).getString("status")));
        assertThat(participants.types(checkout)).containsExactly("PlaceOrder", "CommitReservation", "CapturePayment");

        // and one whose step ran past its deadline while nobody was there is compensated by the sweep
        UUID stuck = quoted();
        pool.preparedQuery("""
                UPDATE checkout_session SET status = 'PLACING', version = 3, payment_method = 'pm_card_visa',
                    order_id = $2, payment_id = $3, reservation_id = $4, confirmed_at = now() - interval '1 hour',
                    step_started_at = now() - interval '1 hour', step_deadline = now() - interval '50 minutes'
                WHERE id = $1""")
                .execute(Tuple.of(stuck, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()))
                .await()
                .indefinitely();
        participants.script(stuck, SagaFlowTest::succeed);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "FAILED".equals(row(stuck).getString("status")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(stuck).size() >= 3);
        assertThat(participants.types(stuck))
                .containsExactlyInAnyOrder("CancelOrder", "VoidPayment", "ReleaseReservation");
    }

    /** Opens the checkout's status stream; the future completes with the statuses it showed once it ends. */
    static CompletableFuture<List<String>> stream(UUID checkout, java.util.concurrent.CountDownLatch first) {
        return events(checkout, BUYER, e -> first.countDown())
                .thenApply(events ->
                        events.stream().map(e -> e.getString("status")).toList());
    }

    /** Opens {@code buyer}'s status stream of the checkout: each event to {@code onEvent}; completes with all of them. */
    static CompletableFuture<List<io.vertx.core.json.JsonObject>> events(
            UUID checkout, String buyer, java.util.function.Consumer<io.vertx.core.json.JsonObject> onEvent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/api/v1/checkouts/" + checkout + "/events"))
                .header("Authorization", "Bearer " + KeycloakTokens.user(buyer))
                .header("Accept", "text/event-stream")
                .build();
        return HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(resp -> {
                    assertThat(resp.statusCode()).isEqualTo(200);
                    List<io.vertx.core.json.JsonObject> events = new ArrayList<>();
                    try (var in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.startsWith("data:")) {
                                var e = new io.vertx.core.json.JsonObject(
                                        line.substring(5).trim());
                                events.add(e);
                                onEvent.accept(e);
                            }
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return events;
                });
    }

    @Test
    void theEventsStreamFollowsTheSagaByNotificationUntilTheEnd() throws Exception {
        UUID checkout = quoted();
        // the payment service holds its answer: the saga waits in AUTHORIZING while the stream opens
        participants.script(checkout, except(m -> m instanceof PaymentCommand.AuthorizePayment ? List.of() : null));
        confirm(checkout, "sse-" + checkout, "pm_card_visa").then().statusCode(202);
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<List<String>> stream = stream(checkout, first);
        assertThat(first.await(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> participants.types(checkout).contains("AuthorizePayment"));
        var authorize = (PaymentCommand.AuthorizePayment)
                participants.received(checkout).get(1).payload();
        long answered = System.nanoTime();
        Participants.reply(
                new PaymentReply.PaymentAuthorized(
                        checkout, authorize.paymentId(), authorize.orderId(), authorize.amount(), "pi_sse"),
                participants.received(checkout).get(1).envelope().id());
        List<String> statuses = stream.get(15, java.util.concurrent.TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - answered) / 1_000_000;
        assertThat(statuses.getFirst()).isEqualTo("AUTHORIZING");
        assertThat(statuses.getLast())
                .as("the stream ends with the terminal state")
                .isEqualTo("COMPLETED");
        assertThat(statuses).doesNotHaveDuplicates();
        // woken by the database's notifications, not by the 5-second safety look
        assertThat(tookMillis)
                .as("ms from the payment answer to the stream's end")
                .isLessThan(4_000);
        // and the stream stopped listening once it ended
        await().atMost(Duration.ofSeconds(5)).until(() -> notifications.waiting() == 0);
    }

    @Test
    void streamsAreRefusedForUnconfirmedCheckoutsAndCappedPerBuyer() throws Exception {
        UUID quotedOnly = quoted();
        given().auth()
                .oauth2(KeycloakTokens.user(BUYER))
                .accept("text/event-stream")
                .when()
                .get("/api/v1/checkouts/" + quotedOnly + "/events")
                .then()
                .statusCode(409)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/checkout-not-confirmed"));

        UUID done = quoted();
        participants.script(done, SagaFlowTest::succeed);
        confirmToEnd(done, "streams-" + done, "pm_card_visa").then().statusCode(200);
        String subject = KeycloakTokens.subject(KeycloakTokens.user(BUYER));
        String leases = "limit:checkout-streams:" + subject;
        int cap = config.limits().streamsPerBuyer();
        redis.key().del(leases);
        try {
            // as if this buyer had `cap` streams open on other replicas
            long until = System.currentTimeMillis() + 60_000;
            for (int i = 0; i < cap; i++) {
                redis.sortedSet(String.class).zadd(leases, until, "elsewhere-" + i);
            }
            given().auth()
                    .oauth2(KeycloakTokens.user(BUYER))
                    .accept("text/event-stream")
                    .when()
                    .get("/api/v1/checkouts/" + done + "/events")
                    .then()
                    .statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                    .body("detail", org.hamcrest.Matchers.containsString("status streams"));
            redis.sortedSet(String.class).zrem(leases, "elsewhere-0");
            // one is free again: the stream of a finished checkout shows its end, closes, and gives its lease back
            List<String> statuses = stream(done, new java.util.concurrent.CountDownLatch(1))
                    .get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(statuses).containsExactly("COMPLETED");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> redis.sortedSet(String.class).zcard(leases) == cap - 1);
        } finally {
            redis.key().del(leases);
        }
    }

    @Test
    void oneBuyerCannotConfirmInALoopNorRunMoreThanTheirShareOfSagas() {
        String subject = KeycloakTokens.subject(KeycloakTokens.user(BUYER));
        String confirms = "limit:checkout-confirms:" + subject;
        UUID checkout = quoted();
        redis.value(String.class)
                .setex(confirms, 60, Integer.toString(config.limits().confirmsPerBuyer()));
        try {
            confirm(checkout, "loop-" + checkout, "pm_card_visa")
                    .then()
                    .statusCode(429)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                    .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                    .body("detail", org.hamcrest.Matchers.containsString("confirmations"));
        } finally {
            redis.key().del(confirms);
        }
        assertThat(row(checkout).getString("status"))
                .as("a refused confirm changes nothing")
                .isEqualTo("QUOTED");

        // a buyer with their share of sagas running: the next confirm is refused, nothing reserved or charged
        String other = "load013";
        int share = config.limits().runningPerBuyer();
        List<UUID> running = new ArrayList<>();
        for (int i = 0; i < share; i++) {
            UUID r = quotedFor(other);
            pool.preparedQuery("""
                    UPDATE checkout_session SET status = 'AUTHORIZING', version = 2, payment_method = 'pm_card_visa',
                        order_id = $2, payment_id = $3, reservation_id = $4, confirmed_at = now(),
                        step_started_at = now(), step_deadline = now() + interval '1 hour'
                    WHERE id = $1""")
                    .execute(Tuple.of(r, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()))
                    .await()
                    .indefinitely();
            running.add(r);
        }
        UUID next = quotedFor(other);
        participants.script(next, SagaFlowTest::succeed);
        try {
            given().auth()
                    .oauth2(KeycloakTokens.user(other))
                    .header("Idempotency-Key", "share-" + next)
                    .contentType("application/json")
                    .body(Map.of("paymentMethod", "pm_card_visa"))
                    .when()
                    .post("/api/v1/checkouts/" + next + "/confirm")
                    .then()
                    .statusCode(429)
                    .body("detail", org.hamcrest.Matchers.containsString("checkouts in progress"));
            assertThat(row(next).getString("status")).isEqualTo("QUOTED");
            assertThat(participants.types(next)).isEmpty();
            // another buyer is not affected
            UUID mine = quoted();
            participants.script(mine, SagaFlowTest::succeed);
            confirmToEnd(mine, "unaffected-" + mine, "pm_card_visa").then().statusCode(200);
        } finally {
            // the sagas this test parked finish as failed, so they count no longer (and the sweep leaves them)
            for (UUID r : running) {
                pool.preparedQuery("UPDATE checkout_session SET status = 'FAILED', failure_reason = 'TIMEOUT', "
                                + "failure_step = 'AUTHORIZING', step_deadline = NULL, "
                                + "finished_at = now() WHERE id = $1")
                        .execute(Tuple.of(r))
                        .await()
                        .indefinitely();
            }
        }
        // once one has finished, the buyer may confirm again: the refused key was not kept
        given().auth()
                .oauth2(KeycloakTokens.user(other))
                .header("Idempotency-Key", "share-" + next)
                .contentType("application/json")
                .body(Map.of("paymentMethod", "pm_card_visa"))
                .when()
                .post("/api/v1/checkouts/" + next + "/confirm")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 202));
    }

    @Test
    void badConfirmsAreRefusedAndChangeNothing() {
        UUID checkout = quoted();
        given().auth()
                .oauth2(KeycloakTokens.user(BUYER))
                .contentType("application/json")
                .body(Map.of("paymentMethod", "pm_card_visa"))
                .when()
                .post("/api/v1/checkouts/" + checkout + "/confirm")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://bazaar.dev/problems/idempotency-key-required"));
        confirm(checkout, "bad-pm-" + checkout, "4242424242424242")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("paymentMethod"));
        given().auth()
                .oauth2(KeycloakTokens.user(BUYER))
                .header("Idempotency-Key", "no-body-" + checkout)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/checkouts/" + checkout + "/confirm")
                .then()
                .statusCode(400);
        // another buyer's checkout does not exist for them; a seller may not confirm at all
        given().auth()
                .oauth2(KeycloakTokens.user("load012"))
                .header("Idempotency-Key", "theirs-" + checkout)
                .contentType("application/json")
                .body(Map.of("paymentMethod", "pm_card_visa"))
                .when()
                .post("/api/v1/checkouts/" + checkout + "/confirm")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .header("Idempotency-Key", "seller-" + checkout)
                .contentType("application/json")
                .body(Map.of("paymentMethod", "pm_card_visa"))
                .when()
                .post("/api/v1/checkouts/" + checkout + "/confirm")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .header("Idempotency-Key", "anon-" + checkout)
                .body(Map.of("paymentMethod", "pm_card_visa"))
                .when()
                .post("/api/v1/checkouts/" + checkout + "/confirm")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(KeycloakTokens.user("load012"))
                .when()
                .get("/api/v1/checkouts/" + checkout + "/events")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://bazaar.dev/problems/not-found"));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/checkouts/" + checkout + "/events")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/checkouts/" + checkout + "/events").then().statusCode(401);
        assertThat(row(checkout).getString("status")).isEqualTo("QUOTED");
        assertThat(row(checkout).getLong("version")).isZero();
    }

    @Test
    void anExpiredQuoteCannotBeConfirmed() {
        UUID checkout = quoted();
        pool.preparedQuery("UPDATE checkout_session SET created_at = now() - interval '2 hours' WHERE id = $1")
                .execute(Tuple.of(checkout))
                .await()
                .indefinitely();
        confirm(checkout, "old-" + checkout, "pm_card_visa")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/quote-expired"));
        assertThat(row(checkout).getString("status")).isEqualTo("QUOTED");
    }

    @Test
    void aConfirmIsRefusedWith503WhileTooManySagasRunAndGoesThroughOnceThereIsRoom() {
        UUID checkout = quoted();
        UUID template = quoted();
        participants.script(checkout, SagaFlowTest::succeed);
        // 50 sagas (the default limit) of another buyer running, their deadlines an hour away (the sweep leaves them
        // alone)
        pool.preparedQuery("""
                INSERT INTO checkout_session (id, buyer_subject, status, shipping_address_id, quote, total_minor,
                                              step_deadline)
                SELECT gen_random_uuid(), 'busy-buyer', 'RESERVING', shipping_address_id, quote, total_minor,
                       now() + interval '1 hour'
                FROM checkout_session, generate_series(1, 50) WHERE id = $1""").execute(Tuple.of(template)).await().indefinitely();
        try {
            confirm(checkout, "busy-" + checkout, "pm_card_visa")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("type", equalTo("https://bazaar.dev/problems/checkout-busy"));
            assertThat(row(checkout).getString("status")).isEqualTo("QUOTED");
            assertThat(row(checkout).getLong("version")).isZero();
            assertThat(participants.received(checkout)).isEmpty();
        } finally {
            pool.query("DELETE FROM checkout_session WHERE buyer_subject = 'busy-buyer'")
                    .execute()
                    .await()
                    .indefinitely();
        }
        // the same key again, now that there is room: the refusal was not remembered as the key's answer
        confirmToEnd(checkout, "busy-" + checkout, "pm_card_visa")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }
}
