package dev.bazaar.checkout.domain.quote;

import java.util.Optional;

/** Tax per destination; the bundled table is the default, a provider like Avalara would implement this too. */
public interface TaxRates {

    /** A rate in parts per million and whether shipping is taxed too. */
    record Rate(long ppm, boolean taxesShipping) {
        public static final Rate NONE = new Rate(0, false);
    }

    /** Empty when the platform does not ship there. */
    Optional<Rate> rateFor(Destination destination);
}
