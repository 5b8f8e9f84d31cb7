package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which commission rate a seller pays in a category right now: the schedule in force (the latest whose
 * {@code effectiveFrom} is not after the instant) and, in it, the highest tier whose threshold the seller's
 * trailing-30-day GMV is strictly above. A category without a schedule in force keeps its fixed rate (the
 * {@code commission_rate_bps} every category has had), so schedules are an opt-in per category.
 */
public final class CommissionTiers {

    private CommissionTiers() {}

    /**
     * The answer, with what a seller needs to see how far the next step is. {@code tier} is 0 for the base rate and
     * {@code i + 1} for the schedule's {@code tiers[i]}; {@code scheduleId} is null when the category's fixed rate
     * applies. When there is a next tier, {@code toNextMinor} is what the GMV still has to grow by to be strictly above
     * its threshold (at least 1); all three {@code next*} are null at the top tier.
     */
    public record Resolved(
            int rateBps, int tier, UUID scheduleId, Long nextAboveMinor, Integer nextRateBps, Long toNextMinor) {}

    /** The schedule in force at {@code at}: the latest one that has started (an instant equal to its start counts). */
    public static Optional<CommissionSchedule> inForce(List<CommissionSchedule> schedules, Instant at) {
        return schedules.stream()
                .filter(s -> !s.effectiveFrom().isAfter(at))
                .max(Comparator.comparing(CommissionSchedule::effectiveFrom));
    }

    /** The rate for a seller with {@code trailingGmvMinor} at {@code at}, from the category's schedules. */
    public static Resolved resolve(
            int categoryRateBps, List<CommissionSchedule> schedules, Instant at, long trailingGmvMinor) {
        return inForce(schedules, at)
                .map(s -> resolve(s, trailingGmvMinor))
                .orElseGet(() -> new Resolved(categoryRateBps, 0, null, null, null, null));
    }

    /** The rate for a seller with {@code trailingGmvMinor} under one schedule. */
    public static Resolved resolve(CommissionSchedule schedule, long trailingGmvMinor) {
        List<CommissionSchedule.Tier> tiers = schedule.tiers();
        int reached = 0;
        while (reached < tiers.size() && trailingGmvMinor > tiers.get(reached).aboveMinor()) {
            reached++;
        }
        int rate =
                reached == 0 ? schedule.baseRateBps() : tiers.get(reached - 1).rateBps();
        if (reached == tiers.size()) {
            return new Resolved(rate, reached, schedule.id(), null, null, null);
        }
        CommissionSchedule.Tier next = tiers.get(reached);
        return new Resolved(
                rate,
                reached,
                schedule.id(),
                next.aboveMinor(),
                next.rateBps(),
                next.aboveMinor() - trailingGmvMinor + 1);
    }
}
