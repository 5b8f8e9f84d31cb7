package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.domain.ProcessorFee;
import dev.bazaar.payment.provider.PaymentProvider.ChargeState;
import dev.bazaar.payment.provider.SandboxProvider;
import dev.bazaar.payment.service.PaymentCommands;
import dev.bazaar.payment.service.PaymentReconciler;
import dev.bazaar.payment.service.Reconciliation;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Partial captures (#29) against the real PostgreSQL, Kafka and Keycloak, with the sandbox provider: checkout captures
 * less than it authorized (a seller cancelled before capture, say). Only what was captured is split, posted, kept and
 * later refundable; the rest of the authorization is released at the provider and recorded as such; a capture of more
 * than authorized, of nothing or in another currency is refused before the provider is asked and moves no money.
 *
 * <p>The order: $100 goods + $5 shipping + $8 tax (commission $10) from A, $20 + $1.60 tax (commission $2) from B, so
 * $134.60 authorized; $100 captured is shared A $83.95 (goods 74.29, shipping 3.72, tax 5.94, commission 7.43) and
 * B $16.05 (goods 14.86, tax 1.19, commission 1.49) — see CapturedSplitsTest.
 */
@QuarkusTest
class PartialCaptureTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final long AUTHORIZED = 13_460;
    static final long CAPTURED = 10_000;

    @Inject
    PaymentFixtures fx;

    @Inject
    PaymentCommands commands;

    @Inject
    PaymentReconciler reconciler;

    @Inject
    SandboxProvider sandbox;

    @Inject
    Reconciliation reconciliation;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();

    record Checkout(UUID saga, UUID payment, UUID order) {}

    @AfterEach
    void noFaultLeft() {
        fx.clearFaults();
    }

    static void send(Message m, long version) {
        Envelope<Message> e = Envelope.of(m, version, Instant.now(), UUID.randomUUID(), null);
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

    /** Authorized through payment.commands, as checkout does it. */
    Checkout authorized() {
        Checkout c = new Checkout(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        send(
                new PaymentCommand.AuthorizePayment(
                        c.saga(),
                        c.payment(),
                        c.order(),
                        "buyer-" + UUID.randomUUID(),
                        Money.usd(AUTHORIZED),
                        "pm_card_visa",
                        "US",
                        List.of(
                                new SellerSplit(
                                        shopA, Money.usd(10_000), Money.usd(500), Money.usd(800), Money.usd(1_000)),
                                new SellerSplit(
                                        shopB, Money.usd(2_000), Money.usd(0), Money.usd(160), Money.usd(200)))),
                0);
        assertThat(replies(c.saga(), 1)).singleElement().isInstanceOf(PaymentReply.PaymentAuthorized.class);
        return c;
    }

    PaymentCommand.CapturePayment capture(Checkout c, Money amount) {
        return new PaymentCommand.CapturePayment(c.saga(), c.payment(), c.order(), amount);
    }

    Checkout capturedInPart() {
        Checkout c = authorized();
        send(capture(c, Money.usd(CAPTURED)), 0);
        assertThat(replies(c.saga(), 2).get(1))
                .as("the saga is told what was captured")
                .isEqualTo(new PaymentReply.PaymentCaptured(c.saga(), c.payment(), c.order(), Money.usd(CAPTURED)));
        return c;
    }

    String charge(Checkout c) {
        return fx.text("SELECT provider_reference FROM payment WHERE id = $1", c.payment());
    }

    String status(Checkout c) {
        return fx.text("SELECT status FROM payment WHERE id = $1", c.payment());
    }

    long paymentColumn(Checkout c, String column) {
        return fx.count("SELECT " + column + " FROM payment WHERE id = $1", c.payment());
    }

    long split(Checkout c, UUID shop, String column) {
        return fx.count(
                "SELECT " + column + " FROM payment_split WHERE payment_id = $1 AND shop_id = $2", c.payment(), shop);
    }

    /** Σ of one account's entries (for one shop) in this payment's CAPTURE transaction (credits are negative). */
    long captured(Checkout c, String account, UUID shop) {
        return fx.count(
                "SELECT coalesce(sum(e.amount_minor), 0) FROM ledger_entry e JOIN ledger_transaction t "
                        + "ON t.id = e.transaction_id WHERE t.payment_id = $1 AND t.kind = 'CAPTURE' AND e.account_code = $2 "
                        + "AND e.shop_id = $3",
                c.payment(),
                account,
                shop);
    }

    long captured(Checkout c, String account) {
        return fx.count(
                "SELECT coalesce(sum(e.amount_minor), 0) FROM ledger_entry e JOIN ledger_transaction t "
                        + "ON t.id = e.transaction_id WHERE t.payment_id = $1 AND t.kind = 'CAPTURE' AND e.account_code = $2",
                c.payment(),
                account);
    }

    void assertTrialBalance() {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    void assertCapturedInPartAndBooked(Checkout c) {
        assertThat(status(c)).isEqualTo("CAPTURED");
        assertThat(paymentColumn(c, "captured_minor")).isEqualTo(CAPTURED);
        assertThat(paymentColumn(c, "released_minor"))
                .as("the rest of the authorization released")
                .isEqualTo(AUTHORIZED - CAPTURED);
        assertThat(paymentColumn(c, "fee_minor"))
                .as("the fee is on what was captured")
                .isEqualTo(ProcessorFee.of(CAPTURED));

        // the stored splits are what was captured; what was authorized is kept beside them
        assertThat(fx.count(
                        "SELECT sum(goods_minor + shipping_minor + tax_minor) FROM payment_split "
                                + "WHERE payment_id = $1",
                        c.payment()))
                .isEqualTo(CAPTURED);
        assertThat(List.of(
                        split(c, shopA, "goods_minor"),
                        split(c, shopA, "shipping_minor"),
                        split(c, shopA, "tax_minor"),
                        split(c, shopA, "commission_minor")))
                .containsExactly(7_429L, 372L, 594L, 743L);
        assertThat(List.of(
                        split(c, shopB, "goods_minor"),
                        split(c, shopB, "shipping_minor"),
                        split(c, shopB, "tax_minor"),
                        split(c, shopB, "commission_minor")))
                .containsExactly(1_486L, 0L, 119L, 149L);
        assertThat(List.of(
                        split(c, shopA, "authorized_goods_minor"),
                        split(c, shopA, "authorized_shipping_minor"),
                        split(c, shopA, "authorized_tax_minor"),
                        split(c, shopA, "authorized_commission_minor")))
                .containsExactly(10_000L, 500L, 800L, 1_000L);

        // the ledger: each seller owed their captured share; payables + commission + tax = the capture, all settled
        assertThat(fx.balance(Accounts.sellerPayable(shopA))).isEqualTo(-(7_429 + 372 - 743));
        assertThat(fx.balance(Accounts.sellerPayable(shopB))).isEqualTo(-(1_486 - 149));
        long credited = 0;
        for (UUID shop : List.of(shopA, shopB)) {
            credited += captured(c, Accounts.sellerPayable(shop), shop)
                    + captured(c, Accounts.COMMISSION_REVENUE, shop)
                    + captured(c, Accounts.TAX_PAYABLE, shop);
        }
        assertThat(credited).isEqualTo(-CAPTURED);
        assertThat(captured(c, Accounts.BUYER_CLEARING)).isEqualTo(CAPTURED);
        assertThat(fx.count(
                        "SELECT coalesce(sum(e.amount_minor), 0) FROM ledger_entry e JOIN ledger_transaction t "
                                + "ON t.id = e.transaction_id WHERE t.payment_id = $1 AND e.account_code = $2",
                        c.payment(),
                        Accounts.BUYER_CLEARING))
                .as("the settlement cleared exactly the capture")
                .isZero();
        assertThat(fx.count(
                        "SELECT count(*) FROM (SELECT t.id FROM ledger_transaction t JOIN ledger_entry e "
                                + "ON e.transaction_id = t.id WHERE t.payment_id = $1 GROUP BY t.id HAVING sum(e.amount_minor) <> 0) x",
                        c.payment()))
                .isZero();
        assertThat(fx.count("SELECT count(*) FROM ledger_transaction WHERE payment_id = $1", c.payment()))
                .isEqualTo(2);

        // the provider: captured what was asked, released the rest, and says so when asked
        assertThat(fx.text("SELECT status FROM sandbox_charge WHERE id = $1", charge(c)))
                .isEqualTo("captured");
        assertThat(fx.count("SELECT captured_minor FROM sandbox_charge WHERE id = $1", charge(c)))
                .isEqualTo(CAPTURED);
        assertThat(fx.count("SELECT released_minor FROM sandbox_charge WHERE id = $1", charge(c)))
                .isEqualTo(AUTHORIZED - CAPTURED);
        assertThat(sandbox.chargeState(charge(c)).await().atMost(WAIT))
                .isEqualTo(new ChargeState(ChargeState.Status.CAPTURED, CAPTURED, 0, ProcessorFee.of(CAPTURED)));
    }

    @Test
    void aPartialCaptureSplitsPostsAndAnswersOnlyWhatWasCaptured() {
        Instant since = Instant.now().minusSeconds(1);
        Checkout c = capturedInPart();
        assertThat(events(c.order(), 1))
                .singleElement()
                .isEqualTo(new PaymentEvent.PaymentCaptured(c.order(), c.payment(), Money.usd(CAPTURED)));
        assertCapturedInPartAndBooked(c);
        assertTrialBalance();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/payments/" + c.payment())
                .then()
                .statusCode(200)
                .body("amount.amount", equalTo((int) AUTHORIZED))
                .body("captured.amount", equalTo((int) CAPTURED))
                .body("refundable.amount", equalTo((int) CAPTURED));

        // redelivered: the same answer, nothing captured or posted twice
        send(capture(c, Money.usd(CAPTURED)), 0);
        assertThat(replies(c.saga(), 3).get(2))
                .isEqualTo(new PaymentReply.PaymentCaptured(c.saga(), c.payment(), c.order(), Money.usd(CAPTURED)));
        assertThat(fx.count("SELECT count(*) FROM ledger_transaction WHERE payment_id = $1", c.payment()))
                .isEqualTo(2);
        assertThat(fx.count(
                        "SELECT count(*) FROM sandbox_operation WHERE kind = 'capture' AND charge_id = $1", charge(c)))
                .isEqualTo(1);

        // the books and the provider agree on it
        Reconciliation.Report report =
                reconciliation.run(since).await().atMost(WAIT).orElseThrow();
        assertThat(report.differences()).noneMatch(d -> c.payment().toString().equals(d.reference()));
    }

    @Test
    void aRefundOfTheWholeIsCappedAtWhatWasCaptured() {
        Checkout c = capturedInPart();
        String admin = KeycloakTokens.user("admin");
        // an admin asking for A's part as authorized ($113), or a cent more than was captured of it ($83.96)
        for (long amount : List.of(11_300L, 8_396L)) {
            given().auth()
                    .oauth2(admin)
                    .header("Idempotency-Key", "k-" + UUID.randomUUID())
                    .contentType("application/json")
                    .body(Map.of(
                            "shopId",
                            shopA.toString(),
                            "amount",
                            Map.of("amount", amount, "currency", "USD"),
                            "reason",
                            "the whole"))
                    .when()
                    .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                    .then()
                    .statusCode(409)
                    .contentType(startsWith("application/problem+json"));
        }
        // the order cancelled with B's part as it was ordered: more than was captured of it, refused whole
        UUID tooMuch = UUID.randomUUID();
        send(
                new OrderEvent.OrderCancelled(
                        c.order(),
                        "buyer changed their mind",
                        List.of(GroupRefund.of(
                                tooMuch, shopB, Money.usd(2_000), Money.usd(0), Money.usd(160), Money.usd(200))),
                        List.of()),
                4);
        assertThat(events(c.order(), 2).get(1))
                .isInstanceOfSatisfying(
                        PaymentEvent.RefundFailed.class,
                        f -> assertThat(f.refundId()).isEqualTo(tooMuch));
        assertThat(paymentColumn(c, "refunded_minor")).isZero();
        assertThat(fx.count("SELECT count(*) FROM refund WHERE payment_id = $1", c.payment()))
                .isZero();

        // checkout compensates after the capture: everything refunded — exactly what was captured
        send(new PaymentCommand.VoidPayment(c.saga(), c.payment(), c.order(), "order rejected"), 0);
        assertThat(replies(c.saga(), 3).get(2)).isInstanceOf(PaymentReply.PaymentVoided.class);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(fx.count(
                                "SELECT coalesce(sum(amount_minor), 0) "
                                        + "FROM refund WHERE payment_id = $1 AND status = 'SUCCEEDED'",
                                c.payment()))
                        .isEqualTo(CAPTURED));
        assertThat(fx.count(
                        "SELECT amount_minor FROM refund WHERE payment_id = $1 AND shop_id = $2", c.payment(), shopA))
                .isEqualTo(7_429 + 372 + 594);
        assertThat(fx.count(
                        "SELECT amount_minor FROM refund WHERE payment_id = $1 AND shop_id = $2", c.payment(), shopB))
                .isEqualTo(1_486 + 119);
        assertThat(paymentColumn(c, "refunded_minor")).isEqualTo(CAPTURED);
        assertThat(fx.count("SELECT refunded_minor FROM sandbox_charge WHERE id = $1", charge(c)))
                .isEqualTo(CAPTURED);
        assertThat(fx.balance(Accounts.sellerPayable(shopA))).isZero();
        assertThat(fx.balance(Accounts.sellerPayable(shopB))).isZero();
        assertThat(fx.count(
                        "SELECT coalesce(sum(e.amount_minor), 0) FROM ledger_entry e JOIN ledger_transaction t "
                                + "ON t.id = e.transaction_id WHERE t.payment_id = $1 AND e.account_code IN ($2, $3)",
                        c.payment(),
                        Accounts.COMMISSION_REVENUE,
                        Accounts.TAX_PAYABLE))
                .as("commission and tax taken back in full")
                .isZero();
        assertTrialBalance();
    }

    @Test
    void aCaptureOfMoreThanAuthorizedOfNothingOrInAnotherCurrencyIsRefusedAndMovesNoMoney() {
        Map<Money, String> bad = Map.of(
                Money.usd(AUTHORIZED + 1),
                "cannot exceed the authorized 13460",
                Money.usd(0),
                "more than zero",
                Money.usd(-500),
                "more than zero",
                Money.of(5_000, "EUR"),
                "in USD");
        for (var b : bad.entrySet()) {
            Checkout c = authorized();
            String ref = charge(c);
            send(capture(c, b.getKey()), 0);
            assertThat(replies(c.saga(), 2).get(1))
                    .as("capturing %s", b.getKey())
                    .isInstanceOfSatisfying(
                            PaymentReply.PaymentCaptureFailed.class,
                            f -> assertThat(f.reason()).contains(b.getValue()));
            assertThat(status(c)).isEqualTo("CAPTURE_FAILED");
            assertThat(paymentColumn(c, "captured_minor")).isZero();
            assertThat(paymentColumn(c, "released_minor")).isZero();
            assertThat(fx.count("SELECT count(*) FROM ledger_transaction WHERE payment_id = $1", c.payment()))
                    .isZero();
            assertThat(fx.count(
                            "SELECT sum(goods_minor + shipping_minor + tax_minor) FROM payment_split "
                                    + "WHERE payment_id = $1 AND authorized_goods_minor IS NULL",
                            c.payment()))
                    .isEqualTo(AUTHORIZED);
            assertThat(fx.text("SELECT status FROM sandbox_charge WHERE id = $1", ref))
                    .as("the provider was not asked")
                    .isEqualTo("authorized");
            assertThat(fx.count(
                            "SELECT count(*) FROM sandbox_operation WHERE kind = 'capture' AND charge_id = $1", ref))
                    .isZero();

            // redelivered: the same refusal
            send(capture(c, b.getKey()), 0);
            assertThat(replies(c.saga(), 3).get(2))
                    .isInstanceOfSatisfying(
                            PaymentReply.PaymentCaptureFailed.class,
                            f -> assertThat(f.reason()).contains(b.getValue()));

            // the saga fails and voids: the hold is released, all of it
            send(new PaymentCommand.VoidPayment(c.saga(), c.payment(), c.order(), "capture failed"), 0);
            assertThat(replies(c.saga(), 4).get(3)).isInstanceOf(PaymentReply.PaymentVoided.class);
            assertThat(status(c)).isEqualTo("VOIDED");
            assertThat(paymentColumn(c, "released_minor")).isEqualTo(AUTHORIZED);
            assertThat(fx.text("SELECT status FROM sandbox_charge WHERE id = $1", ref))
                    .isEqualTo("canceled");
            assertThat(fx.count("SELECT released_minor FROM sandbox_charge WHERE id = $1", ref))
                    .isEqualTo(AUTHORIZED);
        }
        assertTrialBalance();
    }

    @Test
    void aPartialCaptureWithoutAnAnswerIsTriedAgainForTheAmountAskedNotTheAuthorization() {
        Checkout c = authorized();
        fx.fault("capture", charge(c), "unavailable", 1);
        var cmd = capture(c, Money.usd(CAPTURED));
        commands.capture(Envelope.of(cmd, 0, Instant.now(), null, null), cmd)
                .await()
                .atMost(WAIT);
        assertThat(status(c)).isEqualTo("CAPTURE_UNKNOWN");
        assertThat(paymentColumn(c, "capture_requested_minor")).isEqualTo(CAPTURED);
        assertThat(fx.text("SELECT status FROM sandbox_charge WHERE id = $1", charge(c)))
                .isEqualTo("authorized");

        reconciler.runOnce(Duration.ZERO).await().atMost(WAIT);
        assertCapturedInPartAndBooked(c);
        assertThat(fx.count(
                        "SELECT count(*) FROM kit_outbox WHERE topic = 'payment.replies' AND message_key = $1 "
                                + "AND type = 'PaymentCaptured'",
                        c.saga().toString()))
                .isEqualTo(1);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aPartialCaptureWhoseAnswerIsLostIsBookedAsTheProviderCapturedIt() {
        Checkout c = authorized();
        fx.fault("capture", charge(c), "lose_response", 1);
        var cmd = capture(c, Money.usd(CAPTURED));
        commands.capture(Envelope.of(cmd, 0, Instant.now(), null, null), cmd)
                .await()
                .atMost(WAIT);
        assertThat(status(c)).isEqualTo("CAPTURE_UNKNOWN");
        assertThat(fx.count("SELECT captured_minor FROM sandbox_charge WHERE id = $1", charge(c)))
                .isEqualTo(CAPTURED);

        reconciler.runOnce(Duration.ZERO).await().atMost(WAIT);
        assertCapturedInPartAndBooked(c);
        assertThat(fx.trialBalance()).isZero();
    }
}
