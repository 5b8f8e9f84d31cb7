package dev.bazaar.kit.money;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Daily exchange rates for showing prices in a buyer's currency (units of that currency per USD). Prices are listed
 * and charged in USD; converted amounts are for display only and marked as such.
 */
@ConfigMapping(prefix = "bazaar.display-rates")
public interface DisplayRates {

    /** ISO 4217 code → rate per USD ({@code bazaar.display-rates.rates.EUR=0.9215}, ...). */
    Map<String, BigDecimal> rates();

    /** The day the table is from, shown beside converted prices. */
    @WithDefault("2026-11-23")
    String asOf();
}
