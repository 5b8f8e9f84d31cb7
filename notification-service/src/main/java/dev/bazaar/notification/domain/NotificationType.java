package dev.bazaar.notification.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of email the marketplace sends, with its audience and its templates
 * ({@code templates/notifications/<template>.html} and {@code .txt}). The subject line is built here from the
 * notification's data, so a preview and a real send read the same.
 */
public enum NotificationType {
    /** The checkout saga's "notify seller": a paid order's group to ship, with only that seller's lines. */
    SELLER_NEW_ORDER(Audience.SELLER, "seller-new-order"),
    SELLER_RETURN_REQUESTED(Audience.SELLER, "seller-return-requested"),
    SELLER_RETURN_ESCALATED(Audience.SELLER, "seller-return-escalated"),
    SELLER_PAYOUT_PAID(Audience.SELLER, "seller-payout-paid"),
    SELLER_PAYOUT_FAILED(Audience.SELLER, "seller-payout-failed"),
    /** An admin approved a product the seller submitted: it is on sale. */
    SELLER_PRODUCT_APPROVED(Audience.SELLER, "seller-product-approved"),
    /** An admin rejected a product the seller submitted, with the reason. */
    SELLER_PRODUCT_REJECTED(Audience.SELLER, "seller-product-rejected"),
    /** An admin took a live product off sale, with the reason. */
    SELLER_PRODUCT_TAKEN_DOWN(Audience.SELLER, "seller-product-taken-down"),
    /** An admin put a taken-down product back on sale. */
    SELLER_PRODUCT_REINSTATED(Audience.SELLER, "seller-product-reinstated"),
    /** The seller's changes to a live product were approved: the product shows them now. */
    SELLER_PRODUCT_REVISION_APPROVED(Audience.SELLER, "seller-revision-approved"),
    /** The seller's changes to a live product were not approved, with the reason; the approved version stays. */
    SELLER_PRODUCT_REVISION_REJECTED(Audience.SELLER, "seller-revision-rejected"),
    SELLER_SHOP_APPROVED(Audience.SELLER, "seller-shop-approved"),
    SELLER_SHOP_REJECTED(Audience.SELLER, "seller-shop-rejected"),
    SELLER_SHOP_SUSPENDED(Audience.SELLER, "seller-shop-suspended"),
    /** The buyer disputed an order's payment: each seller with a group in it (their share is held). */
    SELLER_DISPUTE_OPENED(Audience.SELLER, "seller-dispute-opened"),
    BUYER_ORDER_CONFIRMED(Audience.BUYER, "buyer-order-confirmed"),
    BUYER_SHIPMENT_DISPATCHED(Audience.BUYER, "buyer-shipment-dispatched"),
    BUYER_GROUP_DELIVERED(Audience.BUYER, "buyer-group-delivered"),
    BUYER_ORDER_CANCELLED(Audience.BUYER, "buyer-order-cancelled"),
    BUYER_REFUND_ISSUED(Audience.BUYER, "buyer-refund-issued"),
    BUYER_RETURN_DECISION(Audience.BUYER, "buyer-return-decision");

    private final Audience audience;
    private final String template;

    NotificationType(Audience audience, String template) {
        this.audience = audience;
        this.template = template;
    }

    public Audience audience() {
        return audience;
    }

    /** The templates' base name, e.g. {@code seller-new-order}: also how the preview endpoint names a type. */
    public String template() {
        return template;
    }

    /** A type by its template name or its enum name, case ignored. */
    public static Optional<NotificationType> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip();
        for (NotificationType t : values()) {
            if (t.template.equalsIgnoreCase(n) || t.name().equalsIgnoreCase(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The subject line: the marketplace's name and what happened, with the order's short reference (or the product's
     * title, the shop's name).
     */
    public String subject(String marketplace, Map<String, Object> data) {
        String ref = String.valueOf(data.getOrDefault("orderRef", ""));
        String what = switch (this) {
            case SELLER_NEW_ORDER -> "New order " + ref + " to ship";
            case SELLER_RETURN_REQUESTED -> "Return requested on order " + ref;
            case SELLER_RETURN_ESCALATED -> "Return on order " + ref + " escalated to the marketplace";
            case SELLER_PAYOUT_PAID -> "Payout of " + data.get("amount") + " paid";
            case SELLER_PAYOUT_FAILED -> "Payout of " + data.get("amount") + " failed";
            case SELLER_PRODUCT_APPROVED -> "Your product " + data.get("title") + " is approved";
            case SELLER_PRODUCT_REJECTED -> "Your product " + data.get("title") + " was not approved";
            case SELLER_PRODUCT_TAKEN_DOWN -> "Your product " + data.get("title") + " was taken down";
            case SELLER_PRODUCT_REINSTATED -> "Your product " + data.get("title") + " is back on sale";
            case SELLER_PRODUCT_REVISION_APPROVED -> "Your changes to " + data.get("title") + " are live";
            case SELLER_PRODUCT_REVISION_REJECTED -> "Your changes to " + data.get("title") + " were not approved";
            case SELLER_SHOP_APPROVED -> shop(data) + " is approved: you can sell";
            case SELLER_SHOP_REJECTED -> shop(data) + " was not approved";
            case SELLER_SHOP_SUSPENDED -> shop(data) + " is suspended";
            case SELLER_DISPUTE_OPENED -> "Payment of order " + ref + " disputed by the buyer";
            case BUYER_ORDER_CONFIRMED -> "Your order " + ref + " is confirmed";
            case BUYER_SHIPMENT_DISPATCHED -> "Your order " + ref + " is on its way";
            case BUYER_GROUP_DELIVERED -> "Your order " + ref + " was delivered";
            case BUYER_ORDER_CANCELLED -> "Your order " + ref + " was cancelled";
            case BUYER_REFUND_ISSUED -> "Refund of " + data.get("amount") + " for order " + ref;
            case BUYER_RETURN_DECISION ->
                "Your return on order " + ref + ": "
                        + String.valueOf(data.getOrDefault("decision", "")).toLowerCase(Locale.ROOT);
        };
        return "[" + marketplace + "] " + what;
    }

    private static String shop(Map<String, Object> data) {
        String name = String.valueOf(data.getOrDefault("shopName", "")).strip();
        return name.isEmpty() ? "Your shop" : "Your shop " + name;
    }
}
