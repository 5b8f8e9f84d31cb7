package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One category's commission from an instant on: a base rate, lowered step by step as a seller's trailing-30-day GMV
 * passes each tier's threshold. A schedule is never edited once it is in force (a new one with a later
 * {@code effectiveFrom} replaces it), so the rate a placed order froze can always be explained from the schedule it
 * was quoted under.
 *
 * <p>The rules that keep a schedule meaningful: rates are basis points 0..10000; thresholds are non-negative and
 * strictly ascending; each tier's rate is at most the one below it (selling more never costs a seller a higher rate).
 */
public record CommissionSchedule(UUID id, Instant effectiveFrom, int baseRateBps, List<Tier> tiers) {

    /** At most this many tiers: an admin's schedule, not a price list. */
    public static final int MAX_TIERS = 10;

    /** The highest threshold accepted: $10 trillion, far above any shop, and safe from overflow in sums. */
    public static final long MAX_ABOVE_MINOR = 1_000_000_000_000_000L;

    /** Above {@code aboveMinor} (strictly greater, in minor units of USD) of trailing GMV, {@code rateBps} applies. */
    public record Tier(long aboveMinor, int rateBps) {}

    /** A schedule an admin asked for that breaks one of the rules; {@code field} names the part at fault. */
    public static final class Invalid extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public CommissionSchedule {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
        requireRate("baseRateBps", baseRateBps);
        if (tiers.size() > MAX_TIERS) {
            throw new Invalid("tiers", "has at most " + MAX_TIERS + " tiers");
        }
        long previousAbove = -1;
        int previousRate = baseRateBps;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = Objects.requireNonNull(tiers.get(i), "tier");
            requireRate("tiers[" + i + "].rateBps", t.rateBps());
            if (t.aboveMinor() < 0 || t.aboveMinor() > MAX_ABOVE_MINOR) {
                throw new Invalid("tiers[" + i + "].aboveMinor", "must be between 0 and " + MAX_ABOVE_MINOR);
            }
            if (t.aboveMinor() <= previousAbove) {
                throw new Invalid("tiers[" + i + "].aboveMinor", "must be greater than the previous tier's");
            }
            if (t.rateBps() > previousRate) {
                throw new Invalid(
                        "tiers[" + i + "].rateBps", "must not be higher than the rate below it (" + previousRate + ")");
            }
            previousAbove = t.aboveMinor();
            previousRate = t.rateBps();
        }
    }

    private static void requireRate(String field, int bps) {
        if (bps < 0 || bps > 10_000) {
            throw new Invalid(field, "must be between 0 and 10000 basis points");
        }
    }
}
