package dev.bazaar.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** catalog-service's own settings ({@code bazaar.catalog.*}; the search limits are {@link SearchLimits}). */
@ConfigMapping(prefix = "bazaar.catalog")
public interface CatalogConfig {

    /**
     * How often the leader releases expired stock reservations (a duration, or {@code off}); read by
     * ReservationExpiry's {@code @Scheduled}.
     */
    @WithDefault("5s")
    String reservationSweepInterval();

    /** The benchmark's bare endpoints (/bench/bare/*): the {@code load} profile only, never in production. */
    @WithDefault("false")
    boolean benchEndpoints();

    Search search();

    interface Search {
        /** The OpenSearch alias the catalog reads and writes (a rebuild swaps the index behind it). */
        @WithDefault("products")
        String alias();
    }
}
