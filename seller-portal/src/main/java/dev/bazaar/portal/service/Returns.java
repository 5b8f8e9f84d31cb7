package dev.bazaar.portal.service;

import java.util.Map;

/**
 * How a return reads for people: the buyer's reason code in words (the order page and the admins' queue) and the
 * return's status as its seller sees it (the order page). A code or status the portal does not know yet is shown as
 * it is.
 */
public final class Returns {

    private static final Map<String, String> REASONS = Map.of(
            "DAMAGED",
            "Damaged",
            "NOT_AS_DESCRIBED",
            "Not as described",
            "WRONG_ITEM",
            "Wrong item",
            "NO_LONGER_NEEDED",
            "No longer needed",
            "OTHER",
            "Other");
    private static final Map<String, String> STATUSES = Map.of(
            "REQUESTED",
            "Waiting for your decision",
            "ESCALATED",
            "Waiting for a decision (overdue)",
            "AWAITING_ITEMS",
            "Waiting for the items to come back",
            "APPROVED",
            "Approved and refunded",
            "REJECTED",
            "Rejected");

    private Returns() {}

    /** The buyer's reason code in words: "Not as described" for NOT_AS_DESCRIBED; "" for none. */
    public static String reason(String code) {
        return code == null ? "" : REASONS.getOrDefault(code, code);
    }

    /** A return's status in words: "Waiting for the items to come back" for AWAITING_ITEMS; "" for none. */
    public static String status(String status) {
        return status == null ? "" : STATUSES.getOrDefault(status, status);
    }
}
