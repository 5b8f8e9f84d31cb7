package dev.bazaar.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How public search spends the engine's time ({@code bazaar.catalog.search-tuning.*}, ADR 0028): fuzzy matching only
 * as a fallback, and a short-lived cache of whole results for the queries buyers repeat.
 */
@ConfigMapping(prefix = "bazaar.catalog.search-tuning")
public interface SearchTuning {

    /**
     * A search is first matched exactly (analysed, accent-folded terms); only when that finds fewer hits than this is
     * it run again with fuzzy matching (typos). 0 turns fuzzy matching off.
     */
    @WithDefault("3")
    int fuzzyFallbackBelow();

    Cache cache();

    interface Cache {
        @WithDefault("true")
        boolean enabled();

        /** How long a result may be served again. Other replicas' index writes show after at most this long. */
        @WithDefault("5s")
        Duration ttl();

        /** Results kept (W-TinyLFU: the frequent queries stay, one-off ones are not admitted for long). */
        @WithDefault("1000")
        int maxEntries();

        /**
         * After this replica writes to the index, results of searches started before the write plus this long are
         * not served from the cache (the write is searchable after the index's next refresh: 1 s by default).
         */
        @WithDefault("2s")
        Duration refreshAllowance();
    }
}
