package dev.bazaar.portal.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How reviews read for people (stars, a status in words, why the moderators hold one), the seller's status filter as
 * typed in the reviews page's GET form, and the query string that keeps it from page to page.
 */
public final class Reviews {

    /** The statuses a seller's list filters by (the review service shows sellers no other). */
    public static final List<String> STATUSES = List.of("PUBLISHED", "PENDING", "REJECTED");

    private static final Map<String, String> LABELS = Map.of(
            "PUBLISHED",
            "Published",
            "PENDING",
            "Waiting for moderation",
            "REJECTED",
            "Rejected by the marketplace",
            "REMOVED",
            "Withdrawn by the buyer");
    private static final Map<String, String> FLAGS = Map.of(
            "LENGTH",
            "too short or too long",
            "LINK",
            "a web address",
            "BLOCKED_WORD",
            "a blocked word",
            "REPEATED_TEXT",
            "the same text as another account's");
    /** The longest answer the review service takes (characters). */
    public static final int MAX_REPLY = 2000;

    private Reviews() {}

    /** A status from the filter form, trimmed and upper-cased; "" for all; null when it is none of {@link #STATUSES}. */
    public static String status(String typed) {
        String s = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        return s.isEmpty() || STATUSES.contains(s) ? s : null;
    }

    /** A review's status in words: "Waiting for moderation" for PENDING; one the portal does not know, as it is. */
    public static String label(String status) {
        return status == null ? "" : LABELS.getOrDefault(status, status);
    }

    /** 1 to 5 stars as five characters, filled then empty: "★★★★☆" for 4. */
    public static String stars(int rating) {
        int n = Math.max(0, Math.min(5, rating));
        return "★".repeat(n) + "☆".repeat(5 - n);
    }

    /**
     * Why a pending review waits, for the moderators: its automatic checks' flags in words ("a web address; a blocked
     * word"), or, with none, that readers reported it (a published review goes back to the queue after enough reports).
     */
    public static String heldBecause(List<String> flags) {
        if (flags == null || flags.isEmpty()) {
            return "reported by readers";
        }
        List<String> words = new ArrayList<>();
        for (String f : flags) {
            words.add(FLAGS.getOrDefault(f, f));
        }
        return String.join("; ", words);
    }

    /** The reviews page's query string for {@code status} ("" for all) from {@code cursor} (null: the newest). */
    public static String query(String status, String cursor) {
        List<String> pairs = new ArrayList<>();
        if (status != null && !status.isEmpty()) {
            pairs.add("status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
        }
        if (cursor != null && !cursor.isEmpty()) {
            pairs.add("cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }
}
