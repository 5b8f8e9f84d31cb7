package dev.bazaar.portal.service;

import dev.bazaar.portal.client.OrderClient.Detail;
import dev.bazaar.portal.client.OrderClient.Line;
import dev.bazaar.portal.client.OrderClient.Shipment;
import dev.bazaar.portal.client.OrderClient.ShipmentLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order page's ship form as the order service's shipment request: carrier, tracking number and, per line with
 * something left to send, how many go in this parcel ({@code qty-<variantId>}, all that is left unless the seller
 * typed fewer); what is wrong in it before it is sent; and what the form shows (refilled with what was typed).
 */
public final class Parcels {

    /** The name of a line's quantity field is this followed by the line's variant id. */
    public static final String QUANTITY = "qty-";

    /** A line with something left to send: {@code quantity} is what the field shows (as typed, else all left). */
    public record Row(String variantId, String title, String sku, int left, String quantity) {}

    /** The ship form as the page shows it. */
    public record Form(String carrier, String trackingNumber, List<Row> rows) {}

    /** The request, or (when the form cannot be right) why not, in words for the seller: nothing is sent then. */
    public record Draft(Shipment shipment, String error) {

        public boolean valid() {
            return error == null;
        }
    }

    private Parcels() {}

    /**
     * The form's fields as sent (first value of each, in the form's order). Only quantities above 0 become lines; a
     * form without any quantity field asks for everything left (the order service's default). Every quantity 0, or one
     * that is not a whole number from 0, is refused.
     */
    public static Draft draft(Map<String, String> form) {
        List<ShipmentLine> lines = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        boolean itemized = false;
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (!field.getKey().startsWith(QUANTITY)) {
                continue;
            }
            itemized = true;
            String variant = field.getKey().substring(QUANTITY.length());
            String typed = field.getValue() == null ? "" : field.getValue().trim();
            int n = quantity(typed);
            if (n < 0 || !ProductDrafts.isUuid(variant)) {
                wrong.add(typed);
            } else if (n > 0) {
                lines.add(new ShipmentLine(variant, n));
            }
        }
        if (!wrong.isEmpty()) {
            return new Draft(
                    null,
                    "How many of an item go in this parcel is a whole number from 0 to what is left"
                            + " to send, not "
                            + String.join(
                                    ", ",
                                    wrong.stream()
                                            .map(w -> "\u201c" + w + "\u201d")
                                            .toList())
                            + ".");
        }
        if (itemized && lines.isEmpty()) {
            return new Draft(
                    null, "Nothing to send: every quantity is 0. Enter how many of each item go in this " + "parcel.");
        }
        return new Draft(new Shipment(form.get("carrier"), form.get("trackingNumber"), itemized ? lines : null), null);
    }

    /** A typed quantity: empty is 0; -1 when it is not a whole number from 0. */
    private static int quantity(String typed) {
        if (typed.isEmpty()) {
            return 0;
        }
        if (typed.length() > 6 || !typed.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(typed);
    }

    /** The ship form of the order: the lines with something left, refilled from {@code typed} (may be empty). */
    public static Form form(Detail o, Map<String, String> typed) {
        List<Row> rows = new ArrayList<>();
        for (Line l : o.lines() == null ? List.<Line>of() : o.lines()) {
            if (l.left() > 0 && l.variantId() != null) {
                rows.add(new Row(
                        l.variantId(),
                        l.title(),
                        l.sku(),
                        l.left(),
                        typed.getOrDefault(QUANTITY + l.variantId(), String.valueOf(l.left()))));
            }
        }
        return new Form(typed.getOrDefault("carrier", ""), typed.getOrDefault("trackingNumber", ""), rows);
    }

    /** A message of the order service with the order's variant ids written as their SKUs, for people. */
    public static String readable(String message, Detail o) {
        if (message == null || o.lines() == null) {
            return message;
        }
        String text = message;
        for (Line l : o.lines()) {
            if (l.variantId() != null && l.sku() != null) {
                text = text.replace(l.variantId(), l.sku());
            }
        }
        return text;
    }
}
