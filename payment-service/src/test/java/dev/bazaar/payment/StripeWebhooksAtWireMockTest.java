package dev.bazaar.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.bazaar.payment.StripeWebhookTest.PLATFORM_SECRET;
import static dev.bazaar.payment.StripeWebhookTest.post;
import static dev.bazaar.payment.StripeWebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.service.PaymentCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The payment service with the Stripe adapter behind it, Stripe being WireMock serving Stripe's response shapes (#29):
 * a 3-D Secure PaymentIntent's webhooks — delivered twice, and out of order — are settled by reading the PaymentIntent
 * back from "Stripe", never by trusting the event's copy; the saga hears once. The same paths with the sandbox provider
 * are {@link StrongCustomerAuthenticationTest}.
 */
@QuarkusTest
@TestProfile(StripeWebhooksAtWireMockTest.StripeAtWireMock.class)
class StripeWebhooksAtWireMockTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final WireMockServer STRIPE = started();

    /** payment-service with {@code bazaar.payments.provider=stripe}, its API base at the WireMock above. */
    public static class StripeAtWireMock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bazaar.payments.provider",
                    "stripe",
                    "bazaar.stripe.api-key",
                    "sk_test_bazaar",
                    "bazaar.stripe.api-base",
                    "http://localhost:" + STRIPE.port(),
                    "bazaar.stripe.max-network-retries",
                    "0");
        }
    }

    static WireMockServer started() {
        WireMockServer s = new WireMockServer(options().dynamicPort());
        s.start();
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        return s;
    }

    @Inject
    PaymentFixtures fx;

    @Inject
    PaymentCommands commands;

    @AfterEach
    void forgetStubs() {
        STRIPE.resetAll();
    }

    record Intent(String id, UUID saga, UUID payment, UUID order) {
        /** A Stripe response fixture made this intent's: its id, metadata and transfer group. */
        String response(String fixture) {
            try (InputStream in = getClass().getResourceAsStream("/stripe/" + fixture + ".json")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("pi_3QbazaarSca", id)
                        .replace("\"bazaar_payment_id\": \"p1\"", "\"bazaar_payment_id\": \"" + payment + "\"")
                        .replace("\"order-1\"", "\"" + order + "\"");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String event(String type) {
            return StripeWebhookTest.fixture(
                    type,
                    "evt_" + UUID.randomUUID().toString().replace("-", ""),
                    "PAYMENT_INTENT",
                    id,
                    "PAYMENT_ID",
                    payment.toString(),
                    "ORDER_ID",
                    order.toString());
        }

        String path() {
            return "/v1/payment_intents/" + id;
        }
    }

    /** What Stripe answers for the intent from now on. */
    static void stripeSays(Intent i, String fixture) {
        STRIPE.stubFor(get(urlPathEqualTo(i.path())).willReturn(json(i.response(fixture))));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test")
                .withBody(body);
    }

    /** A German card that asks for 3-D Secure: checkout's AuthorizePayment, answered by Stripe with requires_action. */
    Intent waitingForTheBuyer() {
        Intent i = new Intent(
                "pi_3Qwm" + UUID.randomUUID().toString().replace("-", "").substring(0, 18),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID());
        STRIPE.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(i.response("payment_intent_requires_action"))));
        stripeSays(i, "payment_intent_requires_action");
        var cmd = new PaymentCommand.AuthorizePayment(
                i.saga(),
                i.payment(),
                i.order(),
                "buyer-" + UUID.randomUUID(),
                Money.usd(13_460),
                "pm_card_authenticationRequired",
                "DE",
                List.of(
                        new SellerSplit(
                                UUID.randomUUID(), Money.usd(10_000), Money.usd(500), Money.usd(800), Money.usd(1_000)),
                        new SellerSplit(
                                UUID.randomUUID(), Money.usd(2_000), Money.usd(0), Money.usd(160), Money.usd(200))));
        var envelope = Envelope.of(cmd, 0, Instant.now(), UUID.randomUUID(), null);
        commands.authorize(envelope, cmd).await().atMost(WAIT);
        assertThat(status(i)).isEqualTo("AWAITING_ACTION");
        assertThat(fx.text("SELECT provider_reference FROM payment WHERE id = $1", i.payment()))
                .isEqualTo(i.id());
        return i;
    }

    String status(Intent i) {
        return fx.text("SELECT status FROM payment WHERE id = $1", i.payment());
    }

    long replies(Intent i, String type) {
        return fx.count(
                "SELECT count(*) FROM kit_outbox WHERE topic = 'payment.replies' AND message_key = $1 "
                        + "AND type = $2",
                i.saga().toString(),
                type);
    }

    static io.restassured.response.ValidatableResponse deliver(String event, long at) {
        return post("/api/v1/webhooks/stripe", event, sign(event, PLATFORM_SECRET, at))
                .statusCode(200);
    }

    @Test
    void amountCapturableUpdatedAuthorizesOnceReadBackFromStripeTwiceDeliveredAndOutOfOrder() {
        Intent i = waitingForTheBuyer();
        assertThat(replies(i, "PaymentActionRequired")).isEqualTo(1);
        long now = Instant.now().getEpochSecond();

        // an event claiming the buyer authenticated, while Stripe's own record still waits: the record wins
        String premature = i.event("payment_intent.amount_capturable_updated");
        deliver(premature, now).body("result", startsWith("settling payment " + i.payment()));
        assertThat(status(i)).as("the event's copy is not trusted").isEqualTo("AWAITING_ACTION");
        STRIPE.verify(getRequestedFor(urlPathEqualTo(i.path())));

        // the buyer passes the challenge at Stripe; Stripe sends the event again (a new delivery of the same id)
        stripeSays(i, "payment_intent_sca_requires_capture");
        deliver(premature, now + 30).body("duplicate", equalTo(true));
        assertThat(status(i)).as("a duplicate delivery is not processed again").isEqualTo("AWAITING_ACTION");
        String authenticated = i.event("payment_intent.amount_capturable_updated");
        deliver(authenticated, now + 40)
                .body("duplicate", equalTo(false))
                .body("result", startsWith("settling payment " + i.payment()));
        assertThat(status(i)).isEqualTo("AUTHORIZED");

        // duplicates and an older event arriving last change nothing; the saga heard once
        deliver(authenticated, now + 50).body("duplicate", equalTo(true));
        String late = i.event("payment_intent.requires_action");
        deliver(late, now + 60).body("result", equalTo("recorded"));
        assertThat(status(i)).isEqualTo("AUTHORIZED");
        assertThat(replies(i, "PaymentAuthorized")).isEqualTo(1);
        assertThat(replies(i, "PaymentDeclined")).isZero();
    }

    @Test
    void paymentFailedDeclinesOnceCancelsTheIntentAndALateAuthorizationEventChangesNothing() {
        Intent i = waitingForTheBuyer();
        long now = Instant.now().getEpochSecond();
        stripeSays(i, "payment_intent_authentication_failed");
        STRIPE.stubFor(
                post(urlPathEqualTo(i.path() + "/cancel")).willReturn(json(i.response("payment_intent_sca_canceled"))));

        String failed = i.event("payment_intent.payment_failed");
        deliver(failed, now).body("result", startsWith("settling payment " + i.payment()));
        assertThat(status(i)).isEqualTo("DECLINED");
        assertThat(fx.text("SELECT decline_reason FROM payment WHERE id = $1", i.payment()))
                .isEqualTo("DECLINED");
        deliver(failed, now + 30).body("duplicate", equalTo(true));

        // an authorization event arrives after the failure (Stripe does not promise order): read back, still failed
        stripeSays(i, "payment_intent_sca_canceled");
        String stale = i.event("payment_intent.amount_capturable_updated");
        deliver(stale, now + 60).body("result", equalTo("recorded"));
        assertThat(status(i)).isEqualTo("DECLINED");
        assertThat(replies(i, "PaymentDeclined")).isEqualTo(1);
        assertThat(replies(i, "PaymentAuthorized")).isZero();
        // the failed intent is cancelled at Stripe (under an idempotency key), so its client secret cannot pay it
        STRIPE.verify(postRequestedFor(urlPathEqualTo(i.path() + "/cancel"))
                .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
    }
}
