package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.service.MoneyGauges;
import dev.bazaar.payment.service.PaymentCommands;
import dev.bazaar.payment.service.Refunds;
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
 * Refunds under faults (#20, scenario 3): no answer keeps the refund reserved and it is tried again under its key
 * (after asking the provider whether it exists); a refusal waits in the admins' queue, counted by an alerting gauge,
 * and a retry keeps its id. Invariants: one refund per cause at the provider, what the books say refunded equals what
 * the provider refunded, the trial balance zero.
 */
@QuarkusTest
class RefundFaultsTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Refunds refunds;

    @Inject
    PaymentCommands commands;

    @Inject
    MoneyGauges gauges;

    @Inject
    PaymentFixtures fx;

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();

    @AfterEach
    void noFaultLeft() {
        fx.clearFaults();
    }

    PaymentFixtures.Captured captured(String paymentMethod) {
        PaymentFixtures.Captured c = fx.authorizedOrder(shopA, shopB, paymentMethod);
        var cmd = new PaymentCommand.CapturePayment(c.saga(), c.payment(), c.order(), Money.usd(13_460));
        commands.capture(Envelope.of(cmd, 0, Instant.now(), null, null), cmd)
                .await()
                .atMost(WAIT);
        return c;
    }

    String charge(PaymentFixtures.Captured c) {
        return fx.text("SELECT provider_reference FROM payment WHERE id = $1", c.payment());
    }

    /** A return of half of A's goods: $50 + $4 tax, commission $5 back. */
    void returnHalf(PaymentFixtures.Captured c, UUID refundId) {
        refunds.fromOrder(
                        null,
                        c.order(),
                        List.of(GroupRefund.of(
                                refundId, shopA, Money.usd(5_000), Money.usd(0), Money.usd(400), Money.usd(500))),
                        "return")
                .await()
                .atMost(WAIT);
    }

    String status(UUID refundId) {
        return fx.text("SELECT status FROM refund WHERE id = $1", refundId);
    }

    void due(UUID refundId) {
        fx.exec("UPDATE refund SET next_attempt_at = now() - interval '1 second' WHERE id = $1", refundId);
    }

    long providerRefunds(PaymentFixtures.Captured c) {
        return fx.count(
                "SELECT count(*) FROM sandbox_operation WHERE kind = 'refund' AND outcome = 'succeeded' "
                        + "AND charge_id = $1",
                charge(c));
    }

    long providerRefunded(PaymentFixtures.Captured c) {
        return fx.count("SELECT refunded_minor FROM sandbox_charge WHERE id = $1", charge(c));
    }

    long booksRefunded(PaymentFixtures.Captured c) {
        return fx.count(
                "SELECT coalesce(sum(amount_minor), 0) FROM refund WHERE payment_id = $1 " + "AND status = 'SUCCEEDED'",
                c.payment());
    }

    long events(String type, UUID refundId) {
        return fx.count(
                "SELECT count(*) FROM kit_outbox WHERE type = $1 AND payload LIKE $2", type, "%" + refundId + "%");
    }

    @Test
    void aRefundWhoseAnswerIsLostStaysReservedAndIsFoundNotMadeTwice() {
        PaymentFixtures.Captured c = captured("pm_card_visa");
        fx.fault("refund", charge(c), "lose_response", 1);
        UUID refundId = UUID.randomUUID();

        returnHalf(c, refundId);
        assertThat(status(refundId)).isEqualTo("PENDING");
        assertThat(events("RefundFailed", refundId)).as("not a failure").isZero();
        assertThat(providerRefunded(c)).as("the provider did refund").isEqualTo(5_400);
        assertThat(fx.count("SELECT refunded_minor FROM payment WHERE id = $1", c.payment()))
                .as("still reserved: nothing else may refund it")
                .isEqualTo(5_400);
        // the cancellation redelivered meanwhile: the same refund, not a second one
        returnHalf(c, refundId);
        assertThat(fx.count("SELECT count(*) FROM refund WHERE id = $1", refundId))
                .isEqualTo(1);

        due(refundId);
        refunds.resumePending().await().atMost(WAIT);
        assertThat(status(refundId)).isEqualTo("SUCCEEDED");
        assertThat(providerRefunds(c)).as("one refund at the provider").isEqualTo(1);
        assertThat(booksRefunded(c)).isEqualTo(providerRefunded(c)).isEqualTo(5_400);
        assertThat(events("RefundSucceeded", refundId)).isEqualTo(1);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aRefundDuringAnOutageIsTriedAgainWithBackoffUntilTheProviderAnswers() {
        PaymentFixtures.Captured c = captured("pm_card_visa");
        fx.fault("refund", charge(c), "unavailable", 2);
        UUID refundId = UUID.randomUUID();

        returnHalf(c, refundId);
        assertThat(status(refundId)).isEqualTo("PENDING");
        assertThat(fx.count(
                        "SELECT count(*) FROM refund WHERE id = $1 AND attempts = 1 AND last_error LIKE "
                                + "'%unavailable%' AND next_attempt_at > now()",
                        refundId))
                .isEqualTo(1);
        refunds.resumePending().await().atMost(WAIT);
        assertThat(status(refundId)).as("not due yet").isEqualTo("PENDING");

        due(refundId);
        refunds.resumePending().await().atMost(WAIT);
        assertThat(fx.count("SELECT attempts FROM refund WHERE id = $1", refundId))
                .isEqualTo(2);
        assertThat(status(refundId)).isEqualTo("PENDING");
        due(refundId);
        refunds.resumePending().await().atMost(WAIT);
        assertThat(status(refundId)).isEqualTo("SUCCEEDED");
        assertThat(fx.count("SELECT attempts FROM refund WHERE id = $1", refundId))
                .isEqualTo(3);
        assertThat(providerRefunds(c)).isEqualTo(1);
        assertThat(booksRefunded(c)).isEqualTo(providerRefunded(c)).isEqualTo(5_400);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aRefusedRefundWaitsInTheAdminsQueueCountedByTheGaugeAndARetryKeepsItsId() {
        PaymentFixtures.Captured c = captured("pm_card_refundFail");
        UUID refundId = UUID.randomUUID();
        returnHalf(c, refundId);
        assertThat(status(refundId)).isEqualTo("FAILED");
        assertThat(events("RefundFailed", refundId)).isEqualTo(1);
        assertThat(fx.count("SELECT refunded_minor FROM payment WHERE id = $1", c.payment()))
                .as("the reservation is undone")
                .isZero();

        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/refunds?status=FAILED")
                .then()
                .statusCode(200)
                .body("id", hasItem(refundId.toString()));
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/admin/refunds")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/admin/refunds/" + refundId + "/retry")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/refunds?status=NOPE")
                .then()
                .statusCode(400);
        gauges.refresh();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(given().when()
                                .get("/q/metrics")
                                .then()
                                .extract()
                                .asString())
                        .containsPattern("bazaar_refunds_failed(\\{[^}]*\\})? [1-9]"));

        // the buyer's card can take refunds again (support fixed it): the admin retries the same refund
        fx.exec("UPDATE sandbox_charge SET payment_method = 'pm_card_visa' WHERE id = $1", charge(c));
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/refunds/" + refundId + "/retry")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("id", equalTo(refundId.toString()));
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/refunds/" + refundId + "/retry")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/refund-not-failed"));
        assertThat(fx.count("SELECT count(*) FROM refund WHERE payment_id = $1", c.payment()))
                .isEqualTo(1);
        assertThat(providerRefunds(c)).isEqualTo(1);
        assertThat(booksRefunded(c)).isEqualTo(providerRefunded(c)).isEqualTo(5_400);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void anAdminRefundIsOneRefundPerIdempotencyKeyEvenWhenTheKeysAnswerIsLost() {
        PaymentFixtures.Captured c = captured("pm_card_visa");
        String admin = KeycloakTokens.user("admin");
        Map<String, Object> body = Map.of(
                "shopId", shopA.toString(), "amount", Map.of("amount", 1_000, "currency", "USD"), "reason", "goodwill");
        String key = "goodwill-" + UUID.randomUUID();
        given().auth()
                .oauth2(admin)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                .then()
                .statusCode(201);
        // the stored answer of the key is gone (expired, or taken over): the same request is the same refund
        fx.exec("DELETE FROM kit_idempotency_key WHERE idem_key = $1", key);
        given().auth()
                .oauth2(admin)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                .then()
                .statusCode(201);
        assertThat(fx.count("SELECT count(*) FROM refund WHERE payment_id = $1", c.payment()))
                .isEqualTo(1);
        assertThat(providerRefunded(c)).isEqualTo(1_000);

        // and a refund still awaiting the provider's answer is 202, not a failure
        fx.fault("refund", charge(c), "unavailable", 1);
        given().auth()
                .oauth2(admin)
                .header("Idempotency-Key", "goodwill-" + UUID.randomUUID())
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/admin/payments/" + c.payment() + "/refunds")
                .then()
                .statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("attempts", equalTo(1));
    }
}
