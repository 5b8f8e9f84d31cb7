package dev.bazaar.contracts.money;

/** Two amounts in different currencies were combined: always a bug, never silently converted. */
public class MixedCurrencyException extends IllegalArgumentException {

    public MixedCurrencyException(Money a, Money b) {
        super("cannot combine " + a.currency().getCurrencyCode() + " with "
                + b.currency().getCurrencyCode());
    }
}
