package dev.bazaar.cart.domain;

import java.time.Duration;

/** The cart rules every write obeys (API.md): 1..99 per line, at most 100 lines; carts expire unless written to. */
public final class CartLimits {
    public static final int MAX_QUANTITY = 99;
    public static final int MAX_LINES = 100;
    public static final Duration BUYER_TTL = Duration.ofDays(30);
    public static final Duration GUEST_TTL = Duration.ofDays(7);

    private CartLimits() {}
}
