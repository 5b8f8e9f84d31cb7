package dev.bazaar.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Per-IP limits on public search and suggestions, the platform's most expensive calls ({@code bazaar.catalog.search-limit.*},
 * counted in Redis across replicas; the client's IP from the kit's {@code ClientAddress}). The defaults leave room for
 * a household or an office behind one address; a flood from one address gets 429 while everybody else keeps searching.
 */
@ConfigMapping(prefix = "bazaar.catalog.search-limit")
public interface SearchLimits {

    @WithDefault("true")
    boolean enabled();

    /** Searches per window per client IP. */
    @WithDefault("100")
    int perIp();

    /** Suggestion calls per window per client IP (one per keystroke while typing). */
    @WithDefault("200")
    int suggestPerIp();

    @WithDefault("10s")
    Duration window();
}
