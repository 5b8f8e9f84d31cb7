package dev.bazaar.payment.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.stripe.Stripe;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Stripe adapter against WireMock serving Stripe-shaped responses: what it sends (paths, form parameters,
 * amounts and currency, Idempotency-Key, Stripe-Version, Stripe-Account) and how it reads answers, amounts, declines,
 * rate limits and outages.
 */
class StripeProviderTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    WireMockServer stripe;
    StripeProvider provider;

    record Settings(String apiBase, Optional<String> apiKey, String currency) implements StripeSettings {
        Settings(String apiBase) {
            this(apiBase, Optional.of("sk_test_bazaar"));
        }

        Settings(String apiBase, Optional<String> apiKey) {
            this(apiBase, apiKey, "USD");
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

        @Override
        public Breaker breaker() {
            return new Breaker() {
                @Override
                public int failures() {
                    return 2;
                }

                @Override
                public Duration delay() {
                    return Duration.ofMinutes(1);
                }
            };
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
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test")
                .withBody(fixture(fixture));
    }

    @BeforeEach
    void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        provider = new StripeProvider(new Settings("http://localhost:" + stripe.port()), 2, Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    /** An adapter against the same WireMock, configured with {@code bazaar.stripe.currency=currency}. */
    StripeProvider providerIn(String currency) {
        return new StripeProvider(
                new Settings("http://localhost:" + stripe.port(), Optional.of("sk_test_bazaar"), currency),
                2,
                Duration.ofMinutes(1));
    }

    @Test
    void anAuthorizationIsAManualCapturePaymentIntentInTheOrdersTransferGroup() {
        stripe.stubFor(
                post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(200, "payment_intent_requires_capture")));
        var result = provider.authorize("auth:p1", 13_460, "pm_card_visa", "order-1", "p1")
                .await()
                .atMost(WAIT);
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

    // --- strong customer authentication (#29) ---

    @Test
    void aCardThatAsksForThreeDSecureAnswersActionRequiredWithTheClientSecret() {
        stripe.stubFor(
                post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(200, "payment_intent_requires_action")));
        var result = provider.authorize("auth:p1", 13_460, "pm_card_authenticationRequired", "order-1", "p1")
                .await()
                .atMost(WAIT);
        // no charge before the challenge: the card's country comes from the expanded payment method
        assertThat(result)
                .isEqualTo(new PaymentProvider.ActionRequired(
                        "pi_3QbazaarSca",
                        "pi_3QbazaarSca_secret_Q7vLk2Rb9TnX4mWc8HsJd1Ye",
                        "use_stripe_sdk",
                        null,
                        "DE"));
        assertThat(result.toString()).doesNotContain("secret_Q7vLk2Rb9TnX4mWc8HsJd1Ye");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("auth:p1"))
                .withRequestBody(containing("capture_method=manual"))
                .withRequestBody(containing("confirm=true"))
                .withRequestBody(containing("expand[0]=latest_charge"))
                .withRequestBody(containing("expand[1]=payment_method"))
                .withRequestBody(containing("metadata[bazaar_payment_id]=p1")));

        // a redirect (a confirmation made with a return_url): the URL of Stripe's hosted page comes along
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(200, "payment_intent_requires_action_redirect")));
        assertThat(provider.authorize("auth:p2", 13_460, "pm_card_authenticationRequired", "order-1", "p2")
                        .await()
                        .atMost(WAIT))
                .isEqualTo(new PaymentProvider.ActionRequired(
                        "pi_3QbazaarSca",
                        "pi_3QbazaarSca_secret_Q7vLk2Rb9TnX4mWc8HsJd1Ye",
                        "redirect_to_url",
                        "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1QbazaarPlatform&payment_intent="
                                + "pi_3QbazaarSca&publishable_key=pk_test_bazaar&source=payatt_3QbazaarSca0Source",
                        "DE"));
    }

    @Test
    void aPaymentIntentWaitingForTheBuyerIsReadBackAsWaitingThenAuthorized() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarSca"))
                .inScenario("sca")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "payment_intent_requires_action"))
                .willSetStateTo("authenticated"));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarSca"))
                .inScenario("sca")
                .whenScenarioStateIs("authenticated")
                .willReturn(json(200, "payment_intent_sca_requires_capture")));
        var waiting = provider.chargeState("pi_3QbazaarSca").await().atMost(WAIT);
        assertThat(waiting.status()).isEqualTo(PaymentProvider.ChargeState.Status.REQUIRES_ACTION);
        assertThat(waiting.action())
                .isEqualTo(new PaymentProvider.ActionRequired(
                        "pi_3QbazaarSca",
                        "pi_3QbazaarSca_secret_Q7vLk2Rb9TnX4mWc8HsJd1Ye",
                        "use_stripe_sdk",
                        null,
                        null));
        assertThat(provider.chargeState("pi_3QbazaarSca").await().atMost(WAIT))
                .isEqualTo(new PaymentProvider.ChargeState(PaymentProvider.ChargeState.Status.AUTHORIZED, 0, 0, 0));
        stripe.verify(
                2,
                getRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarSca"))
                        .withHeader("Idempotency-Key", absent()));
    }

    @Test
    void aFailedChallengeIsADeclineWithStripesMessageAndTheIntentCanStillBeCancelled() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarSca"))
                .willReturn(json(200, "payment_intent_authentication_failed")));
        assertThat(provider.chargeState("pi_3QbazaarSca").await().atMost(WAIT))
                .isEqualTo(PaymentProvider.ChargeState.declined(new PaymentProvider.Declined(
                        "payment_intent_authentication_failure",
                        "The provided PaymentMethod has failed "
                                + "authentication. You can provide payment_method_data or a new PaymentMethod to "
                                + "attempt to fulfill this PaymentIntent again.")));
        // a void of a payment waiting for (or failed at) the challenge cancels the PaymentIntent, under its key
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarSca/cancel"))
                .willReturn(json(200, "payment_intent_sca_canceled")));
        assertThat(provider.voidAuthorization("void:p1", "pi_3QbazaarSca")
                        .await()
                        .atMost(WAIT))
                .isEqualTo(new PaymentProvider.OperationResult(true, "pi_3QbazaarSca", null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarSca/cancel"))
                .withHeader("Idempotency-Key", equalTo("void:p1")));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarSca"))
                .willReturn(json(200, "payment_intent_sca_canceled")));
        assertThat(provider.chargeState("pi_3QbazaarSca").await().atMost(WAIT).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.CANCELED);
    }

    @Test
    void declinesAndRadarBlocksAreTypedAnswersNotErrors() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(402, "card_declined")));
        assertThat(provider.authorize("auth:p2", 500, "pm_card_chargeDeclinedInsufficientFunds", "o", "p2")
                        .await()
                        .atMost(WAIT))
                .isEqualTo(new PaymentProvider.Declined("insufficient_funds", "Your card has insufficient funds."));
        stripe.resetAll();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(402, "radar_block")));
        assertThat(provider.authorize("auth:p3", 500, "pm_card_radarBlock", "o", "p3")
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(PaymentProvider.Blocked.class);
    }

    @Test
    void aCaptureReadsStripesFeeFromTheBalanceTransaction() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth/capture"))
                .willReturn(json(200, "payment_intent_captured")));
        var result = provider.capture("capture:p1", "pi_3QbazaarAuth", 13_460)
                .await()
                .atMost(WAIT);
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
        stripe.stubFor(
                post(urlPathEqualTo("/v1/transfers/tr_1Qbazaar/reversals")).willReturn(json(200, "transfer_reversal")));
        stripe.stubFor(post(urlPathEqualTo("/v1/accounts")).willReturn(json(200, "account")));
        stripe.stubFor(post(urlPathEqualTo("/v1/account_links")).willReturn(json(200, "account_link")));
        stripe.stubFor(get(urlPathEqualTo("/v1/balance")).willReturn(json(200, "balance")));

        assertThat(provider.refund("refund:r1", "pi_3QbazaarAuth", 5_400)
                        .await()
                        .atMost(WAIT))
                .isEqualTo(new PaymentProvider.OperationResult(true, "re_3Qbazaar", null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund:r1"))
                .withRequestBody(containing("payment_intent=pi_3QbazaarAuth"))
                .withRequestBody(containing("amount=5400")));

        assertThat(provider.transfer("payout:x", "acct_1Qseller", 9_500, "order-1", "ch_3QbazaarAuth")
                        .await()
                        .atMost(WAIT)
                        .reference())
                .isEqualTo("tr_1Qbazaar");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/transfers"))
                .withHeader("Idempotency-Key", equalTo("payout:x"))
                .withRequestBody(containing("destination=acct_1Qseller"))
                .withRequestBody(containing("source_transaction=ch_3QbazaarAuth"))
                .withRequestBody(containing("transfer_group=order-1"))
                .withRequestBody(containing("amount=9500")));

        assertThat(provider.reverseTransfer("reversal:r1", "tr_1Qbazaar", 4_500)
                        .await()
                        .atMost(WAIT)
                        .reference())
                .isEqualTo("trr_1Qbazaar");
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/transfers/tr_1Qbazaar/reversals"))
                .withHeader("Idempotency-Key", equalTo("reversal:r1"))
                .withRequestBody(containing("amount=4500")));

        var account = provider.createConnectedAccount(
                        "account:s1",
                        "shop-1",
                        "US",
                        "https://sellers.example.com/payouts",
                        "https://sellers.example.com/payouts?expired")
                .await()
                .atMost(WAIT);
        assertThat(account)
                .isEqualTo(new PaymentProvider.AccountResult(
                        true, "acct_1Qseller", "https://connect.stripe.com/setup/e/acct_1Qseller/abc123", false, null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/accounts"))
                .withRequestBody(containing("type=express"))
                .withRequestBody(containing("capabilities[transfers][requested]=true"))
                .withRequestBody(containing("metadata[shop_id]=shop-1")));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/account_links"))
                .withRequestBody(containing("account=acct_1Qseller"))
                .withRequestBody(containing("type=account_onboarding"))
                .withRequestBody(containing("return_url=https%3A%2F%2Fsellers.example.com%2Fpayouts"))
                .withRequestBody(containing("refresh_url=https%3A%2F%2Fsellers.example.com%2Fpayouts%3Fexpired")));

        assertThat(provider.connectedAvailableBalance("acct_1Qseller").await().atMost(WAIT))
                .isEqualTo(3_000L);
        stripe.verify(
                getRequestedFor(urlPathEqualTo("/v1/balance")).withHeader("Stripe-Account", equalTo("acct_1Qseller")));
    }

    @Test
    void aTransferWhoseAnswerWasLostIsFoundByItsTransferGroup() {
        // the connection drops after Stripe took the transfer: the caller cannot tell what happened
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .willReturn(
                        aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> provider.transfer("payout:x", "acct_1Qseller", 9_500, "payout:x", null)
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class);
        // so it asks for the transfer of that group before it tries again
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers"))
                .withQueryParam("transfer_group", equalTo("payout:x"))
                .willReturn(json(200, "transfer_list")));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers"))
                .withQueryParam("transfer_group", equalTo("payout:y"))
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

        stripe.stubFor(get(urlPathEqualTo("/v1/refunds"))
                .withQueryParam("payment_intent", equalTo("pi_3QbazaarAuth"))
                .willReturn(json(200, "refund_list")));
        assertThat(provider.findRefund("pi_3QbazaarAuth", "refund:r7").await().atMost(WAIT))
                .contains(new PaymentProvider.OperationResult(true, "re_3QbazaarLost", null));
        assertThat(provider.findRefund("pi_3QbazaarAuth", "refund:r8").await().atMost(WAIT))
                .isEmpty();
    }

    @Test
    void aChargeIsReadBackFromItsPaymentIntent() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .inScenario("charge")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "payment_intent_requires_capture"))
                .willSetStateTo("captured"));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .inScenario("charge")
                .whenScenarioStateIs("captured")
                .willReturn(json(200, "payment_intent_captured"))
                .willSetStateTo("canceled"));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .inScenario("charge")
                .whenScenarioStateIs("canceled")
                .willReturn(json(200, "payment_intent_canceled")));
        assertThat(provider.chargeState("pi_3QbazaarAuth").await().atMost(WAIT).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.AUTHORIZED);
        assertThat(provider.chargeState("pi_3QbazaarAuth").await().atMost(WAIT))
                .isEqualTo(
                        new PaymentProvider.ChargeState(PaymentProvider.ChargeState.Status.CAPTURED, 13_460, 0, 420));
        assertThat(provider.chargeState("pi_3QbazaarAuth").await().atMost(WAIT).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.CANCELED);
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .withQueryParam("expand[0]", equalTo("latest_charge.balance_transaction")));
    }

    @Test
    void aStripeSlowerThanTheTimeoutIsUnavailableNotAnAnswer() {
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers"))
                .willReturn(json(200, "transfer").withFixedDelay(7_000)));
        assertThatThrownBy(() -> provider.transfer("payout:z", "acct_1Qseller", 9_500, "payout:z", null)
                        .await()
                        .atMost(Duration.ofSeconds(30)))
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class);
    }

    @Test
    void aRateLimitIsRetriedWithTheSameIdempotencyKey() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "rate_limit").withHeader("Stripe-Should-Retry", "true"))
                .willSetStateTo("retried"));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .inScenario("limited")
                .whenScenarioStateIs("retried")
                .willReturn(json(200, "refund")));
        assertThat(provider.refund("refund:r2", "pi_3QbazaarAuth", 5_400)
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        stripe.verify(
                2, postRequestedFor(urlPathEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo("refund:r2")));
    }

    @Test
    void anOutageIsATypedFailureAndOpensTheBreaker() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_1/capture")).willReturn(json(500, "api_error")));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() ->
                            provider.capture("capture:p9", "pi_1", 100).await().atMost(WAIT))
                    .isInstanceOf(PaymentProvider.ProviderUnavailable.class);
        }
        int seen = stripe.getAllServeEvents().size();
        assertThat(provider.breakerState()).isEqualTo(CircuitBreakerState.OPEN);
        assertThatThrownBy(() ->
                        provider.capture("capture:p9", "pi_1", 100).await().atMost(WAIT))
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class)
                .hasMessageContaining("circuit open");
        assertThat(stripe.getAllServeEvents()).hasSize(seen);
    }

    @Test
    void onceTheBreakerHasBeenOpenForItsDelayOneTrialCallGoesThroughAndItsSuccessClosesIt() throws Exception {
        StripeProvider quick =
                new StripeProvider(new Settings("http://localhost:" + stripe.port()), 2, Duration.ofMillis(500));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_1")).willReturn(json(500, "api_error")));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> quick.chargeState("pi_1").await().atMost(WAIT))
                    .isInstanceOf(PaymentProvider.ProviderUnavailable.class);
        }
        assertThat(quick.breakerState()).isEqualTo(CircuitBreakerState.OPEN);
        int seen = stripe.getAllServeEvents().size();
        assertThatThrownBy(() -> quick.chargeState("pi_1").await().atMost(WAIT))
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class)
                .hasMessageContaining("circuit open");
        assertThat(stripe.getAllServeEvents()).as("fails fast while open").hasSize(seen);

        // Stripe is back (slowly); the delay passes: the next call is the one trial
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_1"))
                .atPriority(1)
                .willReturn(json(200, "payment_intent_requires_capture").withFixedDelay(1_500)));
        Thread.sleep(700);
        var trial = quick.chargeState("pi_1").subscribeAsCompletionStage();
        await().atMost(WAIT).until(() -> stripe.getAllServeEvents().size() == seen + 1);
        assertThat(quick.breakerState()).isEqualTo(CircuitBreakerState.HALF_OPEN);
        assertThatThrownBy(() -> quick.chargeState("pi_1").await().atMost(WAIT))
                .as("a second call while the trial is under way")
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class)
                .hasMessageContaining("circuit open");

        assertThat(trial.get(WAIT.toSeconds(), TimeUnit.SECONDS).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.AUTHORIZED);
        assertThat(quick.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(quick.chargeState("pi_1").await().atMost(WAIT).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.AUTHORIZED);
        assertThat(stripe.getAllServeEvents()).hasSize(seen + 2);
    }

    @Test
    void withoutAKeyEveryCallIsUnavailable() {
        StripeProvider unconfigured =
                new StripeProvider(new Settings("http://localhost:1", Optional.empty()), 2, Duration.ofMinutes(1));
        assertThatThrownBy(() -> unconfigured
                        .authorize("k", 1, "pm_card_visa", "o", "p")
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(PaymentProvider.ProviderUnavailable.class)
                .hasMessageContaining("api-key");
    }

    // --- amounts per currency (#29) ---

    /**
     * One adapter currency and the amounts of a charge's life in it: ours are ISO 4217 minor units (what the
     * PaymentProvider takes and gives), Stripe's are {@code ours * atStripe} (ISK: Stripe keeps two decimals).
     */
    record Case(
            String currency,
            long charge,
            long fee,
            long refund,
            long transfer,
            long reversal,
            long balance,
            long atStripe) {
        String stripeCode() {
            return currency.toLowerCase(java.util.Locale.ROOT);
        }

        String sent(long ours) {
            return Long.toString(ours * atStripe);
        }

        String fixture(String name) {
            return stripeCode() + "_" + name;
        }

        @Override
        public String toString() {
            return currency;
        }
    }

    static List<Case> currencies() {
        return List.of(
                new Case("USD", 13_460, 420, 5_400, 9_500, 4_500, 3_000, 1), // cents
                new Case("JPY", 13_460, 485, 5_400, 9_500, 4_500, 3_000, 1), // zero-decimal: yen
                new Case("KWD", 41_230, 1_240, 10_000, 30_000, 5_000, 25_500, 1), // three decimals: fils, last one 0
                new Case("ISK", 5_000, 180, 1_000, 4_000, 500, 3_000, 100)); // no decimals, two at Stripe
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currencies")
    void everyAmountCrossesInTheAdaptersCurrencyInStripesForm(Case c) {
        StripeProvider p = providerIn(c.currency());
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(200, c.fixture("payment_intent_requires_capture"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth/capture"))
                .willReturn(json(200, c.fixture("payment_intent_captured"))));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .willReturn(json(200, c.fixture("payment_intent_refunded"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(200, c.fixture("refund"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(json(200, c.fixture("transfer"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers/tr_1Qbazaar/reversals"))
                .willReturn(json(200, c.fixture("transfer_reversal"))));
        stripe.stubFor(get(urlPathEqualTo("/v1/balance")).willReturn(json(200, c.fixture("balance"))));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers")).willReturn(json(200, c.fixture("transfer_list"))));

        assertThat(p.authorize("auth:p1", c.charge(), "pm_card_visa", "order-1", "p1")
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(PaymentProvider.Authorized.class);
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                        .withFormParam("amount", equalTo(c.sent(c.charge())))
                        .withFormParam("currency", equalTo(c.stripeCode())));

        assertThat(p.capture("capture:p1", "pi_3QbazaarAuth", c.charge())
                        .await()
                        .atMost(WAIT))
                .isEqualTo(new PaymentProvider.CaptureResult(true, "ch_3QbazaarAuth", c.fee(), null));
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth/capture"))
                        .withFormParam("amount_to_capture", equalTo(c.sent(c.charge()))));

        // amount_received, the charge's amount_refunded and the balance transaction's fee, read back
        assertThat(p.chargeState("pi_3QbazaarAuth").await().atMost(WAIT))
                .isEqualTo(new PaymentProvider.ChargeState(
                        PaymentProvider.ChargeState.Status.CAPTURED, c.charge(), c.refund(), c.fee()));

        assertThat(p.refund("refund:r1", "pi_3QbazaarAuth", c.refund())
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/refunds")).withFormParam("amount", equalTo(c.sent(c.refund()))));

        assertThat(p.transfer("payout:x", "acct_1Qseller", c.transfer(), "order-1", "ch_3QbazaarAuth")
                        .await()
                        .atMost(WAIT)
                        .reference())
                .isEqualTo("tr_1Qbazaar");
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/transfers"))
                        .withFormParam("amount", equalTo(c.sent(c.transfer())))
                        .withFormParam("currency", equalTo(c.stripeCode())));

        assertThat(p.reverseTransfer("reversal:r1", "tr_1Qbazaar", c.reversal())
                        .await()
                        .atMost(WAIT)
                        .reference())
                .isEqualTo("trr_1Qbazaar");
        stripe.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/transfers/tr_1Qbazaar/reversals"))
                        .withFormParam("amount", equalTo(c.sent(c.reversal()))));

        // only the balance in the adapter's currency counts
        assertThat(p.connectedAvailableBalance("acct_1Qseller").await().atMost(WAIT))
                .isEqualTo(c.balance());
        assertThat(p.transfersSince(Instant.ofEpochSecond(1_764_000_000))
                        .await()
                        .atMost(WAIT))
                .containsExactly(
                        new PaymentProvider.ProviderTransfer("tr_1Qbazaar", "order-1", c.transfer(), "acct_1Qseller"));
    }

    @Test
    void anAmountStripeCannotTakeIsRefusedBeforeAnyRequestNeverRounded() {
        StripeProvider kwd = providerIn("KWD");
        long unsendable = 1_235; // 1.235 KWD: Stripe wants the last of the three decimals to be 0

        var authorized = kwd.authorize("auth:k1", unsendable, "pm_card_visa", "order-1", "k1")
                .await()
                .atMost(WAIT);
        assertThat(authorized).isInstanceOfSatisfying(PaymentProvider.Declined.class, d -> {
            assertThat(d.code()).isEqualTo("invalid_charge_amount");
            assertThat(d.message()).contains("1.235 KWD").contains("not rounded");
        });
        var captured =
                kwd.capture("capture:k1", "pi_3QbazaarAuth", unsendable).await().atMost(WAIT);
        assertThat(captured.succeeded()).isFalse();
        assertThat(captured.failure()).contains("1.235 KWD");
        for (var result : List.of(
                kwd.refund("refund:k1", "pi_3QbazaarAuth", unsendable).await().atMost(WAIT),
                kwd.transfer("payout:k1", "acct_1Qseller", unsendable, "order-1", null)
                        .await()
                        .atMost(WAIT),
                kwd.reverseTransfer("reversal:k1", "tr_1Qbazaar", unsendable)
                        .await()
                        .atMost(WAIT))) {
            assertThat(result.succeeded()).isFalse();
            assertThat(result.reference()).isNull();
            assertThat(result.failure()).contains("1.235 KWD");
        }
        assertThat(stripe.getAllServeEvents()).isEmpty();
        assertThat(kwd.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);

        // 1.230 KWD goes through as it is
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(200, "kwd_refund")));
        assertThat(kwd.refund("refund:k2", "pi_3QbazaarAuth", 1_230)
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds")).withFormParam("amount", equalTo("1230")));
    }

    @Test
    void anAmountStripeReportsInAnotherCurrencyIsAnErrorNeverMixedIn() {
        // a KWD charge on a platform that settles in USD: the fee comes back in USD
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .willReturn(json(200, "kwd_payment_intent_captured_usd_settlement")));
        assertThatThrownBy(() ->
                        providerIn("KWD").chargeState("pi_3QbazaarAuth").await().atMost(WAIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in USD")
                .hasMessageContaining("works in KWD");
        // an ISK amount that is not whole krónur cannot be ours
        stripe.stubFor(get(urlPathEqualTo("/v1/balance"))
                .willReturn(
                        json(200, "isk_balance").withBody(fixture("isk_balance").replace("300000", "300050"))));
        assertThatThrownBy(() -> providerIn("ISK")
                        .connectedAvailableBalance("acct_1Qseller")
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole krónur");
    }

    @Test
    void theCurrencyIsOneSettingDefaultUsd() {
        // the mapping as Quarkus builds it (its "10s" durations included), without starting Quarkus
        StripeSettings defaults = new SmallRyeConfigBuilder()
                .withMapping(StripeSettings.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .build()
                .getConfigMapping(StripeSettings.class);
        assertThat(defaults.currency()).isEqualTo("USD");
        StripeSettings jpy = new SmallRyeConfigBuilder()
                .withMapping(StripeSettings.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("bazaar.stripe.currency", "JPY"), "test", 500))
                .build()
                .getConfigMapping(StripeSettings.class);
        assertThat(jpy.currency()).isEqualTo("JPY");

        stripe.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(json(200, "jpy_transfer")));
        providerIn("jpy")
                .transfer("payout:j", "acct_1Qseller", 9_500, "order-1", null)
                .await()
                .atMost(WAIT);
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/transfers")).withFormParam("currency", equalTo("jpy")));
        assertThatThrownBy(() -> providerIn("XYZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bazaar.stripe.currency");
        assertThatThrownBy(() -> providerIn("XAU"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bazaar.stripe.currency");
    }

    @Test
    void aTransferThePlatformsBalanceCannotCoverIsARefusalWithStripesCode() {
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(json(400, "balance_insufficient")));
        var result = provider.transfer("payout:short", "acct_1Qseller", 9_500, "payout:short", null)
                .await()
                .atMost(WAIT);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.code()).isEqualTo(PaymentProvider.BALANCE_INSUFFICIENT);
        assertThat(provider.breakerState())
                .as("a refusal is an answer, not an outage")
                .isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void aFreshOnboardingLinkForAnExistingAccountCarriesItsKeyAndTheVersion() {
        stripe.stubFor(post(urlPathEqualTo("/v1/account_links")).willReturn(json(200, "account_link")));
        var link = provider.onboardingLink(
                        "account-link:acct_1Qseller:2026-12-04T19:50:00Z",
                        "acct_1Qseller",
                        "https://sellers.example.com/payouts",
                        "https://sellers.example.com/payouts")
                .await()
                .atMost(WAIT);
        assertThat(link)
                .isEqualTo(new PaymentProvider.OperationResult(
                        true, "https://connect.stripe.com/setup/e/acct_1Qseller/abc123", null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/account_links"))
                .withHeader("Idempotency-Key", equalTo("account-link:acct_1Qseller:2026-12-04T19:50:00Z"))
                .withHeader("Stripe-Version", equalTo(StripeProvider.API_VERSION))
                .withRequestBody(containing("account=acct_1Qseller"))
                .withRequestBody(containing("type=account_onboarding")));
        // Stripe refuses (an account deleted meanwhile): a failure with Stripe's reason, not an exception
        stripe.stubFor(post(urlPathEqualTo("/v1/account_links")).willReturn(json(400, "resource_missing_account")));
        assertThat(provider.onboardingLink("account-link:gone", "acct_gone", "https://a.example", "https://a.example")
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isFalse();
    }

    // --- idempotency keys and the API version on every request (#29) ---

    /**
     * Calls every operation the adapter offers once against stubs for all of them; returns the Idempotency-Key each
     * mutating request must carry, by method and path (the account link's is the account's key plus ":link").
     */
    Map<String, String> everyOperation() {
        stripe.stubFor(
                post(urlPathEqualTo("/v1/payment_intents")).willReturn(json(200, "payment_intent_requires_capture")));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth/capture"))
                .willReturn(json(200, "payment_intent_captured")));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth/cancel"))
                .willReturn(json(200, "payment_intent_canceled")));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QbazaarAuth"))
                .willReturn(json(200, "payment_intent_captured")));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(json(200, "refund")));
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(json(200, "refund_list")));
        stripe.stubFor(post(urlPathEqualTo("/v1/transfers")).willReturn(json(200, "transfer")));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers"))
                .withQueryParam("transfer_group", equalTo("payout:x"))
                .willReturn(json(200, "transfer_list")));
        // transfersSince pages: the second page is asked for after the first one's last transfer
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers"))
                .withQueryParam("transfer_group", absent())
                .withQueryParam("starting_after", absent())
                .willReturn(json(200, "transfer_list_has_more")));
        stripe.stubFor(get(urlPathEqualTo("/v1/transfers"))
                .withQueryParam("transfer_group", absent())
                .withQueryParam("starting_after", equalTo("tr_1QbazaarFirst"))
                .willReturn(json(200, "transfer_list")));
        stripe.stubFor(
                post(urlPathEqualTo("/v1/transfers/tr_1Qbazaar/reversals")).willReturn(json(200, "transfer_reversal")));
        stripe.stubFor(post(urlPathEqualTo("/v1/accounts")).willReturn(json(200, "account")));
        stripe.stubFor(post(urlPathEqualTo("/v1/account_links")).willReturn(json(200, "account_link")));
        stripe.stubFor(get(urlPathEqualTo("/v1/balance")).willReturn(json(200, "balance")));

        // every mutating operation
        assertThat(provider.authorize("auth:p1", 13_460, "pm_card_visa", "order-1", "p1")
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(PaymentProvider.Authorized.class);
        assertThat(provider.capture("capture:p1", "pi_3QbazaarAuth", 13_460)
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        assertThat(provider.voidAuthorization("void:p1", "pi_3QbazaarAuth")
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        assertThat(provider.refund("refund:r1", "pi_3QbazaarAuth", 5_400)
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        assertThat(provider.transfer("payout:x", "acct_1Qseller", 9_500, "order-1", "ch_3QbazaarAuth")
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        assertThat(provider.reverseTransfer("reversal:r1", "tr_1Qbazaar", 4_500)
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        assertThat(provider.createConnectedAccount(
                                "account:s1",
                                "shop-1",
                                "US",
                                "https://sellers.example.com/payouts",
                                "https://sellers.example.com/payouts?expired")
                        .await()
                        .atMost(WAIT)
                        .succeeded())
                .isTrue();
        // every read
        assertThat(provider.chargeState("pi_3QbazaarAuth").await().atMost(WAIT).status())
                .isEqualTo(PaymentProvider.ChargeState.Status.CAPTURED);
        assertThat(provider.findRefund("pi_3QbazaarAuth", "refund:r7").await().atMost(WAIT))
                .isPresent();
        assertThat(provider.findTransfer("payout:x").await().atMost(WAIT)).contains("tr_1QbazaarPayout");
        assertThat(provider.transfersSince(Instant.ofEpochSecond(1_764_000_000))
                        .await()
                        .atMost(WAIT))
                .extracting(PaymentProvider.ProviderTransfer::reference)
                .containsExactly("tr_1QbazaarFirst", "tr_1QbazaarPayout");
        assertThat(provider.connectedAvailableBalance("acct_1Qseller").await().atMost(WAIT))
                .isEqualTo(3_000L);

        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("POST /v1/payment_intents", "auth:p1");
        keys.put("POST /v1/payment_intents/pi_3QbazaarAuth/capture", "capture:p1");
        keys.put("POST /v1/payment_intents/pi_3QbazaarAuth/cancel", "void:p1");
        keys.put("POST /v1/refunds", "refund:r1");
        keys.put("POST /v1/transfers", "payout:x");
        keys.put("POST /v1/transfers/tr_1Qbazaar/reversals", "reversal:r1");
        keys.put("POST /v1/accounts", "account:s1");
        keys.put("POST /v1/account_links", "account:s1:link");
        return keys;
    }

    static String requestLine(ServeEvent e) {
        return e.getRequest().getMethod() + " " + e.getRequest().getUrl().replaceFirst("\\?.*", "");
    }

    @Test
    void everyMutatingRequestCarriesTheCallersIdempotencyKeyAndReadsCarryNone() {
        Map<String, String> keys = everyOperation();
        Map<String, String> sent = new LinkedHashMap<>();
        int reads = 0;
        for (ServeEvent e : stripe.getAllServeEvents()) {
            var header = e.getRequest().header("Idempotency-Key");
            if (e.getRequest().getMethod().isOneOf(com.github.tomakehurst.wiremock.http.RequestMethod.GET)) {
                reads++;
                assertThat(header.isPresent())
                        .as("Idempotency-Key on %s", requestLine(e))
                        .isFalse();
            } else {
                assertThat(sent.put(requestLine(e), header.isPresent() ? header.firstValue() : null))
                        .as("one request to %s", requestLine(e))
                        .isNull();
            }
        }
        assertThat(sent).isEqualTo(keys); // every mutating request, each with exactly the key its caller gave
        assertThat(reads).isEqualTo(6); // chargeState, findRefund, findTransfer, two pages of transfersSince, balance
    }

    @Test
    void everyRequestNamesThePinnedApiVersion() {
        // the pin is stripe-java's own version: its models parse only that version's shapes
        assertThat(StripeProvider.API_VERSION).isEqualTo(Stripe.API_VERSION);
        everyOperation();
        List<ServeEvent> all = stripe.getAllServeEvents();
        assertThat(all).hasSize(14); // 8 mutating requests (the account and its link), 6 reads (two pages)
        for (ServeEvent e : all) {
            assertThat(e.getRequest().header("Stripe-Version").values())
                    .as("Stripe-Version of %s", requestLine(e))
                    .containsExactly(StripeProvider.API_VERSION);
        }
    }
}
