package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.service.SellerBalances;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Checkout's commands, order events and the payment API against the real PostgreSQL, Kafka and Keycloak, with the
 * sandbox provider.
 */
@QuarkusTest
class PaymentFlowTest {

    @Inject
    Pool pool;

    @Inject
    SellerBalances balances;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();

    record Checkout(UUID saga, UUID payment, UUID order, Envelope<PaymentCommand.AuthorizePayment> authorize) {}

    /** $100 of goods (commission $10, shipping $5, tax $8) from shop A and $20 (commission $2, tax $1.60) from B. */
    Checkout checkout(String buyer, String paymentMethod, String country) {
        UUID saga = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        List<SellerSplit> splits = List.of(
                new SellerSplit(shopA, Money.usd(10_000), Money.usd(500), Money.usd(800), Money.usd(1_000)),
                new SellerSplit(shopB, Money.usd(2_000), Money.usd(0), Money.usd(160), Money.usd(200)));
        var cmd = new PaymentCommand.AuthorizePayment(
                saga, payment, order, buyer, Money.usd(13_460), paymentMethod, country, splits);
        return new Checkout(saga, payment, order, Envelope.of(cmd, 0, Instant.now(), UUID.randomUUID(), null));
    }

    static void send(Envelope<? extends Message> e) {
        KafkaTopics.send(e.topic().topicName(), e.key(), MessageCodec.encodeToString(e));
    }

    static List<Message> replies(UUID saga, int expected) {
        return KafkaTopics.await(Topic.PAYMENT_REPLIES.topicName(), saga.toString()::equals, expected).stream()
                .map(json -> (Message) ((MessageCodec.Decoded.Ok) MessageCodec.decode(Topic.PAYMENT_REPLIES, json))
                        .envelope()
                        .payload())
                .toList();
    }

