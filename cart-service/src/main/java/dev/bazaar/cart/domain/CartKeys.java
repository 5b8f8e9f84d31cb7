package dev.bazaar.cart.domain;

import java.util.regex.Pattern;

/**
 * Redis keys of carts. A buyer's cart is keyed by the token's subject, a guest's by a 128-bit random token (32 hex
 * characters); the two spaces are separate so no guest token can name a buyer's cart.
 */
public final class CartKeys {

    public static final Pattern GUEST_TOKEN = Pattern.compile("[0-9a-f]{32}");

    private CartKeys() {
    }

    public static String buyer(String subject) {
        return "cart:buyer:" + subject;
    }

    public static String guest(String token) {
        return "cart:guest:" + token;
    }
}
