package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.service.PaymentCommands;
import dev.bazaar.payment.service.PaymentReconciler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Captures and voids under faults (#20, scenario 2): no capture answer is never a failure, the provider's real state
 * decides; a void releases the hold or refunds what was captured. Invariants: captured − refunded at the provider equals
 * what the books say; no hold left after a failed checkout; the trial balance zero.
 */
@QuarkusTest
class CaptureFaultsTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    PaymentCommands commands;

    @Inject
    PaymentReconciler reconciler;

    @Inject
    PaymentFixtures fx;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();

    @AfterEach
    void noFaultLeft() {
        fx.clearFaults();
    }

    PaymentFixtures.Captured authorized() {
        PaymentFixtures.Captured c = fx.authorizedOrder(shopA, shopB, "pm_card_visa");
        assertThat(status(c)).isEqualTo("AUTHORIZED");
        return c;
    }

    void capture(PaymentFixtures.Captured c, long amount) {
        var cmd = new PaymentCommand.CapturePayment(c.saga(), c.payment(), c.order(), Money.usd(amount));
        commands.capture(Envelope.of(cmd, 0, Instant.now(), null, null), cmd)
                .await()
                .atMost(WAIT);
    }

    void voidIt(PaymentFixtures.Captured c) {
        var cmd = new PaymentCommand.VoidPayment(c.saga(), c.payment(), c.order(), "saga timed out at capturing");
        commands.voidPayment(Envelope.of(cmd, 0, Instant.now(), null, null), cmd)
                .await()
                .atMost(WAIT);
    }

    void reconcile() {
        reconciler.runOnce(Duration.ZERO).await().atMost(WAIT);
    }

    String status(PaymentFixtures.Captured c) {
        return fx.text("SELECT status FROM payment WHERE id = $1", c.payment());
    }

    String charge(PaymentFixtures.Captured c) {
        return fx.text("SELECT provider_reference FROM payment WHERE id = $1", c.payment());
    }

    String sandboxStatus(PaymentFixtures.Captured c) {
        return fx.text("SELECT status FROM sandbox_charge WHERE id = $1", charge(c));
    }

    long providerNet(PaymentFixtures.Captured c) {
        return fx.count("SELECT captured_minor - refunded_minor FROM sandbox_charge WHERE id = $1", charge(c));
    }

    long booksNet(PaymentFixtures.Captured c) {
        return fx.count("SELECT captured_minor - refunded_minor FROM payment WHERE id = $1", c.payment());
    }

    long replies(PaymentFixtures.Captured c, String type) {
        return fx.count(
                "SELECT count(*) FROM kit_outbox WHERE topic = 'payment.replies' AND message_key = $1 "
                        + "AND type = $2",
                c.saga().toString(),
                type);
    }

    @Test
    void aCaptureWhoseAnswerIsLostIsReadBackAndBookedNotFailed() {
        PaymentFixtures.Captured c = authorized();
        fx.fault("capture", charge(c), "lose_response", 1);

        capture(c, 13_460);
        assertThat(status(c)).isEqualTo("CAPTURE_UNKNOWN");
        assertThat(replies(c, "PaymentCaptureFailed"))
                .as("no failure told to the saga")
                .isZero();
        assertThat(replies(c, "PaymentCaptured")).isZero();
        assertThat(sandboxStatus(c)).as("the provider did capture").isEqualTo("captured");
        // a redelivered command changes nothing while the outcome is being learnt
        capture(c, 13_460);
        assertThat(status(c)).isEqualTo("CAPTURE_UNKNOWN");

        reconcile();
        assertThat(status(c)).isEqualTo("CAPTURED");
        assertThat(replies(c, "PaymentCaptured")).as("the saga is answered").isEqualTo(1);
        assertThat(booksNet(c)).isEqualTo(providerNet(c)).isEqualTo(13_460);
        assertThat(fx.count(
                        "SELECT count(*) FROM ledger_transaction WHERE payment_id = $1 AND kind = 'CAPTURE'",
                        c.payment()))
                .isEqualTo(1);
        assertThat(fx.balance(Accounts.sellerPayable(shopA))).isEqualTo(-9_500);
        assertThat(fx.trialBalance()).isZero();
        reconcile();
        assertThat(replies(c, "PaymentCaptured")).as("settled once").isEqualTo(1);
    }

    @Test
    void aCaptureDuringAnOutageIsTriedAgainUnderTheSameKeyOnceTheProviderAnswers() {
        PaymentFixtures.Captured c = authorized();
        fx.fault("capture", charge(c), "unavailable", 1);

        capture(c, 13_460);
        assertThat(status(c)).isEqualTo("CAPTURE_UNKNOWN");
        assertThat(sandboxStatus(c)).isEqualTo("authorized");

        reconcile();
        assertThat(status(c)).isEqualTo("CAPTURED");
        assertThat(fx.count(
                        "SELECT count(*) FROM sandbox_operation WHERE kind = 'capture' AND charge_id = $1", charge(c)))
                .isEqualTo(1);
        assertThat(booksNet(c)).isEqualTo(providerNet(c)).isEqualTo(13_460);
        assertThat(replies(c, "PaymentCaptured")).isEqualTo(1);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aVoidWhileTheCaptureOutcomeIsUnknownRefundsWhatTheProviderCaptured() {
        PaymentFixtures.Captured c = authorized();
        fx.fault("capture", charge(c), "lose_response", 1);
        capture(c, 13_460);
        assertThat(status(c)).isEqualTo("CAPTURE_UNKNOWN");

        // the saga gave up waiting at CAPTURING and compensates
        voidIt(c);
        assertThat(providerNet(c)).as("the buyer has every cent back").isZero();
        assertThat(booksNet(c)).isZero();
        assertThat(fx.count("SELECT count(*) FROM refund WHERE payment_id = $1 AND status = 'SUCCEEDED'", c.payment()))
                .isEqualTo(2);
        assertThat(replies(c, "PaymentVoided")).isEqualTo(1);
        assertThat(replies(c, "PaymentCaptured"))
                .as("the saga that gave up is not told of a capture")
                .isZero();
        assertThat(fx.balance(Accounts.sellerPayable(shopA))).isZero();
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aCaptureRefusedForGoodLeavesNoHoldOnTheCardOnceTheSagaVoids() {
        PaymentFixtures.Captured c = authorized();
        capture(c, 99_999); // more than was authorized: the provider refuses for good
        assertThat(status(c)).isEqualTo("CAPTURE_FAILED");
        assertThat(replies(c, "PaymentCaptureFailed")).isEqualTo(1);
        assertThat(sandboxStatus(c)).as("the hold is still on the card").isEqualTo("authorized");

        voidIt(c);
        assertThat(status(c)).isEqualTo("VOIDED");
        assertThat(sandboxStatus(c)).as("the hold released").isEqualTo("canceled");
        assertThat(replies(c, "PaymentVoided")).isEqualTo(1);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aCaptureTheProviderRefusesFailsMovesNothingAndTheVoidReleasesTheHold() {
        PaymentFixtures.Captured c = authorized();
        fx.fault("capture", charge(c), "refused", 1);

        capture(c, 13_460);
        assertThat(status(c)).isEqualTo("CAPTURE_FAILED");
        assertThat(replies(c, "PaymentCaptureFailed")).isEqualTo(1);
        assertThat(providerNet(c)).as("nothing captured").isZero();
        assertThat(sandboxStatus(c)).isEqualTo("authorized");
        assertThat(fx.text(
                        "SELECT outcome FROM sandbox_operation WHERE idempotency_key = $1", "capture:" + c.payment()))
                .as("the provider's answer under the capture's key")
                .isEqualTo("failed");

        voidIt(c);
        assertThat(status(c)).isEqualTo("VOIDED");
        assertThat(sandboxStatus(c)).as("the hold released").isEqualTo("canceled");
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aVoidTheProviderDoesNotAnswerStaysVoidingUntilItDoes() {
        PaymentFixtures.Captured c = authorized();
        fx.fault("retrieve", charge(c), "unavailable", 1);

        voidIt(c);
        assertThat(status(c)).isEqualTo("VOIDING");
        assertThat(fx.count("SELECT attempts FROM payment WHERE id = $1", c.payment()))
                .isEqualTo(1);
        assertThat(sandboxStatus(c)).isEqualTo("authorized");
        assertThat(replies(c, "PaymentVoided")).isZero();

        reconcile();
        assertThat(status(c)).isEqualTo("VOIDED");
        assertThat(sandboxStatus(c)).isEqualTo("canceled");
        assertThat(replies(c, "PaymentVoided")).isEqualTo(1);
    }
}
