package dev.bazaar.checkout.domain;

/** Where a checkout is: a quote, a step of the saga, or its end (ARCHITECTURE.md, "The checkout saga"). */
public enum CheckoutStatus {
    QUOTED,
    RESERVING,
    AUTHORIZING,
    /**
     * The card asked the buyer to authenticate (3-D Secure): the saga waits for the buyer's app to complete the
     * challenge with the payment's client secret, then for payment's PaymentAuthorized or PaymentDeclined (ADR 0015).
     */
    AWAITING_BUYER_ACTION,
    /**
     * The payment's fraud rules hold the payment for an admin's review: the card is authorized, and the saga waits
     * for payment's PaymentAuthorized (allowed) or PaymentDeclined (blocked, or not decided in time) (ADR 0026).
     */
    AWAITING_REVIEW,
    PLACING,
    COMMITTING,
    CAPTURING,
    COMPLETED,
    FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }

    /**
     * Whether the saga waits on its buyer rather than on a service: nothing of ours is in flight, so it is an answer
     * to give the buyer now (the confirm stops waiting), and it costs the platform no work (admission control leaves it
     * out of the platform-wide count; the buyer's own share still counts it).
     */
    public boolean waitsOnBuyer() {
        return this == AWAITING_BUYER_ACTION;
    }
}
