package dev.bazaar.checkout.domain;

/** Where a checkout is: a quote, a step of the saga, or its end (ARCHITECTURE.md, "The checkout saga"). */
public enum CheckoutStatus {
    QUOTED, RESERVING, AUTHORIZING, PLACING, COMMITTING, CAPTURING, COMPLETED, FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
