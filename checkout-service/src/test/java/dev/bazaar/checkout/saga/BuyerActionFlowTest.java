package dev.bazaar.checkout.saga;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 3-D Secure in the saga (#29, ADR 0015), against real PostgreSQL, Kafka and Keycloak, with the participants played by
 * {@link Participants} as in {@link SagaFlowTest}: payment answers AuthorizePayment with PaymentActionRequired, the
 * saga waits in AWAITING_BUYER_ACTION showing the client secret and next action to its own buyer only, and then the
 * buyer completes the challenge (PaymentAuthorized), fails it (PaymentDeclined) or abandons it (the buyer-action
 * window, 8 s in tests, runs out).
 */
@QuarkusTest
class BuyerActionFlowTest {

    // buyers of these tests only: the AuthorizePayments they leave on payment.commands are later authorized by
    // payment-service's own tests (same topic), which counts against the buyer's fraud velocity for ten minutes — a
    // system test's buyer reused here would then be refused
    static final String BUYER = "load014";
    static final String OTHER = "load015";
    static Participants participants;

    @Inject
    Pool pool;

    @Inject
    CheckoutConfig config;

    @BeforeAll
    static void start() {
        participants = new Participants();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        participants.close();
    }

    static String secret(UUID checkout) {
        return "pi_" + checkout.toString().replace("-", "") + "_secret_3ds";
    }

    static String redirect(UUID checkout) {
        return "https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=" + checkout;
    }

    /** The card asks for 3-D Secure: AuthorizePayment is answered with PaymentActionRequired; the rest succeeds. */
    static Function<Message, List<Message>> challenged(UUID checkout) {
        return SagaFlowTest.except(m -> m instanceof PaymentCommand.AuthorizePayment a
                ? List.of(new PaymentReply.PaymentActionRequired(
                        a.sagaId(),
                        a.paymentId(),
                        a.orderId(),
                        secret(checkout),
                        new PaymentReply.NextAction("redirect_to_url", redirect(checkout))))
                : null);
    }

    static Response confirm(String buyer, UUID checkout, String key) {
        return given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(Map.of("paymentMethod", "pm_card_authenticationRequired"))
                .when()
                .post("/api/v1/checkouts/" + checkout + "/confirm");
    }

    /**
     * Confirms and replays the key (which answers the current status) until the saga waits on the buyer: Kafka
     * consumers may still be joining their groups when a test starts.
     */
    static Response confirmUntilWaiting(UUID checkout, String key) {
        Response r = confirm(BUYER, checkout, key);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (r.statusCode() == 202
                && !"AWAITING_BUYER_ACTION".equals(r.path("status"))
                && System.nanoTime() < until) {
            r = confirm(BUYER, checkout, key);
        }
        return r;
    }

    Row row(UUID id) {
        return pool.preparedQuery("""
                SELECT *, extract(epoch FROM step_deadline - step_started_at) AS window_seconds
                FROM checkout_session WHERE id = $1""")
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

    static void assertSecretCleared(Row row) {
        assertThat(row.getString("payment_client_secret"))
                .as("the client secret is gone with the wait")
                .isNull();
        assertThat(row.getString("payment_next_action_type")).isNull();
        assertThat(row.getString("payment_next_action_url")).isNull();
    }

    /** Every log record of the application while it is installed (message, parameters and exception). */
    static final class LogCapture extends Handler implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");

        LogCapture() {
            root.addHandler(this);
        }

        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLoggerName() + " " + r.getMessage() + " " + Arrays.toString(r.getParameters()) + " "
                    + (r.getThrown() == null ? "" : r.getThrown().toString()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }

    @Test
    void theBuyerSeesTheChallengeAndCompletingItCompletesTheSaga() {
        UUID checkout = SagaFlowTest.quotedFor(pool, BUYER);
        participants.script(checkout, challenged(checkout));
        String key = "3ds-" + checkout;
        try (LogCapture logs = new LogCapture()) {
            // the confirm answers as soon as the saga waits on the buyer, with what the buyer's app needs
            confirmUntilWaiting(checkout, key)
                    .then()
                    .statusCode(202)
                    .header("Location", endsWith("/api/v1/checkouts/" + checkout))
                    .header("Cache-Control", "no-store")
                    .body("status", equalTo("AWAITING_BUYER_ACTION"))
                    .body("payment.clientSecret", equalTo(secret(checkout)))
                    .body("payment.nextAction.type", equalTo("redirect_to_url"))
                    .body("payment.nextAction.redirectUrl", equalTo(redirect(checkout)));
            assertThat(participants.types(checkout))
                    .as("nothing is sent while the buyer authenticates")
                    .containsExactly("ReserveStock", "AuthorizePayment");
            Row waiting = row(checkout);
            assertThat(waiting.getString("payment_client_secret")).isEqualTo(secret(checkout));
            assertThat(waiting.getString("payment_next_action_type")).isEqualTo("redirect_to_url");
            assertThat(waiting.getString("payment_next_action_url")).isEqualTo(redirect(checkout));
            assertThat(waiting.getDouble("window_seconds"))
                    .as("the buyer's window is the buyer-action timeout")
                    .isEqualTo((double) config.timeouts().buyerAction().toMillis() / 1000);
            // the Idempotency-Key keeps the answer without the secret (a replay answers the current status anyway)
            String stored = pool.preparedQuery("SELECT response_body FROM kit_idempotency_key WHERE idem_key = $1")
                    .execute(Tuple.of(key))
                    .await()
                    .indefinitely()
                    .iterator()
                    .next()
                    .getString("response_body");
            assertThat(stored).contains(checkout.toString()).doesNotContain(secret(checkout));

            given().auth()
                    .oauth2(KeycloakTokens.user(BUYER))
                    .when()
                    .get("/api/v1/checkouts/" + checkout)
                    .then()
                    .statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body("status", equalTo("AWAITING_BUYER_ACTION"))
                    .body("payment.clientSecret", equalTo(secret(checkout)))
                    .body("payment.nextAction.type", equalTo("redirect_to_url"))
                    .body("payment.nextAction.redirectUrl", equalTo(redirect(checkout)));
            confirm(BUYER, checkout, key)
                    .then()
                    .statusCode(202)
                    .header("Idempotent-Replayed", "true")
                    .body("status", equalTo("AWAITING_BUYER_ACTION"))
                    .body("payment.clientSecret", equalTo(secret(checkout)));

            // another buyer: the checkout does not exist for them, and nothing of its payment shows
            for (Response theirs : List.of(
                    given().auth().oauth2(KeycloakTokens.user(OTHER)).when().get("/api/v1/checkouts/" + checkout),
                    given().auth()
                            .oauth2(KeycloakTokens.user(OTHER))
                            .accept("text/event-stream")
                            .when()
                            .get("/api/v1/checkouts/" + checkout + "/events"),
                    confirm(OTHER, checkout, "theirs-" + checkout))) {
                theirs.then().statusCode(404).body("type", equalTo("https://bazaar.dev/problems/not-found"));
                assertThat(theirs.asString()).doesNotContain(secret(checkout)).doesNotContain("hooks.stripe");
            }

            // a second PaymentActionRequired changes nothing; the buyer completes the challenge: PaymentAuthorized
            var authorize = (PaymentCommand.AuthorizePayment)
                    participants.received(checkout).get(1).payload();
            UUID cause = participants.received(checkout).get(1).envelope().id();
            Participants.reply(
                    new PaymentReply.PaymentActionRequired(
                            checkout,
                            authorize.paymentId(),
                            authorize.orderId(),
                            "pi_other_secret",
                            new PaymentReply.NextAction("use_stripe_sdk", null)),
                    cause);
            Participants.reply(
                    new PaymentReply.PaymentAuthorized(
                            checkout, authorize.paymentId(), authorize.orderId(), authorize.amount(), "pi_3ds"),
                    cause);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> "COMPLETED".equals(row(checkout).getString("status")));

            assertThat(participants.types(checkout))
                    .containsExactly(
                            "ReserveStock", "AuthorizePayment", "PlaceOrder", "CommitReservation", "CapturePayment");
            assertThat(stepLog(checkout))
                    .containsExactly(
                            "QUOTED>RESERVING on Confirm",
                            "RESERVING>AUTHORIZING on StockReserved",
                            "AUTHORIZING>AWAITING_BUYER_ACTION on PaymentActionRequired",
                            "AWAITING_BUYER_ACTION>PLACING on PaymentAuthorized",
                            "PLACING>COMMITTING on OrderPlaced",
                            "COMMITTING>CAPTURING on ReservationCommitted",
                            "CAPTURING>COMPLETED on PaymentCaptured");
            assertSecretCleared(row(checkout));
            given().auth()
                    .oauth2(KeycloakTokens.user(BUYER))
                    .when()
                    .get("/api/v1/checkouts/" + checkout)
                    .then()
                    .statusCode(200)
                    .header("Cache-Control", nullValue())
                    .body("status", equalTo("COMPLETED"))
                    .body("$", not(hasKey("payment")));
            confirm(BUYER, checkout, key)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("COMPLETED"))
                    .body("$", not(hasKey("payment")));

            org.jboss.logging.Logger.getLogger(BuyerActionFlowTest.class).infof("capture check %s", checkout);
            assertThat(logs.lines)
                    .as("the capture sees the application's log")
                    .anyMatch(l -> l.contains("capture check") && l.contains(checkout.toString()));
            assertThat(logs.lines)
                    .as("the client secret is never logged")
                    .noneMatch(l -> l.contains(secret(checkout)) || l.contains("pi_other_secret"));
        }
    }

    @Test
    void anAbandonedChallengeTimesOutVoidsThePaymentAndReleasesTheStock() {
        UUID checkout = SagaFlowTest.quotedFor(pool, BUYER);
        participants.script(checkout, challenged(checkout));
        String key = "abandoned-" + checkout;
        confirmUntilWaiting(checkout, key).then().statusCode(202).body("status", equalTo("AWAITING_BUYER_ACTION"));

        // the buyer never comes back: the buyer-action window (8 s in tests) runs out
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(row(checkout).getString("status")));
        Row row = row(checkout);
        assertThat(row.getString("failure_reason")).isEqualTo("TIMEOUT");
        assertThat(row.getString("failure_step")).isEqualTo("AWAITING_BUYER_ACTION");
        assertSecretCleared(row);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).size() >= 4);
        assertThat(participants.types(checkout).subList(0, 2)).containsExactly("ReserveStock", "AuthorizePayment");
        assertThat(participants.types(checkout).subList(2, 4))
                .as("the waiting intent cancelled, the stock released")
                .containsExactlyInAnyOrder("VoidPayment", "ReleaseReservation");
        assertThat(stepLog(checkout)).last().isEqualTo("AWAITING_BUYER_ACTION>FAILED on Timeout");
        List<String> events = KafkaTopics.await(Topic.CHECKOUT_EVENTS.topicName(), checkout.toString()::equals, 1);
        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e).contains("CheckoutFailed").contains("TIMEOUT"));

        confirm(BUYER, checkout, key)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/checkout-failed"))
                .body("detail", containsString("authentication was not completed in time"));
        given().auth()
                .oauth2(KeycloakTokens.user(BUYER))
                .when()
                .get("/api/v1/checkouts/" + checkout)
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("$", not(hasKey("payment")))
                .body("failure.step", equalTo("AWAITING_BUYER_ACTION"));

        // payment asks for the challenge again, late: the saga cancels that payment too
        var authorize = (PaymentCommand.AuthorizePayment)
                participants.received(checkout).get(1).payload();
        Participants.reply(
                new PaymentReply.PaymentActionRequired(
                        checkout,
                        authorize.paymentId(),
                        authorize.orderId(),
                        secret(checkout),
                        new PaymentReply.NextAction("use_stripe_sdk", null)),
                participants.received(checkout).get(1).envelope().id());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).size() >= 5);
        assertThat(participants.types(checkout).get(4)).isEqualTo("VoidPayment");
        assertThat(stepLog(checkout)).last().isEqualTo("FAILED>FAILED on PaymentActionRequired");
        assertThat(row(checkout).getString("status")).isEqualTo("FAILED");
        assertSecretCleared(row(checkout));
    }

    @Test
    void aFailedChallengeAnswers402VoidsTheWaitingPaymentAndReleasesTheStock() {
        UUID checkout = SagaFlowTest.quotedFor(pool, BUYER);
        participants.script(checkout, challenged(checkout));
        String key = "3ds-declined-" + checkout;
        confirmUntilWaiting(checkout, key).then().statusCode(202).body("status", equalTo("AWAITING_BUYER_ACTION"));

        var authorize = (PaymentCommand.AuthorizePayment)
                participants.received(checkout).get(1).payload();
        Participants.reply(
                new PaymentReply.PaymentDeclined(
                        checkout,
                        authorize.paymentId(),
                        authorize.orderId(),
                        PaymentReply.DeclineReason.DECLINED,
                        "The card's authentication failed."),
                participants.received(checkout).get(1).envelope().id());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "FAILED".equals(row(checkout).getString("status")));

        confirm(BUYER, checkout, key)
                .then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bazaar.dev/problems/payment-declined"))
                .body("detail", containsString("authentication failed"));
        Row row = row(checkout);
        assertThat(row.getString("failure_reason")).isEqualTo("PAYMENT_DECLINED");
        assertThat(row.getString("failure_step")).isEqualTo("AWAITING_BUYER_ACTION");
        assertSecretCleared(row);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).size() >= 4);
        assertThat(participants.types(checkout))
                .as("no order; the payment cancelled, the stock released")
                .containsExactlyInAnyOrder("ReserveStock", "AuthorizePayment", "VoidPayment", "ReleaseReservation");
        assertThat(stepLog(checkout)).last().isEqualTo("AWAITING_BUYER_ACTION>FAILED on PaymentDeclined");
    }

    /** Opens the buyer's status stream: every event goes to {@code live}; the future completes with all of them. */
    static CompletableFuture<List<JsonObject>> stream(UUID checkout, BlockingQueue<JsonObject> live) {
        return SagaFlowTest.events(checkout, BUYER, live::add);
    }

    @Test
    void theStatusStreamShowsTheChallengeToTheBuyerAndFollowsItToTheEnd() throws Exception {
        UUID checkout = SagaFlowTest.quotedFor(pool, BUYER);
        // the payment service holds its answer: the saga waits in AUTHORIZING while the stream opens
        participants.script(
                checkout, SagaFlowTest.except(m -> m instanceof PaymentCommand.AuthorizePayment ? List.of() : null));
        confirm(BUYER, checkout, "3ds-sse-" + checkout)
                .then()
                .statusCode(202)
                .body("status", oneOf("RESERVING", "AUTHORIZING"))
                .body("$", not(hasKey("payment")));
        BlockingQueue<JsonObject> live = new LinkedBlockingQueue<>();
        CompletableFuture<List<JsonObject>> stream = stream(checkout, live);
        assertThat(live.poll(15, TimeUnit.SECONDS))
                .as("the stream's first event")
                .isNotNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> participants.types(checkout).contains("AuthorizePayment"));

        var authorize = (PaymentCommand.AuthorizePayment)
                participants.received(checkout).get(1).payload();
        UUID cause = participants.received(checkout).get(1).envelope().id();
        long asked = System.nanoTime();
        Participants.reply(
                new PaymentReply.PaymentActionRequired(
                        checkout,
                        authorize.paymentId(),
                        authorize.orderId(),
                        secret(checkout),
                        new PaymentReply.NextAction("use_stripe_sdk", null)),
                cause);
        JsonObject waiting = null;
        while (waiting == null) {
            JsonObject e = live.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an AWAITING_BUYER_ACTION event").isNotNull();
            if ("AWAITING_BUYER_ACTION".equals(e.getString("status"))) {
                waiting = e;
            }
        }
        long tookMillis = (System.nanoTime() - asked) / 1_000_000;
        // woken by the database's notification of the new status, not by the 5-second safety look
        assertThat(tookMillis)
                .as("ms from PaymentActionRequired to the stream's event")
                .isLessThan(4_000);
        assertThat(waiting.getJsonObject("payment").getString("clientSecret")).isEqualTo(secret(checkout));
        assertThat(waiting.getJsonObject("payment").getJsonObject("nextAction").getString("type"))
                .isEqualTo("use_stripe_sdk");
        assertThat(waiting.getJsonObject("payment").getJsonObject("nextAction").containsKey("redirectUrl"))
                .as("no redirect for use_stripe_sdk")
                .isFalse();

        Participants.reply(
                new PaymentReply.PaymentAuthorized(
                        checkout, authorize.paymentId(), authorize.orderId(), authorize.amount(), "pi_3ds_sse"),
                cause);
        List<JsonObject> events = stream.get(20, TimeUnit.SECONDS);
        List<String> statuses = events.stream().map(e -> e.getString("status")).toList();
        assertThat(statuses).contains("AWAITING_BUYER_ACTION").doesNotHaveDuplicates();
        assertThat(statuses.getLast())
                .as("the stream ends with the terminal state")
                .isEqualTo("COMPLETED");
        assertThat(events)
                .as("only the waiting event carries the payment")
                .allMatch(e -> e.containsKey("payment") == "AWAITING_BUYER_ACTION".equals(e.getString("status")));
    }

    @Test
    void buyersWaitingOnAChallengeCountTowardTheirOwnShareButNotThePlatformCap() {
        String waiter = "load016";
        int share = config.limits().runningPerBuyer();
        List<UUID> parked = new ArrayList<>();
        for (int i = 0; i < share; i++) {
            UUID w = SagaFlowTest.quotedFor(pool, waiter);
            pool.preparedQuery("""
                    UPDATE checkout_session SET status = 'AWAITING_BUYER_ACTION', version = 3,
                        payment_method = 'pm_card_visa', order_id = $2, payment_id = $3, reservation_id = $4,
                        confirmed_at = now(), step_started_at = now(), step_deadline = now() + interval '1 hour',
                        payment_client_secret = 'pi_parked_secret', payment_next_action_type = 'use_stripe_sdk'
                    WHERE id = $1""")
                    .execute(Tuple.of(w, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()))
                    .await()
                    .indefinitely();
            parked.add(w);
        }
        UUID template = SagaFlowTest.quotedFor(pool, waiter);
        // and as many buyers at their bank's challenge as the platform-wide cap (an hour left each: the sweep leaves
        // them alone)
        pool.preparedQuery("""
                INSERT INTO checkout_session (id, buyer_subject, status, shipping_address_id, quote, total_minor,
                                              step_started_at, step_deadline)
                SELECT gen_random_uuid(), 'challenged-buyer-' || n, 'AWAITING_BUYER_ACTION', shipping_address_id, quote,
                       total_minor, now(), now() + interval '1 hour'
                FROM checkout_session, generate_series(1, $2) AS n WHERE id = $1""")
                .execute(Tuple.of(template, config.maxRunning()))
                .await()
                .indefinitely();
        try {
            // the waiting buyer has their share running: refused
            given().auth()
                    .oauth2(KeycloakTokens.user(waiter))
                    .header("Idempotency-Key", "share-" + template)
                    .contentType("application/json")
                    .body(Map.of("paymentMethod", "pm_card_visa"))
                    .when()
                    .post("/api/v1/checkouts/" + template + "/confirm")
                    .then()
                    .statusCode(429)
                    .body("detail", containsString("checkouts in progress"));
            assertThat(row(template).getString("status")).isEqualTo("QUOTED");
            // everybody else goes through: challenges in progress are not platform load
            UUID mine = SagaFlowTest.quotedFor(pool, BUYER);
            participants.script(mine, SagaFlowTest::succeed);
            Response r = confirm(BUYER, mine, "not-busy-" + mine);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (r.statusCode() == 202 && System.nanoTime() < until) {
                r = confirm(BUYER, mine, "not-busy-" + mine);
            }
            r.then().statusCode(200).body("status", equalTo("COMPLETED"));
        } finally {
            pool.query("DELETE FROM checkout_session WHERE buyer_subject LIKE 'challenged-buyer-%'")
                    .execute()
                    .await()
                    .indefinitely();
            for (UUID w : parked) {
                pool.preparedQuery("UPDATE checkout_session SET status = 'FAILED', failure_reason = 'TIMEOUT', "
                                + "failure_step = 'AWAITING_BUYER_ACTION', step_deadline = NULL, payment_client_secret = NULL, "
                                + "payment_next_action_type = NULL, finished_at = now() WHERE id = $1")
                        .execute(Tuple.of(w))
                        .await()
                        .indefinitely();
            }
        }
    }
}
