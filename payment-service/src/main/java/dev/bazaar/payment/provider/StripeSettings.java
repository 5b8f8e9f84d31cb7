package dev.bazaar.payment.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code bazaar.stripe.*}: the secret key (test mode: {@code sk_test_…}), where Stripe's API lives and the currency
 * the adapter works in. The API version is not a setting: it is {@link StripeProvider#API_VERSION}, fixed by
 * stripe-java.
 */
@ConfigMapping(prefix = "bazaar.stripe")
public interface StripeSettings {

    Optional<String> apiKey();

    @WithDefault("https://api.stripe.com")
    String apiBase();

    @WithDefault("https://connect.stripe.com")
    String connectBase();

    /** stripe-java retries 429s, 5xx and network errors with backoff and the same idempotency key this many times. */
    @WithDefault("2")
    int maxNetworkRetries();

    @WithDefault("10s")
    Duration timeout();

    /**
     * The one currency the adapter charges, captures, refunds, transfers and reads balances in (ISO 4217 code:
     * {@code USD}, {@code JPY}, {@code KWD}…); the provider's amounts are its ISO minor units, converted to Stripe's
     * form by {@link StripeAmounts}. It must be a currency the platform account settles in, so that Stripe reports
     * fees and balances in it too.
     */
    @WithDefault("USD")
    String currency();

    /** The circuit breaker in front of Stripe ({@code bazaar.stripe.breaker.*}). */
    Breaker breaker();

    /**
     * After {@code failures} outages in a row (Stripe unreachable, rate-limited or failing with a 5xx after
     * stripe-java's own retries) every call fails fast for {@code delay}; then one trial call goes through, and its
     * outcome closes the breaker or opens it again.
     */
    interface Breaker {
        @WithDefault("5")
        int failures();

        @WithDefault("30s")
        Duration delay();
    }
}
