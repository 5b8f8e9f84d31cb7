package dev.bazaar.cart.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Write limits (fixed windows in Redis, counted in the write's own script). {@code bazaar.cart.rate-limit.*}; a bench
 * profile may raise them or turn them off. {@code trusted-proxies}: direct peers whose {@code X-Forwarded-For} is
 * believed; from anybody else the header is ignored.
 */
@ConfigMapping(prefix = "bazaar.cart")
public interface RateLimits {

    RateLimit rateLimit();

    /** Only for bench/run-cart: serve the bare comparison endpoint (no auth, no validation). Never in production. */
    @WithDefault("false")
    boolean benchEndpoints();

    /** Exact addresses or CIDR blocks of the reverse proxies in front of the service. */
    Optional<List<String>> trustedProxies();

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
    }
}
