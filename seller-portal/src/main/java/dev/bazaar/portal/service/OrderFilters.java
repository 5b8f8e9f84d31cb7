package dev.bazaar.portal.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orders page's filters as typed in its GET form (status, placed from/to, needs action, page), what is wrong with
 * them before the order service is asked, the query string that keeps them from page to page, and the pager.
 */
public final class OrderFilters {

    /** The group statuses the order service filters by. */
    public static final List<String> STATUSES =
            List.of("PLACED", "PAID", "PARTIALLY_SHIPPED", "SHIPPED", "DELIVERED", "CANCELLED");
    /** How a status reads where it is not its own name. */
    private static final Map<String, String> LABELS = Map.of("PARTIALLY_SHIPPED", "Partly shipped");
    /** Order groups per page. */
    public static final int PAGE_SIZE = 20;

    /**
     * The filters, trimmed ("" when not given; refilled in the form as typed); {@code page} from 0. {@code errors}
     * says what is wrong, in words for the seller; the order service is asked only when there is nothing.
     */
    public record Filter(String status, String from, String to, boolean needsAction, int page, List<String> errors) {

        public static final Filter NONE = new Filter("", "", "", false, 0, List.of());

        public boolean valid() {
            return errors.isEmpty();
        }

        /** The parameters as the order service takes them: null when not filtered. */
        public String statusParam() {
            return status.isEmpty() ? null : status;
        }

        public String fromParam() {
            return from.isEmpty() ? null : from;
        }

        public String toParam() {
            return to.isEmpty() ? null : to;
        }

        public Boolean needsActionParam() {
            return needsAction ? Boolean.TRUE : null;
        }

        /** The list's query string for page {@code n} with the same filters (URL-encoded; the page escapes it). */
        public String query(int n) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("status", status);
            params.put("from", from);
            params.put("to", to);
            params.put("needsAction", needsAction ? "true" : "");
            params.put("page", n > 0 ? String.valueOf(n) : "");
            List<String> pairs = new ArrayList<>();
            params.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            });
            return String.join("&", pairs);
        }
    }

    /** Where a page of the list is among all: "page {number} of {pages}", {@code total} groups in all. */
    public record Paging(int page, int size, long total) {

        public int number() {
            return page + 1;
        }

        public long pages() {
            return Math.max(1, (total + size - 1) / Math.max(1, size));
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return page + 1 < pages();
        }

        public int previous() {
            return Math.max(0, Math.min(page - 1, (int) pages() - 1));
        }

        public int next() {
            return page + 1;
        }
    }

    private OrderFilters() {}

    /** A group status for people: "Partly shipped" for PARTIALLY_SHIPPED, any other as it is. */
    public static String label(String status) {
        return status == null ? "" : LABELS.getOrDefault(status, status);
    }

    /** The form's values as sent (any may be null); a checked "needs action" box sends {@code true} (or "on"). */
    public static Filter read(String status, String from, String to, String needsAction, String page) {
        List<String> errors = new ArrayList<>();
        String s = trim(status).toUpperCase(Locale.ROOT);
        if (!s.isEmpty() && !STATUSES.contains(s)) {
            errors.add("Status must be one of " + String.join(", ", STATUSES) + ".");
        }
        String f = trim(from);
        String t = trim(to);
        LocalDate fromDate = date(f, "The start date", errors);
        LocalDate toDate = date(t, "The end date", errors);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            errors.add("The start date " + f + " is after the end date " + t + ".");
        }
        String n = trim(needsAction).toLowerCase(Locale.ROOT);
        int p = 0;
        String typed = trim(page);
        if (!typed.isEmpty()) {
            try {
                p = Integer.parseInt(typed);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0) {
                errors.add("The page must be a whole number from 0.");
                p = 0;
            }
        }
        return new Filter(s, f, t, n.equals("true") || n.equals("on"), p, List.copyOf(errors));
    }

    /** A date as yyyy-MM-dd, or null (with an error when something else was typed). */
    private static LocalDate date(String typed, String label, List<String> errors) {
        if (typed.isEmpty()) {
            return null;
        }
        try {
            if (typed.length() == 10) {
                return LocalDate.parse(typed);
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        errors.add(label + " must be a date written yyyy-MM-dd (e.g. 2026-12-01), not " + typed + ".");
        return null;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
