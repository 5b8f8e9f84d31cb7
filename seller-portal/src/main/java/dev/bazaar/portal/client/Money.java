package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An amount in minor units of its currency, as every service writes money ({@code {"amount":1250,"currency":"USD"}}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Money(long amount, String currency) {

    public static Money usd(long cents) {
        return new Money(cents, "USD");
    }
}
