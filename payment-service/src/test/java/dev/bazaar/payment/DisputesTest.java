package dev.bazaar.payment;

import static dev.bazaar.payment.StripeWebhookTest.PLATFORM_SECRET;
import static dev.bazaar.payment.StripeWebhookTest.fixture;
import static dev.bazaar.payment.StripeWebhookTest.post;
import static dev.bazaar.payment.StripeWebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.service.Payouts;
import dev.bazaar.payment.service.SellerBalances;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A dispute's whole life from Stripe's events (#20, scenario 5): the sellers' shares held while it is open, the money
 * Stripe withdraws and reinstates booked once each whatever the order and repeats of the events, the holds released
 * when it closes, a lost dispute taken back from the sellers like refunds. Invariants: the platform's cash follows
 * Stripe's balance transactions, the trial balance is zero, nothing stays held after the dispute is closed.
 */
@QuarkusTest
class DisputesTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    PaymentFixtures fx;

    @Inject
    SellerBalances balances;

    @Inject
    Payouts payouts;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();
    final String disputeId = "dp_" + UUID.randomUUID().toString().replace("-", "");

    static final String WITHDRAWAL = "{\"id\": \"txn_w\", \"object\": \"balance_transaction\", \"amount\": -13460, "
            + "\"fee\": 1500, \"net\": -14960, \"reporting_category\": \"dispute\", \"type\": \"adjustment\"}";
    static final String REINSTATEMENT = "{\"id\": \"txn_r\", \"object\": \"balance_transaction\", \"amount\": 13460, "
            + "\"fee\": 0, \"net\": 13460, \"reporting_category\": \"dispute_reversal\", \"type\": \"adjustment\"}";

    /** A captured $134.60 payment, both sellers' groups delivered long enough ago to be paid out. */
    String paymentDeliveredAndDue() {
        PaymentFixtures.Captured c = fx.capturedOrder(shopA, shopB);
        Instant delivered = Instant.now().minus(Duration.ofDays(8));
        fx.delivered(c.order(), shopA, delivered);
        fx.delivered(c.order(), shopB, delivered);
        return fx.text("SELECT provider_reference FROM payment WHERE id = $1", c.payment());
    }

    io.restassured.response.ValidatableResponse event(
            String type, String status, String paymentIntent, String transactions) {
        String payload = fixture(
                "charge.dispute",
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "TYPE",
                type,
                "STATUS",
                status,
                "DISPUTE_ID",
                disputeId,
                "PAYMENT_INTENT",
                paymentIntent,
                "AMOUNT",
                "13460",
                "BALANCE_TRANSACTIONS",
                transactions);
        return post(
                        "/api/v1/webhooks/stripe",
                        payload,
                        sign(payload, PLATFORM_SECRET, Instant.now().getEpochSecond()))
                .statusCode(200);
    }

    long available(UUID shop) {
        return balances.of(shop, Instant.now()).await().atMost(WAIT).available().amount();
    }

    long held(String paymentIntent) {
        return fx.count(
                "SELECT count(*) FROM payment_split s JOIN payment p ON p.id = s.payment_id "
                        + "WHERE p.provider_reference = $1 AND s.held",
                paymentIntent);
    }

    @Test
    void aWonDisputeHoldsTheSharesThenReleasesThemAndTheCashFollowsStripe() {
        String pi = paymentDeliveredAndDue();
        assertThat(available(shopA)).isEqualTo(9_500);
        long cashBefore = fx.balance(Accounts.PLATFORM_CASH);

        event("charge.dispute.created", "needs_response", pi, "[]").body("result", equalTo("sellers' shares held"));
        assertThat(held(pi)).isEqualTo(2);
        assertThat(available(shopA)).as("held while the dispute is open").isZero();

        event("charge.dispute.funds_withdrawn", "needs_response", pi, "[" + WITHDRAWAL + "]");
        event("charge.dispute.funds_withdrawn", "needs_response", pi, "[" + WITHDRAWAL + "]"); // Stripe retried it
        assertThat(fx.balance(Accounts.PLATFORM_CASH) - cashBefore)
                .as("the amount and the fee left")
                .isEqualTo(-14_960);
        assertThat(fx.balance(Accounts.DISPUTES_IN_PROGRESS)).isGreaterThanOrEqualTo(13_460);
        event("charge.dispute.updated", "under_review", pi, "[" + WITHDRAWAL + "]");

        event("charge.dispute.closed", "won", pi, "[" + WITHDRAWAL + ", " + REINSTATEMENT + "]")
                .body("result", startsWith("dispute won"));
        event("charge.dispute.funds_reinstated", "won", pi, "[" + WITHDRAWAL + ", " + REINSTATEMENT + "]");
        assertThat(fx.balance(Accounts.PLATFORM_CASH) - cashBefore)
                .as("the amount came back; the fee did not")
                .isEqualTo(-1_500);
        assertThat(held(pi)).as("released").isZero();
        assertThat(available(shopA)).isEqualTo(9_500);
        assertThat(fx.count(
                        "SELECT count(*) FROM kit_outbox WHERE type = 'DisputeClosed' AND payload LIKE $1",
                        "%\"won\"%"))
                .isGreaterThanOrEqualTo(1);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aLostDisputeIsTakenBackFromTheSellersLikeRefundsAndTheirSharesAreNoLongerFrozen() {
        String pi = paymentDeliveredAndDue();
        long cashBefore = fx.balance(Accounts.PLATFORM_CASH);
        event("charge.dispute.created", "needs_response", pi, "[]");
        // the closing event first, the withdrawal's own event after it: the order Stripe sends them in is not fixed
        event("charge.dispute.closed", "lost", pi, "[" + WITHDRAWAL + "]")
                .body("result", startsWith("dispute lost: 13460 taken back"));
        event("charge.dispute.funds_withdrawn", "lost", pi, "[" + WITHDRAWAL + "]");

        assertThat(held(pi)).isZero();
        assertThat(fx.balance(Accounts.PLATFORM_CASH) - cashBefore).isEqualTo(-14_960);
        assertThat(fx.balance(Accounts.sellerPayable(shopA)))
                .as("A's share went back with the dispute")
                .isZero();
        assertThat(fx.balance(Accounts.sellerPayable(shopB))).isZero();
        assertThat(fx.count(
                        "SELECT count(*) FROM refund r JOIN payment p ON p.id = r.payment_id WHERE "
                                + "p.provider_reference = $1 AND r.source = 'DISPUTE' AND r.status = 'SUCCEEDED'",
                        pi))
                .isEqualTo(2);
        assertThat(fx.count("SELECT refunded_minor FROM payment WHERE provider_reference = $1", pi))
                .isEqualTo(13_460);
        assertThat(available(shopA)).isZero();
        // nothing is paid out for the lost dispute, though A could be paid
        PaymentFixtures.onVertxContext(() -> payouts.openAccount(shopA, "US"));
        payouts.run(Instant.now()).await().atMost(WAIT);
        assertThat(fx.count("SELECT count(*) FROM payout WHERE shop_id IN ($1, $2)", shopA, shopB))
                .isZero();
        assertThat(fx.trialBalance()).isZero();
    }
}
