package dev.bazaar.cart.persistence;

import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.cart.domain.CartLimits;
import java.time.Duration;

/**
 * Which cart a request works on: its Redis key, the id clients see, how long it lives, and the key its owner's writes
 * are counted under. A guest without a token yet has a cart to be created and no user counter.
 */
public record CartRef(String key, String id, boolean guest, Duration ttl, String userRateKey) {

    public static CartRef buyer(String subject) {
        return new CartRef(
                CartKeys.buyer(subject), subject, false, CartLimits.BUYER_TTL, CartKeys.userRate("b:" + subject));
    }

    public static CartRef guest(String token) {
        return new CartRef(CartKeys.guest(token), token, true, CartLimits.GUEST_TTL, CartKeys.userRate("g:" + token));
    }
}
