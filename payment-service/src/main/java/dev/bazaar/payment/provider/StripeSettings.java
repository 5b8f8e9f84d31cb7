package dev.bazaar.payment.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code bazaar.stripe.*}: the secret key (test mode: {@code sk_test_…}) and where Stripe's API lives. */
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
}
