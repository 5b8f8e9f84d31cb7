package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.stripe.Stripe;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.service.PaymentCommands;
import dev.bazaar.payment.service.Payouts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Stripe webhooks as Stripe sends them: fixtures with the API version stripe-java speaks, signed like Stripe signs
 * ({@code t=…,v1=HMAC-SHA256(secret, t + "." + payload)}).
 */
@QuarkusTest
class StripeWebhookTest {

    static final String PLATFORM_SECRET = "whsec_test_platform_secret";
    static final String CONNECT_SECRET = "whsec_test_connect_secret";
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    PaymentCommands commands;

    @Inject
    Payouts payouts;

    static String fixture(String name, String eventId, String... pairs) {
        try (InputStream in = StripeWebhookTest.class.getResourceAsStream("/stripe-events/" + name + ".json")) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${API_VERSION}", Stripe.API_VERSION)
                    .replace("${EVENT_ID}", eventId);
            for (int i = 0; i < pairs.length; i += 2) {
                s = s.replace("${" + pairs[i] + "}", pairs[i + 1]);
            }
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String sig =
                    HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + timestamp + ",v1=" + sig;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static io.restassured.response.ValidatableResponse post(String path, String payload, String signature) {
        return given().header("Stripe-Signature", signature)
                .contentType("application/json")
                .body(payload)
                .when()
                .post(path)
                .then();
    }

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(List.of(args)))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    /** A captured sandbox payment; answers its provider reference. */
    String capturedPayment(UUID paymentId) {
        UUID saga = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        authorizedPayment(paymentId, saga, order);
        var capture = new PaymentCommand.CapturePayment(saga, paymentId, order, Money.usd(13_460));
        commands.capture(Envelope.of(capture, 0, Instant.now(), null, null), capture)
                .await()
                .atMost(WAIT);
        return reference(paymentId);
    }

    /** An authorized sandbox payment of $134.60 for one seller; answers its provider reference. */
    String authorizedPayment(UUID paymentId, UUID saga, UUID order) {
        var authorize = new PaymentCommand.AuthorizePayment(
                saga,
                paymentId,
                order,
                "buyer-" + UUID.randomUUID(),
                Money.usd(13_460),
                "pm_card_visa",
                "US",
                List.of(new SellerSplit(
                        UUID.randomUUID(), Money.usd(12_000), Money.usd(500), Money.usd(960), Money.usd(1_200))));
        commands.authorize(Envelope.of(authorize, 0, Instant.now(), null, null), authorize)
                .await()
                .atMost(WAIT);
        return reference(paymentId);
    }

    String reference(UUID paymentId) {
        return pool.preparedQuery("SELECT provider_reference FROM payment WHERE id = $1")
                .execute(Tuple.of(paymentId))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getString(0);
    }

    @Test
    void aCaptureStripeReportsForAPaymentThisServiceVoidedIsRefundedNotKept() {
        UUID paymentId = UUID.randomUUID();
        UUID saga = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        String reference = authorizedPayment(paymentId, saga, order);
        // this service recorded the payment voided, yet the charge was captured at the provider
        pool.preparedQuery("UPDATE payment SET status = 'VOIDED' WHERE id = $1")
                .execute(Tuple.of(paymentId))
                .await()
                .atMost(WAIT);
        pool.preparedQuery("UPDATE sandbox_charge SET status = 'captured', captured_minor = amount_minor WHERE id = $1")
                .execute(Tuple.of(reference))
                .await()
                .atMost(WAIT);

        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = fixture(
                "payment_intent.succeeded",
                eventId,
                "PAYMENT_INTENT",
                reference,
                "PAYMENT_ID",
                paymentId.toString(),
                "ORDER_ID",
                order.toString());
        post(
                        "/api/v1/webhooks/stripe",
                        payload,
                        sign(payload, PLATFORM_SECRET, Instant.now().getEpochSecond()))
                .statusCode(200)
                .body("result", org.hamcrest.Matchers.startsWith("settling payment " + paymentId));
        assertThat(count("SELECT captured_minor - refunded_minor FROM sandbox_charge WHERE id = $1", reference))
                .as("the buyer is refunded")
                .isZero();
        assertThat(count(
                        "SELECT captured_minor FROM payment WHERE id = $1 AND refunded_minor = captured_minor",
                        paymentId))
                .as("the books say captured and refunded")
                .isEqualTo(13_460);
        assertThat(count("SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry"))
                .isZero();
    }

    @Test
    void aSignedDisputeIsStoredOnceAndHoldsTheSellersShare() {
        UUID paymentId = UUID.randomUUID();
        String reference = capturedPayment(paymentId);
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = fixture(
                "charge.dispute.created",
                eventId,
                "DISPUTE_ID",
                "dp_" + eventId.substring(4),
                "PAYMENT_INTENT",
                reference);
        long now = Instant.now().getEpochSecond();

        post("/api/v1/webhooks/stripe", payload, sign(payload, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("duplicate", equalTo(false))
                .body("result", equalTo("sellers' shares held"));
        assertThat(count("SELECT count(*) FROM payment_split WHERE payment_id = $1 AND held", paymentId))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM stripe_event WHERE id = $1 AND api_version = $2 "
                                + "AND payload->>'type' = 'charge.dispute.created'",
                        eventId,
                        Stripe.API_VERSION))
                .isEqualTo(1);

        // Stripe retries deliveries: the same event is recognised and applied only once
        post("/api/v1/webhooks/stripe", payload, sign(payload, PLATFORM_SECRET, now + 30))
                .statusCode(200)
                .body("duplicate", equalTo(true));
        assertThat(count("SELECT count(*) FROM dispute WHERE payment_id = $1", paymentId))
                .isEqualTo(1);
    }

