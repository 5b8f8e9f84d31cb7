package dev.bazaar.checkout.domain.quote;

import java.util.Locale;

/** Where a quote ships to, as far as tax and shipping care: ISO 3166-1 country and, where it matters, region. */
public record Destination(String country, String region) {
    public Destination {
        country = country.toUpperCase(Locale.ROOT);
        region = region == null || region.isBlank() ? null : region.toUpperCase(Locale.ROOT);
    }
}
