package dev.bazaar.cart.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Write limits (fixed windows in Redis, counted in the write's own script). {@code bazaar.cart.rate-limit.*}; a bench
 * profile may raise them or turn them off. The client's address comes from the kit's {@code ClientAddress}
 * ({@code bazaar.kit.trusted-proxies}).
 */
@ConfigMapping(prefix = "bazaar.cart")
public interface RateLimits {

    RateLimit rateLimit();

    /** Only for bench/run-cart: serve the bare comparison endpoint (no auth, no validation). Never in production. */
    @WithDefault("false")
    boolean benchEndpoints();

    /**
     * Variant lookups sent to the catalog before cart reports ready (client/CatalogWarmUp: the first ones pay for a
     * service token, the REST client's connections and both sides' cold code); 0: none.
     */
    @WithDefault("50")
    int catalogWarmUpLookups();

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Writes per window per buyer or guest cart. */
        @WithDefault("120")
        int perUser();

        /** Writes per window per client IP (guests behind one NAT share it). */
        @WithDefault("1200")
        int perIp();

        @WithDefault("60s")
        Duration window();

        /** New guest carts per client IP per {@link #guestCartWindow()} (a guest's first write creates one). */
        @WithDefault("300")
        int guestCartsPerIp();

        @WithDefault("1h")
        Duration guestCartWindow();
    }
}
