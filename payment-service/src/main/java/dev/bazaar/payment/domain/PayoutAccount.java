package dev.bazaar.payment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A seller's payout account: verified once the provider lets it receive payouts; {@code requirements} are what the
 * provider still needs from the seller (payouts pause while any is due).
 */
public record PayoutAccount(
        UUID shopId,
        String accountId,
        boolean verified,
        String onboardingUrl,
        Schedule schedule,
        Requirements requirements,
        boolean payoutsPaused) {

    /** The same account, paid out on {@code schedule}. */
    public PayoutAccount withSchedule(Schedule schedule) {
        return new PayoutAccount(shopId, accountId, verified, onboardingUrl, schedule, requirements, payoutsPaused);
    }

    /** The same account, with a fresh onboarding link. */
    public PayoutAccount withOnboardingUrl(String url) {
        return new PayoutAccount(shopId, accountId, verified, url, schedule, requirements, payoutsPaused);
    }

    public enum Schedule {
        DAILY,
        WEEKLY,
        MONTHLY
    }

    /** What the provider still needs before (or to keep) paying the seller out: Stripe's {@code requirements}. */
    public record Requirements(
            List<String> currentlyDue, List<String> pastDue, String disabledReason, Instant deadline) {
        public boolean any() {
            return !currentlyDue.isEmpty() || !pastDue.isEmpty() || disabledReason != null;
        }
    }

    /** An {@code account.updated} from the provider, as of {@code at} (the event's creation time). */
    public record Update(String accountId, boolean payoutsEnabled, Requirements requirements, Instant at) {}
}
