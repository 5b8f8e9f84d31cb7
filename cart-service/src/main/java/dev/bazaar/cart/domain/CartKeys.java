package dev.bazaar.cart.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Redis keys of the cart service. A buyer's cart is keyed by the token's subject, a guest's by a 128-bit random token
 * (32 hex characters); the two spaces are separate so no guest token can name a buyer's cart. Product summaries,
 * suspended shops, rate-limit counters and processed checkouts live beside them under their own prefixes.
 */
public final class CartKeys {

    public static final Pattern GUEST_TOKEN = Pattern.compile("[0-9a-f]{32}");
    /** Rate limiting is off for a side that has no key (a guest before their first write has no user key). */
    public static final String NO_KEY = "-";

    public static final String SUSPENDED_SHOPS = "cart:shops:suspended";
    /** Per shop, the version of the last shop event applied (so an older one is ignored). */
    public static final String SHOP_VERSIONS = "cart:shops:versions";

    private CartKeys() {}

    public static String buyer(String subject) {
        return "cart:buyer:" + subject;
    }

    public static String guest(String token) {
        return "cart:guest:" + token;
    }

    public static String variant(UUID variantId) {
        return "cart:variant:" + variantId;
    }

    public static String productVariants(UUID productId) {
        return "cart:product:" + productId + ":variants";
    }

    public static String checkoutDone(UUID checkoutId) {
        return "cart:checkout-done:" + checkoutId;
    }

    public static String userRate(String owner) {
        return "cart:rl:user:" + owner;
    }

    public static String ipRate(String ip) {
        return "cart:rl:ip:" + ip;
    }
}
