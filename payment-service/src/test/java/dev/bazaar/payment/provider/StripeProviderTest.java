package dev.bazaar.payment.provider;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Stripe adapter against WireMock serving Stripe-shaped responses: what it sends (paths, form parameters,
 * Idempotency-Key, Stripe-Account) and how it reads answers, declines, rate limits and outages.
 */
class StripeProviderTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    WireMockServer stripe;
    StripeProvider provider;

    record Settings(String apiBase, Optional<String> apiKey) implements StripeSettings {
        Settings(String apiBase) {
            this(apiBase, Optional.of("sk_test_bazaar"));
        }

        @Override
        public String connectBase() {
            return apiBase;
        }

        @Override
        public int maxNetworkRetries() {
            return 1;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }
    }

    static String fixture(String name) {
        try (InputStream in = StripeProviderTest.class.getResourceAsStream("/stripe/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test").withBody(fixture(fixture));
    }

    @BeforeEach
    void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        provider = new StripeProvider(new Settings("http://localhost:" + stripe.port()),
                new StripeProvider.Breaker(2, Duration.ofMinutes(1)));
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    @Test
    void anAuthorizationIsAManualCapturePaymentIntentInTheOrdersTransferGroup() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(200,
                "payment_intent_requires_capture")));
        var result = provider.authorize("auth:p1", 13_460, "pm_card_visa", "order-1").await().atMost(WAIT);
        assertThat(result).isEqualTo(new PaymentProvider.Authorized("pi_3QbazaarAuth", "US", "normal"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("auth:p1"))
                .withHeader("Authorization", equalTo("Bearer sk_test_bazaar"))
                .withRequestBody(containing("amount=13460"))
                .withRequestBody(containing("currency=usd"))
                .withRequestBody(containing("capture_method=manual"))
                .withRequestBody(containing("confirm=true"))
                .withRequestBody(containing("transfer_group=order-1"))
                .withRequestBody(containing("payment_method=pm_card_visa"))
                .withRequestBody(containing("expand[0]=latest_charge")));
    }

    @Test
    void declinesAndRadarBlocksAreTypedAnswersNotErrors() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(402, "card_declined")));
        assertThat(provider.authorize("auth:p2", 500, "pm_card_chargeDeclinedInsufficientFunds", "o")
                .await().atMost(WAIT)).isEqualTo(new PaymentProvider.Declined("insufficient_funds",
                        "Your card has insufficient funds."));
        stripe.resetAll();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(402, "radar_block")));
        assertThat(provider.authorize("auth:p3", 500, "pm_card_radarBlock", "o").await().atMost(WAIT))
                .isInstanceOf(PaymentProvider.Blocked.class);
    }

    @Test
    void aCaptureReadsStripesFeeFromTheBalanceTransaction() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth/capture"))
                .willReturn(json(200, "payment_intent_captured")));
        var result = provider.capture("capture:p1", "pi_3QbazaarAuth", 13_460).await().atMost(WAIT);
        assertThat(result).isEqualTo(new PaymentProvider.CaptureResult(true, "ch_3QbazaarAuth", 420, null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth/capture"))
                .withHeader("Idempotency-Key", equalTo("capture:p1"))
                .withRequestBody(containing("amount_to_capture=13460"))
                .withRequestBody(containing("expand[0]=latest_charge.balance_transaction")));
    }

    @Test
    void refundsTransfersReversalsAndAccountsCarryTheirParameters() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(200, "refund")));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(json(200, "transfer")));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers/tr_1Qbazaar/reversals"))
                .willReturn(json(200, "transfer_reversal")));
        stripe.stubFor(post(urlPathEqualTo("/v1/accounts")).willReturn(json(200, "account")));
        stripe.stubFor(post(urlPathEqualTo("/v1/account_links")).willReturn(json(200, "account_link")));
        stripe.stubFor(get(urlPathEqualTo("/v1/balance")).willReturn(json(200, "balance")));

        assertThat(provider.refund("refund:r1", "pi_3QbazaarAuth", 5_400).await().atMost(WAIT))
                .isEqualTo(new PaymentProvider.OperationResult(true, "re_3Qbazaar", null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds")).withHeader("Idempotency-Key",
                equalTo("refund:r1")).withRequestBody(containing("payment_intent=pi_3QbazaarAuth"))
                .withRequestBody(containing("amount=5400")));

        assertThat(provider.transfer("payout:x", "acct_1Qseller", 9_500, "order-1", "ch_3QbazaarAuth")
                .await().atMost(WAIT).reference()).isEqualTo("tr_1Qbazaar");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/transfers")).withHeader("Idempotency-Key",
                equalTo("payout:x")).withRequestBody(containing("destination=acct_1Qseller"))
                .withRequestBody(containing("source_transaction=ch_3QbazaarAuth"))
                .withRequestBody(containing("transfer_group=order-1")).withRequestBody(containing("amount=9500")));

        assertThat(provider.reverseTransfer("reversal:r1", "tr_1Qbazaar", 4_500).await().atMost(WAIT).reference())
                .isEqualTo("trr_1Qbazaar");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/transfers/tr_1Qbazaar/reversals"))
                .withHeader("Idempotency-Key", equalTo("reversal:r1")).withRequestBody(containing("amount=4500")));

        var account = provider.createConnectedAccount("account:s1", "shop-1", "US",
                "https://sellers.example.com/payouts", "https://sellers.example.com/payouts?expired").await()
                .atMost(WAIT);
        assertThat(account).isEqualTo(new PaymentProvider.AccountResult(true, "acct_1Qseller",
                "https://connect.stripe.com/setup/e/acct_1Qseller/abc123", false, null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/accounts")).withRequestBody(containing("type=express"))
                .withRequestBody(containing("capabilities[transfers][requested]=true"))
                .withRequestBody(containing("metadata[shop_id]=shop-1")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/account_links"))
                .withRequestBody(containing("account=acct_1Qseller"))
                .withRequestBody(containing("type=account_onboarding"))
                .withRequestBody(containing("return_url=https%3A%2F%2Fsellers.example.com%2Fpayouts"))
                .withRequestBody(containing("refresh_url=https%3A%2F%2Fsellers.example.com%2Fpayouts%3Fexpired")));

        assertThat(provider.connectedAvailableBalance("acct_1Qseller").await().atMost(WAIT)).isEqualTo(3_000L);
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/balance")).withHeader("Stripe-Account",
                equalTo("acct_1Qseller")));
    }

    @Test
    void aTransferWhoseAnswerWasLostIsFoundByItsTransferGroup() {
        // the connection drops after Stripe took the transfer: the caller cannot tell what happened
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> provider.transfer("payout:x", "acct_1Qseller", 9_500, "payout:x", null)
                .await().atMost(WAIT)).isInstanceOf(PaymentProvider.ProviderUnavailable.class);
        // so it asks for the transfer of that group before it tries again
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("transfer_group", equalTo("payout:x"))
                .willReturn(json(200, "transfer_list")));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).withQueryParam("transfer_group", equalTo("payout:y"))
                .willReturn(json(200, "empty_list")));
        assertThat(provider.findTransfer("payout:x").await().atMost(WAIT)).contains("tr_1QbazaarPayout");
        assertThat(provider.findTransfer("payout:y").await().atMost(WAIT)).isEmpty();
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/transfers")).withQueryParam("limit", equalTo("1")));
    }

    @Test
    void aRefundCarriesItsKeyInItsMetadataAndIsFoundByIt() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(200, "refund")));
        provider.refund("refund:r7", "pi_3QbazaarAuth", 5_400).await().atMost(WAIT);
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(containing("metadata[bazaar_idempotency_key]=refund%3Ar7")));

        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo("pi_3QbazaarAuth"))
                .willReturn(json(200, "refund_list")));
        assertThat(provider.findRefund("pi_3QbazaarAuth", "refund:r7").await().atMost(WAIT))
                .contains(new PaymentProvider.OperationResult(true, "re_3QbazaarLost", null));
        assertThat(provider.findRefund("pi_3QbazaarAuth", "refund:r8").await().atMost(WAIT)).isEmpty();
    }

    @Test
    void aChargeIsReadBackFromItsPaymentIntent() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth")).inScenario("charge")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, "payment_intent_requires_capture"))
                .willSetStateTo("captured"));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth")).inScenario("charge")
                .whenScenarioStateIs("captured").willReturn(json(200, "payment_intent_captured"))
                .willSetStateTo("canceled"));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth")).inScenario("charge")
                .whenScenarioStateIs("canceled").willReturn(json(200, "payment_intent_canceled")));
        assertThat(provider.chargeState("pi_3QbazaarAuth").await().atMost(WAIT).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.AUTHORIZED);
        assertThat(provider.chargeState("pi_3QbazaarAuth").await().atMost(WAIT))
                .isEqualTo(new PaymentProvider.ChargeState(PaymentProvider.ChargeState.Status.CAPTURED, 13_460, 0,
                        420));
        assertThat(provider.chargeState("pi_3QbazaarAuth").await().atMost(WAIT).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.CANCELED);
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .withQueryParam("expand[0]", equalTo("latest_charge.balance_transaction")));
    }

    @Test
    void aStripeSlowerThanTheTimeoutIsUnavailableNotAnAnswer() {
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(json(200, "transfer")
                .withFixedDelay(7_000)));
        assertThatThrownBy(() -> provider.transfer("payout:z", "acct_1Qseller", 9_500, "payout:z", null)
                .await().atMost(Duration.ofSeconds(30))).isInstanceOf(PaymentProvider.ProviderUnavailable.class);
    }

    @Test
    void aRateLimitIsRetriedWithTheSameIdempotencyKey() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "rate_limit").withHeader("Stripe-Should-Retry", "true"))
                .willSetStateTo("retried"));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).inScenario("limited").whenScenarioStateIs("retried")
                .willReturn(json(200, "refund")));
        assertThat(provider.refund("refund:r2", "pi_3QbazaarAuth", 5_400).await().atMost(WAIT).succeeded()).isTrue();
        stripe.verify(2, postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund:r2")));
    }

    @Test
    void anOutageIsATypedFailureAndOpensTheBreaker() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_1/capture")).willReturn(json(500, "api_error")));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.capture("capture:p9", "pi_1", 100).await().atMost(WAIT))
                    .isInstanceOf(PaymentProvider.ProviderUnavailable.class);
        }
        int seen = stripe.getAllServeEvents().size();
        assertThat(provider.breaker.isOpen()).isTrue();
        assertThatThrownBy(() -> provider.capture("capture:p9", "pi_1", 100).await().atMost(WAIT))
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class).hasMessageContaining("circuit open");
        assertThat(stripe.getAllServeEvents()).hasSize(seen);
    }

    @Test
    void withoutAKeyEveryCallIsUnavailable() {
        StripeProvider unconfigured = new StripeProvider(new Settings("http://localhost:1", Optional.empty()),
                new StripeProvider.Breaker(2, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> unconfigured.authorize("k", 1, "pm_card_visa", "o").await().atMost(WAIT))
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class).hasMessageContaining("api-key");
    }
}
