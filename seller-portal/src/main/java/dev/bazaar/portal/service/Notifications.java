package dev.bazaar.portal.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How notifications read for people (a type's name in words), where an inbox item may take the user (a path of this
 * portal only), and which email types a preferences form mutes.
 */
public final class Notifications {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("seller-new-order", "New order to ship"),
            Map.entry("seller-return-requested", "Return requested"),
            Map.entry("seller-return-escalated", "Return escalated to the marketplace"),
            Map.entry("seller-payout-paid", "Payout paid"),
            Map.entry("seller-payout-failed", "Payout failed"),
            Map.entry("buyer-order-confirmed", "Order confirmed"),
            Map.entry("buyer-shipment-dispatched", "Order on its way"),
            Map.entry("buyer-group-delivered", "Order delivered"),
            Map.entry("buyer-order-cancelled", "Order cancelled"),
            Map.entry("buyer-refund-issued", "Refund issued"),
            Map.entry("buyer-return-decision", "Return decided"));

    private Notifications() {}

    /** A type in words: "New order to ship" for seller-new-order; one the portal does not know yet, spelled out. */
    public static String type(String type) {
        if (type == null) {
            return "";
        }
        String known = TYPES.get(type);
        if (known != null) {
            return known;
        }
        String words = type.replace('-', ' ')
                .replace('_', ' ')
                .toLowerCase(Locale.ROOT)
                .strip();
        return words.isEmpty() ? type : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The item's link when it is a path of this portal ("/orders/…"), else null: never another site. */
    public static String portalPath(String link) {
        if (link == null || !link.startsWith("/") || link.startsWith("//") || link.contains("\\")) {
            return null;
        }
        return link;
    }

    /** The types to mute: those the form showed ({@code shown}) that the user did not tick ({@code send}). */
    public static List<String> muted(Collection<String> shown, Collection<String> send) {
        Set<String> wanted = Set.copyOf(send);
        List<String> muted = new ArrayList<>();
        for (String type : shown) {
            if (!type.isBlank() && !wanted.contains(type) && !muted.contains(type)) {
                muted.add(type);
            }
        }
        return muted;
    }
}