    @Test
    void refundsAndReversalsMadeAtStripeOutsideBazaarAreFlaggedAndOurOwnMatchTheBooks() {
        UUID paymentId = UUID.randomUUID();
        String pi = capturedPayment(paymentId);
        long now = Instant.now().getEpochSecond();
        String matching = fixture(
                "charge.refunded",
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "PAYMENT_INTENT",
                pi,
                "AMOUNT_REFUNDED",
                "0");
        post("/api/v1/webhooks/stripe", matching, sign(matching, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("result", equalTo("recorded (matches the books: 0 refunded)"));
        // a refund from Stripe's dashboard: the books do not know it
        String dashboardEvent = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String dashboard = fixture("charge.refunded", dashboardEvent, "PAYMENT_INTENT", pi, "AMOUNT_REFUNDED", "5000");
        post("/api/v1/webhooks/stripe", dashboard, sign(dashboard, PLATFORM_SECRET, now))
                .statusCode(200)
                .body(
                        "result",
                        equalTo("refunded outside Bazaar: 0 booked, 5000 refunded at Stripe; the "
                                + "reconciliation reports it"));
        post("/api/v1/webhooks/stripe", dashboard, sign(dashboard, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("duplicate", equalTo(true));
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("bazaar_stripe_unbooked_total{kind=\"refund\"}"));
        String foreign = fixture(
                "charge.refunded",
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "PAYMENT_INTENT",
                "pi_not_ours",
                "AMOUNT_REFUNDED",
                "100");
        post("/api/v1/webhooks/stripe", foreign, sign(foreign, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("result", equalTo("recorded (not one of our payments)"));

        // a payout's transfer reversed at Stripe beyond the reversals booked here
        String transfer = "tr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        pool.preparedQuery("INSERT INTO payout (id, shop_id, amount_minor, status, transfer_reference) "
                        + "VALUES ($1, $2, 9500, 'PAID', $3)")
                .execute(Tuple.of(UUID.randomUUID(), UUID.randomUUID(), transfer))
                .await()
                .atMost(WAIT);
        String ours = fixture(
                "transfer.reversed",
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "TRANSFER_ID",
                transfer,
                "AMOUNT_REVERSED",
                "0");
        post("/api/v1/webhooks/stripe", ours, sign(ours, PLATFORM_SECRET, now))
                .statusCode(200)
                .body("result", equalTo("recorded (matches the books: 0 reversed)"));
        String outside = fixture(
                "transfer.reversed",
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "TRANSFER_ID",
                transfer,
                "AMOUNT_REVERSED",
                "2000");
        post("/api/v1/webhooks/stripe", outside, sign(outside, PLATFORM_SECRET, now))
                .statusCode(200)
                .body(
                        "result",
                        equalTo("reversed outside Bazaar: 0 booked, 2000 reversed at Stripe; the "
                                + "reconciliation reports it"));
        assertThat(count(
                        "SELECT count(*) FROM stripe_event WHERE id = $1 AND outcome LIKE 'refunded outside%'",
                        dashboardEvent))
                .isEqualTo(1);
    }

    @Test
    void badStaleOrMisdirectedSignaturesAreRefusedAndNothingIsStored() {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = fixture("charge.dispute.created", eventId, "DISPUTE_ID", "dp_x", "PAYMENT_INTENT", "pi_x");
        long now = Instant.now().getEpochSecond();
        String tampered = payload.replace("13460", "1");
        post("/api/v1/webhooks/stripe", tampered, sign(payload, PLATFORM_SECRET, now))
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/invalid-webhook"));
        post("/api/v1/webhooks/stripe", payload, sign(payload, PLATFORM_SECRET, now - 600))
                .statusCode(400);
        post("/api/v1/webhooks/stripe", payload, sign(payload, CONNECT_SECRET, now))
                .statusCode(400);
        post("/api/v1/webhooks/stripe", payload, "garbage").statusCode(400);
        given().contentType("application/json")
                .body(payload)
                .when()
                .post("/api/v1/webhooks/stripe")
                .then()
                .statusCode(400);
        assertThat(count("SELECT count(*) FROM stripe_event WHERE id = $1", eventId))
                .isZero();
    }

    @Test
    void connectEventsGoToTheConnectEndpointWithItsOwnSecret() {
        UUID shop = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO payout_account (shop_id, provider, account_id, verified) "
                        + "VALUES ($1, 'stripe', $2, false)")
                .execute(Tuple.of(
                        shop, "acct_" + shop.toString().replace("-", "").substring(0, 16)))
                .await()
                .atMost(WAIT);
        String account = "acct_" + shop.toString().replace("-", "").substring(0, 16);
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = fixture("account.updated", eventId, "ACCOUNT_ID", account);
        long now = Instant.now().getEpochSecond();

        post("/api/v1/webhooks/stripe", payload, sign(payload, PLATFORM_SECRET, now))
                .statusCode(400);
        post("/api/v1/webhooks/stripe-connect", payload, sign(payload, PLATFORM_SECRET, now))
                .statusCode(400);
        assertThat(count("SELECT count(*) FROM payout_account WHERE shop_id = $1 AND verified", shop))
                .isZero();

        post("/api/v1/webhooks/stripe-connect", payload, sign(payload, CONNECT_SECRET, now))
                .statusCode(200)
                .body("result", equalTo("payout account verified"));
        assertThat(count("SELECT count(*) FROM payout_account WHERE shop_id = $1 AND verified", shop))
                .isEqualTo(1);
    }
}
