package dev.bazaar.portal.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The categories page's forms as an admin types them — dollars ("10,000" or "10000.50") and percent ("7" or
 * "7.25") — turned into what the catalog takes: cents and basis points, exactly. An amount with a fraction of a cent
 * or a rate with a fraction of a basis point is refused with a message rather than rounded: a commission rate an admin
 * did not type is not one the platform should charge.
 */
public final class CommissionForms {

    /** Tier rows the schedule form offers. */
    public static final int TIERS = 3;

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,3}(,[0-9]{3})*(\\.[0-9]+)?|[0-9]+(\\.[0-9]+)?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MAX_DOLLARS = new BigDecimal("10000000000");

    private CommissionForms() {}

    /** A tier as the catalog takes it: above this GMV (cents, strictly), this rate (basis points). */
    public record Tier(long aboveMinor, int rateBps) {}

    /**
     * A schedule read from the form: {@code effectiveFrom} an ISO instant or null (from now), the base rate and the
     * tiers; {@code errors} per field, in words for the admin (nothing is sent while there are any).
     */
    public record Schedule(String effectiveFrom, Integer baseRateBps, List<Tier> tiers, Map<String, String> errors) {}

    /** A percentage as basis points ("7.25" → 725); null with {@code errors} naming {@code field} when it is not. */
    public static Integer bps(String percent, String field, Map<String, String> errors) {
        String s = percent == null ? "" : percent.strip().replace("%", "").strip();
        if (s.isEmpty()) {
            errors.put(field, "is required");
            return null;
        }
        if (!NUMBER.matcher(s).matches() || s.contains(",")) {
            errors.put(field, "must be a percentage such as 7 or 7.25");
            return null;
        }
        BigDecimal bps = new BigDecimal(s).multiply(HUNDRED).stripTrailingZeros();
        if (bps.scale() > 0) {
            errors.put(field, "must be a whole number of basis points: at most two decimals (7.25 %)");
            return null;
        }
        if (bps.compareTo(BigDecimal.valueOf(10_000)) > 0) {
            errors.put(field, "is 0 to 100 %");
            return null;
        }
        return bps.intValueExact();
    }

    /** Dollars as cents ("10,000" → 1000000); null with {@code errors} naming {@code field} when it is not. */
    public static Long cents(String dollars, String field, Map<String, String> errors) {
        String s = dollars == null ? "" : dollars.strip().replace("$", "").strip();
        if (s.isEmpty()) {
            errors.put(field, "is required");
            return null;
        }
        if (!NUMBER.matcher(s).matches()) {
            errors.put(field, "must be an amount in dollars such as 10,000 or 10000.50");
            return null;
        }
        BigDecimal amount = new BigDecimal(s.replace(",", ""));
        if (amount.compareTo(MAX_DOLLARS) > 0) {
            errors.put(field, "is at most $10,000,000,000");
            return null;
        }
        BigDecimal cents = amount.multiply(HUNDRED).stripTrailingZeros();
        if (cents.scale() > 0) {
            errors.put(field, "must be whole cents: at most two decimals");
            return null;
        }
        return cents.longValueExact();
    }

    /**
     * The schedule form: {@code from} a date and time in UTC as a browser's {@code datetime-local} sends it
     * (2027-01-01T00:00) or an ISO instant, blank for now; {@code above} and {@code rates} the tier rows, a row left
     * blank skipped. The order of the tiers is the catalog's rule to check (it names the tier that breaks it).
     */
    public static Schedule schedule(String from, String base, List<String> above, List<String> rates) {
        Map<String, String> errors = new LinkedHashMap<>();
        String effectiveFrom = instant(from, errors);
        Integer baseBps = bps(base, "baseRate", errors);
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < Math.max(above.size(), rates.size()); i++) {
            String a = i < above.size() ? above.get(i) : null;
            String r = i < rates.size() ? rates.get(i) : null;
            boolean noAbove = a == null || a.isBlank();
            boolean noRate = r == null || r.isBlank();
            if (noAbove && noRate) {
                continue;
            }
            Long aboveMinor = cents(a, "tier" + (i + 1) + "Above", errors);
            Integer rateBps = bps(r, "tier" + (i + 1) + "Rate", errors);
            if (aboveMinor != null && rateBps != null) {
                tiers.add(new Tier(aboveMinor, rateBps));
            }
        }
        return new Schedule(effectiveFrom, baseBps, tiers, errors);
    }

    private static String instant(String from, Map<String, String> errors) {
        String s = from == null ? "" : from.strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            if (s.endsWith("Z") || s.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                return Instant.parse(s).toString();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            errors.put("effectiveFrom", "must be a date and time such as 2027-01-01T00:00 (UTC)");
            return null;
        }
    }
}
