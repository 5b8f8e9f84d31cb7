package dev.bazaar.payment.config;

import dev.bazaar.payment.domain.FraudRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code bazaar.payments.*}: the provider, the sellers' holding period and the fraud thresholds. */
@ConfigMapping(prefix = "bazaar.payments")
public interface PaymentConfig {

    /** {@code sandbox} (default, offline: moves no money) or {@code stripe}. */
    @WithDefault("sandbox")
    String provider();

    /**
     * A staging install's opt-in to the sandbox provider (or a Stripe test-mode key) in the prod profile
     * ({@code BAZAAR_ALLOW_SANDBOX_PAYMENTS=true}); without it production refuses to start with either, and with it
     * every start logs a warning (ADR 0011, {@link dev.bazaar.payment.domain.PaymentSafety}).
     */
    @WithDefault("false")
    boolean allowSandboxInProduction();

    /** How long a seller's share stays pending after their group was delivered. */
    @WithDefault("7d")
    Duration holdingPeriod();

    /**
     * How often the leader finishes refunds a crash or an outage left between reservation and settlement, and settles
     * payments waiting for the provider's answer (captures and voids; the saga waits 30 s at capturing): a duration,
     * or {@code off} = never (the module's tests drive them). Read by RefundResumer's {@code @Scheduled}.
     */
    @WithDefault("10s")
    String refundResumeInterval();

    /**
     * How long a payment waits for the buyer's 3-D Secure challenge before the leader reads its charge back from the
     * provider again (a missed webhook, or the sandbox's challenge answer lost): each waiting payment is read at most
     * once per this period, until the challenge is completed, failed, or the saga voids it.
     */
    @WithDefault("60s")
    Duration actionRecheckAfter();

    /**
     * Where buyers' apps reach this service ({@code BAZAAR_PAYMENTS_PUBLIC_URL}); only the sandbox uses it, for the
     * address of its stand-in for the card issuer's 3-D Secure page ({@code POST <public-url>/api/v1/payments/sandbox/
     * challenges/{paymentId}}).
     */
    @WithDefault("http://localhost:8085")
    String publicUrl();

    /** How often the leader reconciles the books with the provider's records ({@code off} = only on demand). */
    @WithDefault("24h")
    String reconcileInterval();

    /** How far back each scheduled reconciliation looks. */
    @WithDefault("30d")
    Duration reconcileLookback();

    /** How often the leader runs due payouts ({@code off} = only on demand, as in tests). */
    @WithDefault("1h")
    String payoutRunInterval();

    Fraud fraud();

    interface Fraud {
        /** The velocity window: attempts counted over this much of the recent past. */
        @WithDefault("10m")
        Duration window();

        @WithDefault("5")
        int maxPerBuyer();

        @WithDefault("20")
        int maxPerPaymentMethod();

        /** Accounts younger than this may not pay more than {@link #newAccountMaxAmount()} (minor units) at once. */
        @WithDefault("24h")
        Duration newAccountAge();

        @WithDefault("100000")
        long newAccountMaxAmount();

        /** Card and shipping countries may differ only up to this amount (minor units). */
        @WithDefault("50000")
        long countryMismatchMaxAmount();

        /**
         * Amounts (minor units) above this are held for review (ADR 0026) unless a rule blocks them; 0 = no such
         * band.
         */
        @WithDefault("0")
        long reviewAbove();

        /** A new account's payment within this much under {@link #newAccountMaxAmount()} is reviewed; 0 = never. */
        @WithDefault("0")
        long newAccountReviewMargin();

        /** A country mismatch within this much under {@link #countryMismatchMaxAmount()} is reviewed; 0 = never. */
        @WithDefault("0")
        long countryMismatchReviewMargin();

        /**
         * How long an admin has to allow or block a held payment before the leader blocks it ("review window
         * expired"): well within the card authorization's life (7 days at Stripe) and within the stock reservation
         * that the checkout saga holds meanwhile (checkout's {@code timeouts.review} waits a little longer).
         */
        @WithDefault("15m")
        Duration reviewWindow();

        /** How often the leader blocks held payments past their window ({@code off} = only on demand, as in tests). */
        @WithDefault("30s")
        String reviewSweepInterval();

        Optional<Set<String>> blockedBuyers();

        Optional<Set<String>> blockedPaymentMethods();

        Optional<Set<String>> blockedCountries();

        default FraudRules.Thresholds thresholds() {
            return new FraudRules.Thresholds(
                    maxPerBuyer(),
                    maxPerPaymentMethod(),
                    newAccountMaxAmount(),
                    newAccountAge().toHours(),
                    countryMismatchMaxAmount(),
                    blockedBuyers().orElse(Set.of()),
                    blockedPaymentMethods().orElse(Set.of()),
                    blockedCountries().orElse(Set.of()),
                    reviewAbove(),
                    newAccountReviewMargin(),
                    countryMismatchReviewMargin());
        }
    }
}
