package dev.bazaar.payment;

import static dev.bazaar.payment.PaymentFlowTest.replies;
import static dev.bazaar.payment.PaymentFlowTest.send;
import static dev.bazaar.payment.StripeWebhookTest.PLATFORM_SECRET;
import static dev.bazaar.payment.StripeWebhookTest.fixture;
import static dev.bazaar.payment.StripeWebhookTest.post;
import static dev.bazaar.payment.StripeWebhookTest.sign;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.service.PaymentCommands;
import dev.bazaar.payment.service.PaymentReconciler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 3-D Secure / strong customer authentication (#29, ADR 0014), payment's side, against the real PostgreSQL, Kafka and
 * Keycloak with the sandbox provider: checkout's AuthorizePayment for a card that asks the buyer to authenticate
 * ({@code pm_card_authenticationRequired}) is answered PaymentActionRequired; the buyer's answer at the sandbox's
 * challenge endpoint — or Stripe's webhook, or the leader's read of the charge — resumes it to PaymentAuthorized or
 * PaymentDeclined, exactly once; a void while it waits cancels it for good.
 */
@QuarkusTest
class StrongCustomerAuthenticationTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SCA = "pm_card_authenticationRequired";
    static final String FAILED_AUTHENTICATION = "The provided PaymentMethod has failed authentication. You can "
            + "provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";

    @Inject
    PaymentFixtures fx;

    @Inject
    PaymentCommands commands;

    @Inject
    PaymentReconciler reconciler;

    record Checkout(UUID saga, UUID payment, UUID order, Envelope<PaymentCommand.AuthorizePayment> authorize) {
        Envelope<PaymentCommand.CapturePayment> capture() {
            return Envelope.of(
                    new PaymentCommand.CapturePayment(saga, payment, order, Money.usd(13_460)),
                    0,
                    Instant.now(),
                    null,
                    null);
        }

        Envelope<PaymentCommand.VoidPayment> voidIt(String reason) {
            return Envelope.of(
                    new PaymentCommand.VoidPayment(saga, payment, order, reason), 0, Instant.now(), null, null);
        }
    }

    /** $100 of goods (commission $10, shipping $5, tax $8) and $20 (commission $2, tax $1.60) of two sellers. */
    static Checkout checkout(String buyerSubject, String paymentMethod, String country) {
        UUID saga = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        var cmd = new PaymentCommand.AuthorizePayment(
                saga,
                payment,
                order,
                buyerSubject,
                Money.usd(13_460),
                paymentMethod,
                country,
                List.of(
                        new SellerSplit(
                                UUID.randomUUID(), Money.usd(10_000), Money.usd(500), Money.usd(800), Money.usd(1_000)),
                        new SellerSplit(
                                UUID.randomUUID(), Money.usd(2_000), Money.usd(0), Money.usd(160), Money.usd(200))));
        return new Checkout(saga, payment, order, Envelope.of(cmd, 0, Instant.now(), UUID.randomUUID(), null));
    }

    /**
     * A buyer of the realm, whose earlier test payments are moved out of the fraud rules' velocity window (5 attempts
     * per buyer in 10 minutes): these tests, re-run within minutes, pay as the same Keycloak users.
     */
    String buyer(String user) {
        String token = KeycloakTokens.user(user);
        fx.exec(
                "UPDATE payment SET created_at = created_at - interval '1 hour' WHERE buyer_subject = $1 "
                        + "AND created_at > now() - interval '1 hour'",
                KeycloakTokens.subject(token));
        return token;
    }

    static io.restassured.response.ValidatableResponse challenge(
            String token, UUID payment, String clientSecret, String outcome) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("clientSecret", clientSecret, "outcome", outcome))
                .when()
                .post("/api/v1/payments/sandbox/challenges/" + payment)
                .then();
    }

    /** Sends the AuthorizePayment through Kafka as checkout does; answers the PaymentActionRequired that comes back. */
    PaymentReply.PaymentActionRequired awaitingAction(Checkout c) {
        send(c.authorize());
        Message reply = replies(c.saga(), 1).get(0);
        assertThat(reply).isInstanceOf(PaymentReply.PaymentActionRequired.class);
        return (PaymentReply.PaymentActionRequired) reply;
    }

    String charge(UUID payment) {
        return fx.text("SELECT provider_reference FROM payment WHERE id = $1", payment);
    }

    @Test
    void theBuyerCompletesTheChallengeAndThePaymentIsAuthorizedOnce() {
        String alice = buyer("alice");
        Checkout c = checkout(KeycloakTokens.subject(alice), SCA, "DE");
        PaymentReply.PaymentActionRequired action = awaitingAction(c);
        String charge = charge(c.payment());
        assertThat(action.paymentId()).isEqualTo(c.payment());
        assertThat(action.orderId()).isEqualTo(c.order());
        assertThat(action.clientSecret()).startsWith(charge + "_secret_").hasSizeGreaterThan(charge.length() + 20);
        assertThat(action.nextAction().type()).isEqualTo("redirect_to_url");
        assertThat(action.nextAction().redirectUrl())
                .endsWith("/api/v1/payments/sandbox/challenges/" + c.payment())
                .doesNotContain(action.clientSecret());
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("AWAITING_ACTION");
        assertThat(fx.count(
                        "SELECT count(*) FROM payment WHERE id = $1 AND strpos(row_to_json(payment)::text, $2) > 0",
                        c.payment(),
                        action.clientSecret()))
                .as("the client secret is not kept by the service")
                .isZero();
        assertThat(fx.count("SELECT count(*) FROM fraud_decision WHERE saga_id = $1 AND outcome = 'ALLOW'", c.saga()))
                .isEqualTo(1);
        // the buyer sees their payment waiting
        given().auth()
                .oauth2(alice)
                .when()
                .get("/api/v1/payments/" + c.payment())
                .then()
                .statusCode(200)
                .body("status", equalTo("AWAITING_ACTION"));

        // only the payment's own buyer, with its client secret, and a known outcome
        challenge(KeycloakTokens.user("carol"), c.payment(), action.clientSecret(), "complete")
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        challenge(alice, c.payment(), charge + "_secret_guessed", "complete")
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        challenge(alice, UUID.randomUUID(), action.clientSecret(), "complete").statusCode(404);
        challenge(alice, c.payment(), action.clientSecret(), "maybe")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        challenge(KeycloakTokens.user("bob"), c.payment(), action.clientSecret(), "complete")
                .statusCode(403);
        given().contentType("application/json")
                .body(Map.of("clientSecret", action.clientSecret(), "outcome", "complete"))
                .when()
                .post("/api/v1/payments/sandbox/challenges/" + c.payment())
                .then()
                .statusCode(401);
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("AWAITING_ACTION");

        challenge(alice, c.payment(), action.clientSecret(), "complete")
                .statusCode(200)
                .body("status", equalTo("AUTHORIZED"))
                .body("outcome", equalTo("complete"));
        // a second answer changes nothing: no second reply
        challenge(alice, c.payment(), action.clientSecret(), "complete")
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        challenge(alice, c.payment(), action.clientSecret(), "fail").statusCode(409);
        // so is the leader's read of the charge, and a redelivered AuthorizePayment is answered as authorized
        reconciler.resumeAwaiting(Duration.ZERO).await().atMost(WAIT);
        send(c.authorize());
        send(c.capture());
        List<Message> r = replies(c.saga(), 4);
        assertThat(r).hasSize(4);
        assertThat(r.get(1))
                .isEqualTo(new PaymentReply.PaymentAuthorized(
                        c.saga(), c.payment(), c.order(), Money.usd(13_460), charge));
        assertThat(r.get(2)).isEqualTo(r.get(1));
        assertThat(r.get(3))
                .isEqualTo(new PaymentReply.PaymentCaptured(c.saga(), c.payment(), c.order(), Money.usd(13_460)));
        assertThat(fx.text("SELECT status FROM sandbox_charge WHERE id = $1", charge))
                .isEqualTo("captured");
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aFailedChallengeDeclinesWithStripesMessageAndARedeliveredAuthorizeGetsTheSameSecretMeanwhile() {
        String alice = buyer("alice");
        Checkout c = checkout(KeycloakTokens.subject(alice), SCA, "DE");
        PaymentReply.PaymentActionRequired action = awaitingAction(c);

        // a redelivered AuthorizePayment while the buyer has not answered: the same reply (read back from the sandbox)
        send(c.authorize());
        assertThat(replies(c.saga(), 2).get(1)).isEqualTo(action);
        assertThat(fx.count(
                        "SELECT count(*) FROM sandbox_charge WHERE transfer_group = $1",
                        c.order().toString()))
                .isEqualTo(1);

        challenge(alice, c.payment(), action.clientSecret(), "fail")
                .statusCode(200)
                .body("status", equalTo("DECLINED"));
        challenge(alice, c.payment(), action.clientSecret(), "complete").statusCode(409);
        send(c.authorize());
        List<Message> r = replies(c.saga(), 4);
        PaymentReply.PaymentDeclined declined = new PaymentReply.PaymentDeclined(
                c.saga(), c.payment(), c.order(), PaymentReply.DeclineReason.DECLINED, FAILED_AUTHENTICATION);
        assertThat(r).containsExactly(action, action, declined, declined);
        // the declined intent is cancelled: the client secret cannot confirm it again with another card
        assertThat(fx.text(
                        "SELECT status FROM sandbox_charge WHERE transfer_group = $1",
                        c.order().toString()))
                .isEqualTo("canceled");
        assertThat(fx.text("SELECT decline_reason FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("DECLINED");
    }

    @Test
    void aVoidWhileTheBuyerIsAskedCancelsTheChallengeForGood() {
        String alice = buyer("alice");
        Checkout c = checkout(KeycloakTokens.subject(alice), SCA, "DE");
        PaymentReply.PaymentActionRequired action = awaitingAction(c);

        send(c.voidIt("checkout timed out waiting for the buyer"));
        assertThat(replies(c.saga(), 2).get(1))
                .isEqualTo(new PaymentReply.PaymentVoided(c.saga(), c.payment(), c.order()));
        assertThat(fx.text(
                        "SELECT status FROM sandbox_charge WHERE transfer_group = $1",
                        c.order().toString()))
                .isEqualTo("canceled");
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("VOIDED");

        // the buyer finishes the challenge too late: nothing is authorized
        challenge(alice, c.payment(), action.clientSecret(), "complete").statusCode(409);
        reconciler.resumeAwaiting(Duration.ZERO).await().atMost(WAIT);
        send(c.voidIt("redelivered"));
        List<Message> r = replies(c.saga(), 3);
        assertThat(r.get(2)).isInstanceOf(PaymentReply.PaymentVoided.class);
        assertThat(r).noneMatch(m -> m instanceof PaymentReply.PaymentAuthorized);
        assertThat(fx.text(
                        "SELECT status FROM sandbox_charge WHERE transfer_group = $1",
                        c.order().toString()))
                .isEqualTo("canceled");
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("VOIDED");
    }

    @Test
    void theFraudRulesSeeTheCardsCountryBeforeTheBuyerIsAsked() {
        // a German card, shipping to the US, above the country-mismatch limit ($500): blocked, the intent cancelled
        UUID saga = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        var cmd = new PaymentCommand.AuthorizePayment(
                saga,
                payment,
                order,
                "buyer-" + UUID.randomUUID(),
                Money.usd(60_000),
                SCA,
                "US",
                List.of(new SellerSplit(
                        UUID.randomUUID(), Money.usd(60_000), Money.usd(0), Money.usd(0), Money.usd(6_000))));
        send(Envelope.of(cmd, 0, Instant.now(), UUID.randomUUID(), null));
        assertThat(replies(saga, 1))
                .singleElement()
                .satisfies(m -> assertThat(((PaymentReply.PaymentDeclined) m).reason())
                        .isEqualTo(PaymentReply.DeclineReason.FRAUD));
        assertThat(fx.count(
                        "SELECT count(*) FROM fraud_decision WHERE saga_id = $1 AND outcome = 'BLOCK' "
                                + "AND 'card country DE ≠ shipping country US above 50000' = ANY(reasons)",
                        saga))
                .isEqualTo(1);
        assertThat(fx.text("SELECT status FROM sandbox_charge WHERE transfer_group = $1", order.toString()))
                .isEqualTo("canceled");
    }

    // --- resumed by Stripe's webhooks and by the leader's read of the charge ---

    /** A payment of a random buyer waiting for the challenge (through the command handler); answers its charge. */
    Checkout waitingPayment() {
        Checkout c = checkout("buyer-" + UUID.randomUUID(), SCA, "DE");
        commands.authorize(c.authorize(), c.authorize().payload()).await().atMost(WAIT);
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("AWAITING_ACTION");
        return c;
    }

    static String eventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    String webhook(String type, String eventId, Checkout c) {
        return fixture(
                type,
                eventId,
                "PAYMENT_INTENT",
                charge(c.payment()),
                "PAYMENT_ID",
                c.payment().toString(),
                "ORDER_ID",
                c.order().toString());
    }

    @Test
    void stripesAmountCapturableUpdatedAuthorizesOnceHoweverOftenAndInWhateverOrderItComes() {
        Checkout c = waitingPayment();
        String charge = charge(c.payment());
        long now = Instant.now().getEpochSecond();
        // Stripe says the intent still waits (an early event): nothing changes
        String early = webhook("payment_intent.requires_action", eventId(), c);
        post("/api/v1/webhooks/stripe", early, sign(early, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("result", startsWith("settling payment " + c.payment()));
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("AWAITING_ACTION");

        // the buyer authenticated at Stripe (here: the sandbox's charge authorized as Stripe's would be)
        fx.exec("UPDATE sandbox_charge SET status = 'authorized' WHERE id = $1", charge);
        String authenticated = webhook("payment_intent.amount_capturable_updated", eventId(), c);
        post("/api/v1/webhooks/stripe", authenticated, sign(authenticated, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("duplicate", equalTo(false))
                .body("result", startsWith("settling payment " + c.payment()));
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("AUTHORIZED");
        // Stripe delivers it again, and the earlier event arrives late (a new delivery of another event id)
        post("/api/v1/webhooks/stripe", authenticated, sign(authenticated, PLATFORM_SECRET, now + 30))
                .statusCode(200)
                .body("duplicate", equalTo(true));
        String late = webhook("payment_intent.requires_action", eventId(), c);
        post("/api/v1/webhooks/stripe", late, sign(late, PLATFORM_SECRET, now + 60))
                .statusCode(200)
                .body("result", equalTo("recorded"));
        reconciler.resumeAwaiting(Duration.ZERO).await().atMost(WAIT);

        commands.capture(c.capture(), c.capture().payload()).await().atMost(WAIT);
        List<Message> r = replies(c.saga(), 3);
        assertThat(r.get(0)).isInstanceOf(PaymentReply.PaymentActionRequired.class);
        assertThat(r.get(1))
                .isEqualTo(new PaymentReply.PaymentAuthorized(
                        c.saga(), c.payment(), c.order(), Money.usd(13_460), charge));
        assertThat(r.get(2)).isInstanceOf(PaymentReply.PaymentCaptured.class);
    }

    @Test
    void stripesPaymentFailedDeclinesOnceAndALateAuthorizationEventChangesNothing() {
        Checkout c = waitingPayment();
        String charge = charge(c.payment());
        fx.exec(
                "UPDATE sandbox_charge SET status = 'requires_payment_method', failure_code = $2, failure_message = $3 "
                        + "WHERE id = $1",
                charge,
                "payment_intent_authentication_failure",
                FAILED_AUTHENTICATION);
        long now = Instant.now().getEpochSecond();
        String failed = webhook("payment_intent.payment_failed", eventId(), c);
        post("/api/v1/webhooks/stripe", failed, sign(failed, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("result", startsWith("settling payment " + c.payment()));
        post("/api/v1/webhooks/stripe", failed, sign(failed, PLATFORM_SECRET, now + 30))
                .statusCode(200)
                .body("duplicate", equalTo(true));
        // an event claiming the intent authorized arrives after it: the charge is read back, still declined
        String stale = webhook("payment_intent.amount_capturable_updated", eventId(), c);
        post("/api/v1/webhooks/stripe", stale, sign(stale, PLATFORM_SECRET, now + 60))
                .statusCode(200)
                .body("result", equalTo("recorded"));
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", c.payment()))
                .isEqualTo("DECLINED");

        commands.authorize(c.authorize(), c.authorize().payload()).await().atMost(WAIT);
        List<Message> r = replies(c.saga(), 3);
        PaymentReply.PaymentDeclined declined = new PaymentReply.PaymentDeclined(
                c.saga(), c.payment(), c.order(), PaymentReply.DeclineReason.DECLINED, FAILED_AUTHENTICATION);
        assertThat(r.subList(1, 3)).containsExactly(declined, declined);
    }

    @Test
    void aMissedWebhookIsCoveredByTheLeadersReadOfTheCharge() {
        Checkout waiting = waitingPayment();
        Checkout authenticated = waitingPayment();
        fx.exec("UPDATE sandbox_charge SET status = 'authorized' WHERE id = $1", charge(authenticated.payment()));

        reconciler.resumeAwaiting(Duration.ZERO).await().atMost(WAIT);
        reconciler.resumeAwaiting(Duration.ZERO).await().atMost(WAIT);
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", authenticated.payment()))
                .isEqualTo("AUTHORIZED");
        assertThat(fx.text("SELECT status FROM payment WHERE id = $1", waiting.payment()))
                .isEqualTo("AWAITING_ACTION");
        // looked at (the leader reads it again only once bazaar.payments.action-recheck-after has passed)
        assertThat(fx.count(
                        "SELECT count(*) FROM payment WHERE id = $1 AND updated_at > created_at", waiting.payment()))
                .isEqualTo(1);

        commands.capture(authenticated.capture(), authenticated.capture().payload())
                .await()
                .atMost(WAIT);
        List<Message> r = replies(authenticated.saga(), 3);
        assertThat(r.get(1)).isInstanceOf(PaymentReply.PaymentAuthorized.class);
        assertThat(r.get(2)).isInstanceOf(PaymentReply.PaymentCaptured.class);
    }
}