    static List<Message> events(UUID order, int expected) {
        return KafkaTopics.await(Topic.PAYMENT_EVENTS.topicName(), order.toString()::equals, expected).stream()
                .map(json -> (Message) ((MessageCodec.Decoded.Ok) MessageCodec.decode(Topic.PAYMENT_EVENTS, json))
                        .envelope()
                        .payload())
                .toList();
    }

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(List.of(args)))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong(0);
    }

    long balance(String account) {
        return count("SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry WHERE account_code = $1", account);
    }

    Checkout authorizedAndCaptured(String buyer) {
        return authorizedAndCaptured(buyer, "pm_card_visa");
    }

    Checkout authorizedAndCaptured(String buyer, String paymentMethod) {
        Checkout c = checkout(buyer, paymentMethod, "US");
        send(c.authorize());
        assertThat(replies(c.saga(), 1)).singleElement().isInstanceOf(PaymentReply.PaymentAuthorized.class);
        send(Envelope.of(
                new PaymentCommand.CapturePayment(c.saga(), c.payment(), c.order(), Money.usd(13_460)),
                0,
                Instant.now(),
                null,
                null));
        assertThat(replies(c.saga(), 2).get(1)).isInstanceOf(PaymentReply.PaymentCaptured.class);
        return c;
    }

    @Test
    void authorizeThenCaptureMovesMoneyIntoBalancedBooks() {
        Checkout c = authorizedAndCaptured("buyer-" + UUID.randomUUID());
        assertThat(events(c.order(), 1))
                .singleElement()
                .isEqualTo(new PaymentEvent.PaymentCaptured(c.order(), c.payment(), Money.usd(13_460)));
        assertThat(balance(Accounts.sellerPayable(shopA))).isEqualTo(-(10_000 + 500 - 1_000));
        assertThat(balance(Accounts.sellerPayable(shopB))).isEqualTo(-(2_000 - 200));
        assertThat(count("SELECT count(*) FROM ledger_transaction WHERE payment_id = $1", c.payment()))
                .isEqualTo(2);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void aReplayedCommandGetsTheSameReplyAndChargesNothingTwice() {
        Checkout c = checkout("buyer-" + UUID.randomUUID(), "pm_card_visa", "US");
        send(c.authorize());
        send(c.authorize());
        List<Message> r = replies(c.saga(), 2);
        assertThat(r).hasSize(2).allMatch(m -> m instanceof PaymentReply.PaymentAuthorized);
        assertThat(count("SELECT count(*) FROM payment WHERE saga_id = $1", c.saga()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM sandbox_charge WHERE transfer_group = $1",
                        c.order().toString()))
                .isEqualTo(1);
        var capture = Envelope.of(
                new PaymentCommand.CapturePayment(c.saga(), c.payment(), c.order(), Money.usd(13_460)),
                0,
                Instant.now(),
                null,
                null);
        send(capture);
        send(capture);
        assertThat(replies(c.saga(), 4).subList(2, 4)).allMatch(m -> m instanceof PaymentReply.PaymentCaptured);
        assertThat(count("SELECT count(*) FROM ledger_transaction WHERE payment_id = $1", c.payment()))
                .isEqualTo(2);
    }

    @Test
    void declinedAndRiskBlockedCardsAreDeclinedWithTheirReason() {
        Checkout declined = checkout("buyer-" + UUID.randomUUID(), "pm_card_chargeDeclined", "US");
        Checkout radar = checkout("buyer-" + UUID.randomUUID(), "pm_card_radarBlock", "US");
        send(declined.authorize());
        send(radar.authorize());
        assertThat(replies(declined.saga(), 1))
                .singleElement()
                .satisfies(m -> assertThat(((PaymentReply.PaymentDeclined) m).reason())
                        .isEqualTo(PaymentReply.DeclineReason.DECLINED));
        assertThat(replies(radar.saga(), 1))
                .singleElement()
                .satisfies(m -> assertThat(((PaymentReply.PaymentDeclined) m).reason())
                        .isEqualTo(PaymentReply.DeclineReason.FRAUD));
        assertThat(count("SELECT count(*) FROM fraud_decision WHERE saga_id = $1 AND outcome = 'BLOCK'", radar.saga()))
                .isEqualTo(1);
    }

    @Test
    void fraudRulesBlockBeforeTheProviderIsAskedAndKeepTheirReasons() {
        Checkout blocked = checkout("blocked-buyer-subject", "pm_card_visa", "US");
        Checkout mismatch = checkout("buyer-" + UUID.randomUUID(), "pm_card_gb", "US"); // $134.60: noted, allowed
        Checkout embargo = checkout("buyer-" + UUID.randomUUID(), "pm_card_visa", "KP");
        send(blocked.authorize());
        send(mismatch.authorize());
        send(embargo.authorize());
        assertThat(((PaymentReply.PaymentDeclined) replies(blocked.saga(), 1).get(0)).reason())
                .isEqualTo(PaymentReply.DeclineReason.FRAUD);
        assertThat(((PaymentReply.PaymentDeclined) replies(embargo.saga(), 1).get(0)).reason())
                .isEqualTo(PaymentReply.DeclineReason.FRAUD);
        assertThat(replies(mismatch.saga(), 1).get(0)).isInstanceOf(PaymentReply.PaymentAuthorized.class);
        assertThat(count(
                        "SELECT count(*) FROM sandbox_charge WHERE transfer_group = $1",
                        blocked.order().toString()))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM fraud_decision WHERE saga_id = $1 AND 'blocklist: buyer' = ANY(reasons)",
                        blocked.saga()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM fraud_decision WHERE saga_id = $1 AND outcome = 'ALLOW' "
                                + "AND 'card country GB ≠ shipping country US' = ANY(reasons)",
                        mismatch.saga()))
                .isEqualTo(1);
    }

    @Test
    void theSixthAttemptOfABuyerWithinTheWindowIsBlocked() {
        String buyer = "buyer-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            Checkout c = checkout(buyer, "pm_card_visa", "US");
            send(c.authorize());
            assertThat(replies(c.saga(), 1).get(0)).isInstanceOf(PaymentReply.PaymentAuthorized.class);
        }
        Checkout sixth = checkout(buyer, "pm_card_visa", "US");
        send(sixth.authorize());
        assertThat(((PaymentReply.PaymentDeclined) replies(sixth.saga(), 1).get(0)).reason())
                .isEqualTo(PaymentReply.DeclineReason.FRAUD);
        assertThat(count(
                        "SELECT count(*) FROM fraud_decision WHERE saga_id = $1 AND reasons[1] LIKE 'velocity:%'",
                        sixth.saga()))
                .isEqualTo(1);
    }

    @Test
    void aVoidBeforeTheAuthorizeLeavesATombstoneThatRefusesIt() {
        Checkout c = checkout("buyer-" + UUID.randomUUID(), "pm_card_visa", "US");
        send(Envelope.of(
                new PaymentCommand.VoidPayment(c.saga(), c.payment(), c.order(), "step timeout"),
                0,
                Instant.now(),
                null,
                null));
        send(c.authorize());
        List<Message> r = replies(c.saga(), 2);
        assertThat(r.get(0)).isInstanceOf(PaymentReply.PaymentVoided.class);
        assertThat(((PaymentReply.PaymentDeclined) r.get(1)).reason()).isEqualTo(PaymentReply.DeclineReason.VOIDED);
        assertThat(count(
                        "SELECT count(*) FROM sandbox_charge WHERE transfer_group = $1",
                        c.order().toString()))
                .isZero();
    }

    @Test
    void aVoidedAuthorizationCannotBeCaptured() {
        Checkout c = checkout("buyer-" + UUID.randomUUID(), "pm_card_visa", "US");
        send(c.authorize());
        replies(c.saga(), 1);
        send(Envelope.of(
                new PaymentCommand.VoidPayment(c.saga(), c.payment(), c.order(), "order rejected"),
                0,
                Instant.now(),
                null,
                null));
        send(Envelope.of(
                new PaymentCommand.CapturePayment(c.saga(), c.payment(), c.order(), Money.usd(13_460)),
                0,
                Instant.now(),
                null,
                null));
        List<Message> r = replies(c.saga(), 3);
        assertThat(r.get(1)).isInstanceOf(PaymentReply.PaymentVoided.class);
        assertThat(r.get(2)).isInstanceOf(PaymentReply.PaymentCaptureFailed.class);
        assertThat(count(
                        "SELECT count(*) FROM sandbox_charge WHERE transfer_group = $1 AND status = 'canceled'",
                        c.order().toString()))
                .isEqualTo(1);
    }

    @Test
    void anApprovedReturnIsRefundedOnceAndTakenBackFromTheSeller() {
        Checkout c = authorizedAndCaptured("buyer-" + UUID.randomUUID());
        long payableBefore = balance(Accounts.sellerPayable(shopA));
        UUID refundId = UUID.randomUUID();
        var returned = Envelope.of(
                new OrderEvent.ReturnApproved(
                        c.order(),
                        UUID.randomUUID(),
                        shopA,
                        List.of(GroupRefund.of(
                                refundId, shopA, Money.usd(5_000), Money.usd(0), Money.usd(400), Money.usd(500))),
                        List.of()),
                5,
                Instant.now(),
                null,
                null);
        send(returned);
        send(returned);
        List<Message> e = events(c.order(), 2);
        assertThat(e.get(1))
                .isEqualTo(new PaymentEvent.RefundSucceeded(c.order(), c.payment(), refundId, shopA, Money.usd(5_400)));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                count("SELECT count(*) FROM refund WHERE id = $1 AND status = 'SUCCEEDED'", refundId))
                        .isEqualTo(1));
        assertThat(events(c.order(), 3)).hasSize(2); // the replay refunded nothing
        assertThat(balance(Accounts.sellerPayable(shopA)) - payableBefore).isEqualTo(5_000 - 500);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void aRefundTheProviderRefusesIsReportedAndUndone() {
        Checkout c = authorizedAndCaptured("buyer-" + UUID.randomUUID(), "pm_card_refundFail");
        UUID refundId = UUID.randomUUID();
        send(Envelope.of(
                new OrderEvent.OrderCancelled(
                        c.order(),
                        "buyer changed their mind",
                        List.of(GroupRefund.of(
                                refundId, shopB, Money.usd(2_000), Money.usd(0), Money.usd(160), Money.usd(200))),
                        List.of()),
                4,
                Instant.now(),
                null,
                null));
        List<Message> e = events(c.order(), 2);
        assertThat(e.get(1)).isInstanceOf(PaymentEvent.RefundFailed.class);
        assertThat(((PaymentEvent.RefundFailed) e.get(1)).refundId()).isEqualTo(refundId);
        assertThat(count("SELECT refunded_minor FROM payment WHERE id = $1", c.payment()))
                .isZero();
        assertThat(count("SELECT count(*) FROM ledger_transaction WHERE refund_id = $1", refundId))
                .isZero();
        assertThat(count("SELECT count(*) FROM refund WHERE id = $1 AND status = 'FAILED'", refundId))
                .isEqualTo(1);
    }

    @Test
    void adminsRefundWithAnIdempotencyKeyAndNeverBeyondTheRefundable() {
        Checkout c = authorizedAndCaptured("buyer-" + UUID.randomUUID());
        String admin = KeycloakTokens.user("admin");
        String key = "refund-" + UUID.randomUUID();
        Map<String, Object> body = Map.of(
                "shopId", shopB.toString(), "amount", Map.of("amount", 1_000, "currency", "USD"), "reason", "goodwill");
        String first = given().auth()
                .oauth2(admin)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                .then()
                .statusCode(201)
                .body("status", equalTo("SUCCEEDED"))
                .body("amount.amount", equalTo(1_000))
                .extract()
                .path("id");
        given().auth()
                .oauth2(admin)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                .then()
                .statusCode(201)
                .body("id", equalTo(first));
        assertThat(count("SELECT count(*) FROM refund WHERE payment_id = $1", c.payment()))
                .isEqualTo(1);
        // the audit log keeps the payment as the refund found it (captured, nothing refunded yet)
        given().auth()
                .oauth2(admin)
                .queryParam("limit", 200)
                .when()
                .get("/api/v1/admin/audit")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.path == '/api/v1/admin/payments/" + c.payment()
                                + "/refunds' && it.phase == 'COMPLETED' && it.status == 201 }.before",
                        hasItem(org.hamcrest.Matchers.allOf(
                                containsString("\"status\":\"CAPTURED\""), containsString("\"refunded\":0"))));

        // B's part was $21.60; $10 refunded, $11.60 left
        given().auth()
                .oauth2(admin)
                .header("Idempotency-Key", key + "-2")
                .contentType("application/json")
                .body(Map.of(
                        "shopId",
                        shopB.toString(),
                        "amount",
                        Map.of("amount", 1_161, "currency", "USD"),
                        "reason",
                        "too much"))
                .when()
                .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of(
                        "shopId", shopB.toString(), "amount", Map.of("amount", 0, "currency", "USD"), "reason", "zero"),
                Map.<String, Object>of(
                        "shopId",
                        shopB.toString(),
                        "amount",
                        Map.of("amount", 100, "currency", "EUR"),
                        "reason",
                        "euros"),
                Map.<String, Object>of(
                        "shopId",
                        UUID.randomUUID().toString(),
                        "amount",
                        Map.of("amount", 100, "currency", "USD"),
                        "reason",
                        "unknown seller"))) {
            given().auth()
                    .oauth2(admin)
                    .header("Idempotency-Key", "k-" + UUID.randomUUID())
                    .contentType("application/json")
                    .body(bad)
                    .when()
                    .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body(
                            "violations.field",
                            hasItem(bad.get("reason").equals("unknown seller") ? "shopId" : "amount"));
        }
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                .then()
                .statusCode(400);
        for (String role : List.of("alice", "bob")) {
            given().auth()
                    .oauth2(KeycloakTokens.user(role))
                    .header("Idempotency-Key", "k-" + UUID.randomUUID())
                    .contentType("application/json")
                    .body(body)
                    .when()
                    .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                    .then()
                    .statusCode(403);
        }
        assertThat(count("SELECT count(*) FROM refund WHERE payment_id = $1", c.payment()))
                .isEqualTo(1);
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void buyersSeeOnlyTheirOwnPayments() {
        Checkout c = authorizedAndCaptured(KeycloakTokens.subject(KeycloakTokens.user("alice")));
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/payments/" + c.payment())
                .then()
                .statusCode(200)
                .body("status", equalTo("CAPTURED"))
                .body("splits", hasSize(2))
                .body("refundable.amount", equalTo(13_460));
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/payments/" + c.payment())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/payments/" + c.payment())
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/payments/" + c.payment())
                .then()
                .statusCode(403);
        given().when().get("/api/v1/payments/" + c.payment()).then().statusCode(401);
    }

    @Test
    void aSellersShareIsPendingUntilTheHoldingPeriodAfterDeliveryThenAvailable() {
        String bob = KeycloakTokens.subject(KeycloakTokens.user("bob"));
        send(Envelope.of(
                new ShopEvent.ShopApproved(shopA, bob, "bob-shop-" + shopA, "Bob's", "US"),
                1,
                Instant.now(),
                null,
                null));
        Checkout c = authorizedAndCaptured("buyer-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().auth()
                        .oauth2(KeycloakTokens.user("bob"))
                        .when()
                        .get("/api/v1/seller/balance")
                        .then()
                        .statusCode(200)
                        .body("shopId", equalTo(shopA.toString()))
                        .body("pending.amount", equalTo(9_500))
                        .body("available.amount", equalTo(0)));
        Instant delivered = Instant.now();
        send(Envelope.of(new OrderEvent.GroupDelivered(c.order(), shopA, delivered), 3, Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(count(
                                "SELECT count(*) FROM payment_split WHERE payment_id = $1 AND delivered_at IS NOT NULL",
                                c.payment()))
                        .isEqualTo(1));
        var sixDays =
                balances.of(shopA, delivered.plus(Duration.ofDays(6))).await().atMost(Duration.ofSeconds(5));
        var eightDays = balances.of(shopA, delivered.plus(Duration.ofDays(7)).plusSeconds(1))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(sixDays.pending()).isEqualTo(Money.usd(9_500));
        assertThat(eightDays.available()).isEqualTo(Money.usd(9_500));
        assertThat(eightDays.pending()).isEqualTo(Money.usd(0));

        // a seller without a shop here (other modules' tests share the topics: sam may have been given one)
        pool.preparedQuery("DELETE FROM shop WHERE owner_subject = $1")
                .execute(Tuple.of(KeycloakTokens.subject(KeycloakTokens.user("sam"))))
                .await()
                .indefinitely();
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/balance")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/seller/balance")
                .then()
                .statusCode(403);
    }
}
